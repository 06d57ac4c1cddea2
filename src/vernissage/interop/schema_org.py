"""schema.org JSON-LD for the public pages: people, works, exhibitions, reviews,
organizations and places, as search engines and link previews read them
(https://schema.org).

The builders return plain dicts and take records as the public sees them; the ``*_document``
functions make sure that is what they get, whoever is looking at the page (a viewer who may
see private records has them read again through the areas' selectors with no viewer). So a
staff member's page carries the same JSON-LD as an anonymous visitor's, and a record the
public may not see (a private work, a private person) has none. Nothing private reaches
them: no price, no stock status, no owner or lender, no contact, no private note, no private
person or tie.

Fuzzy dates are written only when they are exact enough to be an ISO 8601 date: a day
(``2013-10-10``), a month (``2013-10``) or a year (``1998``), read from the bounds the
catalogue keeps. Anything looser (“c. 1998”, “1990s”, “spring 2011”, “before 1900”) is left
out rather than pinned to one of its bounds, which would state a precision the record does
not have; the text as written stays on the page.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from vernissage.core.access import Viewer, can_see_press, can_see_private, can_see_private_press
from vernissage.core.fuzzy_dates import FuzzyDate
from vernissage.exhibitions.models import Exhibition, ExhibitionVenue, Opening, Venue
from vernissage.exhibitions.selectors import (
    ChecklistEntry,
    checklist_for,
    exhibition_get,
    openings_for,
)
from vernissage.images.gallery import images_for_artwork
from vernissage.images.models import Image
from vernissage.interop.iiif_presentation import image_fitted_path
from vernissage.people.models import Organization, Person, Place, Relationship
from vernissage.people.selectors import relationships_for
from vernissage.press.models import Review
from vernissage.press.selectors import review_list
from vernissage.works.models import Artwork, Creation, Series
from vernissage.works.selectors import artwork_get, series_for

CONTEXT = "https://schema.org"
#: Turns a path into an absolute URL (``request.build_absolute_uri``).
Absolute = Callable[[str], str]
Node = dict[str, Any]

#: The largest picture of a work named in its JSON-LD, as the page's preview shows it.
IMAGE_BOX = 1200

#: schema.org types of an organization by its kind. Each holds an Organization class, so the
#: node can be an organizer, an alumniOf or a publisher; a museum is a Place in schema.org,
#: so it is typed as both.
ORGANIZATION_TYPES: dict[str, list[str]] = {
    Organization.Kind.GALLERY: ["ArtGallery"],
    Organization.Kind.MUSEUM: ["Museum", "Organization"],
    Organization.Kind.SCHOOL: ["EducationalOrganization"],
    Organization.Kind.PUBLICATION: ["NewsMediaOrganization"],
    Organization.Kind.FOUNDATION: ["Organization"],
    Organization.Kind.AUCTION_HOUSE: ["Organization"],
    Organization.Kind.NEWSPAPER: ["NewsMediaOrganization"],
    Organization.Kind.MAGAZINE: ["NewsMediaOrganization"],
    Organization.Kind.ONLINE: ["NewsMediaOrganization"],
    Organization.Kind.RADIO: ["NewsMediaOrganization"],
    Organization.Kind.PUBLISHER: ["Organization"],
}
#: The organization types above that are Places too (an event's location must be one).
PLACE_TYPES = frozenset({"ArtGallery", "Museum", "EducationalOrganization", "Place"})

PLACE_KINDS: dict[str, str] = {
    Place.Kind.CITY: "City",
    Place.Kind.COUNTRY: "Country",
    Place.Kind.LANDMARK: "LandmarksOrHistoricalBuildings",
    Place.Kind.REGION: "Place",
    Place.Kind.ADDRESS: "Place",
}

#: How many reviews a page's JSON-LD names: as many as its press section shows, newest first.
REVIEW_LIMIT = 20
#: schema.org types of the press by kind: a review is a Review of what it is about; a book a
#: Book; features, interviews, essays and mentions are Articles about it.
REVIEW_TYPES: dict[str, str] = {Review.Kind.REVIEW: "Review", Review.Kind.BOOK: "Book"}

#: Makers credited as the work's creators; the others (attributed to, workshop of, printer,
#: weaver) are its contributors, a looser claim that does not name them its author.
CREATOR_ROLES = frozenset({Creation.Role.ARTIST, Creation.Role.CO_ARTIST})

#: UN/CEFACT common codes of the units dimensions are given in.
UNIT_CODES = {"cm": "CMT", "mm": "MMT", "m": "MTR", "in": "INH"}

#: How a tie between two people reads in schema.org, from either end; ``parent`` depends on
#: the end (see :func:`_tie_property`). Ties with no property of their own are ``knows``.
PERSON_TIES: dict[str, str] = {
    Relationship.Kind.SPOUSE: "spouse",
    Relationship.Kind.SIBLING: "sibling",
    Relationship.Kind.COLLABORATOR: "colleague",
}
ORGANIZATION_TIES: dict[str, str] = {
    Relationship.Kind.STUDIED_AT: "alumniOf",
    Relationship.Kind.MEMBER_OF: "memberOf",
    Relationship.Kind.REPRESENTED_BY: "affiliation",
}

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# --- values ---------------------------------------------------------------------------------


def iso_date(value: FuzzyDate) -> str | None:
    """The date as ISO 8601 when its bounds are exactly one day, one month or one year;
    ``None`` for anything looser (see the module's docstring)."""
    first, last = value.earliest, value.latest
    if first is None or last is None:
        return None
    if first == last:
        return first.isoformat()
    if first.year != last.year or first.day != 1:
        return None
    if (first.month, last.month, last.day) == (1, 12, 31):
        return f"{first.year:04d}"
    if first.month == last.month and last.day == calendar.monthrange(last.year, last.month)[1]:
        return f"{first.year:04d}-{first.month:02d}"
    return None


def _number(value: Decimal) -> int | float:
    """A JSON number (a Decimal would be written as a string)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _set(node: Node, key: str, value: Any) -> None:
    """Set ``key`` unless there is nothing to say: no empty strings, lists or nulls."""
    if value in (None, "", [], {}):
        return
    node[key] = value[0] if isinstance(value, list) and len(value) == 1 else value


def _unique(nodes: Iterable[Node]) -> list[Node]:
    seen: set[str] = set()
    kept = []
    for node in nodes:
        key = node.get("@id") or json.dumps(node, sort_keys=True, cls=DjangoJSONEncoder)
        if key not in seen:
            seen.add(key)
            kept.append(node)
    return kept


# --- places and organizations ---------------------------------------------------------------


def place_node(place: Place) -> Node:
    """A place: its kind as a schema.org type, its country, and its coordinates when known."""
    node: Node = {"@type": PLACE_KINDS.get(place.kind, "Place"), "name": place.name}
    if place.latitude is not None and place.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": _number(place.latitude),
            "longitude": _number(place.longitude),
        }
    if place.country and place.kind != Place.Kind.COUNTRY:
        node["address"] = {"@type": "PostalAddress", "addressCountry": place.country}
    return node


def organization_node(
    organization: Organization,
    *,
    venue: Venue | None = None,
    as_place: bool = False,
    located: bool = True,
) -> Node:
    """A gallery, museum, school or publication, with its city and, for a venue, its
    address. ``as_place`` types it as a Place as well, for an event's ``location``;
    ``located=False`` leaves its city out where the caller did not select it."""
    types = list(ORGANIZATION_TYPES.get(organization.kind, ["Organization"]))
    if as_place and not PLACE_TYPES.intersection(types):
        types.append("Place")
    node: Node = {"@type": types[0] if len(types) == 1 else types, "name": organization.name}
    _set(node, "description", organization.description)
    _set(node, "url", organization.website)
    if venue is not None:
        _set(node, "address", venue.address)
    if located:
        city = venue.place if venue is not None and venue.place_id is not None else None
        place = city or organization.place
        if place is not None:
            node["location"] = place_node(place)
    return node


# --- people ---------------------------------------------------------------------------------


def person_ref(person: Person, *, absolute: Absolute) -> Node:
    """A public person as named from another record: their page is their identifier."""
    url = absolute(person.get_absolute_url())
    return {"@type": "Person", "@id": f"{url}#person", "name": person.display_name, "url": url}


def _tie_property(tie: Relationship, person: Person) -> str:
    if tie.kind == Relationship.Kind.PARENT:
        return "children" if tie.person_id == person.pk else "parent"
    return PERSON_TIES.get(tie.kind, "knows")


def person_node(person: Person, *, ties: Iterable[Relationship], absolute: Absolute) -> Node:
    """A public person with their public ties. ``person`` comes with its roles and names
    prefetched, and ``ties`` are those the public may see (``relationships_for`` with no
    viewer): ties to private people or organizations are not among them."""
    url = absolute(person.get_absolute_url())
    node: Node = {
        "@context": CONTEXT,
        "@type": "Person",
        "@id": f"{url}#person",
        "name": person.display_name,
        "url": url,
    }
    _set(node, "alternateName", [name.name for name in person.names.all()])
    _set(node, "description", person.biography)
    _set(node, "birthDate", iso_date(person.birth))
    _set(node, "deathDate", iso_date(person.death))
    if person.birth_place is not None:
        node["birthPlace"] = place_node(person.birth_place)
    if person.death_place is not None:
        node["deathPlace"] = place_node(person.death_place)
    _set(
        node,
        "hasOccupation",
        [{"@type": "Occupation", "name": str(role)} for role in person.roles.all()],
    )
    related: dict[str, list[Node]] = {}
    for tie in ties:
        if tie.organization is not None:
            key = ORGANIZATION_TIES.get(tie.kind)
            if key is not None:
                related.setdefault(key, []).append(organization_node(tie.organization))
            continue
        other = tie.other_person if tie.person_id == person.pk else tie.person
        if other is not None:
            key = _tie_property(tie, person)
            related.setdefault(key, []).append(person_ref(other, absolute=absolute))
    for key in sorted(related):
        _set(node, key, _unique(related[key]))
    _set(node, "sameAs", [link for link in (person.ulan_url, person.wikidata_url) if link])
    return node


# --- works ----------------------------------------------------------------------------------


def _artwork_types(artwork: Artwork) -> list[str] | str:
    """A photograph is a Photograph and a VisualArtwork both: the first says what it is,
    the second lets it carry its medium, dimensions and edition, which schema.org gives to
    visual artworks only."""
    if artwork.classification == Artwork.Classification.PHOTOGRAPH:
        return ["VisualArtwork", "Photograph"]
    return "VisualArtwork"


def artwork_ref(artwork: Artwork, *, makers: Iterable[Creation], absolute: Absolute) -> Node:
    """A public work as named from another record (an exhibition's checklist)."""
    url = absolute(artwork.get_absolute_url())
    node: Node = {
        "@type": _artwork_types(artwork),
        "@id": f"{url}#work",
        "name": artwork.title,
        "url": url,
    }
    _set(
        node,
        "creator",
        [
            person_ref(creation.person, absolute=absolute)
            for creation in makers
            if creation.role in CREATOR_ROLES
        ],
    )
    _set(node, "dateCreated", iso_date(artwork.when))
    return node


def _quantity(value: Decimal | None, unit: str) -> Node | None:
    if value is None or unit not in UNIT_CODES:
        return None
    return {
        "@type": "QuantitativeValue",
        "value": _number(value),
        "unitCode": UNIT_CODES[unit],
        "unitText": unit,
    }


def artwork_node(
    artwork: Artwork,
    *,
    makers: Iterable[Creation],
    series: Series | None,
    images: Iterable[Image],
    absolute: Absolute,
) -> Node:
    """A public work: who made it, when, of what, how large, in which series, and its public
    pictures. ``makers`` are the maker lines the public may see (a private co-maker is not
    among them), ``series`` only a public one. Never its status, price, owner or notes."""
    makers = list(makers)
    node: Node = {"@context": CONTEXT, **artwork_ref(artwork, makers=makers, absolute=absolute)}
    _set(
        node,
        "contributor",
        [
            person_ref(creation.person, absolute=absolute)
            for creation in makers
            if creation.role not in CREATOR_ROLES
        ],
    )
    _set(node, "alternateName", [title.title for title in artwork.titles.all()])
    _set(node, "artform", str(artwork.get_classification_display()))
    _set(node, "artMedium", artwork.medium)
    _set(node, "artworkSurface", artwork.support)
    size = artwork.unframed
    unit = str(size.unit) if size.unit is not None else ""
    _set(node, "height", _quantity(size.height, unit))
    _set(node, "width", _quantity(size.width, unit))
    _set(node, "depth", _quantity(size.depth, unit))
    _set(node, "artEdition", artwork.edition_size)
    _set(node, "description", artwork.description)
    _set(node, "keywords", [theme.label for theme in artwork.themes.all()])
    if series is not None:
        node["isPartOf"] = {"@type": "CreativeWorkSeries", "name": series.title}
    _set(node, "image", [absolute(image_fitted_path(image, IMAGE_BOX)) for image in images])
    _set(node, "creditText", artwork.credit_line)
    _set(node, "copyrightNotice", artwork.copyright)
    return node


# --- exhibitions ----------------------------------------------------------------------------


def _venue_node(stop: ExhibitionVenue) -> Node:
    return organization_node(stop.venue.organization, venue=stop.venue, as_place=True)


def _stop_dates(stop: ExhibitionVenue) -> tuple[FuzzyDate, FuzzyDate]:
    return (
        FuzzyDate(stop.start_date, stop.start_date_earliest, stop.start_date_latest),
        FuzzyDate(stop.end_date, stop.end_date_earliest, stop.end_date_latest),
    )


def exhibition_node(
    exhibition: Exhibition,
    *,
    stops: Iterable[ExhibitionVenue],
    checklist: Iterable[ChecklistEntry],
    openings: Iterable[Opening],
    absolute: Absolute,
) -> Node:
    """A public exhibition: where and when (each stop of a tour as a sub-event of its own),
    who organized and curated it, the public works it shows and its public openings.

    ``exhibition`` comes from ``exhibition_get`` with no viewer (its organizer is public or
    None, its ``visible_curators`` public people); ``stops`` are at public venues,
    ``checklist`` holds public works with their public makers, ``openings`` are public.
    The checklist's lenders, statuses and prices are never read."""
    url = absolute(exhibition.get_absolute_url())
    stops = list(stops)
    node: Node = {
        "@context": CONTEXT,
        "@type": "ExhibitionEvent",
        "@id": f"{url}#exhibition",
        "name": exhibition.title,
        "url": url,
    }
    _set(node, "description", exhibition.public_text)
    if stops:
        starts = [_stop_dates(stop)[0] for stop in stops if stop.start_date_earliest]
        ends = [_stop_dates(stop)[1] for stop in stops if stop.end_date_latest]
        first = min(starts, key=lambda day: day.sort_key) if starts else None
        last = max(ends, key=lambda day: day.latest or day.sort_key) if ends else None
        _set(node, "startDate", iso_date(first) if first else None)
        _set(node, "endDate", iso_date(last) if last else None)
        _set(node, "location", _unique(_venue_node(stop) for stop in stops))
    else:
        _set(node, "startDate", iso_date(exhibition.starts))
        _set(node, "endDate", iso_date(exhibition.ends))
    if exhibition.organizer is not None:
        node["organizer"] = organization_node(exhibition.organizer)
    curators = getattr(exhibition, "visible_curators", [])
    _set(node, "contributor", [person_ref(person, absolute=absolute) for person in curators])
    _set(
        node,
        "workFeatured",
        [artwork_ref(entry.artwork, makers=entry.makers, absolute=absolute) for entry in checklist],
    )
    sub_events: list[Node] = []
    if len(stops) > 1:
        for stop in stops:
            start, end = _stop_dates(stop)
            sub: Node = {"@type": "ExhibitionEvent", "name": exhibition.title}
            _set(sub, "startDate", iso_date(start))
            _set(sub, "endDate", iso_date(end))
            sub["location"] = _venue_node(stop)
            sub_events.append(sub)
    venues = {stop.venue_id: _venue_node(stop) for stop in stops}
    for opening in openings:
        event: Node = {
            "@type": "Event",
            "name": opening.title or gettext("Opening: %(title)s") % {"title": exhibition.title},
            "startDate": opening.local_start.isoformat(),
            "endDate": opening.local_end.isoformat(),
        }
        event["location"] = venues.get(
            opening.venue_id,
            organization_node(opening.venue.organization, as_place=True, located=False),
        )
        sub_events.append(event)
    _set(node, "subEvent", sub_events)
    return node


# --- the press ------------------------------------------------------------------------------


def _exhibition_ref(exhibition: Exhibition, *, absolute: Absolute) -> Node:
    url = absolute(exhibition.get_absolute_url())
    return {
        "@type": "ExhibitionEvent",
        "@id": f"{url}#exhibition",
        "name": exhibition.title,
        "url": url,
    }


def review_node(review: Review, *, absolute: Absolute) -> Node:
    """A review (or article, interview, book) as the public may read it: ``review`` comes
    from ``review_list`` with no viewer, so its ``credits`` name public authors only (the
    others, erased or private, read "a critic" and are left out here), its
    ``visible_quotes`` are those the rights let us publish, and what it is about is public.
    The quotes make the ``reviewBody`` of a Review; the stance, the private copy and the
    notes are never read. A private publication is left out."""
    kind = REVIEW_TYPES.get(review.kind, "Article")
    node: Node = {"@type": kind, "name": review.title}
    _set(node, "url", review.url)
    _set(
        node,
        "author",
        [
            person_ref(credit.person, absolute=absolute)
            for credit in getattr(review, "credits", [])
            if credit.person is not None
        ],
    )
    if review.publication is not None and review.publication.is_public:
        node["publisher"] = organization_node(review.publication, located=False)
    _set(node, "datePublished", iso_date(review.when))
    _set(node, "inLanguage", review.language)
    if kind == "Article":
        _set(node, "pagination", review.pages)
    people = getattr(review, "visible_people", [])
    works = getattr(review, "visible_works", [])
    exhibitions = getattr(review, "visible_exhibitions", [])
    subjects = [
        *(person_ref(person, absolute=absolute) for person in people),
        *(artwork_ref(work, makers=[], absolute=absolute) for work in works),
        *(_exhibition_ref(exhibition, absolute=absolute) for exhibition in exhibitions),
    ]
    _set(node, "itemReviewed" if kind == "Review" else "about", subjects)
    if kind == "Review":
        quotes = [quote.text for quote in getattr(review, "visible_quotes", [])]
        _set(node, "reviewBody", "\n\n".join(quotes))
    return node


def _sees_public_press(viewer: Viewer) -> bool:
    """Whether the press this viewer's page loaded is the public's: no private review, no
    quote kept off public pages, no private author, subject or publication."""
    return not (can_see_private(viewer) or can_see_press(viewer) or can_see_private_press(viewer))


def _press(node: Node, reviews: Iterable[Review], *, absolute: Absolute) -> Node:
    _set(node, "subjectOf", [review_node(review, absolute=absolute) for review in reviews])
    return node


# --- the pages' documents: the public view, whoever looks -----------------------------------
#
# A page hands over what it loaded for its viewer. For a viewer who may not see private
# records that is already the public view (every ``visible_to`` asks ``can_see_private`` and
# nothing else), so it is used as it is and costs no query; for one who may, the records are
# read again with no viewer, and a record the public may not see has no document.


def person_document(
    *,
    person: Person,
    ties: Iterable[Relationship],
    reviews: Iterable[Review],
    viewer: Viewer,
    absolute: Absolute,
) -> Node | None:
    """The JSON-LD of a person's page, given the person, ties and reviews the page loaded."""
    if can_see_private(viewer):
        # ``person_get`` reads the same record and the same names, roles, media and themes
        # whoever looks: a public person loaded for staff is the public's already.
        if not person.is_public or person.deleted_at is not None:
            return None
        ties = relationships_for(person=person, viewer=None)
    if not _sees_public_press(viewer):
        reviews = review_list(viewer=None, person=person, limit=REVIEW_LIMIT)
    node = person_node(person, ties=ties, absolute=absolute)
    return _press(node, list(reviews)[:REVIEW_LIMIT], absolute=absolute)


def artwork_document(
    *,
    artwork: Artwork,
    images: Iterable[Image],
    reviews: Iterable[Review],
    viewer: Viewer,
    absolute: Absolute,
) -> Node | None:
    """The JSON-LD of a work's page, given the work, pictures and reviews the page loaded."""
    if can_see_private(viewer):
        try:
            artwork = artwork_get(slug=artwork.slug, viewer=None)
        except Http404:
            return None
        images = images_for_artwork(artwork=artwork, viewer=None)
    if not _sees_public_press(viewer):
        reviews = review_list(viewer=None, artwork=artwork, limit=REVIEW_LIMIT)
    node = artwork_node(
        artwork,
        makers=getattr(artwork, "visible_creations", []),
        series=series_for(artwork=artwork, viewer=None),
        images=images,
        absolute=absolute,
    )
    return _press(node, list(reviews)[:REVIEW_LIMIT], absolute=absolute)


def exhibition_document(
    *,
    exhibition: Exhibition,
    checklist: Iterable[ChecklistEntry],
    openings: Iterable[Opening],
    reviews: Iterable[Review],
    viewer: Viewer,
    absolute: Absolute,
) -> Node | None:
    """The JSON-LD of an exhibition's page, given what the page loaded."""
    if can_see_private(viewer):
        try:
            exhibition = exhibition_get(slug=exhibition.slug, viewer=None)
        except Http404:
            return None
        checklist = checklist_for(exhibition=exhibition, viewer=None)
        openings = openings_for(exhibition=exhibition, viewer=None)
    if not _sees_public_press(viewer):
        reviews = review_list(viewer=None, exhibition=exhibition, limit=REVIEW_LIMIT)
    node = exhibition_node(
        exhibition,
        stops=getattr(exhibition, "visible_stops", []),
        checklist=checklist,
        openings=openings,
        absolute=absolute,
    )
    return _press(node, list(reviews)[:REVIEW_LIMIT], absolute=absolute)


def structured_data_script(document: Node | None) -> SafeString:
    """A ``<script type="application/ld+json">`` holding ``document`` (nothing for None).

    ``<``, ``>`` and ``&`` are written as JSON escapes, as Django's ``json_script`` does, so
    that no title or text can close the script element or open a comment inside it."""
    if document is None:
        return mark_safe("")  # noqa: S308 - an empty string
    text = json.dumps(document, ensure_ascii=False, cls=DjangoJSONEncoder, indent=1)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )
