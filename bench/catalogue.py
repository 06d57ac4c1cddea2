"""Catalogue benchmark: a synthetic catalogue, the public and admin pages read against it.

    uv run python bench/catalogue.py                  # 100,000 works, then the load phase
    uv run python bench/catalogue.py --works 1000000  # a million works
    uv run python bench/catalogue.py --works 5000 --skip-load

It makes a catalogue (people with the artist role, series, works with one or two makers,
themes, inscriptions, translated titles) in a data folder that later runs of the same size
reuse, then

1. in process, with Django's test client: time per page and queries per page for the public
   artwork list (page 1, a page in the middle, a search), an artwork page (random public
   works), an artist page and the admin change list, logged in as a superuser;
2. under load: ``vernissage serve`` (granian, WSGI) answering artwork pages at concurrency 32,
   against a minimal Django view served by the same granian command line (the framework's
   floor), interleaved floor, app, floor, app.

The goal (see bench/README.md): queries per page do not grow with the catalogue; an artwork
page answers in under 50 ms at the 99th percentile at 100,000 works on SQLite; the app serves
at least half the requests per second of the floor. It ends with one line:

    works=N artwork_page_p99_ms=X list_queries=Q vs_floor=R
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the harness is imported as bench.harness
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness
from bench.careers import careers_ensure  # noqa: E402

MARKER = "catalogue.json"
SEED = 20250101
BATCH = 5_000  # rows built in Python and written per transaction
ADMIN_PAGE_SIZE = 50  # ArtworkAdmin.list_per_page
PAGE_BUDGET_SECONDS = 20.0  # per page kind: slow pages of a big catalogue get fewer samples
BENCH_ADMIN = "bench-admin"


# --- setup ----------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time the catalogue pages against a synthetic catalogue."
    )
    parser.add_argument("--works", type=int, default=100_000, help="works in the catalogue")
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="data folder (VERNISSAGE_HOME); default bench/results/catalogue-<works>, "
        "reused by later runs of the same size",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="benchmark on this database (PostgreSQL) instead of the SQLite file in --home; "
        "DATABASE_URL from the environment is ignored so that a bench never writes to it",
    )
    parser.add_argument("--samples", type=int, default=500, help="artwork pages timed in process")
    harness.add_load_arguments(parser)
    parser.add_argument(
        "--requests",
        type=int,
        default=0,
        help="end each load round after this many requests or --duration, whichever comes "
        "first (uses the Python load generator; 0: wrk for --duration)",
    )
    parser.add_argument("--concurrency", type=int, default=32, help="connections under load")
    parser.add_argument("--skip-load", action="store_true", help="no load phase")
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="only the search phase (no page table, no load phase)",
    )
    parser.add_argument(
        "--search-samples", type=int, default=60, help="requests timed per search measurement"
    )
    parser.add_argument(
        "--no-wrk", action="store_true", help="use the Python load generator even if wrk is here"
    )
    arguments = parser.parse_args(argv)
    if arguments.works < 100:
        parser.error("--works must be at least 100")
    if arguments.concurrency < 1:
        parser.error("--concurrency must be at least 1")
    return arguments


def django_setup() -> None:
    from django.conf import settings

    harness.django_ready()
    # The in-process figures are of rendering itself: pages are not served from the cache of
    # public pages here (the load phase runs the server as in production, cache included).
    settings.VERNISSAGE_PAGE_CACHE_SECONDS = 0


# --- the synthetic catalogue ----------------------------------------------------------------

FIRST_NAMES = (
    "Ana", "Viktor", "Jacques", "Marta", "Lena", "Oskar", "Irina", "Paul", "Chiara", "Ivan",
    "Sofia", "Hugo", "Nadia", "Tomás", "Ingrid", "Kenji", "Aiko", "Dmitri", "Élise", "Rafael",
    "Zofia", "Mikhail", "Agnès", "Leo", "Olga", "Bruno", "Clara", "Yusuf", "Amira", "Felix",
    "Greta", "Nikolai", "Inès", "Pablo", "Vera", "Hanna", "Sergei", "Louise", "Mateo", "Alma",
    "Анна", "Виктор", "Мария", "Фёдор",
)  # fmt: skip
LAST_NAMES = (
    "Kalmurzaev", "Petrov", "Moreau", "Novak", "Lindqvist", "Keller", "Sokolova", "Dubois",
    "Ricci", "Ivanov", "Costa", "Berger", "Haddad", "Navarro", "Holm", "Tanaka", "Sato",
    "Volkov", "Lefèvre", "Almeida", "Kowalska", "Orlov", "Fontaine", "Weiss", "Smirnova",
    "Rossi", "Schmidt", "Yilmaz", "Mansour", "Brandt", "Nilsson", "Kuznetsov", "Girard",
    "Ortega", "Popova", "Lehmann", "Morozov", "Blanc", "Herrera", "Varga", "Öztürk", "Müller",
    "Калмурзаев", "Петрова", "Соколов", "Fischer", "Romano", "Marchetti", "Jansen", "Dahl",
)  # fmt: skip
NATIONALITIES = ("Russian", "French", "German", "Italian", "Kazakh", "Japanese", "Swedish", "")
ADJECTIVES = (
    "Blue", "Silent", "Red", "Broken", "Northern", "Quiet", "Golden", "Black", "White",
    "Distant", "Small", "Great", "Burning", "Frozen", "Green", "Hidden", "Last", "First",
    "Grey", "Open", "Falling", "Late", "Early", "Inner", "Yellow", "Empty", "Heavy", "Light",
)  # fmt: skip
NOUNS = (
    "Landscape", "Garden", "Harbour", "Figure", "Window", "Still Life", "River", "Steppe",
    "Portrait", "Interior", "Horizon", "Field", "Mountain", "Bridge", "Birds", "Night",
    "Morning", "City", "Room", "Forest", "Shore", "Composition", "Dancer", "Tower", "Road",
    "Orchard", "Winter", "Summer", "Mirror", "Table", "Letter", "Boat", "Station", "Flowers",
)  # fmt: skip
MEDIA = {
    "painting": ("Oil on canvas", "Acrylic on canvas", "Tempera on board", "Oil on linen"),
    "photograph": ("Gelatin silver print", "Chromogenic print", "Inkjet print"),
    "tapestry": ("Wool and silk", "Wool, cotton warp"),
    "drawing": ("Charcoal on paper", "Graphite on paper", "Ink and wash on paper"),
    "print": ("Etching", "Lithograph", "Woodcut", "Screenprint"),
    "sculpture": ("Bronze", "Marble", "Painted steel", "Carved wood"),
    "mixed_media": ("Mixed media on panel", "Collage and paint on paper"),
    "video": ("Single-channel video, colour, sound",),
    "installation": ("Mixed media installation", "Found objects, light"),
}
CLASSIFICATIONS = (
    ("painting", 40), ("photograph", 12), ("drawing", 14), ("print", 12), ("sculpture", 8),
    ("mixed_media", 6), ("tapestry", 3), ("video", 2), ("installation", 3),
)  # fmt: skip
STATUSES = (
    ("available", 50), ("sold", 20), ("not_for_sale", 12), ("reserved", 4), ("on_loan", 6),
    ("on_consignment", 6), ("lost", 1), ("destroyed", 1),
)  # fmt: skip
THEMES = (
    "landscape", "portrait", "still life", "abstraction", "the city", "the sea", "memory",
    "the body", "nomadism", "the steppe", "labour", "light",
)  # fmt: skip


@dataclass
class Catalogue:
    works: int
    people: int
    series: int
    public_works: int
    seconds: float
    reused: bool = False


def _weighted(rng: random.Random, table: Sequence[tuple[str, int]]) -> Callable[[], str]:
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]

    def pick() -> str:
        return rng.choices(values, weights)[0]

    return pick


def _date_text(rng: random.Random) -> str:
    year = rng.randint(1890, 2024)
    roll = rng.random()
    if roll < 0.04:
        return ""
    if roll < 0.06:
        return "undated"
    if roll < 0.60:
        return str(year)
    if roll < 0.75:
        return f"c. {year}"
    if roll < 0.90:
        return f"{year}–{min(year + rng.randint(1, 4), 2025)}"
    return f"{year // 10 * 10}s"


def _dimensions_text(rng: random.Random, classification: str) -> str:
    if classification in {"video", "installation"}:
        return "" if rng.random() < 0.5 else "dimensions variable"
    unit = "in" if rng.random() < 0.1 else "cm"
    scale = 0.4 if unit == "in" else 1.0
    height = round(rng.randint(15, 220) * scale)
    width = round(rng.randint(15, 260) * scale)
    if classification == "sculpture":
        return f"{height} x {width} x {round(rng.randint(10, 120) * scale)} {unit}"
    return f"{height} x {width} {unit}"


class BulkWriter:
    """Rows of one model written with ``executemany``: no model instances, no per-row SQL.

    ``bulk_create`` spends most of its time compiling SQL for every row and field; here the
    INSERT is made once, fields left out take their default (read once), and only dates,
    datetimes and decimals go through the backend's adapters, as Django would send them.
    """

    def __init__(self, model: Any, *, with_pk: bool = True) -> None:
        from django.db import connection, models

        ops = connection.ops
        self.columns: list[tuple[str, Callable[[Any], Any] | None, Any]] = []
        for model_field in model._meta.concrete_fields:
            if model_field.primary_key and not with_pk:
                continue
            adapt: Callable[[Any], Any] | None = None
            if isinstance(model_field, models.DateTimeField):
                adapt = ops.adapt_datetimefield_value
            elif isinstance(model_field, models.DateField):
                adapt = ops.adapt_datefield_value
            elif isinstance(model_field, models.DecimalField):
                adapt = partial(
                    ops.adapt_decimalfield_value,
                    max_digits=model_field.max_digits,
                    decimal_places=model_field.decimal_places,
                )
            default = None if model_field.primary_key else model_field.get_default()
            if adapt is not None:
                default = adapt(default)
            self.columns.append((model_field.attname, adapt, default))
        quote = connection.ops.quote_name
        names = ", ".join(quote(model._meta.get_field(a).column) for a, _, _ in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        table = quote(model._meta.db_table)
        # Quoted names from the model's own metadata; the values go as parameters.
        self.sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        self.rows: list[tuple[Any, ...]] = []

    def add(self, **values: Any) -> None:
        row = []
        for name, adapt, default in self.columns:
            if name in values:
                value = values.pop(name)
                row.append(adapt(value) if adapt is not None else value)
            else:
                row.append(default)
        if values:
            raise TypeError(f"unknown fields {sorted(values)}")
        self.rows.append(tuple(row))

    def flush(self) -> None:
        from django.db import connection

        if self.rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
            self.rows = []


@dataclass(frozen=True)
class PersonRow:
    """A person written by :class:`CatalogueWriter`: what the works written later need."""

    id: int
    display_name: str
    sort_name: str
    search_names: str


class Slugs:
    """Slugs as ``unique_slug`` gives them to rows saved one after another into a table that
    had none: the base, then ``base-2``, ``base-3`` for the same base."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def make(self, text: str) -> str:
        from vernissage.core.slugs import slug_base

        base = slug_base(text)
        seen = self.seen.get(base, 0) + 1
        self.seen[base] = seen
        return base if seen == 1 else f"{base}-{seen}"


class CatalogueWriter:
    """People, series and works written in bulk, each row as the services would leave it.

    This goes around the per-record services on purpose: they check, fold and audit one row
    at a time (an audit row per write), which is right for editing and far too slow for a
    million rows. The bench measures reads, so the writer fills in what ``person_save``,
    ``series_save`` and ``artwork_create`` derive, from the same functions:

    - slugs as ``unique_slug`` makes them in tables that had none (:class:`Slugs`); a work's
      from its title and inventory number, which is unique by itself;
    - folded ``search_names`` (display and sort name) and ``search_text`` (title, inventory
      number, medium, the other titles, the makers' names in the order ``Person`` sorts them:
      code-point order, SQLite's; a PostgreSQL collation may put two makers the other way);
    - fuzzy date bounds and parsed dimensions.

    tests/bench/test_catalogue_writer.py checks a person, a series and a work written here
    against the same made through the services, so that the two cannot drift apart. Not
    written: audit rows, and the edition items ``artwork_create`` makes for an edition (only
    the admin change form shows them). Every person is an artist. Rows go out on
    :meth:`flush`, one transaction; :meth:`finish` moves PostgreSQL's sequences past the ids
    given here.
    """

    def __init__(self, *, now: datetime) -> None:
        from django.db.models import Max

        from vernissage.people.models import Person, Role
        from vernissage.works.models import Artwork, ArtworkTitle, Creation, Inscription, Series

        self.now = now
        self.artist_role_id = Role.objects.get_or_create(code=Role.Code.ARTIST)[0].id
        self.person_slugs = Slugs()
        self.series_slugs = Slugs()
        self.people = BulkWriter(Person)
        self.person_roles = BulkWriter(Person.roles.through, with_pk=False)
        self.series_rows = BulkWriter(Series)
        self.artworks = BulkWriter(Artwork)
        self.creations = BulkWriter(Creation)
        self.theme_links = BulkWriter(Artwork.themes.through, with_pk=False)
        self.titles = BulkWriter(ArtworkTitle)
        self.inscriptions = BulkWriter(Inscription)
        self.models: list[Any] = [
            Person,
            Series,
            Artwork,
            Creation,
            ArtworkTitle,
            Inscription,
            Person.roles.through,
            Artwork.themes.through,
        ]
        self.ids = {
            model: int(model._base_manager.aggregate(top=Max("id"))["top"] or 0) + 1
            for model in self.models
        }
        self._dates: dict[str, Any] = {}
        self._dimensions: dict[str, Any] = {}

    def _take(self, model: Any) -> int:
        taken = self.ids[model]
        self.ids[model] = taken + 1
        return taken

    @property
    def artwork_id_next(self) -> int:
        """The id the next work written gets."""
        from vernissage.works.models import Artwork

        return self.ids[Artwork]

    def when(self, text: str) -> Any:
        """``parse_fuzzy_date(text)``, read once per distinct text."""
        from vernissage.core.fuzzy_dates import parse_fuzzy_date

        parsed = self._dates.get(text)
        if parsed is None:
            parsed = self._dates[text] = parse_fuzzy_date(text)
        return parsed

    def person(
        self,
        *,
        display_name: str,
        sort_name: str,
        birth_date: str = "",
        nationality: str = "",
        biography: str = "",
        is_public: bool = False,
        deleted_at: datetime | None = None,
    ) -> PersonRow:
        """An artist, as ``person_create`` records one with these values (``roles=["artist"]``)."""
        from vernissage.core.text import fold
        from vernissage.people.models import Person

        person_id = self._take(Person)
        display_name = " ".join(display_name.split())
        birth = self.when(birth_date)
        search_names = fold(f"{display_name} {sort_name}")
        self.people.add(
            id=person_id,
            created_at=self.now,
            updated_at=self.now,
            deleted_at=deleted_at,
            display_name=display_name,
            sort_name=sort_name,
            slug=self.person_slugs.make(display_name),
            birth_date=birth.text,
            birth_date_earliest=birth.earliest,
            birth_date_latest=birth.latest,
            nationality=nationality,
            biography=biography,
            is_public=is_public,
            search_names=search_names,
        )
        self.person_roles.add(person_id=person_id, role_id=self.artist_role_id)
        return PersonRow(
            id=person_id,
            display_name=display_name,
            sort_name=sort_name,
            search_names=search_names,
        )

    def series(self, *, title: str, artist_id: int | None, is_public: bool = True) -> int:
        """A series, as ``series_create`` records one; its id."""
        from vernissage.works.models import Series

        series_id = self._take(Series)
        self.series_rows.add(
            id=series_id,
            created_at=self.now,
            updated_at=self.now,
            title=title,
            slug=self.series_slugs.make(title),
            artist_id=artist_id,
            is_public=is_public,
        )
        return series_id

    def artwork(
        self,
        *,
        title: str,
        classification: str,
        inventory_number: str,
        makers: Sequence[tuple[PersonRow, str]],
        created: datetime,
        date: str = "",
        medium: str = "",
        dimensions: str = "",
        theme_ids: Sequence[int] = (),
        title_variants: Sequence[dict[str, str]] = (),
        inscriptions: Sequence[dict[str, str]] = (),
        deleted_at: datetime | None = None,
        **fields: Any,
    ) -> int:
        """A work, as ``artwork_create`` records one with these values (makers as (person,
        role) in credit order, titles and inscriptions as dicts of their fields); its id."""
        from vernissage.core.slugs import slug_base
        from vernissage.core.text import fold
        from vernissage.works.dimensions import parse_dimensions
        from vernissage.works.models import Artwork, ArtworkTitle, Creation, Inscription

        artwork_id = self._take(Artwork)
        title = " ".join(title.split())
        inventory_number = inventory_number.strip()
        when = self.when(date)
        measured = self._dimensions.get(dimensions)
        if measured is None:
            measured = self._dimensions[dimensions] = parse_dimensions(dimensions)
        translated = ArtworkTitle.Kind.TRANSLATED
        other_titles = sorted(
            (variant.get("kind", translated), variant["title"]) for variant in title_variants
        )
        people = sorted((person for person, _role in makers), key=_person_order)
        parts = [title, inventory_number, medium, *(t for _kind, t in other_titles)]
        parts += [person.search_names for person in people]
        self.artworks.add(
            id=artwork_id,
            created_at=created,
            updated_at=created,
            deleted_at=deleted_at,
            inventory_number=inventory_number,
            title=title,
            slug=slug_base(f"{title} {inventory_number}"),
            date=when.text,
            date_earliest=when.earliest,
            date_latest=when.latest,
            classification=classification,
            medium=medium,
            dimensions=measured.text,
            height=measured.height,
            width=measured.width,
            depth=measured.depth,
            unit=measured.unit.value if measured.unit else "",
            search_text=fold(" ".join(part for part in parts if part)),
            **fields,
        )
        for position, (person, role) in enumerate(makers):
            self.creations.add(
                id=self._take(Creation),
                created_at=created,
                updated_at=created,
                artwork_id=artwork_id,
                person_id=person.id,
                role=role,
                position=position,
            )
        for theme_id in theme_ids:
            self.theme_links.add(artwork_id=artwork_id, term_id=theme_id)
        for variant in title_variants:
            self.titles.add(
                id=self._take(ArtworkTitle),
                created_at=created,
                updated_at=created,
                artwork_id=artwork_id,
                **variant,
            )
        for inscription in inscriptions:
            self.inscriptions.add(
                id=self._take(Inscription),
                created_at=created,
                updated_at=created,
                artwork_id=artwork_id,
                **inscription,
            )
        return artwork_id

    def flush(self) -> None:
        """Write the rows added since the last flush, in one transaction."""
        from django.db import transaction

        with transaction.atomic():
            for writer in (
                self.people,
                self.person_roles,
                self.series_rows,
                self.artworks,
                self.creations,
                self.theme_links,
                self.titles,
                self.inscriptions,
            ):
                writer.flush()

    def finish(self) -> None:
        """After the last flush, on PostgreSQL: the sequences past the ids given here."""
        from django.core.management.color import no_style
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), self.models):
                    cursor.execute(statement)


def _person_order(person: PersonRow) -> tuple[str, str]:
    """``Person``'s ordering (sort name, display name), in code-point order."""
    return (person.sort_name, person.display_name)


def catalogue_generate(works: int) -> Catalogue:
    """Write the synthetic catalogue through a :class:`CatalogueWriter`, in batches."""
    from django.db import connection

    from vernissage.works.models import ArtworkTitle, Creation, Inscription, Term
    from vernissage.works.services import term_get_or_create

    started = time.perf_counter()
    rng = random.Random(SEED)
    now = datetime.now(tz=UTC)
    people_count = max(20, min(20_000, works // 50))
    series_count = max(5, min(500, people_count // 10))
    writer = CatalogueWriter(now=now)

    # People: artists, some private or deleted.
    people: list[PersonRow] = []
    for _ in range(people_count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        display_name = f"{first} {last}"
        born = rng.randint(1860, 2000)
        people.append(
            writer.person(
                display_name=display_name,
                sort_name=f"{last}, {first}",
                birth_date=str(born) if rng.random() < 0.8 else f"c. {born}",
                nationality=rng.choice(NATIONALITIES),
                biography=f"{display_name} works in {rng.choice(NOUNS).lower()}s.",
                is_public=rng.random() < 0.95,
                deleted_at=now - timedelta(days=rng.randint(1, 300))
                if rng.random() < 0.01
                else None,
            )
        )
    series_ids = [
        writer.series(
            title=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} series",
            artist_id=rng.choice(people).id,
        )
        for _ in range(series_count)
    ]
    theme_ids = [term_get_or_create(label=label, kind=Term.Kind.THEME).id for label in THEMES]
    writer.flush()
    print(f"  {people_count:,} people, {series_count:,} series", flush=True)

    classification_of = _weighted(rng, CLASSIFICATIONS)
    status_of = _weighted(rng, STATUSES)
    public_works = 0
    for offset in range(works):
        classification = classification_of()
        makers = [rng.choice(people)]
        if rng.random() < 0.15:
            second = rng.choice(people)
            if second.id != makers[0].id:
                makers.append(second)
        roll = rng.random()
        if roll < 0.3:
            title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        elif roll < 0.5:
            title = f"{rng.choice(NOUNS)} No. {rng.randint(1, 60)}"
        elif roll < 0.6:
            title = f"Untitled ({rng.choice(NOUNS).lower()})"
        elif roll < 0.75:
            title = f"Study for {rng.choice(NOUNS)}"
        else:
            title = f"{rng.choice(NOUNS)} with {rng.choice(NOUNS).lower()}"
        date_text = _date_text(rng)
        when = writer.when(date_text)
        initials = "".join(word[0] for word in makers[0].display_name.split()).upper()
        year = when.earliest.year if when.earliest else "ND"
        inventory_number = f"{initials}-{year}-{writer.artwork_id_next:07d}"
        medium = rng.choice(MEDIA[classification])
        dimensions_text = _dimensions_text(rng, classification)
        is_public = rng.random() < 0.9
        deleted = rng.random() < 0.02
        public_works += is_public and not deleted
        created = now - timedelta(minutes=works - offset)
        # The draws below keep the order in which the catalogue has always been drawn.
        deleted_at = now - timedelta(days=rng.randint(1, 300)) if deleted else None
        edition_size = (
            rng.choice((5, 10, 25, 50))
            if classification in {"print", "photograph"} and rng.random() < 0.6
            else None
        )
        description = f"{medium}. {title}, from the artist's studio." if rng.random() < 0.3 else ""
        series_id = rng.choice(series_ids) if rng.random() < 0.1 else None
        status = status_of()
        credit_line = "Courtesy of the artist" if rng.random() < 0.2 else ""
        themes = rng.sample(theme_ids, rng.randint(1, 2)) if rng.random() < 0.25 else []
        title_variants = (
            [{"title": f"{title} (titre)", "kind": ArtworkTitle.Kind.TRANSLATED, "language": "fr"}]
            if rng.random() < 0.05
            else []
        )
        inscriptions = (
            [
                {
                    "kind": Inscription.Kind.SIGNATURE,
                    "text": f"signed {initials}",
                    "location": rng.choice(("lower right", "lower left", "verso")),
                }
            ]
            if rng.random() < 0.2
            else []
        )
        writer.artwork(
            title=title,
            classification=classification,
            inventory_number=inventory_number,
            makers=[
                (maker, Creation.Role.ARTIST if position == 0 else Creation.Role.CO_ARTIST)
                for position, maker in enumerate(makers)
            ],
            created=created,
            date=date_text,
            medium=medium,
            dimensions=dimensions_text,
            theme_ids=themes,
            title_variants=title_variants,
            inscriptions=inscriptions,
            deleted_at=deleted_at,
            edition_size=edition_size,
            description=description,
            series_id=series_id,
            status=status,
            credit_line=credit_line,
            is_public=is_public,
        )
        done = offset + 1
        if done % BATCH == 0 or done == works:
            writer.flush()
            if done % 100_000 == 0 or done == works:
                elapsed = time.perf_counter() - started
                print(
                    f"  {done:,} works in {elapsed:.1f} s ({done / elapsed:,.0f} works/s)",
                    flush=True,
                )
    writer.finish()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Catalogue(
        works=works,
        people=people_count,
        series=series_count,
        public_works=public_works,
        seconds=time.perf_counter() - started,
    )


def catalogue_ensure(home: Path, works: int, *, default_home: bool) -> Catalogue:
    """The catalogue of this size in ``home``: the one there, or a new one."""
    from vernissage.works.models import Artwork

    marker = home / MARKER
    existing = Artwork.all_objects.count()
    if marker.exists():
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        if recorded.get("works") == works and existing == works:
            recorded.pop("reused", None)
            return Catalogue(**recorded, reused=True)
    if existing:
        # Never add to (or wipe) a database the bench did not finish making.
        if default_home and not os.environ.get("DATABASE_URL"):
            sys.exit(
                f"{home} holds {existing:,} works but no finished catalogue of {works:,} "
                "(an interrupted run?). Delete that folder and run again."
            )
        sys.exit(
            f"The database of {home} already holds {existing:,} works; the bench makes its "
            f"catalogue of {works:,} only in an empty one. Pick another --home or database."
        )
    print(f"Making a catalogue of {works:,} works in {home} ...", flush=True)
    catalogue = catalogue_generate(works)
    record = {key: value for key, value in catalogue.__dict__.items() if key != "reused"}
    marker.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return catalogue


# --- in-process page measurements -----------------------------------------------------------


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    rows: int | None
    queries: int
    samples_ms: list[float] = field(default_factory=list)
    db_ms: float = 0.0
    slowest_query_ms: float = 0.0
    slowest_query: str = ""

    def percentile(self, percent: float) -> float:
        return harness.percentile(self.samples_ms, percent)


ROW_MARKERS = {
    "list": '<li class="card">',
    "admin": 'name="_selected_action"',
    "artwork": '<article class="artwork">',
    "career": '<li id="career-',
}


def _rows(kind: str, body: str) -> int | None:
    marker = ROW_MARKERS.get(kind)
    return body.count(marker) if marker else None


def measure_page(
    client: Any,
    name: str,
    kind: str,
    urls: Sequence[str],
    samples: int,
    budget_seconds: float = PAGE_BUDGET_SECONDS,
) -> PageResult:
    """Time ``samples`` requests cycling through ``urls`` (fewer, at least 5, if they take
    longer than ``budget_seconds`` in all); count and time the queries of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vernissage.site.page_cache import pages

    for url in urls[: min(len(urls), 5)]:  # warm templates, URL resolvers, the page cache
        client.get(url)
    timed: list[tuple[float, str]] = []

    def timer(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append(((time.perf_counter() - started) * 1000, sql))

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        response = client.get(urls[0])
    body = response.content.decode("utf-8", errors="replace")
    slowest_ms, slowest_sql = max(timed, default=(0.0, ""))
    result = PageResult(
        name=name,
        url=urls[0],
        status=response.status_code,
        rows=_rows(kind, body),
        queries=len(captured.captured_queries),
        db_ms=sum(milliseconds for milliseconds, _ in timed),
        slowest_query_ms=slowest_ms,
        slowest_query=slowest_sql,
    )
    deadline = time.perf_counter() + budget_seconds
    for index in range(samples):
        if index >= 5 and time.perf_counter() > deadline:
            break
        url = urls[index % len(urls)]
        # A page rendered, never the public page cache's copy (the warm-up above made five).
        pages.clear()
        started = time.perf_counter()
        response = client.get(url)
        result.samples_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            result.status = response.status_code
    return result


def measure_pages(samples: int) -> tuple[list[PageResult], list[str]]:
    """The pages of the catalogue, timed; and the artwork page paths for the load phase."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from vernissage.config.process import process_ready
    from vernissage.people.models import Person
    from vernissage.works.models import Artwork

    rng = random.Random(SEED + 1)
    public = Artwork.objects.public()
    public_count = public.count()
    top_id = int(Artwork.all_objects.order_by("-id").values_list("id", flat=True)[0])
    # Random public works, found by random ids (no ORDER BY RANDOM() over the whole table).
    wanted = max(samples, 50)
    candidate_ids = rng.sample(range(1, top_id + 1), min(top_id, wanted * 2))
    slugs: list[str] = []
    for start in range(0, len(candidate_ids), 900):  # under any backend's parameter limit
        chunk = candidate_ids[start : start + 900]
        slugs += public.filter(id__in=chunk).values_list("slug", flat=True)
    slugs = slugs[:wanted]
    rng.shuffle(slugs)
    artwork_urls = [f"/works/{slug}/" for slug in slugs]
    middle_page = max(1, math.ceil(public_count / settings.VERNISSAGE_PAGE_SIZE) // 2)
    # Lists page by keyset: the middle page is the one after the last work of the page
    # before it (found here once, by OFFSET; the page itself seeks in the index).
    from vernissage.core.pagination import keyset_cursor_after

    before_middle = (
        public.order_by(*(Artwork._meta.ordering or ()))[
            (middle_page - 1) * settings.VERNISSAGE_PAGE_SIZE - 1
        ]
        if middle_page > 1
        else None
    )
    middle_query = f"?cursor={keyset_cursor_after(public, before_middle)}" if before_middle else ""
    admin_middle = max(1, math.ceil(Artwork.objects.count() / ADMIN_PAGE_SIZE) // 2)
    artist_slugs = list(
        Person.objects.public()
        .filter(creations__artwork__is_public=True)
        .values_list("slug", flat=True)
        .distinct()
        .order_by("slug")[:1000]
    )
    rng.shuffle(artist_slugs)
    artist_urls = [f"/people/{slug}/" for slug in artist_slugs[:100]]
    # The artists timed get careers (shows, events, sales, reviews; 20,000 reviews in all):
    # the artist page draws their timeline, its figures and its chart.
    careers = careers_ensure(
        list(Person.objects.filter(slug__in=artist_slugs[:100]).values_list("pk", flat=True))
    )
    print(
        f"Careers: {careers.artists} artists, {careers.exhibitions:,} exhibitions, "
        f"{careers.reviews:,} reviews, {careers.provenance_events:,} works sold"
        + (" (reused)" if careers.reused else f" written in {careers.seconds:.1f} s"),
        flush=True,
    )
    # The page phase searches too ("list search"): the index is made whole first, as the
    # search phase does (on a fresh catalogue it found nothing, the rows being written around
    # the services).
    planner_statistics_fresh()
    print(search_index_ensure(), flush=True)
    planner_statistics_fresh()
    one_work = public.order_by("id").values_list("inventory_number", flat=True)[0]
    # As the server's processes do once the application is loaded (config/wsgi.py): the
    # views loaded, and what lives as long as the process moved out of the collector's
    # reach. Here that is also the bench's own catalogue-making leftovers.
    process_ready()

    anonymous = Client()
    results = [
        measure_page(anonymous, "artwork page", "artwork", artwork_urls, samples),
        measure_page(anonymous, "list page 1", "list", ["/works/"], 30),
        measure_page(
            anonymous, f"list page {middle_page:,}", "list", [f"/works/{middle_query}"], 30
        ),
        measure_page(
            anonymous, "list by classification", "list", ["/works/?classification=tapestry"], 30
        ),
        measure_page(anonymous, "list search (1 work)", "list", [f"/works/?q={one_work}"], 10),
        measure_page(anonymous, "artist page", "career", artist_urls, 100),
    ]

    user_model = get_user_model()
    admin_user = user_model.objects.filter(username=BENCH_ADMIN).first()
    if admin_user is None:
        admin_user = user_model.objects.create_superuser(
            username=BENCH_ADMIN, email="", password=None
        )
    staff = Client()
    staff.force_login(admin_user)
    results += [
        measure_page(staff, "admin change list", "admin", ["/admin/works/artwork/"], 30),
        measure_page(
            staff,
            f"admin change list p.{admin_middle:,}",
            "admin",
            [f"/admin/works/artwork/?p={admin_middle}"],
            30,
        ),
        measure_page(staff, "admin search", "admin", [f"/admin/works/artwork/?q={one_work}"], 10),
        measure_page(staff, "artist page (staff)", "career", artist_urls, 100),
    ]
    return results, artwork_urls


def print_table(results: Sequence[PageResult]) -> None:
    header = f"{'page':<26} {'status':>6} {'rows':>5} {'queries':>7} {'n':>4} "
    header += f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'db ms':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        rows = "" if result.rows is None else str(result.rows)
        print(
            f"{result.name:<26} {result.status:>6} {rows:>5} {result.queries:>7} "
            f"{len(result.samples_ms):>4} {result.percentile(50):>8.1f} "
            f"{result.percentile(95):>8.1f} {result.percentile(99):>8.1f} "
            f"{max(result.samples_ms, default=math.nan):>8.1f} {result.db_ms:>7.1f}"
        )
    print()
    print("db ms: time in SQL during one request. Slowest query of that request:")
    for result in results:
        sql = re.sub(r"\s+", " ", result.slowest_query)
        sql = re.sub(r"^SELECT (DISTINCT )?.*? FROM ", r"SELECT \1... FROM ", sql)
        print(f"  {result.name:<26} {result.slowest_query_ms:7.1f} ms  {sql[:200]}")


def planner_statistics_fresh() -> None:
    """The planner's statistics after the bench's bulk writes: on SQLite as `vernissage serve`
    refreshes them when it starts; on PostgreSQL a ``VACUUM ANALYZE``, as autovacuum would
    some time after hundreds of thousands of rows written in a few minutes (without it, the
    first measurements are planned as if the tables were empty, and a search index written
    again, by a migration, is read through a million dead rows: 60 → 210 ms a deep page)."""
    from django.db import connection

    from vernissage.core.statistics import planner_statistics_refresh

    planner_statistics_refresh()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# --- search phase ---------------------------------------------------------------------------

#: A maker's name with one letter wrong, and the name it stands for.
SEARCH_TYPOS = (
    ("Kalmursaev", "Kalmurzaev"),
    ("Lindkvist", "Lindqvist"),
    ("Fontane", "Fontaine"),
    ("Marcetti", "Marchetti"),
)
SEARCH_MAKERS = ("Kalmurzaev", "Lindqvist", "Fontaine", "Marchetti", "Kuznetsov", "Herrera")
SEARCH_WORDS = ("garden", "harbour", "mirror", "orchard", "station", "steppe")
SEARCH_CYRILLIC = ("Калмурзаев", "Петрова", "Соколов")


def search_index_ensure() -> str:
    """The search index of the catalogue: the bench writes its rows around the services
    (and their signals), so the index is rebuilt here whenever a kind's count differs."""
    from django.apps import apps

    from vernissage.search.indexing import BUILDERS, index_rebuild
    from vernissage.search.models import SearchDocument

    stale = [
        kind
        for kind, (label, _build) in BUILDERS.items()
        if SearchDocument.objects.filter(kind=kind).count()
        != apps.get_model(label)._base_manager.count()
    ]
    if not stale:
        return "Search index: up to date (reused)"
    started = time.perf_counter()
    written = index_rebuild(kinds=stale)
    elapsed = time.perf_counter() - started
    return (
        f"Search index: {written:,} documents ({', '.join(stale)}) written in {elapsed:.1f} s "
        f"({written / elapsed:,.0f}/s)"
    )


@dataclass
class SearchFigures:
    pages: list[PageResult]
    facets_ms: dict[str, list[float]]
    anchor_ms: list[float]
    typo_found: bool

    @property
    def search_p95(self) -> float:
        return max(
            page.percentile(95) for page in self.pages if page.name.startswith(("search", "facet"))
        )

    @property
    def facets_p95(self) -> float:
        return max(
            harness.percentile(samples, 95)
            for name, samples in self.facets_ms.items()
            if not name.startswith("(")
        )

    @property
    def deep_page_ms(self) -> float:
        return max(page.percentile(95) for page in self.pages if "deep" in page.name)


def _time(run: Callable[[], Any], samples: int) -> list[float]:
    run()  # warm
    timings = []
    deadline = time.perf_counter() + PAGE_BUDGET_SECONDS
    for index in range(samples):
        if index >= 5 and time.perf_counter() > deadline:
            break
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def search_phase(samples: int) -> SearchFigures:
    """The works list searched as a visitor does: a maker's name, a word of a title, a typo,
    a name in Cyrillic, two facets, page 1 and a deep page; the facet counts on their own;
    and, as the anchor, the search this replaced (LIKE over folded text) on the same words."""
    from urllib.parse import quote

    from django.conf import settings
    from django.test import Client

    from vernissage.config.process import process_ready
    from vernissage.search.selectors import (
        WORK,
        WorkFacets,
        search,
        work_facet_counts,
        works_filtered,
    )
    from vernissage.works.models import Artwork

    # The index is read from the catalogue's tables, as the measurements are: both are
    # planned with statistics (without them, PostgreSQL took a second to read the makers of
    # each chunk of 1,000 works at a million).
    planner_statistics_fresh()
    print(search_index_ensure(), flush=True)
    planner_statistics_fresh()
    process_ready()  # as the server's processes do (config/wsgi.py)
    client = Client()

    def urls(queries: Sequence[str], extra: str = "") -> list[str]:
        return [f"/works/?q={quote(query)}{extra}" for query in queries]

    from django.db.models import QuerySet

    from vernissage.core.pagination import keyset_cursor_after

    per_page = settings.VERNISSAGE_PAGE_SIZE
    # The works list pages by keyset (a cursor in the URL), and so does a search that finds
    # too many works to rank; a ranked search pages by number. The deep pages are the last
    # but one of the search and the middle of the list, reached as a visitor would.
    listed = search(viewer=None, query=SEARCH_WORDS[0], kinds=[WORK], keyset=True).kinds[WORK]
    found = listed.count()
    deep = max(1, math.ceil(found / per_page) - 1)
    if isinstance(listed, QuerySet) and deep > 1:
        ordered = listed.order_by(*(Artwork._meta.ordering or ()))
        deep_query = f"&cursor={keyset_cursor_after(ordered, ordered[(deep - 1) * per_page - 1])}"
    else:
        deep_query = f"&page={deep}"
    public = Artwork.objects.public().order_by(*(Artwork._meta.ordering or ()))
    middle = max(1, math.ceil(public.count() / per_page) // 2)
    middle_query = (
        f"?cursor={keyset_cursor_after(public, public[(middle - 1) * per_page - 1])}"
        if middle > 1
        else ""
    )
    pages = [
        measure_page(client, "search maker", "list", urls(SEARCH_MAKERS), samples),
        measure_page(client, "search title word", "list", urls(SEARCH_WORDS), samples),
        measure_page(client, "search typo", "list", urls([t for t, _ in SEARCH_TYPOS]), samples),
        measure_page(client, "search cyrillic", "list", urls(SEARCH_CYRILLIC), samples),
        measure_page(
            client,
            "facets two (no query)",
            "list",
            [
                "/works/?classification=painting&decade=1990",
                "/works/?classification=print&decade=2000",
            ],
            samples,
        ),
        measure_page(
            client,
            "search + two facets",
            "list",
            urls(SEARCH_WORDS, "&classification=painting&decade=1990"),
            samples,
        ),
        measure_page(
            client,
            "search page (all kinds)",
            "",
            [f"/search/?q={quote(q)}" for q in SEARCH_MAKERS],
            samples,
        ),
        measure_page(client, "list page 1", "list", ["/works/"], samples),
        measure_page(
            client,
            f"deep search page {deep}",
            "list",
            urls(SEARCH_WORDS[:1], deep_query),
            samples,
        ),
        measure_page(
            client, f"deep list page {middle:,}", "list", [f"/works/{middle_query}"], samples
        ),
    ]
    typo_found = True
    for typo, name in SEARCH_TYPOS:
        with_typo = search(viewer=None, query=typo, kinds=[WORK]).kinds[WORK]
        right = search(viewer=None, query=name, kinds=[WORK]).kinds[WORK]
        typo_found = typo_found and with_typo.count() > 0 and with_typo[0:5] == right[0:5]

    def facets(query: str, **chosen: str) -> Callable[[], Any]:
        return lambda: search(
            viewer=None, query=query, kinds=[WORK], facets=WorkFacets(**chosen), with_facets=True
        )

    def whole() -> None:
        work_facet_counts(
            viewer=None, works=works_filtered(viewer=None, facets=WorkFacets()), facets=WorkFacets()
        )

    facets_ms = {
        # Not a page: the unnarrowed list counts no facet (this is why); not in facets_p95.
        "(whole catalogue)": _time(whole, min(samples, 5)),
        "a maker's name": _time(facets(SEARCH_MAKERS[0]), samples),
        "a title word": _time(facets(SEARCH_WORDS[0]), samples),
        "two facets": _time(facets("", classification="painting", decade="1990"), samples),
    }
    words = [*SEARCH_MAKERS, *SEARCH_WORDS]
    position = iter(range(10**9))

    def like() -> None:
        word = words[next(position) % len(words)]
        matched = Artwork.objects.public().search(word)
        matched.count()
        list(matched[: settings.VERNISSAGE_PAGE_SIZE])

    anchor_ms = _time(like, samples)
    return SearchFigures(
        pages=pages, facets_ms=facets_ms, anchor_ms=anchor_ms, typo_found=typo_found
    )


def print_search(figures: SearchFigures, engine: str) -> None:
    print_table(figures.pages)
    print()
    for name, samples in figures.facets_ms.items():
        print(
            f"facet counts, {name:<18} p50 {harness.percentile(samples, 50):7.1f} ms  "
            f"p95 {harness.percentile(samples, 95):7.1f} ms  (n={len(samples)})"
        )
    anchor = harness.percentile(figures.anchor_ms, 95)
    maker = next(page for page in figures.pages if page.name == "search maker")
    print(
        f"Anchor, the LIKE search this replaces (count + one page, no facets, no page): "
        f"p95 {anchor:.1f} ms; the search page of a maker p95 {maker.percentile(95):.1f} ms "
        f"= {maker.percentile(95) / anchor:.2f}x the anchor (page, facets and makers included)."
    )
    for name, value in (
        ("search", figures.search_p95),
        ("facets", figures.facets_p95),
        ("deep page", figures.deep_page_ms),
    ):
        verdict = harness.verdict(value, under=100)
        print(f"{name} p95 {value:.1f} ms on {engine}: {verdict} the 100 ms goal.")
    print(f"Typo found (same first works as the name spelled right): {figures.typo_found}")


# --- load phase -----------------------------------------------------------------------------


def load_phase(
    arguments: argparse.Namespace, home: Path, artwork_urls: list[str]
) -> harness.Comparison[harness.LoadResult]:
    """``vernissage serve`` answering artwork pages against the floor under the same granian
    command line: warm-up, then floor, app, floor, app."""
    # wrk runs for a duration only (a thread that stops early still waits it out, which
    # would understate the rate), so a request budget takes the Python generator.
    wrk = None if arguments.no_wrk or arguments.requests else shutil.which("wrk")
    generator = "wrk" if wrk else "python threads (wrk gives steadier figures)"
    threads = max(1, min(2, arguments.concurrency))

    def drive(port: int, paths: Sequence[str], duration: float, budget: int) -> harness.LoadResult:
        if wrk:
            return harness.wrk_run(
                wrk,
                port,
                harness.wrk_script_rotating(paths),
                threads=threads,
                connections=arguments.concurrency,
                seconds=max(1, math.ceil(duration)),
            )
        return harness.load_python(port, paths, arguments.concurrency, duration, budget)

    def warmed(name: str) -> None:
        print(f"  warmed up {name}", flush=True)

    def measured(name: str, result: harness.LoadResult) -> None:
        print(
            f"  {name:<5} {result.rps:9.1f} req/s  {result.requests:7d} requests  "
            f"{result.errors} errors  p99 {result.p99_ms:.1f} ms",
            flush=True,
        )

    print(
        f"Load: {arguments.workers} granian workers x {arguments.threads} blocking threads, "
        f"concurrency {arguments.concurrency}, {arguments.duration:g} s rounds, {generator}",
        flush=True,
    )
    comparison: harness.Comparison[harness.LoadResult]
    comparison = harness.Comparison(anchor="floor", subject="app")
    with (
        harness.vernissage_serving(
            home=home,
            workers=arguments.workers,
            threads=arguments.threads,
            ready_path=artwork_urls[0],
        ) as app,
        harness.floor_serving(
            log_dir=home, workers=arguments.workers, threads=arguments.threads
        ) as floor,
    ):
        targets = {"floor": (floor.port, ["/"]), "app": (app.port, artwork_urls)}

        def run(name: str, seconds: float, kept: bool) -> harness.LoadResult:
            port, paths = targets[name]
            return drive(port, paths, seconds, arguments.requests if kept else 0)

        comparison.measure(
            run,
            rounds=2,
            duration=arguments.duration,
            warmup=min(3.0, arguments.duration),  # workers, connections, caches
            warmed=warmed,
            measured=measured,
        )
    return comparison


# --- main -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    default_home = arguments.home is None
    home = (arguments.home or harness.RESULTS_DIR / f"catalogue-{arguments.works}").resolve()
    harness.environment_configure(home, database_url=arguments.database_url)
    django_setup()

    from django.db import connection

    catalogue = catalogue_ensure(home, arguments.works, default_home=default_home)
    engine = connection.vendor
    if catalogue.reused:
        print(
            f"Reusing the catalogue of {catalogue.works:,} works in {home} "
            f"(made in {catalogue.seconds:.1f} s)"
        )
    else:
        print(
            f"Made {catalogue.works:,} works ({catalogue.public_works:,} public), "
            f"{catalogue.people:,} people, {catalogue.series:,} series "
            f"in {catalogue.seconds:.1f} s ({catalogue.works / catalogue.seconds:,.0f} works/s)"
        )
    print(f"Database: {engine} ({connection.settings_dict['NAME']})", flush=True)
    print(f"Python: {harness.interpreter()}", flush=True)
    print()

    if arguments.search_only:
        figures = search_phase(arguments.search_samples)
        print_search(figures, engine)
        _search_line(catalogue.works, engine, figures)
        return

    results, artwork_urls = measure_pages(arguments.samples)
    print_table(results)
    print()
    by_name = {result.name: result for result in results}
    artwork = by_name["artwork page"]
    listing = by_name["list page 1"]
    one_row = by_name["list search (1 work)"]
    p99 = artwork.percentile(99)
    same = "the same count: no query per row" if listing.queries == one_row.queries else "differ"
    print(
        f"Queries per page: list with {listing.rows} rows {listing.queries}, list with "
        f"{one_row.rows} row {one_row.queries} ({same}); artwork page {artwork.queries}."
    )
    print(
        f"Artwork page p99 {p99:.1f} ms on {engine}: "
        f"{harness.verdict(p99, under=50)} the 50 ms goal."
    )

    for name in ("artist page", "artist page (staff)"):
        artist = by_name[name]
        artist_p99 = artist.percentile(99)
        print(
            f"{name[0].upper()}{name[1:]} with its career ({artist.rows} timeline entries, "
            f"{artist.queries} queries): p99 {artist_p99:.1f} ms, "
            f"{artist_p99 / p99:.2f}x the artwork page's: "
            f"{harness.verdict(artist_p99, under=50)} the 50 ms goal."
        )

    ratio = math.nan
    if not arguments.skip_load:
        print()
        comparison = load_phase(arguments, home, artwork_urls)
        ratio = comparison.ratio
        print(
            f"Mean: app {comparison.rps('app'):.1f} req/s, floor "
            f"{comparison.rps('floor'):.1f} req/s, app/floor {ratio:.2f}: "
            f"{harness.verdict(ratio, at_least=0.5)} the 0.5 goal."
        )
    print()
    print("Search:", flush=True)
    figures = search_phase(arguments.search_samples)
    print_search(figures, engine)
    print()
    print(
        f"works={catalogue.works} artwork_page_p99_ms={p99:.1f} "
        f"list_queries={listing.queries} vs_floor={ratio:.2f}"
    )
    _search_line(catalogue.works, engine, figures)


def _search_line(works: int, engine: str, figures: SearchFigures) -> None:
    print(
        f"works={works} db={engine} search_p95_ms={figures.search_p95:.1f} "
        f"facets_p95_ms={figures.facets_p95:.1f} deep_page_ms={figures.deep_page_ms:.1f} "
        f"typo_found={'yes' if figures.typo_found else 'no'}"
    )


if __name__ == "__main__":
    main()
