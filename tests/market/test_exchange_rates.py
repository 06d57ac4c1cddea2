"""Exchange rates entered by staff, and the sales report converted at them: Decimal all the
way, each year at the rate that held on its last day, a currency without a rate listed apart
(never dropped, never converted at 1); the admin where Sales and the Owner enter rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories.guests import staff_in
from tests.factories.market import sale_make, work_make
from tests.factories.people import PersonFactory
from vernissage.core.models import AuditLog
from vernissage.market import sales
from vernissage.market.exchange_rates import exchange_rate_set, exchange_rates_table
from vernissage.market.models import ExchangeRate
from vernissage.market.reports import sales_by_artist_converted

pytestmark = pytest.mark.django_db


def _sold(artist: Any, title: str, price: str, currency: str, day: dt.date) -> None:
    sale = sale_make(
        works=(work_make(title, makers=[(artist, "artist")]),),
        price=Decimal(price),
        currency=currency,
    )
    at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    sales.sale_confirm(sale=sale, acting_user=None, at=at)


@pytest.fixture
def sold(db: Any) -> dict[str, Any]:
    """Romy sells in 2013 (EUR, USD, RUB) and 2015 (USD, GBP); the house reports in EUR and
    has rates for USD (two), and RUB from 2014 only; none for GBP."""
    romy = PersonFactory(display_name="Romy Kalmurzaev")
    _sold(romy, "Red Square, Dawn", "10000", "EUR", dt.date(2013, 10, 10))
    _sold(romy, "Metro", "2500", "USD", dt.date(2013, 11, 1))
    _sold(romy, "Moscow Snow", "100000", "RUB", dt.date(2013, 12, 1))
    _sold(romy, "New York", "1000", "USD", dt.date(2015, 3, 1))
    _sold(romy, "London Fog", "500", "GBP", dt.date(2015, 4, 1))
    rates = [
        ("USD", "0.75", dt.date(2013, 1, 1)),
        ("USD", "0.9012", dt.date(2014, 6, 1)),
        ("RUB", "0.0125", dt.date(2014, 1, 1)),
    ]
    for currency, rate, day in rates:
        exchange_rate_set(
            currency=currency, rate=Decimal(rate), valid_from=day, acting_user=None, source="ECB"
        )
    return {"romy": romy}


def test_each_year_is_converted_at_the_rate_of_its_last_day(sold: dict[str, Any]) -> None:
    owner = staff_in("Owner", "boss")

    report = sales_by_artist_converted(viewer=owner)

    assert report.currency == "EUR"
    assert [
        (
            line.row.year,
            line.row.currency,
            line.row.total.amount,
            line.converted.amount if line.converted else None,
            (line.rate.rate_text, str(line.rate.valid_from)) if line.rate else None,
        )
        for line in report.rows
    ] == [
        (2015, "GBP", Decimal("500.00"), None, None),
        (2015, "USD", Decimal("1000.00"), Decimal("901.20"), ("0.9012", "2014-06-01")),
        (2013, "EUR", Decimal("10000.00"), Decimal("10000.00"), None),
        (2013, "RUB", Decimal("100000.00"), None, None),
        (2013, "USD", Decimal("2500.00"), Decimal("1875.00"), ("0.75", "2013-01-01")),
    ]
    assert [(year, money.amount) for year, money in report.by_year] == [
        (2015, Decimal("901.20")),
        (2013, Decimal("11875.00")),
    ]
    assert report.total is not None
    assert (report.total.amount, report.total.currency) == (Decimal("12776.20"), "EUR")
    apart = [
        (year, money.currency, money.amount, works) for year, money, works in report.unconverted
    ]
    assert apart == [
        (2015, "GBP", Decimal("500.00"), 1),
        (2013, "RUB", Decimal("100000.00"), 1),
    ]
    assert not report.complete


def test_a_rate_keeps_who_entered_it_and_a_second_one_that_day_replaces_it(
    sold: dict[str, Any],
) -> None:
    clerk = staff_in("Sales", "irina")

    rate = exchange_rate_set(
        currency="gbp", rate=Decimal("1.17"), valid_from=dt.date(2015, 1, 1), acting_user=clerk
    )
    again = exchange_rate_set(
        currency="GBP", rate=Decimal("1.18"), valid_from=dt.date(2015, 1, 1), acting_user=clerk
    )

    assert again.pk == rate.pk
    stored = ExchangeRate.objects.get(currency="GBP")
    assert (stored.rate, stored.base_currency, stored.entered_by) == (Decimal("1.18"), "EUR", clerk)
    assert (
        AuditLog.objects.filter(
            content_type__model="exchangerate", object_id=str(rate.pk), actor=clerk
        ).count()
        == 2
    )
    table = exchange_rates_table(viewer=clerk)
    assert table.rate_on("GBP", dt.date(2014, 12, 31)) is None
    assert table.rate_on("GBP", dt.date(2015, 1, 1)) is not None


@pytest.mark.parametrize(
    ("currency", "rate", "message"),
    [
        pytest.param("USD", "0", "A rate is a number above zero.", id="zero_case"),
        pytest.param("USD", "-1.2", "A rate is a number above zero.", id="negative_case"),
        pytest.param("EUR", "1", "A currency is not converted into itself.", id="self_case"),
        pytest.param("XYZ", "1", "“XYZ” is not an ISO 4217 currency", id="unknown_case"),
    ],
)
def test_bad_rates_are_refused_and_nothing_is_written(
    sold: dict[str, Any], currency: str, rate: str, message: str
) -> None:
    before = (ExchangeRate.objects.count(), AuditLog.objects.count())

    with pytest.raises(ValidationError) as refused:
        exchange_rate_set(
            currency=currency, rate=Decimal(rate), valid_from=dt.date(2016, 1, 1), acting_user=None
        )

    assert message in " ".join(refused.value.messages)
    assert (ExchangeRate.objects.count(), AuditLog.objects.count()) == before


def test_the_report_page_shows_the_converted_totals_and_what_has_no_rate(
    client: Client, sold: dict[str, Any], django_assert_num_queries: Any
) -> None:
    client.force_login(staff_in("Sales", "irina"))
    client.get("/market/reports/sales/?convert=1")  # the session and permissions, once

    with django_assert_num_queries(6):
        response = client.get("/market/reports/sales/?convert=1")

    page = response.content.decode()
    assert response.status_code == 200
    assert "€901.20" in page
    assert "1 USD = 0.9012 EUR (from 2014-06-01)" in page
    assert "€12,776.20" in page
    unconverted = page[page.index('id="unconverted"') :]
    assert "£500.00" in unconverted
    assert "RUB100,000.00" in unconverted
    assert "none for RUB on 2013-12-31" in page
    plain = client.get("/market/reports/sales/").content.decode()
    assert "€12,776.20" not in plain
    assert "$2,500.00" in plain


ADMIN_VIEWERS = {
    "staff, no permission": 403,
    "Viewer": 403,
    "Registrar": 403,
    "Press": 403,
    "Sales": 200,
    "Owner": 200,
}


@pytest.mark.parametrize("viewer", list(ADMIN_VIEWERS))
def test_the_rates_admin_permission_matrix(
    client: Client, sold: dict[str, Any], viewer: str
) -> None:
    if viewer == "staff, no permission":
        user = User.objects.create_user(username="someone", is_staff=True)
    else:
        user = staff_in(viewer, "someone")
    client.force_login(user)
    before = (ExchangeRate.objects.count(), AuditLog.objects.count())
    expected = ADMIN_VIEWERS[viewer]

    listed = client.get("/admin/market/exchangerate/")
    added = client.post(
        "/admin/market/exchangerate/add/",
        {"currency": "GBP", "base_currency": "EUR", "rate": "1.17", "valid_from": "2015-01-01",
         "source": "bank statement"},
    )  # fmt: skip

    assert listed.status_code == expected
    if expected == 403:
        assert b"0.9012" not in listed.content
        assert added.status_code == 403
        assert (ExchangeRate.objects.count(), AuditLog.objects.count()) == before
        return
    assert "0.9012" in listed.content.decode()
    assert added.status_code == 302
    rate = ExchangeRate.objects.get(currency="GBP")
    assert (rate.rate, rate.entered_by, rate.source) == (Decimal("1.17"), user, "bank statement")


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, db: Any) -> None:
    response = client.get("/admin/market/exchangerate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_refused_rate_comes_back_on_the_admin_form(client: Client, db: Any) -> None:
    client.force_login(staff_in("Sales", "irina"))

    response = client.post(
        "/admin/market/exchangerate/add/",
        {"currency": "EUR", "base_currency": "EUR", "rate": "1", "valid_from": "2015-01-01"},
    )

    assert response.status_code == 200
    assert "A currency is not converted into itself." in response.content.decode()
    assert not ExchangeRate.objects.exists()
