"""The catalogue bench writes its rows in bulk, around the services: they must come out as the
services would leave them, or the bench measures a catalogue the application never makes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bench.catalogue import CatalogueWriter
from django.db import models, transaction

from vernissage.people.models import Person
from vernissage.people.services import person_create
from vernissage.works.models import Artwork, Series, Term
from vernissage.works.services import artwork_create, series_create, term_get_or_create

# A name with no Latin letter (its slug falls back), a second maker who sorts before the
# first, a fuzzy birth date, a range of years, dimensions to read, a translated title.
ANNA = {
    "display_name": "Анна  Калмурзаев",
    "sort_name": "Калмурзаев, Анна",
    "birth_date": "c. 1961",
    "nationality": "Kazakh",
    "biography": "Анна Калмурзаев paints the steppe.",
    "is_public": True,
}
VIKTOR = {
    "display_name": "Viktor Petrov",
    "sort_name": "Petrov, Viktor",
    "birth_date": "1958",
    "is_public": True,
}
SERIES = {"title": "Steppe Light series", "is_public": True}
THEME = "the steppe"
WORK = {
    "title": "Steppe  Light No. 3",
    "classification": "painting",
    "inventory_number": "AK-1998-0000001",
    "date": "1998–2001",
    "medium": "Oil on canvas",
    "dimensions": "120 x 80 cm",
    "description": "Oil on canvas. Steppe Light No. 3, from the artist's studio.",
    "status": "sold",
    "credit_line": "Courtesy of the artist",
    "is_public": True,
    "title_variants": [{"title": "Lumière de la steppe", "kind": "translated", "language": "fr"}],
    "inscriptions": [{"kind": "signature", "text": "signed AK", "location": "lower right"}],
}
#: What the services derive rather than store as given.
DERIVED = {
    "person": ("slug", "search_names", "birth_date_earliest", "birth_date_latest"),
    "series": ("slug",),
    "artwork": ("slug", "search_text", "date_earliest", "date_latest", "height", "width", "unit"),
}


def _row(instance: models.Model) -> dict[str, Any]:
    """Every stored field but the id and the timestamps; a link as the slug of what it links
    to (the text of a term)."""
    row: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"id", "created_at", "updated_at"}:
            continue
        if field.is_relation:
            linked = getattr(instance, field.name)
            row[field.name] = getattr(linked, "slug", str(linked)) if linked else None
        else:
            row[field.name] = getattr(instance, field.attname)
    return row


def _recorded() -> dict[str, Any]:
    """The people, series and works in the database, with the rows that hang on them."""
    return {
        "people": [
            {**_row(person), "roles": sorted(role.code for role in person.roles.all())}
            for person in Person.all_objects.order_by("display_name")
        ],
        "series": [_row(series) for series in Series.objects.order_by("title")],
        "artworks": [
            {
                **_row(artwork),
                "creations": [_row(creation) for creation in artwork.creations.all()],
                "titles": [_row(title) for title in artwork.titles.all()],
                "inscriptions": [_row(inscription) for inscription in artwork.inscriptions.all()],
                "themes": sorted(term.label for term in artwork.themes.all()),
            }
            for artwork in Artwork.all_objects.order_by("inventory_number")
        ],
    }


def _through_the_services() -> None:
    anna = person_create(acting_user=None, roles=["artist"], **ANNA)
    viktor = person_create(acting_user=None, roles=["artist"], **VIKTOR)
    series = series_create(acting_user=None, artist=anna, **SERIES)
    artwork_create(
        acting_user=None,
        makers=[(anna, "artist"), (viktor, "co_artist")],
        themes=[THEME],
        series=series,
        **WORK,
    )


def _through_the_bench_writer() -> None:
    writer = CatalogueWriter(now=datetime.now(tz=UTC))
    anna = writer.person(**ANNA)
    viktor = writer.person(**VIKTOR)
    series_id = writer.series(artist_id=anna.id, **SERIES)
    theme = term_get_or_create(label=THEME, kind=Term.Kind.THEME)
    writer.artwork(
        makers=[(anna, "artist"), (viktor, "co_artist")],
        theme_ids=[theme.id],
        series_id=series_id,
        created=datetime.now(tz=UTC),
        **WORK,
    )
    writer.flush()
    writer.finish()


def test_bulk_writer_leaves_the_rows_the_services_leave(db: None) -> None:
    with transaction.atomic():  # given: a person, a series and a work made by the services
        _through_the_services()
        made_by_services = _recorded()
        transaction.set_rollback(True)

    _through_the_bench_writer()  # when: the same written by the bench
    written = _recorded()

    assert written == made_by_services  # then
    for kind, rows in (
        ("person", written["people"]),
        ("series", written["series"]),
        ("artwork", written["artworks"]),
    ):
        for row in rows:
            assert all(row[name] for name in DERIVED[kind]), (kind, row)
    assert [person["slug"] for person in written["people"]] == ["viktor-petrov", "record"]
