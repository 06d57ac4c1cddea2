"""Which pictures of a work a viewer may see, in the order the work shows them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from vernissage.core.access import Viewer, can_see_private
from vernissage.images.models import Image
from vernissage.people.models import Person
from vernissage.works.models import Artwork


def images_visible_to(viewer: Viewer) -> QuerySet[Image]:
    """Images that can be shown: the pyramid is built, and for the public the image is public.

    The work itself must already be one the viewer may see (``artwork_get``, ``works_by``);
    an image whose pyramid is pending or failed has no tiles to serve yet, so it waits.
    Ordered primary first, then by position.
    """
    images = Image.objects.filter(pyramid_status=Image.Pyramid.READY)
    if not can_see_private(viewer):
        images = images.filter(is_public=True)  # the work is one the viewer may see
    return images.order_by("-is_primary", "position", "id")


def images_for_artwork(*, artwork: Artwork, viewer: Viewer) -> list[Image]:
    return list(images_visible_to(viewer).filter(artwork=artwork))


def images_prefetch(viewer: Viewer) -> Prefetch[str]:
    """The visible images of each work in a list of works, in one query, as ``visible_images``."""
    return Prefetch("images", queryset=images_visible_to(viewer), to_attr="visible_images")


#: What a card of a work reads of its picture.
CARD_FIELDS = (
    "id",
    "artwork_id",
    "identifier",
    "width",
    "height",
    "pyramid_status",
    "caption",
    "is_primary",
    "position",
)


def images_for_cards(viewer: Viewer) -> QuerySet[Image]:
    """Pictures a card of a work may show: those the viewer may see whose pyramid is built or
    still being built (the card says "preparing" until it is), primary first.

    As ``images_visible_to``, the work itself must already be one the viewer may see.
    """
    images = Image.objects.filter(
        pyramid_status__in=(Image.Pyramid.READY, Image.Pyramid.PENDING)
    ).only(*CARD_FIELDS)
    if not can_see_private(viewer):
        images = images.filter(is_public=True)
    return images.order_by("-is_primary", "position", "id")


def card_images_prefetch(viewer: Viewer) -> Prefetch[str]:
    """The pictures of each work of a list, for its card, in one query, as ``card_images``."""
    return Prefetch("images", queryset=images_for_cards(viewer), to_attr="card_images")


def artist_pictures(*, person_ids: Sequence[int], viewer: Viewer) -> dict[int, Image]:
    """One picture of a work per artist, for a list of artists: the primary image of one of
    their works the viewer may see, in two queries whatever the number of artists."""
    chosen = (
        images_for_cards(viewer)
        .filter(
            artwork__in=Artwork.objects.visible_to(viewer),
            artwork__creations__person=OuterRef("pk"),
        )
        .order_by("-is_primary", "-pyramid_status", "position", "id")
        .values("id")[:1]
    )
    picks = dict(
        Person.objects.filter(pk__in=list(person_ids))
        .annotate(picture_id=Subquery(chosen))
        .filter(picture_id__isnull=False)
        .values_list("pk", "picture_id")
    )
    if not picks:
        return {}
    images = Image.objects.only(*CARD_FIELDS).in_bulk(list(picks.values()))
    return {person: images[image] for person, image in picks.items() if image in images}
