"""Build the Kalmurzaev world of the three seed stories through the services.

The data lives in ``kalmurzaev.toml``; every record there cites the seed sentence its facts
come from, or says what was added for the demo. The whole world lands in one transaction.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction

from vernissage.core.services import Actor
from vernissage.people import services as people
from vernissage.people.models import Organization, Person, Place
from vernissage.works import services as works
from vernissage.works.models import Series

WORLD_FILE = "kalmurzaev.toml"


@dataclass(frozen=True)
class WorldSummary:
    places: int
    organizations: int
    people: int
    relationships: int
    events: int
    series: int
    works: int


def world_data() -> dict[str, Any]:
    text = resources.files("vernissage.demo").joinpath(WORLD_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def seed_texts() -> dict[str, str]:
    """The three stories, as bundled with the package."""
    folder = resources.files("vernissage.demo").joinpath("seeds")
    return {
        name: folder.joinpath(name).read_text(encoding="utf-8")
        for name in world_data()["meta"]["seeds"]
    }


def source_text(record: dict[str, Any]) -> str:
    """The record's provenance as one text: the seed sentences it cites, and any demo note."""
    parts = [f"“{cite}”" for cite in record.get("cites", [])]
    if record.get("brief"):
        parts.append(f"the brief: “{record['brief']}”")
    if record.get("demo"):
        parts.append(f"Added for the demo: {record['demo']}")
    return "; ".join(parts)


def world_is_loaded() -> bool:
    return Person.all_objects.filter(slug="jacques-kalmurzaev").exists()


def world_load(*, acting_user: Actor = None) -> WorldSummary:
    data = world_data()
    with transaction.atomic():
        places = _load_places(data["places"], acting_user)
        organizations: dict[str, Organization] = {}
        for record in data["organizations"]:
            organizations[record["key"]] = people.organization_create(
                acting_user=acting_user,
                name=record["name"],
                kind=record["kind"],
                place=places.get(record.get("place", "")),
                description=record.get("description", ""),
                is_public=record.get("is_public", True),
                notes=source_text(record),
            )
        persons: dict[str, Person] = {}
        for record in data["people"]:
            persons[record["key"]] = people.person_create(
                acting_user=acting_user,
                display_name=record["display_name"],
                sort_name=record.get("sort_name", ""),
                roles=record.get("roles", []),
                names=record.get("names", []),
                birth_date=record.get("birth_date", ""),
                birth_place=places.get(record.get("birth_place", "")),
                nationality=record.get("nationality", ""),
                biography=record.get("biography", ""),
                media=record.get("media", []),
                themes=record.get("themes", []),
                is_public=record.get("is_public", False),
                notes="\n\n".join(
                    part for part in (record.get("notes", ""), source_text(record)) if part
                ),
            )
        for record in data["relationships"]:
            people.relationship_create(
                acting_user=acting_user,
                person=persons[record["person"]],
                kind=record["kind"],
                other_person=persons.get(record.get("other", "")),
                organization=organizations.get(record.get("organization", "")),
                start_date=record.get("date", ""),
                source=source_text(record),
                note=record.get("note", ""),
                is_public=record.get("is_public", True),
            )
        for record in data["events"]:
            people.life_event_create(
                acting_user=acting_user,
                person=persons[record["person"]],
                kind=record["kind"],
                date=record.get("date", ""),
                place=places.get(record.get("place", "")),
                organization=organizations.get(record.get("organization", "")),
                description=record.get("description", ""),
                source=source_text(record),
                is_public=record.get("is_public", True),
            )
        series: dict[str, Series] = {}
        for record in data["series"]:
            series[record["key"]] = works.series_create(
                acting_user=acting_user,
                title=record["title"],
                artist=persons.get(record.get("artist", "")),
                description=record.get("description", ""),
            )
        for record in data["works"]:
            works.artwork_create(
                acting_user=acting_user,
                inventory_number=record["inventory_number"],
                title=record["title"],
                date=record.get("date", ""),
                classification=record["classification"],
                medium=record.get("medium", ""),
                dimensions=record.get("dimensions", ""),
                framed_dimensions=record.get("framed_dimensions", ""),
                makers=[(persons[maker["person"]], maker["role"]) for maker in record["makers"]],
                themes=record.get("themes", []),
                title_variants=record.get("title_variants", []),
                inscriptions=record.get("inscriptions", []),
                series=series.get(record.get("series", "")),
                status=record.get("status", "available"),
                edition_size=record.get("edition_size"),
                artist_proofs=record.get("artist_proofs", 0),
                description=record.get("description", ""),
                credit_line=record.get("credit_line", ""),
                copyright=record.get("copyright", ""),
                is_public=record.get("is_public", False),
                notes=source_text(record),
            )
    return WorldSummary(
        places=len(places),
        organizations=len(organizations),
        people=len(persons),
        relationships=len(data["relationships"]),
        events=len(data["events"]),
        series=len(series),
        works=len(data["works"]),
    )


def _load_places(records: list[dict[str, Any]], acting_user: Actor) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for record in records:
        within = places.get(record.get("within", ""))
        if record.get("resolve"):
            place = people.place_resolve(
                name=record["name"],
                kind=record["kind"],
                country=record.get("country", ""),
                within=within,
                acting_user=acting_user,
            )
        else:
            place = people.place_save(
                place=Place(
                    name=record["name"],
                    kind=record["kind"],
                    country=record.get("country", ""),
                    within=within,
                    latitude=_coordinate(record.get("latitude")),
                    longitude=_coordinate(record.get("longitude")),
                ),
                acting_user=acting_user,
            )
        for variant in record.get("variants", []):
            people.place_name_add(place=place, acting_user=acting_user, **variant)
        places[record["key"]] = place
    return places


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))
