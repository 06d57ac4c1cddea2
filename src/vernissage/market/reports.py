"""Reports of the market: sales by artist, year and currency (totals per currency, never
converted), and an artist's price history as a chart drawn on the server (SVG) with the same
figures as a table. Only for viewers who may see sales.

A sale counts from its confirmation (confirmed, invoiced or paid), at the net price of each
line (after discount, before tax), for every artist credited on the work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer
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
