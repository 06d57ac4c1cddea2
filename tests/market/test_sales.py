"""Sales from draft to paid: the totals, every step's allowed origins, its history and audit,
and every refusal writing nothing."""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories.market import buyer_make, sale_make, work_make
from vernissage.core.models import AuditLog
from vernissage.core.services import soft_delete
from vernissage.market import holds, sales
from vernissage.market.models import InvoiceCounter, Payment, Sale, SaleEvent, SaleLine
from vernissage.works.models import Artwork

pytestmark = pytest.mark.django_db


def _state() -> tuple[int, int, int, int, list[str]]:
    """Everything a refused step must leave as it was."""
    return (
        AuditLog.objects.count(),
        SaleLine.objects.count(),
        Payment.objects.count(),
        SaleEvent.objects.count(),
        list(Sale.objects.order_by("pk").values_list("state", flat=True)),
    )


def test_a_sale_goes_from_draft_to_paid_with_its_history() -> None:
    work = work_make()
    sale = sale_make(works=(work,), price=Decimal("10000"), tax_rate=Decimal("5.5"))

    sales.sale_confirm(sale=sale, acting_user=None)
    work.refresh_from_db()
    assert work.status == Artwork.Status.SOLD
    sales.sale_invoice(sale=sale, acting_user=None)
    sale.refresh_from_db()
    assert re.fullmatch(r"\d{4}-0001", sale.invoice_number or "")
    sales.payment_record(sale=sale, amount=Decimal("4000"), acting_user=None)
    sale.refresh_from_db()
    assert sale.state == Sale.State.INVOICED
    sales.payment_record(sale=sale, amount=Decimal("6550"), acting_user=None)

    sale.refresh_from_db()
    assert sale.state == Sale.State.PAID
    assert [(e.from_state, e.to_state) for e in sale.events.all()] == [
        ("", "draft"),
        ("draft", "confirmed"),
        ("confirmed", "invoiced"),
        ("invoiced", "paid"),
    ]
    totals = sales.sale_totals(sale)
    assert (totals.net, totals.tax, totals.total, totals.paid, totals.balance) == (
        Decimal("10000.00"),
        Decimal("550.00"),
        Decimal("10550.00"),
        Decimal("10550.00"),
        Decimal("0.00"),
    )
    assert AuditLog.objects.filter(object_id=str(sale.pk), content_type__model="sale").count() == 4


def test_totals_apply_discount_then_tax_and_split_the_net() -> None:
    sale = sale_make(price=Decimal("999.99"), discount=Decimal("10"), tax_rate=Decimal("20"))
    Sale.objects.filter(pk=sale.pk).update(artist_share=Decimal("60"))
    sale.refresh_from_db()

    totals = sales.sale_totals(sale)

    assert totals.net == Decimal("899.99")
    assert totals.tax == Decimal("180.00")
    assert totals.total == Decimal("1079.99")
    assert (totals.artist, totals.gallery) == (Decimal("539.99"), Decimal("360.00"))


def test_yen_amounts_round_to_whole_yen() -> None:
    sale = sale_make(price=Decimal("1234567"), currency="JPY", tax_rate=Decimal("10"))
    totals = sales.sale_totals(sale)
    assert (totals.net, totals.tax, totals.total) == (
        Decimal("1234567"),
        Decimal("123457"),
        Decimal("1358024"),
    )


@pytest.mark.parametrize(
    ("case", "changes", "message"),
    [
        ("negative_price", {"price": Decimal("-1")}, "cannot be negative"),
        ("discount_above_100", {"discount": Decimal("100.01")}, "from 0 to 100"),
        ("tax_below_0", {"tax_rate": Decimal("-5")}, "from 0 to 100"),
        ("other_currency", {"currency": "USD"}, "in EUR; a line in USD"),
        ("not_a_currency", {"currency": "EURO"}, "not an ISO 4217 currency"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(
    case: str, changes: dict[str, Any], message: str
) -> None:
    sale = sale_make(works=(work_make("First"),))
    work = work_make("Second")
    before = _state()
    arguments: dict[str, Any] = {"price": Decimal("100"), "currency": "EUR"} | changes

    with pytest.raises(ValidationError, match=message):
        sales.sale_line_add(sale=sale, artwork=work, acting_user=None, **arguments)

    assert _state() == before


@pytest.mark.parametrize("case", ["destroyed", "lost", "deleted", "sold", "held_for_another"])
def test_a_work_that_cannot_be_sold_is_refused(case: str) -> None:
    work = work_make()
    buyer = buyer_make("Sophia Petrova")
    if case in {"destroyed", "lost"}:
        Artwork.objects.filter(pk=work.pk).update(status=case)
    elif case == "deleted":
        soft_delete(instance=work, acting_user=None)
    elif case == "sold":
        sales.sale_confirm(sale=sale_make(works=(work,)), acting_user=None)
    else:
        holds.hold_place(
            artwork=work,
            contact=buyer_make("Someone Else"),
            until=_later(),
            acting_user=None,
        )
    sale = sales.sale_create(buyer=buyer, currency="EUR", acting_user=None)
    before = _state()

    with pytest.raises(ValidationError) as refusal:
        sales.sale_line_add(
            sale=sale, artwork=work, price=Decimal(1), currency="EUR", acting_user=None
        )

    expected = {
        "destroyed": "recorded as destroyed",
        "lost": "recorded as lost",
        "deleted": "is deleted",
        "sold": "is sold already",
        "held_for_another": "on hold for Someone Else: release the hold",
    }[case]
    assert expected in " ".join(refusal.value.messages)
    assert _state() == before


def test_a_work_destroyed_after_the_draft_stops_the_confirmation() -> None:
    work = work_make()
    sale = sale_make(works=(work,))
    Artwork.objects.filter(pk=work.pk).update(status=Artwork.Status.DESTROYED)
    before = _state()

    with pytest.raises(ValidationError, match="recorded as destroyed"):
        sales.sale_confirm(sale=sale, acting_user=None)

    assert _state() == before


def test_a_work_held_for_the_buyer_is_sold_to_them_and_the_hold_ends() -> None:
    work = work_make()
    buyer = buyer_make()
    hold = holds.hold_place(artwork=work, contact=buyer, until=_later(), acting_user=None)
    sale = sale_make(buyer=buyer, works=(work,))

    sales.sale_confirm(sale=sale, acting_user=None)

    hold.refresh_from_db()
    work.refresh_from_db()
    assert (hold.state, work.status) == ("sold", "sold")


def test_a_cancelled_sale_cannot_be_invoiced_and_its_works_are_free_again() -> None:
    work = work_make()
    sale = sale_make(works=(work,))
    sales.sale_confirm(sale=sale, acting_user=None)
    sales.sale_cancel(sale=sale, reason="The buyer changed their mind", acting_user=None)
    work.refresh_from_db()
    assert work.status == Artwork.Status.AVAILABLE
    before = _state()

    with pytest.raises(ValidationError, match="cancelled: it cannot be invoiced"):
        sales.sale_invoice(sale=sale, acting_user=None)

    assert _state() == before
    assert not InvoiceCounter.objects.exists()
    sale.refresh_from_db()
    assert sale.cancel_reason == "The buyer changed their mind"
    assert sale.events.last().note == "The buyer changed their mind"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("case", "step"),
    [
        ("invoice_a_draft", lambda sale: sales.sale_invoice(sale=sale, acting_user=None)),
        (
            "pay_a_draft",
            lambda sale: sales.payment_record(sale=sale, amount=Decimal(1), acting_user=None),
        ),
        (
            "cancel_without_reason",
            lambda sale: sales.sale_cancel(sale=sale, reason=" ", acting_user=None),
        ),
    ],
)
def test_steps_out_of_order_are_refused(case: str, step: Any) -> None:
    sale = sale_make()
    before = _state()

    with pytest.raises(ValidationError):
        step(sale)

    assert _state() == before


def test_a_payment_above_the_balance_is_refused() -> None:
    sale = sale_make(price=Decimal("1000"))
    sales.sale_confirm(sale=sale, acting_user=None)
    sales.payment_record(sale=sale, amount=Decimal("600"), acting_user=None)
    before = _state()

    with pytest.raises(ValidationError, match="more than the €400.00 still owed"):
        sales.payment_record(sale=sale, amount=Decimal("400.01"), acting_user=None)

    assert _state() == before


def test_a_sale_paid_before_its_invoice_is_paid_once_invoiced() -> None:
    sale = sale_make(price=Decimal("1000"))
    sales.sale_confirm(sale=sale, acting_user=None)
    sales.payment_record(sale=sale, amount=Decimal("1000"), acting_user=None)

    sales.sale_invoice(sale=sale, acting_user=None)

    sale.refresh_from_db()
    assert sale.state == Sale.State.PAID


def test_invoice_numbers_follow_each_other_within_the_year() -> None:
    numbers = []
    for _ in range(3):
        sale = sale_make()
        sales.sale_confirm(sale=sale, acting_user=None)
        numbers.append(sales.sale_invoice(sale=sale, acting_user=None).invoice_number)
    year = numbers[0][:4]  # type: ignore[index]
    assert numbers == [f"{year}-0001", f"{year}-0002", f"{year}-0003"]


# Two staff at the same moment, on PostgreSQL, with real threads and real transactions.

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
may_skip = pytest.mark.may_skip_in_ci(reason="CI runs the suite on PostgreSQL as well")


def _in_thread(target: Any, results: list[Any]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(target())
        except Exception as error:  # noqa: BLE001 - handed to the test to assert on
            results.append(error)
        finally:
            connection.close()

    return threading.Thread(target=run)


@on_postgresql
@may_skip
@pytest.mark.django_db(transaction=True)
def test_two_staff_confirming_the_same_work_at_once_make_one_sale() -> None:
    work = work_make()
    drafts = [sale_make(buyer=buyer_make(name), works=(work,)) for name in ("A B", "C D")]
    start = threading.Barrier(2)
    results: list[Any] = []

    def confirm(sale: Sale) -> Any:
        start.wait(5)
        return sales.sale_confirm(sale=sale, acting_user=None)

    threads = [_in_thread(lambda sale=sale: confirm(sale), results) for sale in drafts]  # type: ignore[misc]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert sorted(type(result).__name__ for result in results) == ["Sale", "ValidationError"]
    (refusal,) = [r for r in results if isinstance(r, ValidationError)]
    assert "is sold already" in refusal.messages[0]
    assert Sale.objects.filter(state="confirmed").count() == 1
    work.refresh_from_db()
    assert work.status == "sold"


@on_postgresql
@may_skip
@pytest.mark.django_db(transaction=True)
def test_invoices_made_at_once_have_no_gap_and_no_duplicate() -> None:
    drafts = [sale_make() for _ in range(6)]
    for sale in drafts:
        sales.sale_confirm(sale=sale, acting_user=None)
    start = threading.Barrier(6)
    results: list[Any] = []

    def invoice(sale: Sale) -> Any:
        start.wait(5)
        return sales.sale_invoice(sale=sale, acting_user=None).invoice_number

    threads = [_in_thread(lambda sale=sale: invoice(sale), results) for sale in drafts]  # type: ignore[misc]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    year = results[0][:4]
    assert sorted(results) == [f"{year}-{n:04d}" for n in range(1, 7)]


def _later() -> Any:
    import datetime as dt

    from django.utils import timezone

    return timezone.now() + dt.timedelta(days=7)
