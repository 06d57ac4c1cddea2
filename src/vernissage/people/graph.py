"""The people graph: who is tied to whom, as one viewer may see it.

The ties come from the records, never typed twice: the catalogue's relationships (partners,
collaborators, parents, teachers, patrons, supporters... every :class:`Relationship` kind),
the venues where an artist's work was shown (exhibitions), the critics who wrote about an
artist (press), and the collectors who own or owned an artist's work (provenance; viewers who
may see contacts only, as the provenance's names are).

A catalogue of 10,000 people and 50,000 ties is too much for a browser to draw, so the graph
is filtered in the database (by kind, by year) and cut to ``limit`` nodes here: the most
connected ones, or the nearest ones around a person. :class:`PeopleGraph` says how many there
were, so a page can say it was cut and offer the filters that narrow it. The ties are read as
plain tuples in a fixed number of queries, whatever the size of the catalogue.

A year keeps the ties that *may* be current that year, as fuzzy dates allow: a tie whose
dates are unknown may be current any year, except before both people may have been born or
after they surely died.
"""

from __future__ import annotations

import datetime as dt
import gc
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from threading import Lock
from typing import Any

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vernissage.core.access import Viewer, can_see_contacts, can_see_private
from vernissage.core.slugs import slug_url
from vernissage.people.models import Organization, Person, Relationship, Role

#: How many nodes are sent when nobody asks for fewer; and the most anyone may ask for.
DEFAULT_LIMIT = 200
MAX_LIMIT = 500
#: Ties sent at most, per node kept (a few hubs tied to one another would otherwise send
#: thousands of lines).
EDGES_PER_NODE = 5

#: Kinds of ties that do not come from :class:`Relationship`.
EXHIBITED = "exhibited"
CRITIC = "critic"
COLLECTOR = "collector"

#: Every kind of tie the graph draws, with how it reads from its source, in the order the
#: filter offers them.
KIND_LABELS: dict[str, Promise] = {
    **{kind.value: kind.label for kind in Relationship.Kind},
    EXHIBITED: _("showed at"),
    CRITIC: _("wrote about"),
    COLLECTOR: _("collector of"),
}
#: How a directed tie reads from its target.
INVERSE_LABELS: dict[str, Promise] = {
    **Relationship.INVERSE_LABELS,
    EXHIBITED: _("showed the work of"),
    CRITIC: _("written about by"),
    COLLECTOR: _("collected by"),
}
SYMMETRIC = Relationship.SYMMETRIC
#: Kinds only viewers who may see contacts are offered and sent.
CONTACT_KINDS = frozenset({COLLECTOR})


def kind_choices(viewer: Viewer) -> list[tuple[str, Promise]]:
    """The kinds of ties this viewer may filter by."""
    contacts = can_see_contacts(viewer)
    return [
        (kind, label)
        for kind, label in KIND_LABELS.items()
        if contacts or kind not in CONTACT_KINDS
    ]


@dataclass(frozen=True)
class GraphNode:
    key: str  # "p12" for a person, "o3" for an organization
    label: str
    kind: str  # "person" or "organization"
    roles: tuple[str, ...]  # a person's role codes; an organization's kind
    url: str
    slug: str  # a person's, to draw the graph around them; "" for an organization
    private: bool
    ties: int  # ties in the whole filtered graph, not only those sent

    @property
    def role_labels(self) -> list[str]:
        if self.kind == "organization":
            return [str(Organization.Kind(code).label) for code in self.roles]
        return [str(Role.Code(code).label) for code in self.roles]


@dataclass(frozen=True)
class GraphEdge:
    key: str
    source: str
    target: str
    kind: str
    when: str  # as written: "from mid-2000s", "2011, 2017"
    private: bool

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def label_from(self, node_key: str) -> str:
        """How the tie reads from one of its ends: “partner of”, “child of”."""
        if node_key == self.source or self.kind in SYMMETRIC:
            return self.label
        return str(INVERSE_LABELS.get(self.kind, KIND_LABELS[self.kind]))

    def other(self, node_key: str) -> str:
        return self.target if node_key == self.source else self.source


@dataclass(frozen=True)
class PeopleGraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    #: In the whole filtered graph: nodes with at least one tie, and ties.
    total_nodes: int
    total_edges: int
    limit: int
    center: str = ""
    by_key: dict[str, GraphNode] = field(default_factory=dict, compare=False, repr=False)

    @property
    def capped(self) -> bool:
        return len(self.nodes) < self.total_nodes or len(self.edges) < self.total_edges

    def ties_of(self) -> list[tuple[GraphNode, list[tuple[str, GraphNode, GraphEdge]]]]:
        """Each node sent, by name, with its ties sent (how each reads from the node, the
        node at the other end), for the list beside the drawing."""
        ties: dict[str, list[tuple[str, GraphNode, GraphEdge]]] = defaultdict(list)
        for edge in self.edges:
            for end in (edge.source, edge.target):
                ties[end].append((edge.label_from(end), self.by_key[edge.other(end)], edge))
        return [
            (node, sorted(ties[node.key], key=lambda tie: (tie[1].label.casefold(), tie[0])))
            for node in self.nodes
        ]

    def as_json(self) -> dict[str, object]:
        return {
            "nodes": [
                {
                    "id": node.key,
                    "label": node.label,
                    "kind": node.kind,
                    "roles": list(node.roles),
                    "url": node.url,
                    "slug": node.slug,
                    "private": node.private,
                    "ties": node.ties,
                }
                for node in self.nodes
            ],
            "edges": [
                {
                    "id": edge.key,
                    "source": edge.source,
                    "target": edge.target,
                    "kind": edge.kind,
                    "label": edge.label,
                    "when": edge.when,
                    "private": edge.private,
                }
                for edge in self.edges
            ],
            "total_nodes": self.total_nodes,
            "total_edges": self.total_edges,
            "capped": self.capped,
            "limit": self.limit,
            "center": self.center,
        }


# --- the ties, as tuples ----------------------------------------------------------------------
#
# 50,000 ties are read and counted here on every request, so they are plain tuples: a node is
# an int (a person's id times two, an organization's id times two plus one), and a tie is
# (source, target, kind, relationship id or None, when, private), ``when`` as written: the
# (from, until) pairs of the ownerships of a collector, formatted only for the ties sent
# (gettext costs more than the rest of a tie), or the years of showings. A relationship's
# dates are read only for the ties sent (``""`` until then): a tie of ints and strings is
# a tuple the cycle collector stops tracking, where a nested tuple kept 50,000 more objects
# for every full collection of a server process to walk.

_Tie = tuple[int, int, str, int | None, "tuple[tuple[str, str], ...] | str", bool]
#: The first letter of the keys of ties that are not relationships.
_KEY_PREFIXES = {EXHIBITED: "x", CRITIC: "w", COLLECTOR: "c"}


def _node_key(node: int) -> str:
    return f"o{node >> 1}" if node & 1 else f"p{node >> 1}"


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _alive_in(prefix: str, first: dt.date, last: dt.date) -> Q:
    """The person at ``prefix`` may be alive in the year (or there is no person there)."""
    return (
        Q(**{f"{prefix}birth_date_earliest__lte": last})
        | Q(**{f"{prefix}birth_date_earliest__isnull": True})
    ) & (
        Q(**{f"{prefix}death_date_latest__gte": first})
        | Q(**{f"{prefix}death_date_latest__isnull": True})
    )


def _span_label(start: str, end: str) -> str:
    if start and end:
        return f"{start} – {end}"
    if start:
        return gettext("from %(date)s") % {"date": start}
    if end:
        return gettext("until %(date)s") % {"date": end}
    return ""


def _rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` queryset read straight from its cursor: Django's row
    iterator costs more than the query for 50,000 rows. Only for columns that need no
    converter (integers, text; a boolean may come back as 0 or 1)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _relationship_ties(viewer: Viewer, kinds: set[str] | None, year: int | None) -> list[_Tie]:
    """The catalogue's relationships the viewer may see: three queries (the ties, and the
    people and organizations the viewer may see, to check their ends)."""
    ties, hidden_people, hidden_organizations = Relationship.objects.visible_ends(viewer)
    if kinds is not None:
        ties = ties.filter(kind__in=kinds)
    if year is not None:
        first, last = _year_bounds(year)
        ties = ties.filter(
            Q(start_date_earliest__lte=last) | Q(start_date_earliest__isnull=True),
            Q(end_date_latest__gte=first) | Q(end_date_latest__isnull=True),
            _alive_in("person__", first, last),
            _alive_in("other_person__", first, last),
        )
    # The ties come from the cursor as they are kept (see _Tie), their ends' node numbers
    # made by the database: 50,000 tuples are not made twice.
    rows: list[_Tie] = _rows(
        ties.order_by()
        .annotate(
            graph_source=F("person_id") * 2,
            graph_target=Coalesce(F("other_person_id") * 2, F("organization_id") * 2 + 1),
            graph_when=Value(""),
            graph_private=ExpressionWrapper(~Q(is_public=True), output_field=BooleanField()),
        )
        .values_list("graph_source", "graph_target", "kind", "id", "graph_when", "graph_private")
    )
    if hidden_people or hidden_organizations:
        hidden = {person << 1 for person in hidden_people}
        hidden.update(organization << 1 | 1 for organization in hidden_organizations)
        rows = [row for row in rows if row[0] not in hidden and row[1] not in hidden]
    return rows


def _may_be_on(
    year: int, earliest: dt.date | None, latest: dt.date | None, closes: dt.date | None
) -> bool:
    """A span that opens between ``earliest`` and ``latest`` and closes by ``closes`` (or, not
    known to close, when its opening's bounds end) may cover a day of ``year``; an undated one
    may cover any year."""
    first, last = _year_bounds(year)
    if earliest is None:
        return True
    end = closes or latest
    return earliest <= last and (end is None or end >= first)


def _exhibition_ties(viewer: Viewer, year: int | None) -> list[_Tie]:
    """An artist tied to each venue that showed their work (a work the viewer may see on the
    checklist) or listed them by hand, at an exhibition the viewer may see: four queries,
    each led by the checklists, never by the whole catalogue of works."""
    from vernissage.exhibitions.models import ChecklistItem, Exhibition, ExhibitionVenue
    from vernissage.exhibitions.selectors import ARTIST_ROLES
    from vernissage.works.models import Artwork, Creation

    shows = Exhibition.objects.visible_to(viewer)
    people = Person.objects.visible_to(viewer)
    shown = ChecklistItem.objects.filter(exhibition__in=shows)
    makers: dict[int, list[int]] = defaultdict(list)
    for artwork_id, person_id in _rows(
        Creation.objects.filter(
            role__in=ARTIST_ROLES,
            person__in=people,
            artwork__in=Artwork.objects.visible_to(viewer).filter(
                pk__in=shown.values("artwork_id")
            ),
        )
        .order_by()
        .values_list("artwork_id", "person_id")
    ):
        makers[artwork_id].append(person_id)
    artists: dict[int, set[int]] = defaultdict(set)
    for artwork_id, exhibition_id in _rows(
        shown.order_by().values_list("artwork_id", "exhibition_id")
    ):
        if artwork_id in makers:
            artists[exhibition_id].update(makers[artwork_id])
    for person_id, exhibition_id in _rows(
        Exhibition.artists.through.objects.filter(person__in=people, exhibition__in=shows)
        .order_by()
        .values_list("person_id", "exhibition_id")
    ):
        artists[exhibition_id].add(person_id)
    stops = (
        ExhibitionVenue.objects.filter(
            exhibition__in=shows,
            venue__organization__in=Organization.objects.visible_to(viewer),
        )
        .order_by()
        .values_list(
            "exhibition_id",
            "venue__organization_id",
            "start_date_earliest",
            "start_date_latest",
            "end_date_latest",
            "exhibition__start_date_earliest",
            "exhibition__start_date_latest",
            "exhibition__end_date_latest",
            "exhibition__is_public",
            "venue__organization__is_public",
        )
    )
    # (artist, venue) -> the years shown there; and the pairs with a public showing
    shown_at: dict[tuple[int, int], set[int]] = defaultdict(set)
    shown_publicly: set[tuple[int, int]] = set()
    for row in stops:
        exhibition_id, organization_id, earliest, latest, closes = row[:5]
        if earliest is None:  # an undated stop has the show's own dates
            earliest, latest, closes = row[5:8]
        if year is not None and not _may_be_on(year, earliest, latest, closes):
            continue
        public = bool(row[8] and row[9])
        for person_id in artists.get(exhibition_id, ()):
            pair = (person_id, organization_id)
            years = shown_at[pair]  # made even for an undated showing
            if earliest is not None:
                years.add(earliest.year)
            if public:
                shown_publicly.add(pair)
    return [
        (
            pair[0] << 1,
            pair[1] << 1 | 1,
            EXHIBITED,
            None,
            ", ".join(map(str, sorted(years))),
            pair not in shown_publicly,
        )
        for pair, years in shown_at.items()
    ]


def _critic_ties(viewer: Viewer, year: int | None) -> list[_Tie]:
    """Critics tied to the people they wrote about: the authors of the reviews and articles
    the viewer may see (``press``), and the people each is about, both people the viewer may
    see (an erased author is no tie); a year keeps what may have been published then. Two
    queries."""
    from vernissage.press.models import Review, ReviewAuthor

    reviews = Review.objects.visible_to(viewer)
    if year is not None:
        first, last = _year_bounds(year)
        reviews = reviews.filter(
            Q(date_earliest__lte=last) | Q(date_earliest__isnull=True),
            Q(date_latest__gte=first) | Q(date_latest__isnull=True),
        )
    people = Person.objects.visible_to(viewer)
    authors: dict[int, list[int]] = defaultdict(list)
    for review_id, person_id in (
        ReviewAuthor.objects.filter(review__in=reviews, person__in=people)
        .order_by()
        .values_list("review_id", "person_id")
    ):
        authors[review_id].append(person_id)
    wrote: dict[tuple[int, int], list[tuple[dt.date | None, bool]]] = defaultdict(list)
    for review_id, person_id, earliest, public in (
        Review.people.through.objects.filter(review__in=reviews, person__in=people)
        .order_by()
        .values_list("review_id", "person_id", "review__date_earliest", "review__is_public")
    ):
        for author in authors.get(review_id, ()):
            if author != person_id:
                wrote[(author, person_id)].append((earliest, public))
    return [
        (
            author << 1,
            person << 1,
            CRITIC,
            None,
            ", ".join(str(y) for y in sorted({day.year for day, _p in texts if day})),
            not any(public for _day, public in texts),
        )
        for (author, person), texts in wrote.items()
    ]


def _collector_ties(viewer: Viewer, year: int | None) -> list[_Tie]:
    """Owners tied to the artists whose work they own or owned, as the provenance of works
    the viewer may see tells it (the “to” party of each change of ownership, until the next
    one), for viewers who may see contacts: two queries, led by the provenance. The artist
    owning their own work is no collector of it."""
    from vernissage.exhibitions.selectors import ARTIST_ROLES
    from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty
    from vernissage.works.models import Artwork, Creation

    if not can_see_contacts(viewer):
        return []
    ownership = ProvenanceEvent.OWNERSHIP_KINDS
    works = Artwork.objects.visible_to(viewer).filter(
        pk__in=ProvenanceEvent.objects.filter(kind__in=ownership).values("artwork_id")
    )
    rows = (
        ProvenanceParty.objects.filter(
            role=ProvenanceParty.Role.TO, event__kind__in=ownership, event__artwork__in=works
        )
        .order_by("event__artwork_id", "event__position", "event_id")
        .values_list(
            "event__artwork_id",
            "event__date",
            "event__date_earliest",
            "event__date_latest",
            "person_id",
            "organization_id",
            "person__deleted_at",
        )
    )
    makers: dict[int, list[int]] = defaultdict(list)
    for artwork_id, person_id in (
        Creation.objects.visible_to(viewer)
        .filter(role__in=ARTIST_ROLES, artwork__in=works)
        .order_by()
        .values_list("artwork_id", "person_id")
    ):
        makers[artwork_id].append(person_id)
    by_work: dict[int, list[tuple[str, dt.date | None, dt.date | None, int | None]]]
    by_work = defaultdict(list)
    for artwork_id, date, earliest, latest, person_id, organization_id, deleted in rows:
        owner = None
        if person_id is not None:
            owner = person_id << 1 if deleted is None else None
        elif organization_id is not None:
            owner = organization_id << 1 | 1
        by_work[artwork_id].append((date, earliest, latest, owner))
    owned: dict[tuple[int, int], set[tuple[str, str]]] = defaultdict(set)
    first, last = _year_bounds(year) if year is not None else (dt.date.min, dt.date.max)
    for artwork_id, changes in by_work.items():
        artists = makers.get(artwork_id, [])
        for index, (date, earliest, _latest, owner) in enumerate(changes):
            following = changes[index + 1] if index + 1 < len(changes) else None
            if owner is None or (owner & 1 == 0 and owner >> 1 in artists):
                continue
            if year is not None:
                if earliest is not None and earliest > last:
                    continue
                if following is not None and following[2] is not None and following[2] < first:
                    continue
            span = (date, following[0] if following is not None else "")
            for artist in artists:
                owned[(owner, artist)].add(span)
    return [
        (owner, artist << 1, COLLECTOR, None, tuple(sorted(spans)), True)
        for (owner, artist), spans in owned.items()
    ]


# --- the graph --------------------------------------------------------------------------------


def graph_person_find(*, text: str, viewer: Viewer) -> list[Person]:
    """The people the viewer may see whom ``text`` names, to draw the graph around: the one
    with that address (slug), or else those with every word in one of their names, in any
    script (two at most: enough to tell one from several)."""
    people = Person.objects.visible_to(viewer)
    found = list(people.filter(slug=text)[:1])
    if not found:
        found = list(people.search(text).order_by("sort_name", "display_name", "id")[:2])
    return found


class _Read:
    """The ties read for one filter, and how many each node has."""

    def __init__(self, ties: list[_Tie]) -> None:
        self.ties = ties
        self.degree: Counter[int] = Counter(map(itemgetter(0), ties))
        self.degree.update(map(itemgetter(1), ties))


def _neighbourhood(ties: list[_Tie], center: int, depth: int) -> dict[int, int]:
    """How far each node is from ``center``, up to ``depth`` ties away: one pass over the
    ties per step, three times faster than indexing every node's neighbours first (10,000
    sets) for a graph drawn around someone after a write."""
    distance = {center: 0}
    frontier = {center}
    for step in range(1, depth + 1):
        reached: set[int] = set()
        for tie in ties:
            source, target = tie[0], tie[1]
            if source in frontier:
                if target not in distance:
                    reached.add(target)
            elif target in frontier and source not in distance:
                reached.add(source)
        for node in reached:
            distance[node] = step
        frontier = reached
    return distance


def _nodes(kept: Iterable[int], degree: Counter[int]) -> list[GraphNode]:
    """The nodes kept, by name: three queries (people, their roles, organizations)."""
    person_ids = [node >> 1 for node in kept if not node & 1]
    organization_ids = [node >> 1 for node in kept if node & 1]
    nodes = []
    if person_ids:
        roles: dict[int, list[str]] = defaultdict(list)
        for person_id, code in (
            Person.roles.through.objects.filter(person_id__in=person_ids)
            .order_by("role__code")
            .values_list("person_id", "role__code")
        ):
            roles[person_id].append(code)
        for pk, name, slug, public in (
            Person.all_objects.filter(pk__in=person_ids)
            .order_by()
            .values_list("id", "display_name", "slug", "is_public")
        ):
            nodes.append(
                GraphNode(
                    key=f"p{pk}",
                    label=name,
                    kind="person",
                    roles=tuple(roles[pk]),
                    url=slug_url("site:person-detail", slug),
                    slug=slug,
                    private=not public,
                    ties=degree[pk << 1],
                )
            )
    if organization_ids:
        for pk, name, kind, public in (
            Organization.objects.filter(pk__in=organization_ids)
            .order_by()
            .values_list("id", "name", "kind", "is_public")
        ):
            nodes.append(
                GraphNode(
                    key=f"o{pk}",
                    label=name,
                    kind="organization",
                    roles=(kind,),
                    url="",
                    slug="",
                    private=not public,
                    ties=degree[pk << 1 | 1],
                )
            )
    nodes.sort(key=lambda node: (node.label.casefold(), node.key))
    return nodes


def _edge(tie: _Tie, spans: dict[int, tuple[str, str]]) -> GraphEdge:
    source, target, kind, pk, when, private = tie
    if pk is not None:
        key = f"r{pk}"
        when = (spans[pk],)
    else:
        key = f"{_KEY_PREFIXES[kind]}{_node_key(source)}-{_node_key(target)}"
    return GraphEdge(
        key=key,
        source=_node_key(source),
        target=_node_key(target),
        kind=kind,
        when=when if isinstance(when, str) else "; ".join(_span_label(*span) for span in when),
        private=bool(private),  # SQLite gives a relationship's as 0 or 1
    )


def _relationship_spans(pks: list[int]) -> dict[int, tuple[str, str]]:
    """The dates, as written, of the relationships sent: one query, if any is sent."""
    if not pks:
        return {}
    return {
        pk: (start, end)
        for pk, start, end in Relationship.objects.filter(pk__in=pks)
        .order_by()
        .values_list("id", "start_date", "end_date")
    }


def _ties_of_kinds(viewer: Viewer, wanted: frozenset[str], year: int | None) -> list[_Tie]:
    ties: list[_Tie] = []
    relationship_kinds = wanted & set(Relationship.Kind.values)
    if relationship_kinds:
        every = relationship_kinds == set(Relationship.Kind.values)
        ties += _relationship_ties(viewer, None if every else set(relationship_kinds), year)
    if EXHIBITED in wanted:
        ties += _exhibition_ties(viewer, year)
    if CRITIC in wanted:
        ties += _critic_ties(viewer, year)
    if COLLECTOR in wanted:
        ties += _collector_ties(viewer, year)
    return ties


class TieCache:
    """The ties read for one catalogue generation, per what a viewer may see (private records,
    contacts) and filter (kinds, year), shared by the threads of a server process.

    Reading 50,000 ties costs a few hundred milliseconds; cutting them to a drawing, a few
    tens. Every committed write moves the generation (``core.generation``), so the next
    request reads them afresh. A few entries only: one holds about 10 MB at 50,000 ties.
    """

    LIMIT = 4

    def __init__(self) -> None:
        self._generation = -1
        self._entries: dict[tuple[Any, ...], _Read] = {}
        self._lock = Lock()

    def get(self, generation: int, key: tuple[Any, ...]) -> _Read | None:
        with self._lock:
            if generation != self._generation:
                return None
            entry = self._entries.pop(key, None)
            if entry is not None:
                self._entries[key] = entry  # the most recently used last
            return entry

    def put(self, generation: int, key: tuple[Any, ...], entry: _Read) -> None:
        with self._lock:
            if generation != self._generation:
                self._generation = generation
                self._entries = {}
            self._entries[key] = entry
            while len(self._entries) > self.LIMIT:
                del self._entries[next(iter(self._entries))]

    def clear(self) -> None:
        with self._lock:
            self._generation = -1
            self._entries = {}


tie_cache = TieCache()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while tens of thousands of tuples are made: none of
    them can form a cycle, and the collections their making sets off (each a walk of every
    object of the process) took half the time of a cold read."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _ties_read(viewer: Viewer, wanted: frozenset[str], year: int | None) -> _Read:
    """The ties of these kinds that may be current in ``year``, as this viewer may see them,
    and how many ties each node has: from the cache when the catalogue has not changed."""
    from vernissage.core.generation import catalogue_generation

    generation = catalogue_generation()
    key = (can_see_private(viewer), can_see_contacts(viewer), wanted, year)
    entry = tie_cache.get(generation, key)
    if entry is None:
        with _collector_paused():
            entry = _Read(_ties_of_kinds(viewer, wanted, year))
        tie_cache.put(generation, key, entry)
    return entry


def people_graph(
    *,
    viewer: Viewer,
    kinds: Iterable[str] | None = None,
    year: int | None = None,
    around: Person | None = None,
    depth: int = 1,
    limit: int = DEFAULT_LIMIT,
) -> PeopleGraph:
    """The ties the viewer may see, of the ``kinds`` asked (all by default) that may be
    current in ``year`` (any year by default), around one person (``depth`` 1 or 2 ties
    away) or in the whole catalogue, cut to the ``limit`` nodes nearest that person or most
    connected. A fixed number of queries (at most sixteen), whatever the size of the catalogue."""
    wanted = set(kinds) & set(KIND_LABELS) if kinds else set(KIND_LABELS)
    if not can_see_contacts(viewer):
        wanted -= CONTACT_KINDS
    limit = max(1, min(limit, MAX_LIMIT))
    depth = max(1, min(depth, 2))

    read = _ties_read(viewer, frozenset(wanted), year)
    ties, degree = read.ties, read.degree
    center = around.pk << 1 if around is not None else None
    if center is not None:
        distance = _neighbourhood(read.ties, center, depth)
        ties = [tie for tie in ties if tie[0] in distance and tie[1] in distance]
        ranked = sorted(distance, key=lambda node: (distance[node], -degree[node], node))
        total_nodes = len(distance)
    else:
        ranked = heapq.nsmallest(limit, degree, key=lambda node: (-degree[node], node))
        total_nodes = len(degree)
    rank = {node: index for index, node in enumerate(ranked[:limit])}
    sent = [tie for tie in ties if tie[0] in rank and tie[1] in rank]
    if len(sent) > limit * EDGES_PER_NODE:
        sent.sort(key=lambda tie: (max(rank[tie[0]], rank[tie[1]]), tie[0], tie[1], tie[2]))
        del sent[limit * EDGES_PER_NODE :]
    nodes = _nodes(rank, degree)
    spans = _relationship_spans([tie[3] for tie in sent if tie[3] is not None])
    edges = sorted((_edge(tie, spans) for tie in sent), key=lambda edge: edge.key)
    return PeopleGraph(
        nodes=nodes,
        edges=edges,
        total_nodes=total_nodes,
        total_edges=len(ties),
        limit=limit,
        center=_node_key(center) if center is not None else "",
        by_key={node.key: node for node in nodes},
    )
