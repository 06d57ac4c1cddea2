"""Invitations to exhibit: their services (one per change of state) and selectors.

draft → sent → accepted / declined / withdrawn / expired. Each transition is one service that
checks the states it may come from (under a row lock, so two answers at once make one change),
saves the invitation through the audit log and writes an :class:`InvitationEvent`. Sending
e-mails the artist an unguessable link to the public answer page, which dies at the deadline;
at the deadline an unanswered invitation expires by itself (a task queued with ``run_after``
when it is sent; ``vernissage manage invitations_expire`` catches up).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.services import Actor, audit_m2m, audited_save, m2m_snapshot
from vernissage.exhibitions import links
from vernissage.exhibitions.mail import message_queue, messages_send_on_commit
from vernissage.exhibitions.models import Exhibition, GuestMessage, Invitation, InvitationEvent
from vernissage.people.models import Organization, Person

State = Invitation.State

#: The states each transition may come from.
SEND_FROM = (State.DRAFT,)
ANSWER_FROM = (State.SENT,)
WITHDRAW_FROM = (State.DRAFT, State.SENT)
EXPIRE_FROM = (State.SENT,)

#: Fields staff may change while the invitation is a draft (afterwards it is what was sent).
DRAFT_FIELDS = (
    "artist",
    "from_person",
    "from_organization",
    "exhibition",
    "proposal",
    "email",
    "message",
    "deadline",
    "source",
    "is_public",
)


# --- selectors -----------------------------------------------------------------------------


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation an answer link opens, or ``None`` for a link that is none of ours."""
    if not links.looks_like_token(token):
        return None
    return (
        Invitation.objects.select_related(
            "artist", "exhibition", "from_person", "from_organization"
        )
        .filter(token_hash=links.token_hash(token))
        .first()
    )


def invitation_link_is_expired(invitation: Invitation) -> bool:
    """An answer link lives until the invitation's deadline."""
    return invitation.deadline is not None and invitation.deadline <= timezone.now()


def invitation_history(*, invitation: Invitation) -> list[InvitationEvent]:
    return list(invitation.events.select_related("actor").order_by("at", "id"))


# --- checks --------------------------------------------------------------------------------


def _check(invitation: Invitation) -> None:
    errors: dict[str, list[str]] = {}
    if invitation.from_person_id is None and invitation.from_organization_id is None:
        errors["from_person"] = [
            _("Say who invites: a person (a collector, a curator) or an organization.")
        ]
    if invitation.from_person_id is not None and invitation.from_organization_id is not None:
        errors["from_organization"] = [
            _("An invitation comes from a person or from an organization, not both.")
        ]
    if invitation.exhibition_id is None and not invitation.proposal.strip():
        errors["proposal"] = [
            _("Choose the exhibition, or describe the proposal when there is none yet.")
        ]
    if errors:
        raise ValidationError(errors)


def _actor(acting_user: Actor) -> User | None:
    return acting_user if isinstance(acting_user, User) else None


def _state_refusal(invitation: Invitation, action: str) -> ValidationError:
    return ValidationError(
        _("This invitation is %(state)s; it cannot be %(action)s.")
        % {"state": invitation.get_state_display(), "action": action}
    )


def _transition(
    invitation: Invitation,
    *,
    to: State,
    allowed_from: tuple[State, ...],
    action: str,
    acting_user: Actor,
    note: str = "",
    **changes: Any,
) -> Invitation:
    """Move the (locked) invitation to ``to``: audited save and history row. Call inside a
    transaction, on a row got with ``select_for_update``."""
    if invitation.state not in allowed_from:
        raise _state_refusal(invitation, action)
    from_state = invitation.state
    for name, value in changes.items():
        setattr(invitation, name, value)
    invitation.state = to
    audited_save(instance=invitation, acting_user=acting_user)
    InvitationEvent.objects.create(
        invitation=invitation,
        from_state=from_state,
        to_state=to,
        actor=_actor(acting_user),
        note=note,
    )
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


def _copy(source: Invitation, target: Invitation) -> Invitation:
    for field in Invitation._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return target


# --- services ------------------------------------------------------------------------------


def invitation_create(
    *,
    acting_user: Actor,
    artist: Person,
    from_person: Person | None = None,
    from_organization: Organization | None = None,
    exhibition: Exhibition | None = None,
    proposal: str = "",
    email: str = "",
    message: str = "",
    deadline: Any = None,
    source: str = "",
    is_public: bool = False,
) -> Invitation:
    """A draft invitation to exhibit; nothing is sent yet."""
    invitation = Invitation(
        artist=artist,
        from_person=from_person,
        from_organization=from_organization,
        exhibition=exhibition,
        proposal=proposal.strip(),
        email=email.strip(),
        message=message,
        deadline=deadline,
        source=source,
        is_public=is_public,
    )
    return invitation_save(invitation=invitation, acting_user=acting_user)


def invitation_save(*, invitation: Invitation, acting_user: Actor) -> Invitation:
    """Save a new draft, or edits to a draft. Once sent, an invitation is what the artist
    received: only its public flag and its source may still change."""
    _check(invitation)
    if invitation.pk is None:
        invitation.state = State.DRAFT
        with transaction.atomic():
            audited_save(instance=invitation, acting_user=acting_user)
            InvitationEvent.objects.create(
                invitation=invitation,
                from_state="",
                to_state=State.DRAFT,
                actor=_actor(acting_user),
            )
        return invitation
    with transaction.atomic():
        stored = _locked(invitation)
        if stored.state != State.DRAFT:
            changed = [
                str(field.verbose_name)
                for field in Invitation._meta.concrete_fields
                if field.name in DRAFT_FIELDS
                and field.name not in {"is_public", "source"}
                and getattr(stored, field.attname) != getattr(invitation, field.attname)
            ]
            if changed:
                raise ValidationError(
                    _(
                        "This invitation was sent; what the artist received cannot be changed "
                        "(%(fields)s). Withdraw it and write a new one."
                    )
                    % {"fields": ", ".join(changed)}
                )
        # The state and the link belong to the transitions, never to an edit.
        for name in ("state", "sent_at", "answered_at", "token_hash", "answer"):
            setattr(invitation, name, getattr(stored, name))
        audited_save(instance=invitation, acting_user=acting_user)
    return invitation


def invitation_recipient(invitation: Invitation) -> str:
    """Where the invitation goes: the address written on it, else the artist's contact's."""
    if invitation.email:
        return invitation.email
    contact = getattr(invitation.artist, "contact", None)
    return contact.email if contact is not None else ""


def invitation_subject(invitation: Invitation) -> str:
    what = invitation.exhibition.title if invitation.exhibition else invitation.proposal
    inviter = invitation.inviter
    if inviter is None:
        return _("An invitation to exhibit: %(what)s") % {"what": what}
    return _("%(inviter)s invites you to exhibit: %(what)s") % {"inviter": inviter, "what": what}


def invitation_send(*, invitation: Invitation, acting_user: Actor) -> Invitation:
    """Send a draft: the artist receives an e-mail with an answer link that dies at the
    deadline, and the invitation expires by itself then if unanswered."""
    from vernissage.exhibitions.tasks import enqueue_at, invitation_expire_task

    with transaction.atomic():
        locked = _locked(invitation)
        if locked.state not in SEND_FROM:
            raise _state_refusal(locked, _("sent"))
        to = invitation_recipient(locked)
        errors: dict[str, list[str]] = {}
        if not to:
            errors["email"] = [
                _("Write the artist's e-mail address (or add it to the artist's contact) first.")
            ]
        now = timezone.now()
        if locked.deadline is None:
            errors["deadline"] = [_("Set the date by which the artist should answer.")]
        elif locked.deadline <= now:
            errors["deadline"] = [_("The deadline has passed: choose a later one.")]
        if errors:
            raise ValidationError(errors)
        sent_at = links.issue_moment(now)
        token = links.link_token(purpose="invitation", pk=locked.pk, issued=sent_at)
        _transition(
            locked,
            to=State.SENT,
            allowed_from=SEND_FROM,
            action=_("sent"),
            acting_user=acting_user,
            sent_at=sent_at,
            email=to,
            token_hash=links.token_hash(token),
        )
        message = message_queue(
            kind=GuestMessage.Kind.INVITATION_TO_EXHIBIT,
            to=to,
            subject=invitation_subject(locked),
            invitation=locked,
        )
        messages_send_on_commit([message.pk])
        deadline, pk = locked.deadline, locked.pk
        transaction.on_commit(lambda: enqueue_at(invitation_expire_task, deadline, pk))
    return _copy(locked, invitation)


def _answer(
    invitation: Invitation, *, to: State, answer: str, acting_user: Actor, action: str
) -> Invitation:
    with transaction.atomic():
        locked = _locked(invitation)
        if locked.state not in ANSWER_FROM:
            raise _state_refusal(locked, action)
        if invitation_link_is_expired(locked):
            raise ValidationError(
                _("The deadline to answer this invitation has passed; it can no longer be %(a)s.")
                % {"a": action}
            )
        _transition(
            locked,
            to=to,
            allowed_from=ANSWER_FROM,
            action=action,
            acting_user=acting_user,
            answer=answer.strip(),
            answered_at=timezone.now(),
            note=answer.strip(),
        )
        if to == State.ACCEPTED:
            _artist_joins(locked, acting_user=acting_user)
    return _copy(locked, invitation)


def _artist_joins(invitation: Invitation, *, acting_user: Actor) -> None:
    """An accepted invitation puts the artist among the exhibition's artists."""
    if invitation.exhibition_id is None:
        return
    exhibition = Exhibition.all_objects.select_for_update().get(pk=invitation.exhibition_id)
    if not exhibition.artists.filter(pk=invitation.artist_id).exists():
        before = m2m_snapshot(exhibition)
        exhibition.artists.add(invitation.artist_id)
        audit_m2m(instance=exhibition, acting_user=acting_user, before=before)


def invitation_record_answer(
    *,
    invitation: Invitation,
    accepted: bool,
    answered_at: dt.datetime,
    answer: str = "",
    acting_user: Actor,
) -> Invitation:
    """Record a draft invitation that was made and answered outside Vernissage (a letter, a
    call, an evening years ago): straight to accepted or declined, dated as it happened, with
    a history row saying so. Nothing is sent."""
    if answered_at > timezone.now():
        raise ValidationError(
            {"answered_at": _("An answer recorded after the fact cannot be in the future.")}
        )
    to = State.ACCEPTED if accepted else State.DECLINED
    action = _("accepted") if accepted else _("declined")
    with transaction.atomic():
        locked = _locked(invitation)
        _transition(
            locked,
            to=to,
            allowed_from=(State.DRAFT,),
            action=action,
            acting_user=acting_user,
            answer=answer.strip(),
            answered_at=answered_at,
            note=_("Invited and answered outside Vernissage; recorded here."),
        )
        if accepted:
            _artist_joins(locked, acting_user=acting_user)
    return _copy(locked, invitation)


def invitation_accept(
    *, invitation: Invitation, answer: str = "", acting_user: Actor
) -> Invitation:
    """The artist says yes (on the answer page, or staff record a yes given another way): the
    artist joins the exhibition's artists."""
    return _answer(
        invitation, to=State.ACCEPTED, answer=answer, acting_user=acting_user, action=_("accepted")
    )


def invitation_decline(
    *, invitation: Invitation, answer: str = "", acting_user: Actor
) -> Invitation:
    return _answer(
        invitation, to=State.DECLINED, answer=answer, acting_user=acting_user, action=_("declined")
    )


def invitation_withdraw(
    *, invitation: Invitation, acting_user: Actor, note: str = ""
) -> Invitation:
    """The inviter calls the invitation off; its answer link then says so."""
    with transaction.atomic():
        locked = _locked(invitation)
        _transition(
            locked,
            to=State.WITHDRAWN,
            allowed_from=WITHDRAW_FROM,
            action=_("withdrawn"),
            acting_user=acting_user,
            note=note,
        )
    return _copy(locked, invitation)


def invitation_expire(*, invitation: Invitation, acting_user: Actor = None) -> Invitation:
    """An unanswered invitation whose deadline has passed expires."""
    with transaction.atomic():
        locked = _locked(invitation)
        if locked.state in EXPIRE_FROM and not invitation_link_is_expired(locked):
            raise ValidationError(
                _("This invitation's deadline has not passed; it cannot expire yet.")
            )
        _transition(
            locked,
            to=State.EXPIRED,
            allowed_from=EXPIRE_FROM,
            action=_("expired"),
            acting_user=acting_user,
            note=_("No answer by the deadline."),
        )
    return _copy(locked, invitation)


def invitation_expire_if_due(*, invitation_id: int) -> str:
    """The deadline task: expire the invitation if it is still unanswered and due; otherwise
    nothing (answered, withdrawn, expired already, or not due)."""
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        return "gone"
    if invitation.state not in EXPIRE_FROM:
        return f"already {invitation.state}"
    if not invitation_link_is_expired(invitation):
        return "not due"
    try:
        invitation_expire(invitation=invitation, acting_user=None)
    except ValidationError:
        return "answered meanwhile"
    return "expired"


def invitations_expire_due() -> int:
    """Expire every sent invitation whose deadline has passed (the catch-up command)."""
    due = Invitation.objects.filter(state__in=EXPIRE_FROM, deadline__lte=timezone.now())
    return sum(
        invitation_expire_if_due(invitation_id=pk) == "expired"
        for pk in due.values_list("pk", flat=True)
    )
