"""The stories' market in the demo world: Jacques' paintings bought after Paris, Ana's sold
high, Romy's consignment to the Paris gallery and what the gallery owes him."""

from __future__ import annotations

from decimal import Decimal

from tests.factories.guests import staff_in
from vernissage.demo.loader import WorldSummary
from vernissage.market.consignments import payables_statement
from vernissage.market.models import Sale
from vernissage.market.reports import sales_by_artist
from vernissage.works.models import Artwork


def test_the_demo_sales_are_invoiced_in_their_years_and_paid_as_told(world: WorldSummary) -> None:
    states = dict(Sale.objects.values_list("invoice_number", "state"))

    assert states == {
        "2013-0001": "paid",  # Petrov's painting, acquired at the Paris exhibition
        "2013-0002": "paid",
        "2014-0001": "invoiced",
        "2016-0001": "paid",
        "2018-0001": "paid",
    }
    sold = set(Artwork.objects.filter(status="sold").values_list("inventory_number", flat=True))
    assert {
        *("JK-2010-002", "JK-2012-001", "JK-2016-001"),
        *("AK-2016-001", "AK-2017-001", "RK-1996-001"),
    } <= sold


def test_the_demo_report_shows_ana_sold_high_in_dollars(world: WorldSummary) -> None:
    owner = staff_in("Owner", "boss")

    rows = {(r.artist, r.year, r.currency): r for r in sales_by_artist(viewer=owner)}

    ana = rows[("Ana Kalmurzaev", 2018, "USD")]
    assert (ana.works, ana.total.amount) == (2, Decimal("425000.00"))
    jacques = rows[("Jacques Kalmurzaev", 2013, "EUR")]  # Petrov's painting and The Red Room
    assert (jacques.works, jacques.total.amount) == (2, Decimal("48000.00"))


def test_the_demo_gallery_owes_romy_half_of_the_net_price(world: WorldSummary) -> None:
    owner = staff_in("Owner", "boss")

    (romy,) = payables_statement(viewer=owner)

    assert romy.consignor == "Romy Kalmurzaev"
    assert (romy.earned, romy.due) == ({"EUR": Decimal("4000.00")}, {"EUR": Decimal("2000.00")})
    assert len(romy.rows) == 2  # the print sold, and the one still unsold
