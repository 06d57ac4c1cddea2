"""What “a meteoric rise” means, in numbers, from the career timeline.

Every figure is computed from the timeline's entries (so from records the viewer may see) and
keeps the entries it counts, so that a page can link each number to its records:

- years from the first show to the first show abroad (both shows linked);
- shows per year and reviews per year, over the career's active years: from the first year
  with a show or a review to the last (both included);
- the countries and the cities shown in, each with its shows;
- per year: exhibitions, cities shown in, reviews (the chart and its table).

Undated shows and reviews count in the totals, the countries and the cities, not per year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils import translation

from vernissage.insights.timeline import Career, Entry, EntryKind


@dataclass(frozen=True)
class YearRow:
    year: int
    exhibitions: int
    cities: int
    reviews: int


@dataclass(frozen=True)
class Group:
    """A name and the entries it counts (a country and its shows, a city and its shows)."""

    key: str
    name: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"career-shown-{self.key}"


@dataclass(frozen=True)
class Figures:
    first_show: Entry | None
    first_solo_show: Entry | None
    first_show_abroad: Entry | None
    #: Whole years from the first show to the first show abroad (0: the same year).
    years_to_abroad: int | None
    shows: list[Entry]
    shows_abroad: list[Entry]
    reviews: list[Entry]
    #: The first and last year with a show or a review.
    first_year: int | None
    last_year: int | None
    shows_per_year: Decimal | None
    reviews_per_year: Decimal | None
    countries: list[Group]
    cities: list[Group]
    years: list[YearRow]

    @property
    def active_years(self) -> int:
        if self.first_year is None or self.last_year is None:
            return 0
        return self.last_year - self.first_year + 1


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def country_name(code: str) -> str:
    """A country's name in the reader's language (“France”, “Frankreich”), from its code."""
    locale = _locale(translation.get_language() or "en")
    return str(locale.territories.get(code, code))


def _per_year(count: int, years: int) -> Decimal | None:
    if not years:
        return None
    return (Decimal(count) / Decimal(years)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def career_figures(career: Career) -> Figures:
    """The figures of a career; no query (it reads the entries only)."""
    shows = career.shows
    reviews = career.of_kind(EntryKind.REVIEW)
    first_show = next((entry for entry in shows if entry.first_show), None)
    first_solo = next((entry for entry in shows if entry.first_solo_show), None)
    first_abroad = next((entry for entry in shows if entry.first_show_abroad), None)
    years_to_abroad = None
    if first_show is not None and first_abroad is not None:
        years_to_abroad = (first_abroad.year or 0) - (first_show.year or 0)

    counted_years = [entry.year for entry in [*shows, *reviews] if entry.year is not None]
    first_year = min(counted_years) if counted_years else None
    last_year = max(counted_years) if counted_years else None
    span = last_year - first_year + 1 if first_year is not None and last_year is not None else 0

    countries: dict[str, Group] = {}
    cities: dict[str, Group] = {}
    for entry in shows:
        for code in entry.countries:
            countries.setdefault(code, Group(key=code.lower(), name=country_name(code)))
            countries[code].entries.append(entry)
        for city in entry.cities:
            cities.setdefault(city, Group(key=f"city-{len(cities) + 1}", name=city))
            cities[city].entries.append(entry)

    shows_in: dict[int, int] = {}
    cities_in: dict[int, set[str]] = {}
    reviews_in: dict[int, int] = {}
    for entry in shows:
        if entry.year is not None:
            shows_in[entry.year] = shows_in.get(entry.year, 0) + 1
            cities_in.setdefault(entry.year, set()).update(entry.cities)
    for entry in reviews:
        if entry.year is not None:
            reviews_in[entry.year] = reviews_in.get(entry.year, 0) + 1
    years: list[YearRow] = []
    if first_year is not None and last_year is not None:
        years = [
            YearRow(
                year=year,
                exhibitions=shows_in.get(year, 0),
                cities=len(cities_in.get(year, ())),
                reviews=reviews_in.get(year, 0),
            )
            for year in range(first_year, last_year + 1)
        ]
    return Figures(
        first_show=first_show,
        first_solo_show=first_solo,
        first_show_abroad=first_abroad,
        years_to_abroad=years_to_abroad,
        shows=shows,
        shows_abroad=[entry for entry in shows if entry.abroad],
        reviews=reviews,
        first_year=first_year,
        last_year=last_year,
        shows_per_year=_per_year(len(shows), span),
        reviews_per_year=_per_year(len(reviews), span),
        countries=sorted(countries.values(), key=lambda group: group.name),
        cities=sorted(cities.values(), key=lambda group: group.name),
        years=years,
    )
