"""Sales: a buyer, lines of works in one currency, the artist's share, payments, and one
service per step of draft → confirmed → invoiced → paid (or cancelled, with a reason).

Each step checks where it may come from, writes a :class:`SaleEvent` and an audit row, in
one transaction. Confirming locks the works' rows (``select_for_update``), so two people
confirming sales of the same work at the same moment cannot both succeed: the second waits,
then finds the work sold and is told so. Invoicing takes the next number of the year from a
locked counter row, so numbers have neither gap nor duplicate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.models import AuditLog
from vernissage.core.services import Actor, audit_record, audited_delete, audited_save, snapshot
from vernissage.market.holds import active_hold, artwork_lock, artwork_refusal, artwork_status_set
from vernissage.market.models import (
    Contact,
    Hold,
    InvoiceCounter,
    Payment,
    Sale,
    SaleEvent,
    SaleLine,
)
from vernissage.market.money import Money, currency_check, rounded
from vernissage.market.provenance import (
    provenance_current_owner,
    provenance_sale_record,
    provenance_sale_withdraw,
)
from vernissage.people.models import Place
from vernissage.works.models import Artwork, Creation

HUNDRED = Decimal(100)
#: Works a sale may take: available ones, and those on hold for the buyer.
SELLABLE = (Artwork.Status.AVAILABLE, Artwork.Status.RESERVED)


@dataclass(frozen=True)
class SaleTotals:
    currency: str
    net: Decimal
    tax: Decimal
    total: Decimal
    paid: Decimal
    balance: Decimal
    artist: Decimal
    gallery: Decimal

    def money(self, name: str) -> Money:
        return Money(getattr(self, name), self.currency)

    @property
    def net_money(self) -> Money:
        return self.money("net")

    @property
    def tax_money(self) -> Money:
        return self.money("tax")

    @property
    def total_money(self) -> Money:
        return self.money("total")

    @property
    def paid_money(self) -> Money:
        return self.money("paid")

    @property
    def balance_money(self) -> Money:
        return self.money("balance")

    @property
    def artist_money(self) -> Money:
        return self.money("artist")

    @property
    def gallery_money(self) -> Money:
        return self.money("gallery")


def sale_totals(sale: Sale, *, lines: list[SaleLine] | None = None) -> SaleTotals:
    """What the sale comes to; ``lines`` and payments read from their prefetch if present."""
    currency = sale.currency
    lines = list(sale.lines.all()) if lines is None else lines
    net = sum((line.net(currency) for line in lines), Decimal(0))
    tax = sum((line.tax(currency) for line in lines), Decimal(0))
    paid = sum((payment.amount for payment in sale.payments.all()), Decimal(0))
    artist = rounded(net * sale.artist_share / HUNDRED, currency)
    return SaleTotals(
        currency=currency,
        net=net,
        tax=tax,
        total=net + tax,
        paid=paid,
        balance=net + tax - paid,
        artist=artist,
        gallery=net - artist,
    )


def _event(*, sale: Sale, from_state: str, acting_user: Actor, note: str = "") -> None:
    actor = acting_user if acting_user is not None and acting_user.is_authenticated else None
    SaleEvent.objects.create(
        sale=sale,
        from_state=from_state,
        to_state=sale.state,
        actor_id=actor.pk if actor is not None else None,
        note=note[:500],
    )


def _locked(sale: Sale, allowed: tuple[str, ...], doing: str) -> Sale:
    """The sale's row, locked, if its state allows ``doing``; a clear refusal otherwise."""
    locked = Sale.objects.select_for_update().get(pk=sale.pk)
    if locked.state not in allowed:
        raise ValidationError(
            _("This sale is %(state)s: it cannot be %(doing)s.")
            % {"state": locked.get_state_display(), "doing": doing}
        )
    return locked


def _percent(value: Decimal, field: str, label: str) -> Decimal:
    if value < 0 or value > HUNDRED:
        raise ValidationError(
            {field: _("%(label)s is a percentage from 0 to 100.") % {"label": label}}
        )
    return value


# --- drafts ---------------------------------------------------------------------------------


def sale_create(
    *,
    buyer: Contact,
    currency: str,
    acting_user: Actor,
    artist_share: Decimal = Decimal(50),
    terms: str = "",
    notes: str = "",
) -> Sale:
    """Start a draft sale to ``buyer`` in ``currency``."""
    return sale_save(
        sale=Sale(
            buyer=buyer, currency=currency, artist_share=artist_share, terms=terms, notes=notes
        ),
        acting_user=acting_user,
    )


#: What only the steps of a sale change (confirm, invoice, payment, cancel).
STEP_FIELDS = (
    "state",
    "confirmed_at",
    "invoice_number",
    "invoiced_at",
    "paid_at",
    "cancel_reason",
)
#: What stays as agreed once a sale is confirmed.
AGREED_FIELDS = ("buyer_id", "currency", "artist_share")


def sale_save(*, sale: Sale, acting_user: Actor) -> Sale:
    """Save a sale's own details as edited (the admin's form): a new sale is a draft; terms
    and notes change at any time, the buyer, currency and artist's share only while it is a
    draft (and the currency only while it has no lines); its state only through its steps."""
    sale.currency = currency_check(sale.currency)
    _percent(sale.artist_share, "artist_share", _("The artist's share"))
    with transaction.atomic():
        if sale.pk is None:
            if sale.state != Sale.State.DRAFT or any(
                getattr(sale, name) for name in STEP_FIELDS if name != "state"
            ):
                raise ValidationError(_("A new sale is a draft; its steps come after."))
            audited_save(instance=sale, acting_user=acting_user)
            _event(sale=sale, from_state="", acting_user=acting_user)
            return sale
        stored = Sale.objects.select_for_update().get(pk=sale.pk)
        if any(getattr(sale, name) != getattr(stored, name) for name in STEP_FIELDS):
            raise ValidationError(
                _("A sale's state changes through its steps: confirm, invoice, pay or cancel.")
            )
        changed = [name for name in AGREED_FIELDS if getattr(sale, name) != getattr(stored, name)]
        if changed and stored.state != Sale.State.DRAFT:
            raise ValidationError(
                _("This sale is %(state)s: its buyer, currency and artist's share stay as agreed.")
                % {"state": stored.get_state_display()}
            )
        if "currency" in changed and stored.lines.exists():
            raise ValidationError(
                {"currency": _("Remove the lines before changing the sale's currency.")}
            )
        return audited_save(instance=sale, acting_user=acting_user)


def _sellable_to(artwork: Artwork, buyer: Contact) -> None:
    refusal = artwork_refusal(artwork)
    if refusal:
        raise ValidationError(refusal)
    hold = active_hold(artwork)
    if hold is not None and hold.contact_id != buyer.pk:
        raise ValidationError(
            _(
                "“%(work)s” is on hold for %(contact)s: release the hold before selling it to "
                "anyone else."
            )
            % {"work": artwork, "contact": hold.contact}
        )
    if artwork.status not in SELLABLE:
        raise ValidationError(
            _("“%(work)s” is %(status)s: it cannot be sold.")
            % {"work": artwork, "status": artwork.get_status_display()}
        )
    if artwork.status == Artwork.Status.RESERVED and hold is None:
        raise ValidationError(
            _("“%(work)s” is reserved without a hold; make it available first.") % {"work": artwork}
        )


def sale_line_add(
    *,
    sale: Sale,
    artwork: Artwork,
    price: Decimal,
    currency: str,
    acting_user: Actor,
    discount: Decimal = Decimal(0),
    tax_rate: Decimal = Decimal(0),
) -> SaleLine:
    """Put ``artwork`` on a draft sale at ``price`` in the sale's currency."""
    if price < 0:
        raise ValidationError({"price": _("A price cannot be negative.")})
    _percent(discount, "discount", _("The discount"))
    _percent(tax_rate, "tax_rate", _("The tax rate"))
    currency = currency_check(currency)
    with transaction.atomic():
        locked_sale = _locked(sale, (Sale.State.DRAFT,), _("changed"))
        if currency != locked_sale.currency:
            raise ValidationError(
                {
                    "currency": _("This sale is in %(sale)s; a line in %(line)s cannot join it.")
                    % {"sale": locked_sale.currency, "line": currency}
                }
            )
        work = artwork_lock(artwork_id=artwork.pk)
        _sellable_to(work, locked_sale.buyer)
        if locked_sale.lines.filter(artwork=work).exists():
            raise ValidationError(_("“%(work)s” is on this sale already.") % {"work": work})
        line = SaleLine(
            sale=locked_sale,
            artwork=work,
            price=rounded(price, currency),
            discount=discount,
            tax_rate=tax_rate,
        )
        line.net_amount = line.net(currency)
        return audited_save(instance=line, acting_user=acting_user)


def sale_line_remove(*, line: SaleLine, acting_user: Actor) -> None:
    with transaction.atomic():
        _locked(line.sale, (Sale.State.DRAFT,), _("changed"))
        audited_delete(instance=line, acting_user=acting_user)


# --- the steps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvenanceTerms:
    """How a sale's provenance event tells it, where the house knows more than the sale:
    where it happened, how (“acquired at the exhibition”) and from what source. Left empty:
    no place, “sold through the gallery”, and the sale's number."""

    place: Place | None = None
    method: str = ""
    source: str = ""


def _provenance_on_confirm(
    sale: Sale,
    lines: list[SaleLine],
    works: dict[int, Artwork],
    acting_user: Actor,
    terms: ProvenanceTerms,
) -> None:
    """Each work's provenance gains the sale, inside the confirming transaction, so that it
    lands with the sale or not at all. The seller is the owner the provenance knows, else the
    work's artist; the buyer (a private contact) is named to staff only; the price is the
    line's net, private as every price."""
    buyer = sale.buyer
    moment = timezone.localdate(sale.confirmed_at) if sale.confirmed_at else timezone.localdate()
    for line in lines:
        artwork = works[line.artwork_id]  # already read and locked by the confirmation
        owner = provenance_current_owner(artwork=artwork)
        if owner is not None:
            seller_person, seller_organization = owner.person, owner.organization
        else:
            maker = (
                artwork.creations.filter(role=Creation.Role.ARTIST).select_related("person").first()
            )
            seller_person, seller_organization = (maker.person if maker else None), None
        provenance_sale_record(
            artwork=artwork,
            seller_person=seller_person,
            seller_organization=seller_organization,
            buyer_person=None if buyer.is_erased else buyer.person,
            buyer_organization=None if buyer.is_erased else buyer.organization,
            buyer_private=True,
            date=moment,
            place=terms.place,
            price=line.net_amount,
            currency=sale.currency,
            method=terms.method or str(_("sold through the gallery")),
            source=terms.source or str(_("Sale no. %(number)s") % {"number": sale.pk}),
            sale=sale,
            acting_user=acting_user,
        )


def sale_confirm(
    *,
    sale: Sale,
    acting_user: Actor,
    at: dt.datetime | None = None,
    provenance: ProvenanceTerms | None = None,
) -> Sale:
    """The buyer has agreed: the works are sold to them, in the same transaction. ``at``
    records a sale agreed earlier (entered after the fact); it defaults to now.
    ``provenance`` says where and how the works' provenance tells the sale."""
    with transaction.atomic():
        locked = _locked(sale, (Sale.State.DRAFT,), _("confirmed"))
        lines = list(locked.lines.order_by("artwork_id"))
        if not lines:
            raise ValidationError(_("A sale needs at least one work before it is confirmed."))
        works = {
            work.pk: work
            for work in Artwork.all_objects.select_for_update()
            .filter(pk__in=[line.artwork_id for line in lines])
            .order_by("pk")
        }
        for line in lines:
            _sellable_to(works[line.artwork_id], locked.buyer)
        for line in lines:
            work = works[line.artwork_id]
            hold = active_hold(work)
            if hold is not None:
                hold.state, hold.ended_at = Hold.State.SOLD, at or timezone.now()
                audited_save(instance=hold, acting_user=acting_user)
            artwork_status_set(artwork=work, status=Artwork.Status.SOLD, acting_user=acting_user)
        before = snapshot(locked)
        locked.state = Sale.State.CONFIRMED
        locked.confirmed_at = at or timezone.now()
        locked.save(update_fields=["state", "confirmed_at", "updated_at"])
        audit_record(
            instance=locked,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=snapshot(locked),
        )
        _event(sale=locked, from_state=Sale.State.DRAFT, acting_user=acting_user)
        _provenance_on_confirm(locked, lines, works, acting_user, provenance or ProvenanceTerms())
    return locked


def invoice_number_next(*, year: int) -> str:
    """The next number of ``year`` (“2026-0001”); call inside the invoicing transaction, whose
    lock on the year's counter row lasts until it commits."""
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{year}-{counter.last_number:04d}"


def sale_invoice(*, sale: Sale, acting_user: Actor, at: dt.datetime | None = None) -> Sale:
    """Give a confirmed sale its invoice number of the year of ``at`` (default: now); a sale
    fully paid already is then paid.

    The year's counter row is locked last, just before the commit, so that concurrent
    invoicing waits on it for as little as possible (a few statements, not the whole step).
    """
    with transaction.atomic():
        current = Sale.objects.select_for_update().get(pk=sale.pk)
        if current.state == Sale.State.CANCELLED:
            raise ValidationError(_("This sale was cancelled: it cannot be invoiced."))
        locked = _locked(current, (Sale.State.CONFIRMED,), _("invoiced"))
        before = snapshot(locked)
        settled = sale_totals(locked).balance <= 0
        now = at or timezone.now()
        locked.invoiced_at = now
        locked.state = Sale.State.INVOICED
        _event(sale=locked, from_state=Sale.State.CONFIRMED, acting_user=acting_user)
        if settled:
            locked.state, locked.paid_at = Sale.State.PAID, now
            _event(sale=locked, from_state=Sale.State.INVOICED, acting_user=acting_user)
        locked.invoice_number = invoice_number_next(year=timezone.localdate(now).year)
        locked.save(
            update_fields=["invoice_number", "invoiced_at", "state", "paid_at", "updated_at"]
        )
        audit_record(
            instance=locked,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=snapshot(locked),
        )
    return locked


def _paid_if_settled(sale: Sale, acting_user: Actor) -> None:
    totals = sale_totals(sale)
    if sale.state == Sale.State.INVOICED and totals.balance <= 0:
        sale.state = Sale.State.PAID
        sale.paid_at = timezone.now()
        audited_save(instance=sale, acting_user=acting_user)
        _event(sale=sale, from_state=Sale.State.INVOICED, acting_user=acting_user)


def payment_record(
    *,
    sale: Sale,
    amount: Decimal,
    acting_user: Actor,
    received_on: dt.date | None = None,
    method: str = "",
    reference: str = "",
) -> Payment:
    """Record money received for a confirmed or invoiced sale (part of it is fine, more than
    is owed is not); an invoiced sale paid in full becomes paid."""
    if amount <= 0:
        raise ValidationError({"amount": _("A payment is an amount above zero.")})
    with transaction.atomic():
        locked = _locked(
            sale, (Sale.State.CONFIRMED, Sale.State.INVOICED), _("paid (confirm it first)")
        )
        amount = rounded(amount, locked.currency)
        balance = sale_totals(locked).balance
        if amount > balance:
            raise ValidationError(
                {
                    "amount": _("%(amount)s is more than the %(balance)s still owed.")
                    % {
                        "amount": Money(amount, locked.currency),
                        "balance": Money(balance, locked.currency),
                    }
                }
            )
        payment = audited_save(
            instance=Payment(
                sale=locked,
                amount=amount,
                received_on=received_on or timezone.localdate(),
                method=method,
                reference=reference,
            ),
            acting_user=acting_user,
        )
        _paid_if_settled(locked, acting_user)
    sale.state = locked.state
    return payment


def sale_cancel(*, sale: Sale, reason: str, acting_user: Actor) -> Sale:
    """Call a sale off, saying why; its works are available again. A sale with payments
    received stays (refund them first)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the sale is cancelled.")})
    with transaction.atomic():
        locked = _locked(
            sale,
            (Sale.State.DRAFT, Sale.State.CONFIRMED, Sale.State.INVOICED),
            _("cancelled"),
        )
        if locked.payments.exists():
            raise ValidationError(
                _("Payments were received for this sale: it cannot be cancelled.")
            )
        before = locked.state
        if before != Sale.State.DRAFT:
            ids = list(locked.lines.values_list("artwork_id", flat=True))
            for work in Artwork.all_objects.select_for_update().filter(pk__in=ids).order_by("pk"):
                if work.status == Artwork.Status.SOLD:
                    artwork_status_set(
                        artwork=work, status=Artwork.Status.AVAILABLE, acting_user=acting_user
                    )
            provenance_sale_withdraw(sale=locked, acting_user=acting_user)
        locked.state = Sale.State.CANCELLED
        locked.cancel_reason = reason[:500]
        audited_save(instance=locked, acting_user=acting_user)
        _event(sale=locked, from_state=before, acting_user=acting_user, note=reason)
    return locked
