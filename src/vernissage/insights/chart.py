"""The chart of a career, drawn on the server as SVG (no script): per year, the exhibitions,
the cities shown in and the reviews, as three bars side by side. The page shows the same
figures as a table beside it; each bar carries its figure as its title."""

from __future__ import annotations

from html import escape

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vernissage.insights.figures import YearRow

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 30, 34
#: One colour per series; chosen to be told apart by people with the common colour-blindnesses.
SERIES = (
    ("exhibitions", "#1f5f8b"),
    ("cities", "#e69f00"),
    ("reviews", "#7a4b9a"),
)


def _counted(name: str, value: int) -> str:
    if name == "exhibitions":
        text = ngettext("%(count)d exhibition", "%(count)d exhibitions", value)
    elif name == "cities":
        text = ngettext("%(count)d city", "%(count)d cities", value)
    else:
        text = ngettext("%(count)d review", "%(count)d reviews", value)
    return text % {"count": value}


def career_chart_svg(years: list[YearRow]) -> SafeString:
    """The bars of ``years`` (consecutive years, oldest first); empty without years."""
    if not years:
        return SafeString("")
    names = {
        "exhibitions": _("exhibitions"),
        "cities": _("cities"),
        "reviews": _("reviews"),
    }
    top = max(max(row.exhibitions, row.cities, row.reviews) for row in years) or 1
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / len(years)
    bar = max(1.0, slot * 0.8 / len(SERIES))
    base = TOP + plot_height
    label_every = max(1, round(len(years) / 12))

    # The bars as plain strings: numbers need no escaping and the titles are escaped once
    # (format_html per bar cost a tenth of an artist's page).
    counted: dict[tuple[str, int], str] = {}
    bars = []
    for index, row in enumerate(years):
        start = LEFT + index * slot + slot * 0.1
        for position, (name, colour) in enumerate(SERIES):
            value = getattr(row, name)
            if not value:
                continue
            if (name, value) not in counted:
                counted[name, value] = escape(_counted(name, value))
            height = plot_height * value / top
            bars.append(
                f'<rect x="{start + position * bar:.1f}" y="{base - height:.1f}" '
                f'width="{bar:.1f}" height="{height:.1f}" fill="{colour}">'
                f"<title>{row.year}: {counted[name, value]}</title></rect>"
            )
    labels = [
        (f"{LEFT + (index + 0.5) * slot:.1f}", base + 16, row.year)
        for index, row in enumerate(years)
        if index % label_every == 0
    ]
    legend = [
        (LEFT + position * 130, colour, LEFT + position * 130 + 16, names[name])
        for position, (name, colour) in enumerate(SERIES)
    ]
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="career-chart-title" class="career-chart">'
        '<title id="career-chart-title">{title}</title>'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="#999"/>'
        '<text x="{axis}" y="{top_y}" font-size="11" text-anchor="end">{top}</text>'
        '<text x="{axis}" y="{base}" font-size="11" text-anchor="end">0</text>'
        "{legend}{bars}{labels}</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=_("Exhibitions, cities and reviews per year"),
        left=LEFT,
        right=WIDTH - RIGHT,
        base=base,
        axis=LEFT - 6,
        top_y=TOP + 4,
        top=top,
        legend=format_html_join(
            "",
            '<rect x="{}" y="8" width="12" height="12" fill="{}"/>'
            '<text x="{}" y="18" font-size="12">{}</text>',
            legend,
        ),
        bars=SafeString("".join(bars)),
        labels=format_html_join(
            "", '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>', labels
        ),
    )
