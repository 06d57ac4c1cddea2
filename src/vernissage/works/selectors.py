"""Reads about artworks: what a viewer may see, in a number of queries that does not grow."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.fuzzy_dates import parse_fuzzy_date
from vernissage.people.models import Person
from vernissage.works.models import Artwork, Creation, Series


@dataclass(frozen=True)
class ArtworkFilters:
    query: str = ""
    classification: str = ""
    maker: str = ""  # a person's slug
    made: str = ""  # a fuzzy date: works whose date may fall within it ("1990s")
    status: str = ""  # staff only


#: What a card of a work reads (its title, address, kind and date, and the list's order): an
#: artist's page of 48 cards made 190 model instances of every column, a fifth of its time.
CARD_FIELDS: tuple[str, ...] = ("id", "title", "slug", "date", "date_earliest", "classification")
CARD_FIELDS += ("is_public", "deleted_at")
#: What a card reads of each maker line: "Jacques Kalmurzaev", "after Jacques Kalmurzaev".
CARD_MAKER_FIELDS: tuple[str, ...] = ("id", "artwork_id", "person_id", "role", "position")
CARD_MAKER_FIELDS += ("person__id", "person__display_name", "person__slug", "person__is_public")


def makers_prefetch(viewer: Viewer, *, card: bool = False) -> Prefetch[str]:
    """The makers of each work the viewer may see, in credit order, in one query; ``card``:
    only what a card shows of them."""
    return Prefetch("creations", queryset=makers_of(viewer, card=card), to_attr="visible_creations")


def makers_of(viewer: Viewer, *, card: bool = False) -> QuerySet[Creation]:
    """The maker lines the viewer may see, with their people, in credit order (for
    :func:`makers_prefetch` and prepared reads of a page's makers)."""
    creations = (
        Creation.objects.visible_to(viewer).select_related("person").order_by("position", "id")
    )
    if card:
        creations = creations.only(*CARD_MAKER_FIELDS)
    return creations


def artwork_list(*, viewer: Viewer, filters: ArtworkFilters | None = None) -> QuerySet[Artwork]:
    filters = filters or ArtworkFilters()
    works = Artwork.objects.visible_to(viewer)
    if filters.query:
        works = works.search(filters.query)
    if filters.classification:
        works = works.filter(classification=filters.classification)
    if filters.maker:
        # Only a maker the viewer may see: a private person's slug finds nothing, so that a
        # stranger cannot learn from the list that the person exists.
        works = works.filter(
            creations__person__in=Person.objects.visible_to(viewer).filter(slug=filters.maker)
        )
    if filters.made:
        span = parse_fuzzy_date(filters.made)
        if span.earliest is not None and span.latest is not None:
            works = works.made_between(span.earliest, span.latest)
    if filters.status and can_see_private(viewer):
        works = works.filter(status=filters.status)
    return works.select_related("series").prefetch_related(makers_prefetch(viewer))


def artwork_get(*, slug: str, viewer: Viewer) -> Artwork:
    """A work the viewer may see; anyone else is 404, with no hint that it exists."""
    works = (
        Artwork.objects.visible_to(viewer)
        .select_related("series")
        .prefetch_related(makers_prefetch(viewer), "titles", "inscriptions", "themes")
    )
    artwork: Artwork = get_object_or_404(works, slug=slug)
    return artwork


def artwork_get_for_history(*, slug: str, viewer: Viewer) -> Artwork:
    """A work whose history the viewer may read: one they may see, or a deleted one for
    viewers who may see private records (a deletion is part of the history)."""
    works = Artwork.all_objects.all() if can_see_private(viewer) else Artwork.objects.public()
    artwork: Artwork = get_object_or_404(works, slug=slug)
    return artwork


def series_for(*, artwork: Artwork, viewer: Viewer) -> Series | None:
    """The series of a work, if the viewer may see it (a private series is staff only)."""
    series = artwork.series
    if series is None or not (series.is_public or can_see_private(viewer)):
        return None
    return series


def works_by(*, person: Person, viewer: Viewer, cards: bool = False) -> QuerySet[Artwork]:
    """The works the viewer may see that the person made (in any role). By the ids of the
    person's maker lines, not a join: a work is listed once without DISTINCT, which made
    the page's count compare every column of every row (5 ms of an artist's page).
    ``cards``: only the columns their cards show, without their makers (a page of them gets
    its makers and pictures from ``site.cards.card_rows_attach``)."""
    works = Artwork.objects.visible_to(viewer).filter(
        pk__in=Creation.objects.filter(person=person).values("artwork_id")
    )
    if cards:
        return works.only(*CARD_FIELDS)
    return works.select_related("series").prefetch_related(makers_prefetch(viewer))
