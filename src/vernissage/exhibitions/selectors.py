"""Reads about exhibitions: what a viewer may see, in a number of queries that does not grow.

The public sees public exhibitions, and on them public works only, with the lender's credit
line as printed; who lent a work (a collector, often) and a work's status at the show are
private records, and prices are for viewers who may see prices. Those rules are applied
here, once, so that a page, a PDF or an export cannot show what its viewer may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer, can_see_prices, can_see_private
from vernissage.core.prepared import PreparedRead, Slots, attach
from vernissage.exhibitions.models import (
    ChecklistItem,
    Exhibition,
    ExhibitionVenue,
    Opening,
)
from vernissage.exhibitions.querysets import ExhibitionQuerySet
from vernissage.images.gallery import images_prefetch
from vernissage.images.models import Image
from vernissage.people.models import Organization, Person
from vernissage.works.models import Artwork, Creation
from vernissage.works.selectors import makers_prefetch

#: The maker lines that make someone one of the artists shown (not the printer or weaver).
ARTIST_ROLES = (
    Creation.Role.ARTIST,
    Creation.Role.CO_ARTIST,
    Creation.Role.ATTRIBUTED_TO,
    Creation.Role.WORKSHOP_OF,
)


# --- what the pages are given ---------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @property
    def label(self) -> str:
        places = 0 if self.amount == self.amount.to_integral_value() else 2
        number = formats.number_format(
            self.amount, decimal_pos=places, use_l10n=True, force_grouping=True
        )
        return f"{self.currency} {number}"

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class ChecklistEntry:
    """One work on a checklist as one viewer may see it: the private parts are empty for
    viewers who may not see them, so no page or PDF can show them by mistake."""

    item: ChecklistItem
    artwork: Artwork
    number: str
    section: str
    makers: list[Creation]
    image: Image | None
    #: The credit line as printed (“Private collection, Paris”), for everyone.
    credit: str
    #: Who lent it, as recorded (private records only).
    lender: Person | Organization | None
    #: Its status at the show (private records only).
    status: str
    #: Its price at the show (``view_prices`` only).
    price: Money | None


@dataclass(frozen=True)
class ChecklistSection:
    title: str
    entries: list[ChecklistEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ArtistExhibitions:
    solo: list[Exhibition]
    group: list[Exhibition]


@dataclass(frozen=True)
class Showing:
    """One exhibition a work was shown in, for the work's exhibition history."""

    exhibition: Exhibition
    stops: list[ExhibitionVenue]
    catalogue_number: str
    credit: str


@dataclass(frozen=True)
class Calendar:
    current: list[Exhibition]
    upcoming: list[Exhibition]
    past: QuerySet[Exhibition]


# --- exhibitions ----------------------------------------------------------------------------


#: What a row of a list of shows and the artist's timeline read of a show: its name, kind and
#: dates, not its texts (public text, press release, source, private notes) nor its organizer.
SHOW_ROW_FIELDS: tuple[str, ...] = ("id", "deleted_at", "title", "slug", "kind", "is_public")
SHOW_ROW_FIELDS += ("start_date", "start_date_earliest", "start_date_latest")
SHOW_ROW_FIELDS += ("end_date", "end_date_earliest", "end_date_latest")

#: What a row of a list of shows reads of each stop (``{% exhibition_rows %}``, the artist's
#: timeline): its dates, and its venue's name and place.
STOP_ROW_FIELDS: tuple[str, ...] = ("id", "exhibition_id", "venue_id", "position")
STOP_ROW_FIELDS += ("start_date", "start_date_earliest", "start_date_latest")
STOP_ROW_FIELDS += ("end_date", "end_date_earliest", "end_date_latest")
STOP_ROW_FIELDS += ("venue__id", "venue__organization_id", "venue__place_id")
STOP_ROW_FIELDS += ("venue__organization__id", "venue__organization__name")
STOP_ROW_FIELDS += ("venue__organization__is_public",)
STOP_ROW_FIELDS += ("venue__place__id", "venue__place__name", "venue__place__country")
STOP_ROW_FIELDS += ("venue__place__kind",)


def stops_prefetch(viewer: Viewer, *, rows: bool = False) -> Prefetch[str]:
    """The stops of each exhibition, in tour order, with their venues, as ``visible_stops``;
    a stop at a venue whose organization is private is left out for the public. ``rows``:
    only what a row of a list of shows reads (``STOP_ROW_FIELDS``)."""
    return Prefetch("stops", queryset=_visible_stops(viewer, rows=rows), to_attr="visible_stops")


def _visible_stops(viewer: Viewer, *, rows: bool) -> QuerySet[ExhibitionVenue]:
    stops = ExhibitionVenue.objects.select_related(
        "venue", "venue__organization", "venue__place"
    ).order_by("position", "start_date_earliest", "id")
    if rows:
        stops = stops.only(*STOP_ROW_FIELDS)
    if not can_see_private(viewer):
        stops = stops.filter(venue__organization__is_public=True)
    return stops


def exhibition_list(*, viewer: Viewer) -> ExhibitionQuerySet:
    """The exhibitions the viewer may see, with their stops and the span of their dates."""
    return (
        Exhibition.objects.visible_to(viewer)
        .with_span()
        .select_related("organizer")
        .prefetch_related(stops_prefetch(viewer))
    )


def exhibition_calendar(*, viewer: Viewer, today: dt.date | None = None) -> Calendar:
    """Current shows (closing soonest first), upcoming ones (opening soonest first) with the
    undated ones after them, and past ones (latest first, as a queryset to page through)."""
    today = today or timezone.localdate()
    shows = exhibition_list(viewer=viewer)
    return Calendar(
        current=list(shows.current(today).order_by(F("closes").asc(nulls_last=True), "title")),
        upcoming=[
            *shows.upcoming(today).order_by(F("opens").asc(nulls_last=True), "title"),
            *shows.undated().order_by("title"),
        ],
        past=shows.past(today).order_by(F("closes").desc(nulls_last=True), "title"),
    )


def exhibition_get(*, slug: str, viewer: Viewer) -> Exhibition:
    """An exhibition the viewer may see; anyone else gets a 404, with no hint that it exists."""
    people = Person.objects.visible_to(viewer)
    shows = (
        Exhibition.objects.visible_to(viewer)
        .with_span()
        .select_related("organizer", "organizer__place")
        .prefetch_related(
            stops_prefetch(viewer),
            Prefetch("curators", queryset=people, to_attr="visible_curators"),
        )
    )
    exhibition: Exhibition = get_object_or_404(shows, slug=slug)
    if exhibition.organizer is not None and not (
        exhibition.organizer.is_public or can_see_private(viewer)
    ):
        exhibition.organizer = None
    return exhibition


def exhibition_artists(*, exhibition: Exhibition, viewer: Viewer) -> QuerySet[Person]:
    """The artists shown: the makers of the works on the checklist that the viewer may see,
    and those added by hand; people the viewer may not see are left out. One query."""
    makers = Creation.objects.filter(
        role__in=ARTIST_ROLES,
        artwork__in=Artwork.objects.visible_to(viewer),
        artwork__exhibited__exhibition=exhibition,
    ).values("person_id")
    added = Exhibition.artists.through.objects.filter(exhibition=exhibition).values("person_id")
    return (
        Person.objects.visible_to(viewer)
        .filter(Q(pk__in=makers) | Q(pk__in=added))
        .order_by("sort_name", "display_name")
    )


# --- the checklist --------------------------------------------------------------------------


def checklist_for(*, exhibition: Exhibition, viewer: Viewer) -> list[ChecklistEntry]:
    """The works on the checklist that the viewer may see, in order, each with its makers and
    first image; in three queries whatever its length (four for private viewers)."""
    private, prices = can_see_private(viewer), can_see_prices(viewer)
    items = (
        ChecklistItem.objects.filter(
            exhibition=exhibition, artwork__in=Artwork.objects.visible_to(viewer)
        )
        .select_related("artwork")
        .prefetch_related(
            Prefetch(
                "artwork__creations",
                queryset=makers_prefetch(viewer).queryset,
                to_attr="visible_creations",
            ),
            Prefetch(
                "artwork__images",
                queryset=images_prefetch(viewer).queryset,
                to_attr="visible_images",
            ),
        )
        .order_by("position", "id")
    )
    if private:
        items = items.select_related("lender_person", "lender_organization")
    entries = []
    for item in items:
        artwork = item.artwork
        images: list[Image] = getattr(artwork, "visible_images", [])
        lender: Person | Organization | None = None
        if private:
            lender = item.lender_person or item.lender_organization
        entries.append(
            ChecklistEntry(
                item=item,
                artwork=artwork,
                number=item.catalogue_number,
                section=item.section,
                makers=getattr(artwork, "visible_creations", []),
                image=images[0] if images else None,
                credit=item.lender_credit,
                lender=lender,
                status=str(item.get_status_display()) if private else "",
                price=(
                    Money(item.price, item.currency) if prices and item.price is not None else None
                ),
            )
        )
    return entries


def checklist_sections(entries: Iterable[ChecklistEntry]) -> list[ChecklistSection]:
    """Entries grouped by section, in checklist order (a section seen again later starts a
    new group: the order of the checklist wins)."""
    sections: list[ChecklistSection] = []
    for entry in entries:
        if not sections or sections[-1].title != entry.section:
            sections.append(ChecklistSection(title=entry.section))
        sections[-1].entries.append(entry)
    return sections


def price_total(entries: Iterable[ChecklistEntry]) -> list[Money]:
    """The sum of the prices shown, one per currency."""
    totals: dict[str, Decimal] = {}
    for entry in entries:
        if entry.price is not None:
            totals[entry.price.currency] = (
                totals.get(entry.price.currency, Decimal(0)) + entry.price.amount
            )
    return [Money(amount, currency) for currency, amount in sorted(totals.items())]


# --- openings -------------------------------------------------------------------------------


def openings_for(*, exhibition: Exhibition, viewer: Viewer) -> list[Opening]:
    openings = Opening.objects.filter(exhibition=exhibition).select_related(
        "venue", "venue__organization"
    )
    if not can_see_private(viewer):
        openings = openings.filter(is_public=True, venue__organization__is_public=True)
    return list(openings.order_by("starts_at", "id"))


def opening_time_label(opening: Opening) -> str:
    """When the opening is, always in the venue's time with its zone's name:
    “Thursday 10 October 2013, 18:00–21:00 CEST”, whatever the server's time zone."""
    start, end = opening.local_start, opening.local_end
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s %(zone)s") % {
            "day": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
            "zone": end.tzname(),
        }
    return _("%(start_day)s, %(start)s %(start_zone)s – %(end_day)s, %(end)s %(end_zone)s") % {
        "start_day": formats.date_format(start, "l j F Y"),
        "start": formats.time_format(start, "H:i"),
        "start_zone": start.tzname(),
        "end_day": formats.date_format(end, "l j F Y"),
        "end": formats.time_format(end, "H:i"),
        "end_zone": end.tzname(),
    }


# --- a work's and an artist's exhibitions ---------------------------------------------------


def exhibitions_of_artwork(*, artwork: Artwork, viewer: Viewer) -> list[Showing]:
    """The exhibitions the viewer may see in which the work was shown, latest first; in two
    queries whatever their number."""
    items = (
        ChecklistItem.objects.filter(
            artwork=artwork, exhibition__in=Exhibition.objects.visible_to(viewer)
        )
        .select_related("exhibition")
        .prefetch_related(
            Prefetch("exhibition__stops", queryset=_visible_stops(viewer, rows=False))
        )
    )
    showings = [
        Showing(
            exhibition=item.exhibition,
            stops=list(item.exhibition.stops.all()),
            catalogue_number=item.catalogue_number,
            credit=item.lender_credit,
        )
        for item in items
    ]
    showings.sort(key=lambda showing: _opens(showing.exhibition, showing.stops), reverse=True)
    return showings


def _opens(exhibition: Exhibition, stops: list[ExhibitionVenue]) -> dt.date:
    days = [stop.start_date_earliest for stop in stops if stop.start_date_earliest]
    if days:
        return min(days)
    return exhibition.start_date_earliest or dt.date.min


def _artist_shows(viewer: Viewer, slots: Slots) -> ExhibitionQuerySet:
    person = slots.id("person")
    # A join from the person's maker lines, not ``artwork__in`` over every visible work:
    # SQLite would list the whole catalogue first (120 ms at 100,000 works, 0.5 ms so).
    works = (
        Artwork.objects.visible_to(viewer)
        .filter(creations__person_id=person, creations__role__in=ARTIST_ROLES)
        .values("pk")
    )
    on_checklist = ChecklistItem.objects.filter(artwork_id__in=works).values("exhibition_id")
    added = Exhibition.artists.through.objects.filter(person_id=person).values("exhibition_id")
    # What an artist's page and CV show of a show: no organizer, no closing day.
    return (
        Exhibition.objects.visible_to(viewer)
        .only(*SHOW_ROW_FIELDS)
        .with_opens()
        .filter(Q(pk__in=on_checklist) | Q(pk__in=added))
        .order_by(F("opens").desc(nulls_last=True), "title")
    )


_ARTIST_SHOWS = PreparedRead("exhibitions of an artist", _artist_shows)
_SHOW_ROW_STOPS = PreparedRead(
    "stops of rows of shows",
    lambda viewer, slots: _visible_stops(viewer, rows=True).filter(
        exhibition_id__in=slots.ids("exhibitions")
    ),
)


def exhibitions_of_artist(*, person: Person, viewer: Viewer) -> ArtistExhibitions:
    """The exhibitions the viewer may see that showed the person's work (works the viewer
    may see) or that list them by hand, latest first, split into solo and group shows (art
    fairs and online viewing rooms count with the group shows), each with its
    ``visible_stops``; two prepared reads (one without shows)."""
    shows = _ARTIST_SHOWS.run(viewer=viewer, person=person.pk)
    stops = (
        _SHOW_ROW_STOPS.run(viewer=viewer, exhibitions=[show.pk for show in shows]) if shows else []
    )
    attach(shows, stops, key="exhibition_id", to_attr="visible_stops", back="exhibition")
    return ArtistExhibitions(
        solo=[show for show in shows if show.kind == Exhibition.Kind.SOLO],
        group=[show for show in shows if show.kind != Exhibition.Kind.SOLO],
    )
