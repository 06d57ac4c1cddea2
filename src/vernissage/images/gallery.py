"""Which pictures of a work a viewer may see, in the order the work shows them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from vernissage.core.access import Viewer, can_see_private
from vernissage.images.models import Image
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
