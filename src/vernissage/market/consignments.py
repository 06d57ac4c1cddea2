"""Consignments: works left with the gallery to sell by their artist or by a collector, for an
agreed net price (what the consignor gets) or a commission (what the gallery keeps), and the
payables statement of what the gallery owes each consignor after sales and payments.

What is owed is earned when a sale of the work is confirmed, and due as the buyer pays: a
buyer who paid half makes half of the consignor's part due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer
from vernissage.core.services import Actor, audited_save
from vernissage.market.models import Consignment, Contact, Sale, SaleLine
from vernissage.market.money import Money, currency_check, rounded
from vernissage.market.sales import sale_totals
from vernissage.market.selectors import sales_allowed
from vernissage.people.models import Person
from vernissage.works.models import Artwork

HUNDRED = Decimal(100)
SOLD_STATES = (Sale.State.CONFIRMED, Sale.State.INVOICED, Sale.State.PAID)


def consignment_create(
    *,
    artwork: Artwork,
    currency: str,
    received_on: dt.date,
    acting_user: Actor,
    consignor_person: Person | None = None,
    consignor_contact: Contact | None = None,
    net_price: Decimal | None = None,
    commission: Decimal | None = None,
    ends_on: dt.date | None = None,
    note: str = "",
) -> Consignment:
    """Record ``artwork`` as consigned to the gallery by one artist or one collector."""
    if (consignor_person is None) == (consignor_contact is None):
        raise ValidationError(_("A consignment has one consignor: an artist or a collector."))
    if (net_price is None) == (commission is None):
        raise ValidationError(_("Agree either a net price or a commission, not both."))
    if net_price is not None and net_price < 0:
        raise ValidationError({"net_price": _("A price cannot be negative.")})
    if commission is not None and not Decimal(0) <= commission <= HUNDRED:
        raise ValidationError({"commission": _("The commission is a percentage from 0 to 100.")})
    if ends_on is not None and ends_on < received_on:
        raise ValidationError({"ends_on": _("It ends before the work was received.")})
    currency = currency_check(currency)
    with transaction.atomic():
        if Consignment.objects.filter(artwork=artwork, returned_on__isnull=True).exists():
            raise ValidationError(
                _("“%(work)s” is consigned already; record its return first.") % {"work": artwork}
            )
        return audited_save(
            instance=Consignment(
                artwork=artwork,
                consignor_person=consignor_person,
                consignor_contact=consignor_contact,
                currency=currency,
                net_price=rounded(net_price, currency) if net_price is not None else None,
                commission=commission,
                received_on=received_on,
                ends_on=ends_on,
                note=note,
            ),
            acting_user=acting_user,
        )


def consignment_save(*, consignment: Consignment, acting_user: Actor) -> Consignment:
    """Save what may change of a consignment once recorded (the admin's form): when it ends,
    and its note. What was agreed, and its return, change through their own services."""
    with transaction.atomic():
        stored = Consignment.objects.select_for_update().get(pk=consignment.pk)
        agreed = (
            "artwork_id",
            "consignor_person_id",
            "consignor_contact_id",
            "net_price",
            "currency",
            "commission",
            "received_on",
            "returned_on",
        )
        if any(getattr(consignment, name) != getattr(stored, name) for name in agreed):
            raise ValidationError(
                _(
                    "What was agreed for a consignment stays as recorded; record its return, or "
                    "a new consignment."
                )
            )
        if consignment.ends_on is not None and consignment.ends_on < stored.received_on:
            raise ValidationError({"ends_on": _("It ends before the work was received.")})
        consignment.note = " ".join(consignment.note.split())
        return audited_save(instance=consignment, acting_user=acting_user)


def consignment_return(
    *, consignment: Consignment, returned_on: dt.date, acting_user: Actor
) -> Consignment:
    """The work went back to its consignor; a work sold meanwhile cannot be returned."""
    with transaction.atomic():
        locked = Consignment.objects.select_for_update().get(pk=consignment.pk)
        if locked.returned_on is not None:
            raise ValidationError(_("This work was returned already."))
        if returned_on < locked.received_on:
            raise ValidationError({"returned_on": _("It was returned before it was received.")})
        if _sale_line_of(locked) is not None:
            raise ValidationError(_("This work was sold: it cannot be returned."))
        locked.returned_on = returned_on
        return audited_save(instance=locked, acting_user=acting_user)


def _sale_line_of(consignment: Consignment) -> SaleLine | None:
    return (
        SaleLine.objects.filter(
            artwork_id=consignment.artwork_id,
            sale__state__in=SOLD_STATES,
            sale__confirmed_at__date__gte=consignment.received_on,
        )
        .select_related("sale")
        .prefetch_related("sale__lines", "sale__payments")
        .first()
    )


@dataclass(frozen=True)
class PayableRow:
    consignment: Consignment
    sale: Sale | None
    sold_for: Money | None
    earned: Money | None
    due: Money | None


@dataclass
class ConsignorStatement:
    consignor: str
    rows: list[PayableRow] = field(default_factory=list)
    earned: dict[str, Decimal] = field(default_factory=dict)
    due: dict[str, Decimal] = field(default_factory=dict)

    @property
    def earned_money(self) -> list[Money]:
        return [Money(amount, currency) for currency, amount in sorted(self.earned.items())]

    @property
    def due_money(self) -> list[Money]:
        return [Money(amount, currency) for currency, amount in sorted(self.due.items())]


def _row(consignment: Consignment, line: SaleLine | None) -> PayableRow:
    if line is None:
        return PayableRow(consignment, None, None, None, None)
    sale = line.sale
    currency = sale.currency
    if consignment.net_price is not None:
        currency = consignment.currency
        earned = consignment.net_price
    else:
        earned = rounded(
            line.net(currency) * (HUNDRED - (consignment.commission or Decimal(0))) / HUNDRED,
            currency,
        )
    totals = sale_totals(sale)
    share = min(Decimal(1), totals.paid / totals.total) if totals.total else Decimal(1)
    return PayableRow(
        consignment=consignment,
        sale=sale,
        sold_for=Money(line.net(sale.currency), sale.currency),
        earned=Money(earned, currency),
        due=Money(rounded(earned * share, currency), currency),
    )


def payables_statement(
    *, viewer: Viewer, consignor_person: Person | None = None
) -> list[ConsignorStatement]:
    """What the gallery owes each consignor (or one artist), per currency: earned on
    confirmed sales, and due as buyers have paid."""
    sales_allowed(viewer)
    consignments = Consignment.objects.select_related(
        "artwork",
        "consignor_person",
        "consignor_contact__person",
        "consignor_contact__organization",
    ).order_by("received_on", "id")
    if consignor_person is not None:
        consignments = consignments.filter(consignor_person=consignor_person)
    lines = {
        line.artwork_id: line
        for line in SaleLine.objects.filter(
            artwork__in=consignments.values("artwork"), sale__state__in=SOLD_STATES
        )
        .select_related("sale")
        .prefetch_related(Prefetch("sale__lines"), "sale__payments")
        .order_by("sale__confirmed_at")
    }
    statements: dict[str, ConsignorStatement] = {}
    for consignment in consignments:
        line = lines.get(consignment.artwork_id)
        confirmed = line.sale.confirmed_at if line is not None else None
        if confirmed is not None and timezone.localdate(confirmed) < consignment.received_on:
            line = None  # sold before it was consigned: not this consignment's sale
        row = _row(consignment, line)
        name = str(consignment.consignor)
        statement = statements.setdefault(name, ConsignorStatement(consignor=name))
        statement.rows.append(row)
        if row.earned is not None and row.due is not None:
            currency = row.earned.currency
            statement.earned[currency] = statement.earned.get(currency, Decimal(0)) + (
                row.earned.amount
            )
            statement.due[currency] = statement.due.get(currency, Decimal(0)) + row.due.amount
    return sorted(statements.values(), key=lambda statement: statement.consignor)
