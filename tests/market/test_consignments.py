"""Consignments and the payables statement: what the gallery owes each consignor after sales
and payments, its page and PDF, the sales report and the price chart, and who may see them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.factories.guests import staff_in
from tests.factories.market import buyer_make, sale_make, work_make
from tests.factories.people import PersonFactory
from vernissage.market import consignments, sales
from vernissage.market.models import Consignment
from vernissage.market.reports import artist_price_history, price_chart_svg, sales_by_artist

pytestmark = pytest.mark.django_db

VIEWERS = {
    "signed in, no role": False,
    "staff, no permission": False,
    "Viewer": False,
    "Registrar": False,
    "Press": False,
    "Sales": True,
    "Owner": True,
}


def _today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def romy(db: Any) -> dict[str, Any]:
    """Romy consigns two photographs (net price, commission) and Sophia one painting; the
    first sells and is half paid, the second sells unpaid, the third is unsold."""
    artist = PersonFactory(display_name="Romy Kalmurzaev")
    red_square = work_make("Red Square, Dawn", makers=[(artist, "artist")])
    metro = work_make("Metro", makers=[(artist, "artist")])
    unsold = work_make("Unsold Painting")
    collector = buyer_make("Sophia Petrova")
    received = _today() - dt.timedelta(days=30)
    consignments.consignment_create(
        artwork=red_square, consignor_person=artist, net_price=Decimal("6000"),
        currency="EUR", received_on=received, acting_user=None,
    )  # fmt: skip
    consignments.consignment_create(
        artwork=metro, consignor_person=artist, commission=Decimal("40"),
        currency="EUR", received_on=received, acting_user=None,
    )  # fmt: skip
    consignments.consignment_create(
        artwork=unsold, consignor_contact=collector, net_price=Decimal("1000"),
        currency="EUR", received_on=received, acting_user=None,
    )  # fmt: skip
    first = sale_make(
        buyer=buyer_make("Viktor Petrov"), works=(red_square,), price=Decimal("10000")
    )
    sales.sale_confirm(sale=first, acting_user=None)
    sales.payment_record(sale=first, amount=Decimal("5000"), acting_user=None)
    second = sale_make(buyer=buyer_make("Anna Ivanova"), works=(metro,), price=Decimal("3000"))
    sales.sale_confirm(sale=second, acting_user=None)
    return {"artist": artist, "red_square": red_square, "metro": metro}


def test_the_statement_shows_earned_and_due_per_consignor(romy: dict[str, Any]) -> None:
    owner = staff_in("Owner", "boss")

    statements = consignments.payables_statement(viewer=owner)

    assert [s.consignor for s in statements] == ["Romy Kalmurzaev", "Sophia Petrova"]
    romy_statement, sophia = statements
    assert romy_statement.earned == {"EUR": Decimal("7800.00")}  # 6,000 net + 60 % of 3,000
    assert romy_statement.due == {"EUR": Decimal("3000.00")}  # half of 6,000; nothing of Metro
    assert (sophia.earned, sophia.due) == ({}, {})


@pytest.mark.parametrize(
    ("case", "changes", "message"),
    [
        ("two_consignors", {"consignor_contact": "collector"}, "one consignor"),
        ("net_and_commission", {"commission": Decimal(10)}, "not both"),
        ("negative_net", {"net_price": Decimal(-1)}, "cannot be negative"),
        ("commission_above_100", {"net_price": None, "commission": Decimal(101)}, "0 to 100"),
        ("bad_currency", {"currency": "EUX"}, "ISO 4217"),
    ],
)
def test_bad_consignments_are_refused(case: str, changes: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {
        "artwork": work_make(), "consignor_person": PersonFactory(), "net_price": Decimal(5),
        "currency": "EUR", "received_on": _today(), "acting_user": None,
    } | changes  # fmt: skip
    if arguments.get("consignor_contact") == "collector":
        arguments["consignor_contact"] = buyer_make()

    with pytest.raises(ValidationError, match=message):
        consignments.consignment_create(**arguments)

    assert not Consignment.objects.exists()


def test_a_sold_work_cannot_be_returned_and_an_unsold_one_can(romy: dict[str, Any]) -> None:
    sold = Consignment.objects.get(artwork=romy["red_square"])
    with pytest.raises(ValidationError, match="was sold"):
        consignments.consignment_return(consignment=sold, returned_on=_today(), acting_user=None)

    unsold = Consignment.objects.get(artwork__title="Unsold Painting")
    consignments.consignment_return(consignment=unsold, returned_on=_today(), acting_user=None)
    unsold.refresh_from_db()
    assert unsold.returned_on == _today()


def test_sales_report_totals_per_artist_year_and_currency(romy: dict[str, Any]) -> None:
    owner = staff_in("Owner", "boss")
    dollars = sale_make(
        works=(work_make("New York", makers=[(romy["artist"], "artist")]),),
        price=Decimal("2500"),
        currency="USD",
    )
    sales.sale_confirm(sale=dollars, acting_user=None)
    sale_make(works=(work_make("Draft only", makers=[(romy["artist"], "artist")]),))

    rows = sales_by_artist(viewer=owner)

    year = _today().year
    assert [(r.artist, r.year, r.currency, r.works, r.total.amount) for r in rows] == [
        ("Romy Kalmurzaev", year, "EUR", 2, Decimal("13000.00")),
        ("Romy Kalmurzaev", year, "USD", 1, Decimal("2500.00")),
    ]


def test_the_price_chart_draws_each_sale_as_the_table_lists_it(romy: dict[str, Any]) -> None:
    owner = staff_in("Owner", "boss")

    points = artist_price_history(person=romy["artist"], viewer=owner)
    svg = str(price_chart_svg(points))

    assert [(p.title, str(p.price)) for p in points] == [
        ("Red Square, Dawn", "€10,000.00"),
        ("Metro", "€3,000.00"),
    ]
    assert svg.count("<circle") == 2
    assert "Red Square, Dawn · €10,000.00" in svg
    assert 'role="img"' in svg


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_payables_report_and_chart_pages_permission_matrix(
    client: Client, romy: dict[str, Any], viewer: str
) -> None:
    if viewer in {"signed in, no role", "staff, no permission"}:
        user = User.objects.create_user(
            username="someone", is_staff=viewer == "staff, no permission"
        )
    else:
        user = staff_in(viewer, "someone")
    client.force_login(user)
    urls = [
        "/market/payables/",
        "/market/payables.pdf",
        "/market/reports/sales/",
        f"/market/artists/{romy['artist'].slug}/prices/",
    ]
    for url in urls:
        response = client.get(url)
        if not VIEWERS[viewer]:
            assert response.status_code == 404, url
            assert b"Romy" not in response.content, url
            assert b"6,000" not in response.content, url
            continue
        assert response.status_code == 200, url
        if url.endswith(".pdf"):
            text = "\n".join(
                p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
            )
            assert "Romy Kalmurzaev" in text
            assert "€3,000.00" in text
        else:
            assert "Romy Kalmurzaev" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, romy: dict[str, Any]) -> None:
    for url in ("/market/payables/", "/market/payables.pdf", "/market/reports/sales/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
