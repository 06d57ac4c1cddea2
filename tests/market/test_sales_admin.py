"""The admin of sales, holds, offers and consignments: who may open it (the permission
matrix), and every change through the services: a sale's state only by its steps, whose
refusals are messages; lines while it is a draft; payments never above what is owed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.factories.guests import staff_in
from tests.factories.market import buyer_make, sale_make, work_make
from tests.factories.people import PersonFactory
from vernissage.core.models import AuditLog
from vernissage.market import consignments, holds, sales
from vernissage.market.models import Consignment, Hold, Offer, Payment, Sale, SaleEvent, SaleLine
from vernissage.market.provenance_models import ProvenanceEvent
from vernissage.works.models import Artwork

pytestmark = pytest.mark.django_db

SECRETS = ("Viktor Secretbuyer", "12,345", "12345")
#: viewer → the answer to the admin pages of the market's money
VIEWERS = {
    "anonymous": 302,
    "staff, no permission": 403,
    "Viewer": 403,
    "Registrar": 403,
    "Press": 403,
    "Sales": 200,
    "Owner": 200,
    "superuser": 200,
}


def _inline(prefix: str, existing: int = 0, *rows: dict[str, str]) -> dict[str, str]:
    """An inline's management form and its new rows (after ``existing`` rows shown)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(existing + len(rows)),
        f"{prefix}-INITIAL_FORMS": str(existing),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows, start=existing):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _sale_form(sale: Sale, **payments: dict[str, str]) -> dict[str, str]:
    """The change form of ``sale`` as a browser posts it: its fields and its inlines (the
    lines and history read-only, their rows only by id)."""
    data = {"terms": sale.terms, "notes": sale.notes}
    if sale.state == Sale.State.DRAFT:
        data.update(
            buyer=str(sale.buyer_id), currency=sale.currency, artist_share=str(sale.artist_share)
        )
    for prefix, rows in (("lines", sale.lines.all()), ("events", sale.events.all())):
        data.update(_inline(prefix, len(rows)))
        data.update({f"{prefix}-{index}-id": str(row.pk) for index, row in enumerate(rows)})
    paid = list(sale.payments.all())
    data.update(_inline("payments", len(paid), *payments.values()))
    data.update({f"payments-{index}-id": str(row.pk) for index, row in enumerate(paid)})
    return data


@pytest.fixture
def market(db: Any) -> dict[str, Any]:
    buyer = buyer_make("Viktor Secretbuyer")
    work = work_make("Siberian Morning")
    sale = sale_make(buyer=buyer, works=(work,), price=Decimal("12345"))
    artist = PersonFactory(display_name="Romy Kalmurzaev")
    consignment = consignments.consignment_create(
        artwork=work_make("Red Square, Dawn", makers=[(artist, "artist")]),
        consignor_person=artist, net_price=Decimal("12345"), currency="EUR",
        received_on=timezone.localdate() - dt.timedelta(days=10), acting_user=None,
    )  # fmt: skip
    held = work_make("Frozen River")
    hold = holds.hold_place(
        artwork=held, contact=buyer, until=timezone.now() + dt.timedelta(days=3), acting_user=None
    )
    offer = holds.offer_record(
        artwork=held, contact=buyer, amount=Decimal("12345"), currency="EUR", acting_user=None
    )
    return {"buyer": buyer, "work": work, "sale": sale, "consignment": consignment,
            "hold": hold, "offer": offer}  # fmt: skip


def _login(client: Client, viewer: str) -> User | None:
    if viewer == "anonymous":
        return None
    if viewer == "staff, no permission":
        user = User.objects.create_user(username="someone", is_staff=True)
    else:
        user = staff_in(viewer, "someone")
    client.force_login(user)
    return user


def _changes() -> tuple[Any, ...]:
    return (
        AuditLog.objects.count(),
        *Sale.objects.order_by("pk").values_list("state", "invoice_number"),
        SaleLine.objects.count(),
        Payment.objects.count(),
        *Hold.objects.order_by("pk").values_list("state", flat=True),
        *Consignment.objects.order_by("pk").values_list("returned_on", flat=True),
    )


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_sales_admin_permission_matrix(client: Client, market: dict[str, Any], viewer: str) -> None:
    _login(client, viewer)
    expected = VIEWERS[viewer]
    before = _changes()
    sale, consignment = market["sale"], market["consignment"]
    pages = [
        "/admin/market/sale/",
        f"/admin/market/sale/{sale.pk}/change/",
        "/admin/market/sale/add/",
        "/admin/market/consignment/",
        f"/admin/market/consignment/{consignment.pk}/change/",
        "/admin/market/hold/",
        f"/admin/market/hold/{market['hold'].pk}/change/",
        "/admin/market/offer/",
        f"/admin/market/offer/{market['offer'].pk}/change/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == expected, url
        text = response.content.decode()
        if expected == 302:
            assert response["Location"].startswith("/accounts/login/"), url
        if expected != 200:
            assert [secret for secret in SECRETS if secret in text] == [], url
    index = client.get("/admin/").content.decode()
    assert ("/admin/market/sale/" in index) == (expected == 200)

    posts = {
        f"/admin/market/sale/{sale.pk}/step/confirm/": {},
        f"/admin/market/sale/{sale.pk}/step/cancel/": {"reason": "changed their mind"},
        "/admin/market/sale/": {"action": "confirm_selected", "_selected_action": str(sale.pk)},
        "/admin/market/hold/": {
            "action": "release_selected", "_selected_action": str(market["hold"].pk),
        },
        "/admin/market/consignment/": {
            "action": "return_selected", "_selected_action": str(consignment.pk),
        },
    }  # fmt: skip
    for url, data in posts.items():
        response = client.post(url, data)
        if expected != 200:
            assert response.status_code in {302, 403, 404}, url
            if expected == 302:
                assert response["Location"].startswith("/accounts/login/"), url
            assert _changes() == before, url
    if expected == 200:
        sale.refresh_from_db()
        assert sale.state == Sale.State.CANCELLED  # confirmed, then cancelled with the reason
        assert Hold.objects.get(pk=market["hold"].pk).state == Hold.State.RELEASED
        assert Consignment.objects.get(pk=consignment.pk).returned_on == timezone.localdate()


def test_a_sale_goes_from_draft_to_paid_through_the_admin(
    client: Client, market: dict[str, Any]
) -> None:
    clerk = _login(client, "Sales")
    work = work_make("Two Figures")
    response = client.post(
        "/admin/market/sale/add/",
        {"buyer": str(market["buyer"].pk), "currency": "EUR", "artist_share": "50",
         "terms": "", "notes": "",
         **_inline("lines", 0, {"artwork": str(work.pk), "price": "24000", "discount": "10",
                                "tax_rate": "0"}),
         **_inline("payments"), **_inline("events")},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    sale = Sale.objects.get(lines__artwork=work)
    assert (sale.state, sale.lines.get().net_amount) == ("draft", Decimal("21600.00"))
    assert list(sale.events.values_list("to_state", "actor")) == [("draft", clerk.pk)]

    page = client.get(f"/admin/market/sale/{sale.pk}/change/").content.decode()
    assert f"/admin/market/sale/{sale.pk}/step/confirm/" in page
    assert f"/admin/market/sale/{sale.pk}/step/invoice/" not in page

    client.post(f"/admin/market/sale/{sale.pk}/step/confirm/")
    client.post(f"/admin/market/sale/{sale.pk}/step/invoice/")
    sale.refresh_from_db()
    work.refresh_from_db()
    assert (sale.state, work.status) == ("invoiced", Artwork.Status.SOLD)
    assert sale.invoice_number == f"{timezone.localdate().year}-0001"
    assert ProvenanceEvent.objects.filter(sale=sale, artwork=work).count() == 1
    page = client.get(f"/admin/market/sale/{sale.pk}/change/").content.decode()
    assert f"/market/sales/{sale.pk}/invoice.pdf" in page
    assert "€21,600.00" in page

    too_much = {"amount": "30000", "received_on": "2026-01-05", "method": "", "reference": ""}
    response = client.post(f"/admin/market/sale/{sale.pk}/change/", _sale_form(sale, p=too_much))
    assert response.status_code == 200
    assert "more than the €21,600.00 still owed" in response.content.decode()
    assert not Payment.objects.exists()

    in_full = {"amount": "21600", "received_on": "2026-01-05", "method": "wire", "reference": ""}
    response = client.post(f"/admin/market/sale/{sale.pk}/change/", _sale_form(sale, p=in_full))
    assert response.status_code == 302
    sale.refresh_from_db()
    assert (sale.state, Payment.objects.get().amount) == ("paid", Decimal("21600.00"))
    assert list(sale.events.values_list("to_state", flat=True)) == [
        "draft",
        "confirmed",
        "invoiced",
        "paid",
    ]


def test_refused_steps_are_messages_and_change_nothing(
    client: Client, market: dict[str, Any]
) -> None:
    _login(client, "Sales")
    sale = market["sale"]
    before = _changes()

    invoice = client.post(f"/admin/market/sale/{sale.pk}/step/invoice/", follow=True)
    cancel = client.post(f"/admin/market/sale/{sale.pk}/step/cancel/", {"reason": " "}, follow=True)

    assert "This sale is draft: it cannot be invoiced." in invoice.content.decode()
    assert "Say why the sale is cancelled." in cancel.content.decode()
    assert _changes() == before


def test_the_state_is_not_typed_and_agreed_terms_stay(
    client: Client, market: dict[str, Any]
) -> None:
    _login(client, "Sales")
    sale = market["sale"]
    sales.sale_confirm(sale=sale, acting_user=None)
    sale.refresh_from_db()
    data = _sale_form(sale)
    data.update(state="paid", invoice_number="2099-9999", currency="USD", artist_share="90")
    data["notes"] = "Wants it framed."

    response = client.post(f"/admin/market/sale/{sale.pk}/change/", data)

    assert response.status_code == 302
    sale.refresh_from_db()
    assert (sale.state, sale.invoice_number, sale.currency, sale.artist_share, sale.notes) == (
        "confirmed",
        None,
        "EUR",
        Decimal("50.00"),
        "Wants it framed.",
    )


def test_the_confirm_action_confirms_what_it_may_and_says_what_it_may_not(
    client: Client, market: dict[str, Any]
) -> None:
    _login(client, "Sales")
    work = market["work"]
    rival = sale_make(buyer=buyer_make("Anna Rival"), works=(work,), price=Decimal("100"))
    other = sale_make(buyer=market["buyer"], price=Decimal("500"))

    response = client.post(
        "/admin/market/sale/",
        {"action": "confirm_selected",
         "_selected_action": [str(market["sale"].pk), str(rival.pk), str(other.pk)]},
        follow=True,
    )  # fmt: skip

    text = response.content.decode()
    assert "Sales confirmed: 2." in text
    assert f"Sale {rival.pk}: “{work}” is sold already." in text
    states = dict(Sale.objects.values_list("pk", "state"))
    assert [states[market["sale"].pk], states[rival.pk], states[other.pk]] == [
        "confirmed",
        "draft",
        "confirmed",
    ]


def test_a_consignment_is_recorded_through_the_service_and_its_terms_stay(
    client: Client, market: dict[str, Any]
) -> None:
    _login(client, "Sales")
    artist = market["consignment"].consignor_person
    work = work_make("Metro", makers=[(artist, "artist")])

    response = client.post(
        "/admin/market/consignment/add/",
        {"artwork": str(work.pk), "consignor_person": str(artist.pk), "consignor_contact": "",
         "net_price": "", "commission": "40", "currency": "EUR", "received_on": "2026-01-02",
         "ends_on": "2025-12-01", "note": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "It ends before the work was received." in response.content.decode()
    assert not Consignment.objects.filter(artwork=work).exists()

    response = client.post(
        "/admin/market/consignment/add/",
        {"artwork": str(work.pk), "consignor_person": str(artist.pk), "consignor_contact": "",
         "net_price": "", "commission": "40", "currency": "EUR", "received_on": "2026-01-02",
         "ends_on": "2026-06-30", "note": "For the Paris show"},
    )  # fmt: skip
    assert response.status_code == 302
    made = Consignment.objects.get(artwork=work)
    assert (made.commission, made.ends_on) == (Decimal("40.00"), dt.date(2026, 6, 30))

    response = client.post(
        f"/admin/market/consignment/{made.pk}/change/",
        {"commission": "10", "ends_on": "2026-07-31", "note": "  Extended  "},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.commission, made.ends_on, made.note) == (
        Decimal("40.00"),
        dt.date(2026, 7, 31),
        "Extended",
    )


def test_history_and_offers_are_read_only(client: Client, market: dict[str, Any]) -> None:
    _login(client, "Owner")
    sale = market["sale"]

    offer_page = client.get(f"/admin/market/offer/{market['offer'].pk}/change/").content.decode()
    sale_page = client.get(f"/admin/market/sale/{sale.pk}/change/").content.decode()

    assert 'name="answer"' not in offer_page
    assert 'name="events-0-note"' not in sale_page
    assert 'name="lines-0-price"' not in sale_page  # a draft's lines are added or removed
    assert SaleEvent.objects.filter(sale=sale).count() == 1
    assert Offer.objects.get().answer == Offer.Answer.PENDING


def test_sales_and_consignments_offer_no_delete(client: Client, market: dict[str, Any]) -> None:
    _login(client, "Owner")
    sale, consignment = market["sale"], market["consignment"]

    for url in (
        f"/admin/market/sale/{sale.pk}/delete/",
        f"/admin/market/consignment/{consignment.pk}/delete/",
    ):
        assert client.post(url, {"post": "yes"}).status_code == 403, url

    assert Sale.objects.filter(pk=sale.pk).exists()
    assert Consignment.objects.filter(pk=consignment.pk).exists()
