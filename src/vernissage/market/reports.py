"""Reports of the market: sales by artist, year and currency (totals per currency, and on
request converted at the exchange rates staff entered, never at any other), and an artist's
price history as a chart drawn on the server (SVG) with the same
figures as a table. Only for viewers who may see sales.

A sale counts from its confirmation (confirmed, invoiced or paid), at the net price of each
line (after discount, before tax), for every artist credited on the work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer
from vernissage.market.exchange_rates import RateTable, RateUsed, exchange_rates_table
from vernissage.market.models import Sale, SaleLine
from vernissage.market.money import Money
from vernissage.market.selectors import sales_allowed
from vernissage.people.models import Person
from vernissage.works.models import Creation

SOLD_STATES = (Sale.State.CONFIRMED, Sale.State.INVOICED, Sale.State.PAID)
ARTIST_ROLES = (Creation.Role.ARTIST, Creation.Role.CO_ARTIST)


@dataclass(frozen=True)
class ReportRow:
    artist_id: int
    artist: str
    year: int
    currency: str
    works: int
    total: Money


def sales_by_artist(*, viewer: Viewer, year: int | None = None) -> list[ReportRow]:
    """One row per artist, year of confirmation and currency: how many works, for how much.
    One grouped query, whatever the number of sales."""
    sales_allowed(viewer)
    lines = SaleLine.objects.filter(
        sale__state__in=SOLD_STATES,
        artwork__creations__role__in=ARTIST_ROLES,
    )
    if year is not None:
        lines = lines.filter(sale__confirmed_at__year=year)
    # Grouped on small keys (ids, a year, a code) so the database hashes rather than sorts
    # strings; the 200-odd names are read after and the rows ordered here.
    grouped = (
        lines.annotate(year=ExtractYear("sale__confirmed_at"))
        .values("artwork__creations__person_id", "year", "sale__currency")
        .annotate(works=Count("id"), total=Sum("net_amount"))
        .order_by()
    )
    rows = list(grouped)
    names = dict(
        Person.all_objects.filter(
            pk__in={row["artwork__creations__person_id"] for row in rows}
        ).values_list("pk", "display_name")
    )
    sort_names = dict(Person.all_objects.filter(pk__in=names).values_list("pk", "sort_name"))
    rows.sort(
        key=lambda row: (
            sort_names.get(row["artwork__creations__person_id"], ""),
            -row["year"],
            row["sale__currency"],
        )
    )
    return [
        ReportRow(
            artist_id=row["artwork__creations__person_id"],
            artist=names.get(row["artwork__creations__person_id"], ""),
            year=row["year"],
            currency=row["sale__currency"],
            works=row["works"],
            total=Money(row["total"], row["sale__currency"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ConvertedRow:
    row: ReportRow
    #: The row's total in the reporting currency; ``None`` when its currency had no rate.
    converted: Money | None
    #: The rate it was converted at (``None`` for a row in the reporting currency).
    rate: RateUsed | None
    #: The day whose rate was asked: the last day of the row's year (today for this year).
    rate_day: dt.date


@dataclass
class ConvertedReport:
    currency: str
    rows: list[ConvertedRow]
    #: Per year, newest first: the converted total of the rows that could be converted.
    by_year: list[tuple[int, Money]] = field(default_factory=list)
    #: What could not be converted, per year and currency: listed apart, never left out.
    unconverted: list[tuple[int, Money, int]] = field(default_factory=list)
    total: Money | None = None

    @property
    def complete(self) -> bool:
        return not self.unconverted


def rate_day_of(year: int, today: dt.date) -> dt.date:
    """The day whose rate converts a year's sales: its last day, or today for this year."""
    return min(dt.date(year, 12, 31), today)


def sales_by_artist_converted(
    *, viewer: Viewer, year: int | None = None, rates: RateTable | None = None
) -> ConvertedReport:
    """:func:`sales_by_artist` with each row's total converted into the reporting currency at
    the rate staff entered that held on the last day of the row's year (today for this year).
    A row whose currency had no rate then stays unconverted and is summed apart, per year and
    currency; it is never dropped, nor converted at 1."""
    rows = sales_by_artist(viewer=viewer, year=year)
    table = rates or exchange_rates_table(viewer=viewer)
    today = timezone.localdate()
    converted_rows: list[ConvertedRow] = []
    by_year: dict[int, Decimal] = {}
    apart: dict[tuple[int, str], tuple[Decimal, int]] = {}
    for row in rows:
        day = rate_day_of(row.year, today)
        result = table.convert(row.total, day)
        if result is None:
            amount, works = apart.get((row.year, row.currency), (Decimal(0), 0))
            apart[(row.year, row.currency)] = (amount + row.total.amount, works + row.works)
            converted_rows.append(ConvertedRow(row=row, converted=None, rate=None, rate_day=day))
            continue
        money, used = result
        by_year[row.year] = by_year.get(row.year, Decimal(0)) + money.amount
        converted_rows.append(ConvertedRow(row=row, converted=money, rate=used, rate_day=day))
    base = table.base_currency
    return ConvertedReport(
        currency=base,
        rows=converted_rows,
        by_year=[(y, Money(by_year[y], base)) for y in sorted(by_year, reverse=True)],
        unconverted=[
            (y, Money(amount, currency), works)
            for (y, currency), (amount, works) in sorted(
                apart.items(), key=lambda item: (-item[0][0], item[0][1])
            )
        ],
        total=Money(sum(by_year.values(), Decimal(0)), base) if by_year else None,
    )


@dataclass(frozen=True)
class PricePoint:
    day: dt.date
    title: str
    price: Money


def artist_price_history(*, person: Person, viewer: Viewer) -> list[PricePoint]:
    """Every sale of a work by ``person``, oldest first, at its net price."""
    sales_allowed(viewer)
    lines = (
        SaleLine.objects.filter(
            sale__state__in=SOLD_STATES,
            artwork__creations__person=person,
            artwork__creations__role__in=ARTIST_ROLES,
        )
        .select_related("sale", "artwork")
        .order_by("sale__confirmed_at", "id")
        .distinct()
    )
    return [
        PricePoint(
            day=timezone.localdate(line.sale.confirmed_at or line.created_at),
            title=line.artwork.title,
            price=Money(line.net_amount, line.sale.currency),
        )
        for line in lines
    ]


WIDTH, HEIGHT, PAD = 640, 280, 48
COLOURS = ("#1f5f8b", "#b4472b", "#3d7a3d", "#7a4b9a")


def price_chart_svg(points: list[PricePoint]) -> SafeString:
    """The prices as dots over time, one colour per currency (never converted), each dot
    titled with its figures; the same figures are in the table beside it."""
    if not points:
        return SafeString("")
    days = [point.day.toordinal() for point in points]
    low_day, high_day = min(days), max(days)
    currencies = sorted({point.price.currency for point in points})
    top = {
        currency: max(p.price.amount for p in points if p.price.currency == currency) or Decimal(1)
        for currency in currencies
    }

    def x(day: dt.date) -> int:
        span = high_day - low_day or 1
        return PAD + round((day.toordinal() - low_day) * (WIDTH - 2 * PAD) / span)

    def y(point: PricePoint) -> int:
        share = point.price.amount / top[point.price.currency]
        return HEIGHT - PAD - round(share * (HEIGHT - 2 * PAD))

    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" fill="{}"><title>{}</title></circle>',
        (
            (
                x(point.day),
                y(point),
                COLOURS[currencies.index(point.price.currency) % len(COLOURS)],
                f"{point.day.isoformat()} · {point.title} · {point.price}",
            )
            for point in points
        ),
    )
    legend = format_html_join(
        "",
        '<text x="{}" y="20" fill="{}" font-size="12">{} (max {})</text>',
        (
            (
                PAD + index * 160,
                COLOURS[index % len(COLOURS)],
                currency,
                Money(top[currency], currency),
            )
            for index, currency in enumerate(currencies)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="price-chart-title" class="price-chart">'
        '<title id="price-chart-title">{title}</title>'
        '<line x1="{p}" y1="{base}" x2="{right}" y2="{base}" stroke="#999"/>'
        '<line x1="{p}" y1="{p}" x2="{p}" y2="{base}" stroke="#999"/>'
        '<text x="{p}" y="{below}" font-size="11">{first}</text>'
        '<text x="{right}" y="{below}" font-size="11" text-anchor="end">{last}</text>'
        "{legend}{dots}</svg>",
        w=WIDTH,
        h=HEIGHT,
        p=PAD,
        base=HEIGHT - PAD,
        right=WIDTH - PAD,
        below=HEIGHT - PAD + 18,
        title=_("Prices of the works sold, over time"),
        first=points[0].day.isoformat(),
        last=points[-1].day.isoformat(),
        legend=legend,
        dots=dots,
    )
