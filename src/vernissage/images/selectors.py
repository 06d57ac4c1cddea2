"""Reads about images: which image a viewer may see through IIIF."""

from __future__ import annotations

from threading import Lock

from django.http import Http404

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.generation import catalogue_generation
from vernissage.images.models import Image
from vernissage.images.services import IDENTIFIER

#: What the IIIF doors read of an image and its work; a tile is served per query of these,
#: and compiling a query of every column of both tables cost more than the tile itself.
IIIF_FIELDS = (
    "identifier",
    "sha256",
    "width",
    "height",
    "pyramid_status",
    "is_public",
    "rights",
    "created_at",
    "artwork__is_public",
    "artwork__deleted_at",
)


def image_is_public(*, image: Image) -> bool:
    """Anyone may see it: the image is public and so is its work, which is not deleted."""
    artwork = image.artwork
    return image.is_public and artwork.is_public and artwork.deleted_at is None


def image_for_iiif(*, identifier: str, viewer: Viewer) -> Image:
    """The image named ``identifier`` if the viewer may see it; anyone else gets a 404.

    Private images (the image, or its work, not public, or the work deleted) are for staff
    only, and a private image is a 404 like an unknown one, so nobody learns it exists. The
    identifier is only ever looked up in the database, never used as a path. The viewer is
    consulted only for private images. Only :data:`IIIF_FIELDS` are loaded.
    """
    if not IDENTIFIER.fullmatch(identifier):
        raise Http404("No image with this identifier.")
    generation = catalogue_generation()
    cached = public_images.get(generation, identifier)
    if cached is not None:
        return cached
    try:
        image = (
            Image.objects.select_related("artwork").only(*IIIF_FIELDS).get(identifier=identifier)
        )
    except Image.DoesNotExist:
        raise Http404("No image with this identifier.") from None
    if image_is_public(image=image) and image.is_ready:
        # Deep zoom asks for the same image hundreds of times: keep public, ready images per
        # process until the next committed write changes the catalogue's generation.
        public_images.put(generation, identifier, image)
        return image
    if not (image_is_public(image=image) or can_see_private(viewer)):
        raise Http404("No image with this identifier.")
    return image


def image_public_cached(*, identifier: str) -> Image | None:
    """The image named ``identifier`` if this process holds it as public and ready for the
    catalogue's current generation, else None (then ask :func:`image_for_iiif`).

    Anyone may see such an image: only :func:`image_for_iiif` fills the cache, with images
    that pass :func:`image_is_public`, and a committed write (an image or its work made
    private, deleted, replaced) moves the generation on, which empties it.
    """
    return public_images.get(catalogue_generation(), identifier)


class PublicImageCache:
    """Public, ready images of one catalogue generation, shared by the threads of a server
    process (granian runs several): every read and write holds the lock."""

    LIMIT = 1000

    def __init__(self) -> None:
        self._generation = -1
        self._images: dict[str, Image] = {}
        self._lock = Lock()

    def get(self, generation: int, identifier: str) -> Image | None:
        with self._lock:
            if generation != self._generation:
                return None
            return self._images.get(identifier)

    def put(self, generation: int, identifier: str, image: Image) -> None:
        with self._lock:
            if generation != self._generation or len(self._images) >= self.LIMIT:
                self._images = {}
                self._generation = generation
            self._images[identifier] = image

    def clear(self) -> None:
        with self._lock:
            self._images = {}
            self._generation = -1

    def __len__(self) -> int:
        with self._lock:
            return len(self._images)


public_images = PublicImageCache()
