"""Search: one selector for the public site, the staff site and the admin.

What a viewer may find is what they may see, and that is decided by each area's own
``visible_to`` queryset (core/access.py underneath): the engines only say which of those
records a query finds, and in what order. A private record is never counted, ranked or
offered as a facet value to a viewer who may not see it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import partial
from typing import Any, cast, overload

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection
from django.db.models import BooleanField, Count, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.fuzzy_dates import parse_fuzzy_date
from vernissage.core.prepared import id_list, id_list_sql
from vernissage.search.engines import (
    ParsedQuery,
    facets_only,
    match_sql,
    parse_query,
    ranked_ids,
)
from vernissage.search.indexing import EXHIBITION as EXHIBITION
from vernissage.search.indexing import ORGANIZATION as ORGANIZATION
from vernissage.search.indexing import PERSON as PERSON
from vernissage.search.indexing import REVIEW as REVIEW
from vernissage.search.indexing import WORK as WORK
from vernissage.search.terms import decade_start, decades_between, facet_terms

KINDS: tuple[str, ...] = (WORK, PERSON, ORGANIZATION, EXHIBITION, REVIEW)
KIND_LABELS: dict[str, Promise] = {
    WORK: _("Works"),
    PERSON: _("People"),
    ORGANIZATION: _("Organizations"),
    EXHIBITION: _("Exhibitions"),
    REVIEW: _("Reviews"),
}
#: The works' own columns their facets are counted from.
FACET_COLUMNS = ("classification", "medium", "series_id", "date_earliest", "date_latest", "status")
#: Values shown per facet (the most frequent first).
FACET_SIZE = 12
#: Works a list may hold and still have its facets counted.
FACET_MAX = 5_000
#: Works found are counted up to this many ("more than 5,000"), as many as facets count: a
#: list that long is narrowed or paged, never read to its end, and counting 20,000 works of
#: a million cost a search 35 ms for a number no one reads.
COUNT_MAX = 5_000
#: A query finding more works than this lists them in the catalogue's order (by keyset, as
#: the unsearched list): relevance orders a few hundred results, not tens of thousands.
RANK_MAX = 2_000


def visible_records(kind: str, viewer: Viewer) -> QuerySet[Any]:
    """The records of a kind the viewer may see, from each area's own rule."""
    from vernissage.exhibitions.models import Exhibition
    from vernissage.people.models import Organization, Person
    from vernissage.press.models import Review
    from vernissage.works.models import Artwork
    from vernissage.works.selectors import CARD_FIELDS, makers_prefetch

    if kind == WORK:
        # Works found are shown as cards (the works list) or lines (the search page): their
        # title, address, kind, date and makers.
        return (
            Artwork.objects.visible_to(viewer)
            .only(*CARD_FIELDS)
            .prefetch_related(makers_prefetch(viewer, card=True))
        )
    if kind == PERSON:
        return Person.objects.visible_to(viewer).prefetch_related("roles")
    if kind == ORGANIZATION:
        return Organization.objects.visible_to(viewer).select_related("place")
    if kind == EXHIBITION:
        return Exhibition.objects.visible_to(viewer)
    if kind == REVIEW:
        return Review.objects.visible_to(viewer).select_related("publication")
    raise ValueError(kind)


# --- facets of works -------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkFacets:
    """The facets chosen, as they come in the URL (``?maker=…&decade=1990``). A value that
    names nothing the viewer may see finds nothing."""

    classification: str = ""
    maker: str = ""  # a person's slug
    decade: str = ""  # "1990": works whose date may fall in the 1990s
    medium: str = ""
    theme: str = ""  # a theme's label
    series: str = ""  # a series' slug
    exhibition: str = ""  # an exhibition's slug
    status: str = ""  # staff who see private records only
    made: str = ""  # a fuzzy date the work's date may fall within ("1990s"); not counted

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_query(cls, params: Any) -> WorkFacets:
        """From a QueryDict or dict; long or odd values are kept (they find nothing)."""
        return cls(**{name: str(params.get(name) or "")[:300].strip() for name in cls.names()})

    def chosen(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.names() if getattr(self, name)}


def works_filtered(*, viewer: Viewer, facets: WorkFacets) -> QuerySet[Any]:
    """The works the viewer may see, narrowed by the facets chosen."""
    from vernissage.exhibitions.models import ChecklistItem, Exhibition
    from vernissage.people.models import Person
    from vernissage.works.models import Artwork, Creation, Series
    from vernissage.works.querysets import ArtworkQuerySet

    works = cast(ArtworkQuerySet, visible_records(WORK, viewer))
    if facets.classification:
        works = works.filter(classification=facets.classification)
    if facets.maker:
        works = works.filter(
            pk__in=Creation.objects.filter(
                person__in=Person.objects.visible_to(viewer).filter(slug=facets.maker)
            ).values("artwork_id")
        )
    if facets.decade:
        start = decade_start(facets.decade)
        if start is None:
            return works.none()
        works = works.made_between(date(start, 1, 1), date(start + 9, 12, 31))
    if facets.medium:
        works = works.filter(medium=facets.medium)
    if facets.theme:
        works = works.filter(
            pk__in=Artwork.themes.through.objects.filter(term__label=facets.theme).values(
                "artwork_id"
            )
        )
    if facets.series:
        series = Series.objects.visible_to(viewer).filter(slug=facets.series)
        works = works.filter(series__in=series)
    if facets.exhibition:
        works = works.filter(
            pk__in=ChecklistItem.objects.filter(
                exhibition__in=Exhibition.objects.visible_to(viewer).filter(slug=facets.exhibition)
            ).values("artwork_id")
        )
    if facets.status and can_see_private(viewer):
        works = works.filter(status=facets.status)
    if facets.made:
        span = parse_fuzzy_date(facets.made)
        if span.earliest is None or span.latest is None:
            return works.none()
        works = works.made_between(span.earliest, span.latest)
    return works


_WORKS_TABLE = re.compile(r'(FROM "works_artwork"(?: [A-Z]\d+)?) ')
_SHOWN_IN = '"exhibitions_checklistitem"."exhibition_id" IN ('


def _read(queryset: QuerySet[Any], *, found: bool) -> list[tuple[Any, ...]]:
    """The rows of a values_list queryset. Among works a query found, SQLite is told to reach
    each work by its id (NOT INDEXED): left to itself it walks the index of every living work
    and checks each against the few found, 4 to 6 times slower at 100,000 works.

    Checklist items are reached by their work, never by their exhibition (the unary ``+``
    keeps SQLite off the exhibition's index): given both lists, SQLite probes the
    (exhibition, work) index for every pair, 306 ms against 9 ms for 9,000 works and 2,500
    shows."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a facet value that names nothing: .none()
        return []
    if connection.vendor == "sqlite":
        if found:
            sql = _WORKS_TABLE.sub(r"\1 NOT INDEXED ", sql)
        sql = sql.replace(_SHOWN_IN, "+" + _SHOWN_IN)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _count_of(cursor: Any, sql: str, params: list[Any]) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) found", params)  # noqa: S608 - Django's SQL
    return int(cursor.fetchone()[0])


def _year(value: Any) -> int:
    """A date's year, from a date (PostgreSQL) or its ISO text (SQLite, read raw)."""
    return int(str(value)[:4])


def _most(counts: Counter[str]) -> list[tuple[str, int]]:
    """The values most often found first, then in their own order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: Promise
    values: list[FacetValue]


def _facet(name: str, label: Promise, rows: Iterable[tuple[Any, Any, int]], chosen: str) -> Facet:
    values = [
        FacetValue(value=str(value), label=str(text), count=count, selected=str(value) == chosen)
        for value, text, count in rows
        if value not in (None, "")
    ]
    return Facet(name=name, label=label, values=values[:FACET_SIZE])


def _top_counted(
    links: QuerySet[Any], *, key: str, named: QuerySet[Any], columns: tuple[str, str]
) -> list[tuple[Any, Any, int]]:
    """The :data:`FACET_SIZE` records linked most often: ``links`` (rows of the works' links,
    as ``values(key)``) counted by ``key``, each distinct work once, and named by ``named``
    (the records the viewer may see): ``(value, label, count)`` by count, then label. A
    record the viewer may not see is never named. Two SQL texts Django writes, joined."""
    counted_sql, counted_params = (
        links.order_by()
        .annotate(n=Count(links.model._meta.get_field("artwork").attname, distinct=True))
        .query.sql_with_params()
    )
    value, label = columns
    named_sql, named_params = (
        named.order_by().values("pk", *dict.fromkeys(columns)).query.sql_with_params()
    )
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # Each record counted is named by its own lookup, most counted first, until the
        # page's twelve are found (an incremental sort by count, then label): joined as a
        # whole, PostgreSQL read every person the viewer may see to name the 2,338 makers of
        # 2,141 works (8.1 ms against 4.5 with 20,000 people, and it grows with them).
        sql = (
            f"SELECT named.{quote(value)}, named.{quote(label)}, counted.n "  # noqa: S608
            f"FROM (SELECT * FROM ({counted_sql}) counted_ ORDER BY n DESC) counted "
            f"CROSS JOIN LATERAL (SELECT * FROM ({named_sql}) named_ "
            f"WHERE named_.{quote('pk')} = counted.{quote(key)}) named "
            f"ORDER BY counted.n DESC, named.{quote(label)} LIMIT {FACET_SIZE:d}"
        )
    else:
        sql = (
            f"SELECT named.{quote(value)}, named.{quote(label)}, counted.n "  # noqa: S608
            f"FROM ({counted_sql}) counted INNER JOIN ({named_sql}) named "
            f"ON named.{quote('pk')} = counted.{quote(key)} "
            f"ORDER BY counted.n DESC, named.{quote(label)} LIMIT {FACET_SIZE:d}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*counted_params, *named_params])
        return [(row[0], row[1], int(row[2])) for row in cursor.fetchall()]


def work_facet_counts(
    *,
    viewer: Viewer,
    works: QuerySet[Any],
    facets: WorkFacets,
    found: bool = False,
    ids: list[int] | None = None,
    rows: list[tuple[Any, ...]] | None = None,
) -> list[Facet]:
    """Counts of each facet's values among ``works`` (already narrowed to what the viewer may
    see, what the query found and the facets chosen); values the viewer may not see (a private
    maker, series or exhibition) are never offered. ``found``: ``works`` is what a query
    found (a small part of the catalogue, read by id). ``ids``: the ids of ``works``, when
    they were read: the makers, themes and exhibitions are then counted among them, without
    going back through the works (a lookup of each of 3,600 works per facet cost
    PostgreSQL 5 ms a facet). ``rows``: their :data:`FACET_COLUMNS`, when they were read
    with the ids."""
    from vernissage.exhibitions.models import ChecklistItem, Exhibition
    from vernissage.people.models import Person
    from vernissage.works.classification import Classification
    from vernissage.works.models import Artwork, Creation, Series, Term

    among: Any = id_list(ids) if ids is not None else works.order_by().values("pk")
    kinds = dict(Classification.choices)
    # The facets of the works' own columns, counted in one pass over their rows: a list that
    # has facets holds at most FACET_MAX works, and one read of them cost PostgreSQL less
    # than a fifth of the five groupings it replaced (about 20 ms each over 4,000 works).
    if rows is None:
        rows = _read(works.order_by().values_list(*FACET_COLUMNS), found=found)
    # Counted column by column (Counter counts an iterable in C: 0.4 ms for 2,141 works
    # against 4 ms row by row).
    columns: Iterable[tuple[Any, ...]] = (
        zip(*rows, strict=True) if rows else [()] * len(FACET_COLUMNS)
    )
    kind_column, medium_column, series_column, earliest_column, latest_column, status_column = (
        columns
    )
    by_kind: Counter[str] = Counter(kind_column)
    by_status: Counter[str] = Counter(status_column)
    media: Counter[str] = Counter(medium_column)
    media.pop("", None)
    media.pop(None, None)  # type: ignore[call-overload]
    in_series: Counter[int] = Counter(series_column)
    in_series.pop(None, None)  # type: ignore[call-overload]
    spans: Counter[tuple[Any, Any]] = Counter(zip(earliest_column, latest_column, strict=True))
    for earliest, latest in [span for span in spans if None in span]:
        del spans[earliest, latest]
    # A work counts in every decade its date may fall in ("c. 2003", read 1998–2008, in the
    # 1990s and the 2000s), as the decade filter finds it.
    decades: Counter[int] = Counter()
    for (earliest, latest), count in spans.items():
        for decade in decades_between(_year(earliest), _year(latest)):
            decades[decade] += count
    # Each count of links (makers, themes, shows) is grouped by the linked record's id among
    # the works first, then named by the records the viewer may see: asked as one join,
    # SQLite walked every theme and probed each of the works for it (themes of 4,900 works:
    # 13.8 ms against 2.7 ms; makers 12.5 against 8.4).
    makers = _top_counted(
        Creation.objects.filter(artwork_id__in=among).values("person_id"),
        key="person_id",
        named=Person.objects.visible_to(viewer),
        columns=("slug", "display_name"),
    )
    themes = _top_counted(
        Artwork.themes.through.objects.filter(artwork_id__in=among).values("term_id"),
        key="term_id",
        named=Term.objects.filter(kind=Term.Kind.THEME),
        columns=("label", "label"),
    )
    series = sorted(
        (
            (slug, title, in_series[pk])
            for pk, slug, title in Series.objects.visible_to(viewer)
            .filter(pk__in=id_list(list(in_series)))  # one parameter, not one per series
            .values_list("pk", "slug", "title")
        ),
        key=lambda row: (-row[2], row[1]),
    )
    shows = _top_counted(
        ChecklistItem.objects.filter(artwork_id__in=among).values("exhibition_id"),
        key="exhibition_id",
        named=Exhibition.objects.visible_to(viewer),
        columns=("slug", "title"),
    )
    result = [
        _facet(
            "classification",
            _("Kind"),
            ((value, kinds.get(value, value), n) for value, n in _most(by_kind)),
            facets.classification,
        ),
        _facet("maker", _("Maker"), makers, facets.maker),
        _facet(
            "decade",
            _("Decade"),
            ((d, f"{d}s", n) for d, n in sorted(decades.items(), reverse=True)),
            facets.decade,
        ),
        _facet("medium", _("Medium"), ((m, m, n) for m, n in _most(media)), facets.medium),
        _facet("theme", _("Theme"), themes, facets.theme),
        _facet("series", _("Series"), series, facets.series),
        _facet("exhibition", _("Exhibition"), shows, facets.exhibition),
    ]
    if can_see_private(viewer):
        statuses = dict(Artwork.Status.choices)
        result.append(
            _facet(
                "status",
                _("Status"),
                ((s, statuses.get(s, s), n) for s, n in _most(by_status)),
                facets.status,
            )
        )
    return [facet for facet in result if facet.values]


# --- found records, ranked ------------------------------------------------------------------


class Ranked:
    """The records of one kind a query finds among ``within``, best first: sliced and
    counted like a queryset, so Django's paginator pages it. A slice is one ranked query for
    the ids plus the records' own (with their prefetches)."""

    def __init__(
        self, kind: str, query: ParsedQuery, *, private: bool, within: QuerySet[Any]
    ) -> None:
        self.kind = kind
        self.query = query
        self.private = private
        self.within = within
        self._count: int | None = None
        self._ids: list[int] | None = None

    @property
    def found(self) -> QuerySet[Any]:
        """The records found, unordered: for counts, facets and the admin."""
        sql, params = match_sql(self.kind, self.query, private=self.private)
        return self.within.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (words quoted, params)

    def count_up_to(self, limit: int) -> int:
        """The count, or ``limit`` when there are that many or more: one query that stops
        reading there."""
        sql, params = self._found_sql()
        with connection.cursor() as cursor:
            return _count_of(cursor, f"{sql} LIMIT %s", [*params, limit])

    def known_count(self, count: int) -> None:
        """The count, when the records found were read anyway (for their facets)."""
        self._count = min(count, COUNT_MAX + 1)

    def known_ids(self, ids: list[int]) -> None:
        """Every record found, when they were read anyway (for their facets): they are
        counted, and ranked among, without the query being run again to find them (at a
        million works, the second reading of a title word's 40,000 matches was half of a
        ranked query's 50 ms)."""
        self._ids = ids
        self.known_count(len(ids))

    def count(self) -> int:
        """How many were found, counted no further than COUNT_MAX + 1 (see :attr:`capped`)."""
        if self._count is None:
            self._count = _guarded(partial(self.count_up_to, COUNT_MAX + 1), 0)
        return self._count

    @property
    def capped(self) -> bool:
        """More were found than counted: "more than 20,000"."""
        return self.count() > COUNT_MAX

    @property
    def counted(self) -> int:
        """How many were counted: all of them, or COUNT_MAX when :attr:`capped`."""
        return min(self.count(), COUNT_MAX)

    @property
    def large(self) -> bool:
        """Too many found to rank: they are listed in the catalogue's order."""
        return self.count() > RANK_MAX

    def in_order(self, among: list[int] | None = None) -> QuerySet[Any]:
        """The records found, in the list's own order (for lists too long to rank); only
        those of ``among`` (ids of records found) when given.

        On SQLite the query's ids are only checked (the unary ``+``), never used to reach
        the records: SQLite would otherwise read every record found and sort them (176 ms for
        45,000 works at a million) instead of walking the list's index until a page is full
        (19 ms)."""
        order = self.within.query.order_by or self.within.model._meta.ordering
        if among is not None:
            sql, params = _id_list_sql(among)
        elif self._ids is not None:  # read for the facets: the query is not run again
            sql, params = _id_list_sql(self._ids)
        else:
            sql, params = match_sql(self.kind, self.query, private=self.private)
        if connection.vendor != "sqlite":
            return self.within.filter(pk__in=RawSQL(sql, params)).order_by(*order)  # noqa: S611
        meta = self.within.model._meta
        checked = RawSQL(  # noqa: S611 (words quoted, params)
            f'+"{meta.db_table}"."{meta.pk.column}" IN ({sql})',
            params,
            output_field=BooleanField(),
        )
        return self.within.filter(checked).order_by(*order)

    def __len__(self) -> int:
        return self.count()

    def _found_sql(self) -> tuple[str, list[Any]]:
        try:
            sql, params = self.found.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # narrowed to nothing (a facet value that names nothing)
            return "SELECT 0 WHERE 1 = 0", []
        if connection.vendor == "sqlite":
            sql = _WORKS_TABLE.sub(r"\1 NOT INDEXED ", sql)
        return sql, list(params)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        if stop <= start:
            return []
        if self.large:
            ids = _guarded(
                lambda: list(self.in_order().values_list("pk", flat=True)[start:stop]), []
            )
            records = self.within.in_bulk(ids)
            return [records[pk] for pk in ids if pk in records]
        ids = _guarded(
            lambda: ranked_ids(
                self.kind,
                self.query,
                private=self.private,
                within=self._found_sql() if self._ids is None else _id_list_sql(self._ids),
                limit=stop - start,
                offset=start,
            ),
            [],
        )
        records = self.within.in_bulk(ids)
        return [records[pk] for pk in ids if pk in records]


def _guarded(run: Any, empty: Any) -> Any:
    """An engine that cannot read a query (an FTS5 tokenizer disagreeing with ours about a
    rare character) answers it with nothing, never an error. PostgreSQL reads any tsquery we
    make (quoted lexemes), and an error there would end the transaction, so it is not caught."""
    if connection.vendor != "sqlite":
        return run()
    try:
        return run()
    except DatabaseError:
        return empty


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    #: Per kind asked for: the records found, best first (empty when the query has no word).
    kinds: dict[str, Any] = field(default_factory=dict)
    facets: list[Facet] = field(default_factory=list)
    #: The list was too long to count its facets (narrow it first).
    facets_skipped: bool = False

    @property
    def has_query(self) -> bool:
        return bool(self.parsed)


def search(
    *,
    viewer: Viewer,
    query: str,
    kinds: Sequence[str] = KINDS,
    facets: WorkFacets | None = None,
    with_facets: bool = False,
    within: dict[str, QuerySet[Any]] | None = None,
    facet_max: int | None = None,
    keyset: bool = False,
    first_page: int | None = None,
) -> SearchResults:
    """What ``query`` finds of each of ``kinds`` among what the viewer may see, ranked.

    Works are narrowed by ``facets`` first; ``with_facets`` counts the facets' values among
    the works found. Without a word to look for (an empty query, punctuation, emoji), works
    are every work the facets let through, in the catalogue's order, and the other kinds
    nothing. ``within`` narrows a kind further (the admin's own filters). ``keyset``: works
    too many to rank (:attr:`Ranked.large`) come as a queryset in the catalogue's order, for
    a list paged by keyset. ``first_page``: that list is asked for its first page, of this
    many (no cursor): see :func:`_first_page_candidates`."""
    facets = facets or WorkFacets()
    facet_max = FACET_MAX if facet_max is None else facet_max
    parsed = parse_query(query)
    private = can_see_private(viewer)
    results = SearchResults(query=query, parsed=parsed)
    narrowed: QuerySet[Any] | None = None  # the works found or let through, unordered
    counted: int | None = None  # how many (up to COUNT_MAX + 1), when a query found them
    ids: list[int] | None = None  # their ids, when read for the facets
    rows: list[tuple[Any, ...]] | None = None  # and their facet columns, when read with them
    # A word narrowed by a facet has the works' rows read to filter them (kind, decade...):
    # their facet columns are read with their ids, not looked up again (at a million works
    # on PostgreSQL, 6 to 9 ms of a page for 1,300 to 2,100 works). Without a facet, the ids
    # are read alone, and the columns by id once they are known to be few enough to count.
    wide = bool(facets.chosen())
    for kind in kinds:
        if kind not in KIND_LABELS:
            continue
        base = (within or {}).get(kind)
        own_base = base is None
        if base is None:
            base = (
                works_filtered(viewer=viewer, facets=facets)
                if kind == WORK
                else visible_records(kind, viewer)
            )
        if not parsed:
            results.kinds[kind] = base if kind == WORK else base.none()
            narrowed = base if kind == WORK else narrowed
            continue
        ranked = Ranked(
            kind,
            # Works narrowed by the facets here: the index finds them among those holding the
            # facets' terms too.
            parsed.narrowed(_facet_terms(facets)) if kind == WORK and own_base else parsed,
            private=private,
            within=base,
        )
        results.kinds[kind] = ranked
        if kind == WORK:
            narrowed = ranked.found
            if with_facets:
                # The ids the facets count, read first: when they are few enough to count,
                # their number is the count, and the query is not run once more for it.
                read = _guarded(
                    partial(_rows_of, narrowed, limit=facet_max + 1, found=True, wide=wide), []
                )
                with_columns = wide
                if len(read) <= facet_max and not wide:
                    # Few enough to count their facets: their facet columns are read now,
                    # by id, as the counts would read them, so that the first page of a
                    # list too long to rank is ordered among the works its dates let onto
                    # it (at 100,000 works on PostgreSQL, ordering all 4,500 works of a
                    # maker's name for one page took 12 ms).
                    by_id = _guarded(partial(_facet_rows_of, [row[0] for row in read]), None)
                    if by_id is not None and len(by_id) == len(read):
                        read, with_columns = by_id, True
                if len(read) <= facet_max:
                    ids = [row[0] for row in read]
                    ranked.known_ids(ids)
                    rows = [row[1:] for row in read] if with_columns else None
                elif len(read) > COUNT_MAX:  # more than are counted: that is the count
                    ranked.known_count(len(read))
            counted = ranked.count()
            if keyset and ranked.large:
                # Too many to rank (45,000 works of one maker at a million works took 136 ms
                # to order by relevance, an order that says nothing there): the list's own
                # order, paged by keyset as the unsearched list is.
                ordered = ranked.in_order()
                if first_page is not None and rows is not None and ids is not None:
                    candidates = _first_page_candidates(ordered, ids, rows, first_page)
                    if candidates is not None:
                        ordered = ranked.in_order(among=candidates)
                results.kinds[kind] = ordered
    if with_facets and narrowed is not None and (parsed or facets.chosen()):
        # Facets count what a query or a facet narrowed the list to, up to facet_max works:
        # counting the whole catalogue seven ways costs seconds per request at 100,000 works
        # on SQLite. The unnarrowed list shows none (its kind filter is in the form).
        # The works are read once, as ids, and every facet's query reaches them by id: the
        # query (or the facets' filters) is not run again seven times, which was most of a
        # search page's time (84 of 170 ms for a word of a title at 100,000 works).
        if ids is None and (counted is None or counted <= facet_max):
            # Ids only: a facet alone lets through more works than are counted as often as
            # not (paintings of the 1990s: 71,000 of a million), and 5,001 rows of dates
            # cost more to read than the columns of the few counted, read again.
            counted_works, found = narrowed, bool(parsed)
            held = _facet_terms(facets) if not parsed and (within or {}).get(WORK) is None else []
            if held and connection.vendor == "sqlite":
                # No word, but facets the index holds (kind, decade): SQLite finds their works
                # in the index and reads only those, where it walked the index of one kind and
                # read each work of it to test its dates (paintings of the 1990s at a million
                # works: 50 ms for 5,001 of them, 15 ms through the index). The filters still
                # decide; the index only narrows.
                sql, params = match_sql(WORK, facets_only(held), private=private)
                counted_works = narrowed.filter(pk__in=RawSQL(sql, params))  # noqa: S611
                found = True
            ids = _guarded(partial(_ids_of, counted_works, limit=facet_max + 1, found=found), [])
        if ids is None or (counted or 0) > facet_max or len(ids) > facet_max:
            results.facets_skipped = True
            return results
        from vernissage.works.models import Artwork

        results.facets = _guarded(
            lambda: work_facet_counts(
                viewer=viewer,
                works=Artwork._base_manager.filter(pk__in=id_list(ids)),
                facets=facets,
                found=True,
                ids=ids,
                rows=rows,
            ),
            [],
        )
    return results


#: Where the works' dates are in the facet columns read with their ids.
_DATE_COLUMN = FACET_COLUMNS.index("date_earliest")


def _first_page_candidates(
    ordered: QuerySet[Any], ids: list[int], rows: list[tuple[Any, ...]], size: int
) -> list[int] | None:
    """The works found that can be on the first page of ``size`` of a list newest first,
    picked from the dates read with their ids for the facets; None when they cannot be
    picked so (another order, or no fewer than all of them).

    Ordering every work found for one page probed each of them again (2,141 paintings of
    the 1990s holding a word, at a million works on PostgreSQL: 11 to 15 ms). The first
    ``size + 1`` works in the order (one more, to know there is a next page) are the
    undated works where the database sorts them first (PostgreSQL: a null is the largest
    value, first newest first), then the newest dated works down to the date of the last
    that fits, its ties included; where undated works sort last (SQLite), only those dated
    works. The database orders the candidates its own way (titles by its collation), and
    the page is the one it would have made of them all."""
    order = tuple(ordered.query.order_by or ordered.model._meta.ordering)
    if not order or order[0] != "-date_earliest":
        return None
    wanted = size + 1
    undated = [work for work, row in zip(ids, rows, strict=True) if row[_DATE_COLUMN] is None]
    if not connection.features.nulls_order_largest:
        undated = []  # they come last: on the first page only when the dated are too few
    if len(undated) >= wanted:
        candidates = undated
    else:
        dated = sorted(
            (row[_DATE_COLUMN] for row in rows if row[_DATE_COLUMN] is not None), reverse=True
        )
        place = wanted - len(undated)
        if len(dated) <= place:
            return None  # few enough that they are all candidates
        threshold = dated[place - 1]
        candidates = undated + [
            work
            for work, row in zip(ids, rows, strict=True)
            if row[_DATE_COLUMN] is not None and row[_DATE_COLUMN] >= threshold
        ]
    return candidates if len(candidates) < len(ids) else None


def _facet_terms(facets: WorkFacets) -> list[str]:
    """The index's terms of the facets chosen that it holds (kind, decade): the engine finds
    the words typed among the works that hold them, and the facets' own filters (which
    decide) then check far fewer works."""
    start = decade_start(facets.decade) if facets.decade else None
    return facet_terms(
        classification=facets.classification, decades=[start] if start is not None else []
    )


def _rows_of(works: QuerySet[Any], *, limit: int, found: bool, wide: bool) -> list[tuple[Any, ...]]:
    """The ids of ``works``, at most ``limit`` of them, each as a row of its own; with their
    :data:`FACET_COLUMNS` after it when ``wide``."""
    columns = ("pk", *FACET_COLUMNS) if wide else ("pk",)
    return _read(works.order_by().values_list(*columns)[:limit], found=found)


def _facet_rows_of(ids: list[int]) -> list[tuple[Any, ...]]:
    """The works of ``ids`` (read already, among what the viewer may see), each as its id
    and its :data:`FACET_COLUMNS`."""
    from vernissage.works.models import Artwork

    works = Artwork._base_manager.filter(pk__in=id_list(ids)).order_by()
    return _read(works.values_list("pk", *FACET_COLUMNS), found=True)


def _ids_of(works: QuerySet[Any], *, limit: int, found: bool) -> list[int]:
    """The ids of ``works``, at most ``limit`` of them."""
    return [row[0] for row in _rows_of(works, limit=limit, found=found, wide=False)]


def _id_list_sql(ids: list[int]) -> tuple[str, list[Any]]:
    """:func:`~vernissage.core.prepared.id_list_sql` on this connection."""
    return id_list_sql(ids, vendor=connection.vendor)


def search_records(
    *, viewer: Viewer, kind: str, query: str, within: QuerySet[Any]
) -> QuerySet[Any]:
    """The records of ``within`` (already narrowed to what the viewer may see) the query
    finds, as a queryset in no particular order: for the admin's change lists."""
    parsed = parse_query(query)
    if not parsed:
        return within
    return Ranked(kind, parsed, private=can_see_private(viewer), within=within).found
