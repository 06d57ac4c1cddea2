"""The career timeline's lines, and the rows of its table of years, written in Python.

An artist with hundreds of shows and reviews has hundreds of timeline lines; as a template
loop each line costs some twenty variable lookups and the timeline took a third of the
artist's page. Here each line is one f-string, every text of a record escaped with
``html.escape`` (quotes too, for the attributes) and only our own markup left raw.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vernissage.insights.figures import YearRow
from vernissage.insights.timeline import Entry

register = template.Library()


def _line(entry: Entry, marks: dict[str, str]) -> str:
    when = escape(entry.when.text) if entry.when.text else "—"
    kind = f' <span class="kind">{escape(entry.kind_label)}</span>' if entry.kind_shown else ""
    label = escape(entry.label)
    what = f'<a href="{escape(entry.url)}">{label}</a>' if entry.url else label
    detail = f' <span class="detail">— {escape(entry.detail)}</span>' if entry.detail else ""
    price = f' <span class="price">{escape(entry.price)}</span>' if entry.price else ""
    flags = ""
    if entry.first_show:
        flags += marks["first_show"]
    if entry.first_solo_show:
        flags += marks["first_solo_show"]
    if entry.first_show_abroad:
        flags += marks["first_show_abroad"]
    elif entry.abroad:
        flags += marks["abroad"]
    return (
        f'<li id="{escape(entry.anchor)}" class="career-{escape(entry.kind)}">'
        f'<span class="when">{when}</span>{kind} {what}{detail}{price}{flags}</li>'
    )


@register.simple_tag
def career_timeline_lines(entries: Iterable[Entry]) -> SafeString:
    """The ``<li>`` of each entry of a career's timeline, in order."""
    marks = {
        name: f' <span class="mark">{escape(text)}</span>'
        for name, text in (
            ("first_show", _("first exhibition")),
            ("first_solo_show", _("first solo exhibition")),
            ("first_show_abroad", _("first exhibition abroad")),
            ("abroad", _("abroad")),
        )
    }
    return SafeString("\n".join(_line(entry, marks) for entry in entries))


@register.simple_tag
def career_year_rows(years: Iterable[YearRow]) -> SafeString:
    """The ``<tr>`` of each year of the chart's table: the year, its exhibitions, cities and
    reviews (counts only: nothing to escape). Sixty years as a template loop took 2 ms."""
    return SafeString(
        "".join(
            f'<tr><th scope="row">{row.year}</th><td>{row.exhibitions}</td>'
            f"<td>{row.cities}</td><td>{row.reviews}</td></tr>"
            for row in years
        )
    )
