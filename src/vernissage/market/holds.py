"""Holds and offers on works, and the one place a work's stock status changes for the market.

A hold keeps a work for one contact until a date: the work turns ``reserved``, nobody else
can buy it until the hold is released, lapses (by itself, at its date; the contact's keeper
is told by e-mail) or ends in a sale to that contact. Every function is one transaction,
audited; a refusal is a translated ``ValidationError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from vernissage.core.models import AuditLog
from vernissage.core.services import Actor, audit_record, audited_save, snapshot
from vernissage.exhibitions.tasks import enqueue_at
from vernissage.market.models import Contact, Hold, Offer
from vernissage.market.money import currency_check
from vernissage.works.models import Artwork

#: Works that can never be held or sold.
GONE = (Artwork.Status.DESTROYED, Artwork.Status.LOST)


def artwork_status_set(*, artwork: Artwork, status: str, acting_user: Actor) -> None:
    """Move a (locked) work to ``status`` and log it; only the market's services call this."""
    if artwork.status == status:
        return
    before = snapshot(artwork)
    artwork.status = status
    artwork.save(update_fields=["status", "updated_at"])
    audit_record(
        instance=artwork,
        action=AuditLog.Action.UPDATE,
        acting_user=acting_user,
        before=before,
        after=snapshot(artwork),
    )


def artwork_lock(*, artwork_id: int) -> Artwork:
    """The work's row, locked until the transaction ends (deleted works included, to refuse
    them by name)."""
    return Artwork.all_objects.select_for_update().get(pk=artwork_id)


def artwork_refusal(artwork: Artwork) -> str | None:
    """Why this work cannot be held or sold at all, or ``None``."""
    if artwork.deleted_at is not None:
        return _("“%(work)s” is deleted: it cannot be held or sold.") % {"work": artwork}
    if artwork.status in GONE:
        return _("“%(work)s” is recorded as %(status)s: it cannot be held or sold.") % {
            "work": artwork,
            "status": artwork.get_status_display(),
        }
    if artwork.status == Artwork.Status.SOLD:
        return _("“%(work)s” is sold already.") % {"work": artwork}
    return None


def active_hold(artwork: Artwork) -> Hold | None:
    return Hold.objects.filter(artwork=artwork, state=Hold.State.ACTIVE).first()


def hold_place(
    *, artwork: Artwork, contact: Contact, until: dt.datetime, acting_user: Actor, note: str = ""
) -> Hold:
    """Keep ``artwork`` for ``contact`` until ``until``; it lapses by itself then."""
    if until <= timezone.now():
        raise ValidationError({"until": _("A hold must last until a moment still to come.")})
    with transaction.atomic():
        locked = artwork_lock(artwork_id=artwork.pk)
        refusal = artwork_refusal(locked)
        if refusal:
            raise ValidationError(refusal)
        current = active_hold(locked)
        if current is not None:
            raise ValidationError(
                _("“%(work)s” is on hold for %(contact)s until %(until)s; release it first.")
                % {
                    "work": locked,
                    "contact": current.contact,
                    "until": timezone.localtime(current.until).strftime("%Y-%m-%d %H:%M"),
                }
            )
        if locked.status != Artwork.Status.AVAILABLE:
            raise ValidationError(
                _("“%(work)s” is %(status)s, not available: it cannot be held.")
                % {"work": locked, "status": locked.get_status_display()}
            )
        hold = audited_save(
            instance=Hold(artwork=locked, contact=contact, until=until, note=note),
            acting_user=acting_user,
        )
        artwork_status_set(artwork=locked, status=Artwork.Status.RESERVED, acting_user=acting_user)
        artwork.status = locked.status
        transaction.on_commit(_lapse_later(hold))
    return hold


def _lapse_later(hold: Hold) -> Callable[[], None]:
    def queue() -> None:
        from vernissage.market.tasks import hold_lapse_task

        enqueue_at(hold_lapse_task, hold.until, hold.pk)

    return queue


def _hold_end(*, hold: Hold, state: str, acting_user: Actor) -> Hold:
    with transaction.atomic():
        locked_work = artwork_lock(artwork_id=hold.artwork_id)
        locked = Hold.objects.select_for_update().get(pk=hold.pk)
        if locked.state != Hold.State.ACTIVE:
            raise ValidationError(
                _("This hold has ended already (%(state)s).")
                % {"state": locked.get_state_display()}
            )
        locked.state = state
        locked.ended_at = timezone.now()
        audited_save(instance=locked, acting_user=acting_user)
        if locked_work.status == Artwork.Status.RESERVED and state != Hold.State.SOLD:
            artwork_status_set(
                artwork=locked_work, status=Artwork.Status.AVAILABLE, acting_user=acting_user
            )
    hold.state, hold.ended_at = locked.state, locked.ended_at
    return hold


def hold_release(*, hold: Hold, acting_user: Actor) -> Hold:
    """Give the work back to everyone: the hold ends, the work is available again."""
    return _hold_end(hold=hold, state=Hold.State.RELEASED, acting_user=acting_user)


def hold_lapse_if_due(*, hold_id: int) -> str:
    """The hold's task at its date: end it if still active and due, and tell the contact's
    keeper; otherwise nothing (released, sold, lapsed already, or moved later)."""
    hold = Hold.objects.select_related("artwork", "contact__looked_after_by").filter(pk=hold_id)
    found = hold.first()
    if found is None:
        return "gone"
    if found.state != Hold.State.ACTIVE:
        return f"already {found.state}"
    if found.until > timezone.now():
        return "not due"
    try:
        _hold_end(hold=found, state=Hold.State.LAPSED, acting_user=None)
    except ValidationError:
        return "ended meanwhile"
    keeper = found.contact.looked_after_by
    if keeper is not None and keeper.email:
        transaction.on_commit(lambda: _tell_keeper(found, keeper.email))
    return "lapsed"


def _tell_keeper(hold: Hold, address: str) -> None:
    with override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Hold lapsed: %(work)s") % {"work": hold.artwork},
            message=_(
                "The hold on “%(work)s” for %(contact)s ended on %(until)s without a sale. "
                "The work is available again."
            )
            % {
                "work": hold.artwork,
                "contact": hold.contact,
                "until": timezone.localtime(hold.until).strftime("%Y-%m-%d %H:%M"),
            },
            from_email=None,
            recipient_list=[address],
        )


def holds_lapse_due() -> int:
    """End every active hold past its date (the catch-up command)."""
    due = Hold.objects.filter(state=Hold.State.ACTIVE, until__lte=timezone.now())
    return sum(hold_lapse_if_due(hold_id=pk) == "lapsed" for pk in due.values_list("pk", flat=True))


# --- offers ---------------------------------------------------------------------------------


def offer_record(
    *,
    artwork: Artwork,
    contact: Contact,
    amount: Decimal,
    currency: str,
    acting_user: Actor,
    note: str = "",
) -> Offer:
    """Write down what ``contact`` offered for ``artwork``."""
    currency = currency_check(currency)
    if amount <= 0:
        raise ValidationError({"amount": _("An offer is an amount above zero.")})
    refusal = artwork_refusal(artwork)
    if refusal:
        raise ValidationError(refusal)
    return audited_save(
        instance=Offer(
            artwork=artwork, contact=contact, amount=amount, currency=currency, note=note
        ),
        acting_user=acting_user,
    )


def offer_answer(
    *,
    offer: Offer,
    answer: str,
    acting_user: Actor,
    counter_amount: Decimal | None = None,
) -> Offer:
    """Record the gallery's answer to an offer: accepted, declined, or countered (with the
    amount asked back)."""
    if answer not in {Offer.Answer.ACCEPTED, Offer.Answer.DECLINED, Offer.Answer.COUNTERED}:
        raise ValidationError(_("Answer an offer with accepted, declined or countered."))
    if answer == Offer.Answer.COUNTERED and (counter_amount is None or counter_amount <= 0):
        raise ValidationError({"counter_amount": _("A counter-offer needs its amount.")})
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if locked.answer != Offer.Answer.PENDING:
            raise ValidationError(
                _("This offer was answered already (%(answer)s).")
                % {"answer": locked.get_answer_display()}
            )
        locked.answer = answer
        locked.counter_amount = counter_amount if answer == Offer.Answer.COUNTERED else None
        locked.answered_at = timezone.now()
        audited_save(instance=locked, acting_user=acting_user)
    return locked
