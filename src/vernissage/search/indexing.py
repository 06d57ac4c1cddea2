"""Writing the search index: documents made from the records, in bulk.

Every function here takes the app registry (``django.apps.apps`` at run time, the historical
one in a data migration), so the same code fills the index in a migration and keeps it as
records change (:mod:`.signals`, in the writer's transaction).

What goes where: a record's names and titles in ``names``; what the public may read about it
in ``text``; in ``private_text`` only what a viewer who sees private records may find it by
(the names of a work's private makers, a private series); in ``facets`` a work's kind and
decades as terms the facets ask for, never words. Private notes are not indexed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps as live_apps
from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from vernissage.search.models import KIND_CODES
from vernissage.search.terms import MAX_WORD, decades_between, facet_terms, index_words

CHUNK = 2_000
#: Words shorter than this are never one edit away from a word typo tolerance looks at.
TYPO_WORD_MIN = 4

WORK = "work"
PERSON = "person"
ORGANIZATION = "organization"
EXHIBITION = "exhibition"
REVIEW = "review"

#: id, names, text, private text, facet terms (works only)
Row = tuple[int, list[str], list[str], list[str], list[str]]


def _model(apps: Any, label: str) -> Any:
    return apps.get_model(label)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _place_names(apps: Any, place_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {pk for pk in place_ids if pk is not None}
    if not wanted:
        return {}
    places = _model(apps, "people.Place")._base_manager.filter(pk__in=wanted)
    return {pk: _place_words(names) for pk, names in places.values_list("id", "search_names")}


def _place_words(search_names: str | None) -> str:
    """A place's names without the gazetteer's one- and two-letter fragments (transliterated
    syllables of names in other scripts), which would make "mo" find everyone born there."""
    return " ".join(word for word in (search_names or "").split() if len(word) > 2)


# --- the documents of each kind -------------------------------------------------------------


def _work_rows(apps: Any, ids: Sequence[int]) -> list[Row]:
    artworks = _model(apps, "works.Artwork")._base_manager.filter(pk__in=ids)
    fields: tuple[str, ...] = ("id", "title", "inventory_number", "medium", "support", "date")
    fields += ("description",)
    fields += ("series_id", "classification", "credit_line", "date_earliest", "date_latest")
    works = list(artworks.values(*fields))
    titles: dict[int, list[str]] = defaultdict(list)
    for artwork_id, title in (
        _model(apps, "works.ArtworkTitle")
        ._base_manager.filter(artwork_id__in=ids)
        .values_list("artwork_id", "title")
    ):
        titles[artwork_id].append(title)
    public_makers: dict[int, list[str]] = defaultdict(list)
    private_makers: dict[int, list[str]] = defaultdict(list)
    creations = (
        _model(apps, "works.Creation")
        ._base_manager.filter(artwork_id__in=ids, person__deleted_at__isnull=True)
        .order_by("artwork_id", "position", "id")
        .values_list("artwork_id", "person__search_names", "person__is_public")
    )
    for artwork_id, names, is_public in creations:
        (public_makers if is_public else private_makers)[artwork_id].append(names)
    themes: dict[int, list[str]] = defaultdict(list)
    through = _model(apps, "works.Artwork").themes.through
    for artwork_id, label in through.objects.filter(artwork_id__in=ids).values_list(
        "artwork_id", "term__label"
    ):
        themes[artwork_id].append(label)
    series = {
        pk: (title, is_public)
        for pk, title, is_public in _model(apps, "works.Series")
        ._base_manager.filter(pk__in={work["series_id"] for work in works} - {None})
        .values_list("id", "title", "is_public")
    }
    rows: list[Row] = []
    for work in works:
        pk = work["id"]
        series_title, series_public = series.get(work["series_id"], ("", True))
        text = [work["medium"], work["support"], work["date"], work["classification"]]
        text += [work["description"], work["credit_line"], *themes[pk], *public_makers[pk]]
        private = list(private_makers[pk])
        (text if series_public else private).append(series_title)
        # The kind and decades as the facets find them (search/selectors.py).
        facets = facet_terms(
            classification=work["classification"],
            decades=(
                decades_between(work["date_earliest"].year, work["date_latest"].year)
                if work["date_earliest"] is not None and work["date_latest"] is not None
                else ()
            ),
        )
        names = [work["title"], work["inventory_number"], *titles[pk]]
        rows.append((pk, names, text, private, facets))
    return rows


def _person_rows(apps: Any, ids: Sequence[int]) -> list[Row]:
    people = list(
        _model(apps, "people.Person")
        ._base_manager.filter(pk__in=ids)
        .values("id", "search_names", "nationality", "birth_place_id", "death_place_id")
    )
    roles: dict[int, list[str]] = defaultdict(list)
    through = _model(apps, "people.Person").roles.through
    for person_id, code in through.objects.filter(person_id__in=ids).values_list(
        "person_id", "role__code"
    ):
        roles[person_id].append(code)
    places = _place_names(
        apps, [p["birth_place_id"] for p in people] + [p["death_place_id"] for p in people]
    )
    return [
        (
            person["id"],
            [person["search_names"]],
            [
                person["nationality"],
                places.get(person["birth_place_id"], ""),
                places.get(person["death_place_id"], ""),
                *roles[person["id"]],
            ],
            [],
            [],
        )
        for person in people
    ]


def _organization_rows(apps: Any, ids: Sequence[int]) -> list[Row]:
    organizations = list(
        _model(apps, "people.Organization")
        ._base_manager.filter(pk__in=ids)
        .values("id", "name", "kind", "place_id", "description")
    )
    places = _place_names(apps, [o["place_id"] for o in organizations])
    return [
        (
            organization["id"],
            [organization["name"]],
            [organization["kind"], places.get(organization["place_id"], "")],
            [],
            [],
        )
        for organization in organizations
    ]


def _exhibition_rows(apps: Any, ids: Sequence[int]) -> list[Row]:
    exhibitions = list(
        _model(apps, "exhibitions.Exhibition")
        ._base_manager.filter(pk__in=ids)
        .values("id", "title", "kind", "start_date", "organizer__name", "organizer__is_public")
    )
    venues: dict[int, list[str]] = defaultdict(list)
    stops = _model(apps, "exhibitions.ExhibitionVenue")._base_manager.filter(exhibition_id__in=ids)
    for exhibition_id, name, place_names, is_public in stops.values_list(
        "exhibition_id",
        "venue__organization__name",
        "venue__place__search_names",
        "venue__organization__is_public",
    ):
        if is_public:
            venues[exhibition_id] += [name, _place_words(place_names)]
    rows: list[Row] = []
    for exhibition in exhibitions:
        organizer = exhibition["organizer__name"] if exhibition["organizer__is_public"] else ""
        text = [exhibition["kind"], exhibition["start_date"], organizer or ""]
        rows.append(
            (exhibition["id"], [exhibition["title"]], text + venues[exhibition["id"]], [], [])
        )
    return rows


def _review_rows(apps: Any, ids: Sequence[int]) -> list[Row]:
    reviews = list(
        _model(apps, "press.Review")
        ._base_manager.filter(pk__in=ids)
        .values("id", "title", "kind", "date", "publication__name", "publication__is_public")
    )
    authors: dict[int, list[str]] = defaultdict(list)
    lines = _model(apps, "press.ReviewAuthor")._base_manager.filter(
        review_id__in=ids, person__isnull=False, person__deleted_at__isnull=True
    )
    for review_id, names, is_public in lines.values_list(
        "review_id", "person__search_names", "person__is_public"
    ):
        if is_public:
            authors[review_id].append(names)
    rows: list[Row] = []
    for review in reviews:
        publication = review["publication__name"] if review["publication__is_public"] else ""
        text = [review["kind"], review["date"], publication or "", *authors[review["id"]]]
        rows.append((review["id"], [review["title"]], text, [], []))
    return rows


BUILDERS = {
    WORK: ("works.Artwork", _work_rows),
    PERSON: ("people.Person", _person_rows),
    ORGANIZATION: ("people.Organization", _organization_rows),
    EXHIBITION: ("exhibitions.Exhibition", _exhibition_rows),
    REVIEW: ("press.Review", _review_rows),
}


# --- writing --------------------------------------------------------------------------------


#: The records waiting for their documents in an :func:`index_batch`, by kind.
_pending: ContextVar[dict[str, set[int]] | None] = ContextVar("search_pending", default=None)


@contextmanager
def index_batch() -> Iterator[None]:
    """Write the documents of everything saved inside once, at the end, in one pass a kind.

    For writers of many records in one transaction (the demo's world, an import): a work
    saved with its makers, titles and themes was indexed once per part (317 times for the
    demo's 20 works and 11 people, a third of its loading time). The documents are written
    before the block ends, so they are still in the writer's transaction."""
    if _pending.get() is not None:  # inside another batch: that one writes
        yield
        return
    pending: dict[str, set[int]] = defaultdict(set)
    token = _pending.set(pending)
    try:
        yield
    finally:  # on an error the writer's transaction is undone: nothing to write
        _pending.reset(token)
    for kind in BUILDERS:
        if pending.get(kind):
            index_records(kind, pending[kind])


def index_records(kind: str, ids: Iterable[int], *, apps: Any = live_apps) -> None:
    """Write the documents of these records afresh (and drop those of records gone)."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    pending = _pending.get() if apps is live_apps else None
    if pending is not None:
        pending[kind].update(wanted)
        return
    _label, build = BUILDERS[kind]
    document = _model(apps, "search.SearchDocument")
    word = _model(apps, "search.SearchWord")
    code = KIND_CODES[kind]
    # A migration before search 0004 (the first fill) has documents without facet terms.
    with_facets = any(field.name == "facets" for field in document._meta.concrete_fields)
    columns = ["names", "text", "private_text", *(["facets"] if with_facets else [])]
    with transaction.atomic():
        for chunk in _chunks(wanted):
            made = {
                pk * 8 + code: (
                    index_words(names),
                    index_words(text),
                    index_words(private),
                    *([" ".join(facets)] if with_facets else []),
                )
                for pk, names, text, private, facets in build(apps, chunk)
            }
            # Only documents that changed are written again. Dropping a document from SQLite's
            # full-text index costs 30 times its insertion (330 against 11 microseconds), and
            # most saves (a work's dimensions, its status) leave its words as they were.
            held = {
                pk: tuple(words)
                for pk, *words in document.objects.filter(
                    kind=kind, object_id__in=chunk
                ).values_list("id", *columns)
            }
            stale = [pk for pk, words in held.items() if made.get(pk) != words]
            if stale:
                document.objects.filter(id__in=stale).delete()
            documents = [
                document(
                    id=pk, kind=kind, object_id=pk // 8, **dict(zip(columns, words, strict=True))
                )
                for pk, words in made.items()
                if held.get(pk) != words
            ]
            if not documents:
                continue
            document.objects.bulk_create(documents)
            words = {
                term
                for written in documents
                for line in (written.names, written.text, written.private_text)
                for term in line.split()
                if TYPO_WORD_MIN <= len(term) <= MAX_WORD
            }
            # The words the list already holds are left to the unique index (ON CONFLICT DO
            # NOTHING, INSERT OR IGNORE), never looked up first: PostgreSQL answers
            # ``word IN (…)`` of a chunk's 3,000 words from the trigram index, which took
            # 8 to 14 s a chunk once the list held 300,000 words.
            word.objects.bulk_create(
                [word(word=w, drow=w[::-1], length=len(w)) for w in sorted(words)],
                ignore_conflicts=True,
            )


def unindex_records(kind: str, ids: Iterable[int], *, apps: Any = live_apps) -> None:
    _model(apps, "search.SearchDocument").objects.filter(
        kind=kind, object_id__in=list(ids)
    ).delete()


def index_rebuild(*, apps: Any = live_apps, kinds: Iterable[str] = tuple(BUILDERS)) -> int:
    """Every document of these kinds written afresh; how many."""
    written = 0
    with _full_text_rebuilt_at_the_end():
        for kind in kinds:
            label, _build = BUILDERS[kind]
            records = _model(apps, label)._base_manager
            ids = list(records.order_by("pk").values_list("pk", flat=True))
            # NOT EXISTS, not NOT IN: PostgreSQL checks NOT IN against a million ids one
            # document at a time once they outgrow work_mem (minutes; an anti-join takes
            # a second).
            _model(apps, "search.SearchDocument").objects.filter(kind=kind).exclude(
                Exists(records.filter(pk=OuterRef("object_id")))
            ).delete()
            for chunk in _chunks(ids):
                index_records(kind, chunk, apps=apps)
            written += len(ids)
    return written


@contextmanager
def _full_text_rebuilt_at_the_end() -> Iterator[None]:
    """On SQLite, the documents written without their triggers, and FTS5's index made once
    from them at the end, all in one transaction.

    FTS5 fed one document at a time by the triggers slows as its index grows: 0.3 ms a
    document at 125,000 documents, 1.2 ms at 360,000 (a million works' rebuild stalled at a
    hundred documents a second), while its ``rebuild`` reads 370,000 in 12 s. The
    ``rebuild`` reads the documents in the table's row id order, which is their id order
    since search 0006 (before, with the planner's statistics in place, a million works' took
    more than 50 minutes). PostgreSQL's vector is a generated column: nothing to do."""
    if connection.vendor != "sqlite":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'search_searchdocument' AND name LIKE 'search_fts_%'"
        )
        triggers = cursor.fetchall()
        if not triggers:  # no full-text table here (yet)
            yield
            return
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _name, sql in triggers:
            cursor.execute(sql)
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
