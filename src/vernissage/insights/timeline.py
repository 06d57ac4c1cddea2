"""The career timeline of an artist, computed from the records, never typed twice.

Each entry comes from one record the viewer may see: a life event (born, studied, moved,
travelled, residency, award, died), a study tie to a school, an exhibition the artist showed
in (solo or group; the first solo show, the first show abroad and every show abroad marked),
a review (from the press area, see :mod:`vernissage.insights.press`), and a work of theirs
entering a collection (the public provenance: “a private collection” where the owner's name
is not to be shown). Viewers who may see prices see sales with their prices instead.

“Abroad” is a country other than the artist's home country, the country of their birthplace;
an artist whose birthplace (or its country) is not known has no show abroad.

The whole timeline costs a fixed number of queries, whatever its length: life events, study
ties, exhibitions with their stops (two, or none when the caller passes the exhibitions it
already read), provenance events with their parties (two), reviews.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer, can_see_contacts, can_see_prices
from vernissage.core.fuzzy_dates import FuzzyDate, fuzzy
from vernissage.core.prepared import PreparedRead, Slots
from vernissage.core.slugs import slug_url
from vernissage.exhibitions.models import Exhibition, ExhibitionVenue
from vernissage.exhibitions.selectors import ARTIST_ROLES, ArtistExhibitions, exhibitions_of_artist
from vernissage.insights.press import CareerReview, reviews_for
from vernissage.market.provenance import party_record_from_columns
from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty
from vernissage.market.provenance_text import PartyRecord, money_label, party_label
from vernissage.people.models import LifeEvent, Person, Relationship
from vernissage.people.selectors import life_events_for, relationships_for
from vernissage.works.models import Artwork


class EntryKind(models.TextChoices):
    BORN = "born", gettext_lazy("born")
    STUDIED = "studied", gettext_lazy("studied")
    MOVED = "moved", gettext_lazy("moved")
    TRAVEL = "travel", gettext_lazy("travelled")
    RESIDENCY = "residency", gettext_lazy("residency")
    AWARD = "award", gettext_lazy("award")
    SOLO_SHOW = "solo_show", gettext_lazy("solo exhibition")
    GROUP_SHOW = "group_show", gettext_lazy("group exhibition")
    REVIEW = "review", gettext_lazy("review")
    COLLECTION = "collection", gettext_lazy("work entering a collection")
    SALE = "sale", gettext_lazy("sale")
    DIED = "died", gettext_lazy("died")


#: Within one day, the order entries of different kinds are listed in.
KIND_ORDER = {kind: index for index, kind in enumerate(EntryKind.values)}


@lru_cache(maxsize=256)
def _kind_label(kind: str, language: str | None) -> str:
    """A kind's label in a language, translated once (a timeline asks hundreds of times)."""
    return str(EntryKind(kind).label)


SHOW_KINDS = (EntryKind.SOLO_SHOW, EntryKind.GROUP_SHOW)
LABELLED_KINDS = frozenset({*SHOW_KINDS, EntryKind.REVIEW, EntryKind.COLLECTION, EntryKind.SALE})
#: The life events that make a career (the others stay in the person's “Life”).
EVENT_KINDS: dict[str, str] = {
    LifeEvent.Kind.BORN: EntryKind.BORN,
    LifeEvent.Kind.STUDIED: EntryKind.STUDIED,
    LifeEvent.Kind.MOVED: EntryKind.MOVED,
    LifeEvent.Kind.TRAVEL: EntryKind.TRAVEL,
    LifeEvent.Kind.RESIDENCY: EntryKind.RESIDENCY,
    LifeEvent.Kind.AWARD: EntryKind.AWARD,
    LifeEvent.Kind.DIED: EntryKind.DIED,
}
#: Provenance events by which a work enters someone's collection (not its creation, nor a
#: loss or theft, which changes where it is, not whose it is).
COLLECTION_EVENT_KINDS = tuple(
    sorted(ProvenanceEvent.OWNERSHIP_KINDS - {ProvenanceEvent.Kind.CREATION})
)
SALE_EVENT_KINDS = frozenset({ProvenanceEvent.Kind.SALE, ProvenanceEvent.Kind.AUCTION})


def middle_of(when: FuzzyDate) -> dt.date | None:
    """The middle of a fuzzy date's bounds, or None when it has none."""
    if when.earliest is None or when.latest is None:
        return None
    return when.earliest + (when.latest - when.earliest) / 2


def year_of(when: FuzzyDate) -> int | None:
    """The year a fuzzy date is counted in: the middle of its bounds (“c. 1988” → 1988,
    “mid-2000s” → 2005), or None when it has none."""
    middle = middle_of(when)
    return middle.year if middle is not None else None


@dataclass(frozen=True)
class Entry:
    """One line of the timeline."""

    kind: str
    when: FuzzyDate
    #: What happened, in one line (“Studied at Moscow School of Arts, Moscow”).
    label: str
    #: More about it: a venue and its city, a publication, how a work was acquired.
    detail: str = ""
    #: The page of the record it comes from (empty for records without one).
    url: str = ""
    #: The id of the entry on the page, which the figures link to.
    anchor: str = ""
    cities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    abroad: bool = False
    first_show: bool = False
    first_solo_show: bool = False
    first_show_abroad: bool = False
    #: The price of a sale (viewers who may see prices only).
    price: str = ""
    #: The place of a life event (“Paris” for a move to Paris).
    place: str = ""
    #: Whose collection a work entered, as the viewer may read it; ``owner_named`` is false
    #: where the name is kept off (“private collection”).
    owner: str = ""
    owner_named: bool = False

    #: The year it is counted in (see :func:`year_of`), worked out once.
    year: int | None = field(init=False, default=None)
    sort_key: tuple[dt.date, int, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        middle = middle_of(self.when)
        object.__setattr__(self, "year", middle.year if middle is not None else None)
        # By the middle of the date's bounds (“October 2013” after “10 October 2013”),
        # undated last; then by kind and label.
        key = (middle or dt.date.max, KIND_ORDER[self.kind], self.label)
        object.__setattr__(self, "sort_key", key)

    @property
    def kind_label(self) -> str:
        return _kind_label(self.kind, get_language())

    @property
    def is_show(self) -> bool:
        return self.kind in SHOW_KINDS

    @property
    def kind_shown(self) -> bool:
        """Whether the timeline names the entry's kind (a show, a review, a work's new owner;
        the life's entries say what they are in their label)."""
        return self.kind in LABELLED_KINDS


@dataclass(frozen=True)
class Career:
    """An artist's timeline, and what it was made from."""

    person: Person
    entries: list[Entry]
    #: The artist's home country (ISO code), against which “abroad” is told; may be empty.
    home_country: str
    reviews: list[CareerReview] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind in kinds]

    @property
    def shows(self) -> list[Entry]:
        return self.of_kind(*SHOW_KINDS)


# --- life ------------------------------------------------------------------------------------


def _place_name(place: object) -> str:
    return getattr(place, "name", "") if place is not None else ""


def _event_label(event: LifeEvent) -> str:
    place = _place_name(event.place)
    organization = event.organization.name if event.organization is not None else ""
    where = ", ".join(part for part in (organization, place) if part)
    kind = event.kind
    if kind == LifeEvent.Kind.BORN:
        return _("Born in %(place)s") % {"place": place} if place else _("Born")
    if kind == LifeEvent.Kind.DIED:
        return _("Died in %(place)s") % {"place": place} if place else _("Died")
    if kind == LifeEvent.Kind.STUDIED:
        return _("Studied at %(where)s") % {"where": where} if where else _("Studied")
    if kind == LifeEvent.Kind.MOVED:
        return _("Moved to %(place)s") % {"place": place} if place else _("Moved")
    if kind == LifeEvent.Kind.TRAVEL:
        return _("Travelled to %(place)s") % {"place": place} if place else _("Travelled")
    if kind == LifeEvent.Kind.RESIDENCY:
        return _("Residency at %(where)s") % {"where": where} if where else _("Residency")
    return _("Award: %(where)s") % {"where": where} if where else _("Award")


def _life(
    person: Person,
    viewer: Viewer,
    read_events: Iterable[LifeEvent] | None,
    read_ties: Iterable[Relationship] | None,
) -> list[Entry]:
    if read_events is None:
        read_events = life_events_for(person=person, viewer=viewer)
    events = [event for event in read_events if event.kind in EVENT_KINDS]
    entries = [
        Entry(
            kind=EVENT_KINDS[event.kind],
            when=event.when,
            label=_event_label(event),
            detail=event.description,
            anchor=f"career-event-{event.pk}",
            place=_place_name(event.place),
        )
        for event in events
    ]
    kinds = {event.kind for event in events}
    # A birth or death written on the person and not as an event is still a fact of the life.
    for kind, when, place in (
        (LifeEvent.Kind.BORN, person.birth, person.birth_place),
        (LifeEvent.Kind.DIED, person.death, person.death_place),
    ):
        if kind not in kinds and (when.text or place is not None):
            entries.append(
                Entry(
                    kind=EVENT_KINDS[kind],
                    when=when,
                    label=_event_label(LifeEvent(kind=kind, place=place)),
                    anchor=f"career-{kind}",
                    place=_place_name(place),
                )
            )
    studied_at = {event.organization_id for event in events if event.kind == "studied"}
    if read_ties is None:
        read_ties = relationships_for(person=person, viewer=viewer)
    ties = [
        tie
        for tie in read_ties
        if tie.person_id == person.pk and tie.kind == Relationship.Kind.STUDIED_AT
    ]
    for tie in ties:
        organization = tie.organization
        if organization is None or organization.pk in studied_at:
            continue  # the same studies, told as an event: one entry
        where = ", ".join(
            part for part in (organization.name, _place_name(organization.place)) if part
        )
        entries.append(
            Entry(
                kind=EntryKind.STUDIED,
                when=tie.start,
                label=_("Studied at %(where)s") % {"where": where},
                detail=tie.note,
                anchor=f"career-tie-{tie.pk}",
                place=_place_name(organization.place),
            )
        )
    return entries


def home_country_of(person: Person) -> str:
    """The country of the artist's birthplace: what “abroad” is told against."""
    if person.birth_place is not None and person.birth_place.country:
        return person.birth_place.country
    return ""


# --- exhibitions -----------------------------------------------------------------------------


def _show_when(exhibition: Exhibition, stops: list[ExhibitionVenue]) -> FuzzyDate:
    dated = [stop for stop in stops if stop.start_date_earliest is not None]
    if dated:
        return fuzzy(
            min(dated, key=lambda stop: stop.start_date_earliest or dt.date.max), "start_date"
        )
    return exhibition.starts


def _shows(shows: ArtistExhibitions, home_country: str) -> list[Entry]:
    entries = []
    for exhibition in [*shows.solo, *shows.group]:
        stops: list[ExhibitionVenue] = getattr(exhibition, "visible_stops", [])
        places = [stop.venue.place for stop in stops if stop.venue.place is not None]
        cities = tuple(dict.fromkeys(place.name for place in places))
        countries = tuple(dict.fromkeys(place.country for place in places if place.country))
        venues = ", ".join(
            dict.fromkeys(
                ", ".join(part for part in (str(stop.venue), _place_name(stop.venue.place)) if part)
                for stop in stops
            )
        )
        solo = exhibition.kind == Exhibition.Kind.SOLO
        entries.append(
            Entry(
                kind=EntryKind.SOLO_SHOW if solo else EntryKind.GROUP_SHOW,
                when=_show_when(exhibition, stops),
                label=exhibition.title,
                detail=venues,
                url=exhibition.get_absolute_url(),
                anchor=f"career-exhibition-{exhibition.pk}",
                cities=cities,
                countries=countries,
                abroad=bool(home_country) and any(c != home_country for c in countries),
            )
        )
    return entries


def _mark_firsts(entries: list[Entry]) -> list[Entry]:
    """The first show, the first solo show and the first show abroad, marked on their entry
    (by date; undated shows are never first)."""
    dated = [entry for entry in entries if entry.is_show and entry.when.earliest is not None]
    firsts: dict[str, Entry | None] = {
        "first_show": dated[0] if dated else None,
        "first_solo_show": next((e for e in dated if e.kind == EntryKind.SOLO_SHOW), None),
        "first_show_abroad": next((e for e in dated if e.abroad), None),
    }
    marked = []
    for entry in entries:
        if any(first is entry for first in firsts.values()):
            entry = replace(
                entry,
                first_show=firsts["first_show"] is entry,
                first_solo_show=firsts["first_solo_show"] is entry,
                first_show_abroad=firsts["first_show_abroad"] is entry,
            )
        marked.append(entry)
    return marked


# --- works entering collections, and sales ---------------------------------------------------


def _collection_rows(viewer: Viewer, slots: Slots) -> QuerySet[Any]:
    # A join from the person's maker lines (see exhibitions_of_artist); the new owners read
    # as columns, a row per owner, with their event and work (no model instance).
    person = slots.id("person")
    works = (
        Artwork.objects.visible_to(viewer)
        .filter(creations__person_id=person, creations__role__in=ARTIST_ROLES)
        .values("pk")
    )
    return (
        ProvenanceParty.objects.filter(
            role=ProvenanceParty.Role.TO,
            event__artwork_id__in=works,
            event__kind__in=COLLECTION_EVENT_KINDS,
        )
        .exclude(person_id=person)
        .order_by("event__date_earliest", "event__artwork_id", "event__position", "event_id", "id")
        .values_list(
            *("event_id", "event__kind", "event__date", "event__date_earliest"),
            *("event__date_latest", "event__method", "event__price", "event__currency"),
            *("event__place__name", "event__artwork__title", "event__artwork__slug"),
            *("anonymous", "name_public", "person_id", "person__display_name"),
            *("person__is_public", "organization_id", "organization__name"),
            "organization__is_public",
        )
    )


_COLLECTION_ROWS: PreparedRead[tuple[Any, ...]] = PreparedRead(
    "works of an artist entering collections", _collection_rows
)


def _collections(person: Person, viewer: Viewer) -> list[Entry]:
    rows = _COLLECTION_ROWS.run(viewer=viewer, person=person.pk)
    events: dict[int, tuple[Any, list[PartyRecord]]] = {}
    for row in rows:
        party = party_record_from_columns(
            ProvenanceParty.Role.TO, row[11], row[12], row[13:16], row[16:19]
        )
        events.setdefault(row[0], (row, []))[1].append(party)
    names, prices = can_see_contacts(viewer), can_see_prices(viewer)
    kinds = dict(ProvenanceEvent.Kind.choices)
    entries = []
    for pk, (row, owners) in events.items():
        kind_code, date, earliest, latest, method, amount, currency, place, title, slug = row[1:11]
        owner = _(" and ").join(party_label(party, names=names) for party in owners)
        named = all(not party.anonymous and (names or party.publicly_named) for party in owners)
        price = money_label(amount, str(currency)) if prices and amount is not None else ""
        if prices and kind_code in SALE_EVENT_KINDS:
            kind = EntryKind.SALE
            label = (
                _("%(work)s sold to %(owner)s") if named else _("%(work)s sold to a private owner")
            ) % {"work": title, "owner": owner}
        else:
            kind = EntryKind.COLLECTION
            label = (
                _("%(work)s entered the collection of %(owner)s")
                if named
                else _("%(work)s entered a private collection")
            ) % {"work": title, "owner": owner}
        entries.append(
            Entry(
                kind=kind,
                when=FuzzyDate(text=str(date), earliest=earliest, latest=latest),
                label=label,
                detail=", ".join(
                    str(part) for part in (method or kinds.get(kind_code, kind_code), place) if part
                ),
                url=slug_url("site:artwork-detail", slug),
                anchor=f"career-provenance-{pk}",
                price=price,
                owner=owner,
                owner_named=named,
            )
        )
    return entries


# --- reviews -----------------------------------------------------------------------------------


def _reviews(reviews: list[CareerReview]) -> list[Entry]:
    return [
        Entry(
            kind=EntryKind.REVIEW,
            when=review.when,
            label=review.title,
            detail=", ".join(part for part in (review.critics, review.publication) if part),
            url=review.url,
            anchor=f"career-review-{review.pk}",
        )
        for review in reviews
    ]


# --- the timeline ------------------------------------------------------------------------------


def career_for(
    *,
    viewer: Viewer,
    person: Person,
    exhibitions: ArtistExhibitions | None = None,
    events: Iterable[LifeEvent] | None = None,
    ties: Iterable[Relationship] | None = None,
) -> Career:
    """The career of ``person`` as ``viewer`` may see it. ``person`` comes from a selector
    that checked the viewer may see them. What the caller has already read for the same
    viewer may be passed, and is not read again: ``exhibitions`` (``exhibitions_of_artist``),
    ``events`` (``life_events_for``), ``ties`` (``relationships_for``)."""
    if exhibitions is None:
        exhibitions = exhibitions_of_artist(person=person, viewer=viewer)
    home = home_country_of(person)
    reviews = reviews_for(person=person, viewer=viewer)
    entries = [
        *_life(person, viewer, events, ties),
        *_shows(exhibitions, home),
        *_collections(person, viewer),
        *_reviews(reviews),
    ]
    entries.sort(key=lambda entry: entry.sort_key)
    return Career(person=person, entries=_mark_firsts(entries), home_country=home, reviews=reviews)


def career_timeline(*, viewer: Viewer, person: Person) -> list[Entry]:
    """The timeline's entries, in order (undated ones last)."""
    return career_for(viewer=viewer, person=person).entries
