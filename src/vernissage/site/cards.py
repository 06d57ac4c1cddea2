"""Cards of works and artists: the picture first, as a IIIF thumbnail sized for the screen.

Every list that shows works (home, works, an artist's page, search results) writes each of
:func:`artwork_cards` with ``{% artwork_card_items %}`` (``site/templatetags/lists.py``);
the artist list shows one picture per artist from :func:`artist_cards`. A card's image has
its width and height set, so the page does not jump as thumbnails arrive, a 2x source for
dense screens, and lazy loading; a work without a picture gets a quiet placeholder of the
same size, and one whose picture is still being prepared says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext

from vernissage.core.access import Viewer
from vernissage.core.prepared import PreparedRead, attach
from vernissage.images.gallery import artist_pictures, card_images_prefetch, images_for_cards
from vernissage.images.models import Image
from vernissage.interop.iiif_presentation import image_fitted_path, thumbnail_size
from vernissage.people.models import Person
from vernissage.works.models import Artwork
from vernissage.works.selectors import makers_of

#: The box of a card's thumbnail in CSS pixels; the 2x source is twice that.
CARD_BOX = 320


@dataclass(frozen=True)
class CardPicture:
    """An ``<img>`` of a card: ``src`` at 1x, ``srcset`` with 2x, the size it takes on the
    page, its alt text; ``preparing`` while the pyramid it is cut from is being built (no
    URL then: the server would answer 404)."""

    src: str
    srcset: str
    width: int
    height: int
    alt: str
    preparing: bool = False


@dataclass(frozen=True)
class ArtworkCard:
    """A work's card: its picture, its address and its makers as the card writes them
    (“Jacques Kalmurzaev, after Ana Kalmurzaev”), made once here rather than by the
    template's loops and lookups (half of a card's time)."""

    artwork: Artwork
    picture: CardPicture | None
    url: str
    makers: str


@dataclass(frozen=True)
class ArtistCard:
    person: Person
    picture: CardPicture | None


def card_picture(image: Image, *, alt: str, box: int = CARD_BOX) -> CardPicture:
    width, height = thumbnail_size(image, box)
    if not image.is_ready:
        return CardPicture(src="", srcset="", width=width, height=height, alt=alt, preparing=True)
    one = image_fitted_path(image, box)
    two = image_fitted_path(image, box * 2)
    srcset = f"{one} 1x, {two} 2x" if two != one else f"{one} 1x"
    return CardPicture(src=one, srcset=srcset, width=width, height=height, alt=alt)


def _alt(artwork: Artwork, image: Image) -> str:
    return image.caption or artwork.title


def with_card_images(works: QuerySet[Artwork], *, viewer: Viewer) -> QuerySet[Artwork]:
    """A list of works that brings each card's picture along: one query more per page."""
    return works.prefetch_related(card_images_prefetch(viewer))


_CARD_MAKERS = PreparedRead(
    "makers of a page of cards",
    lambda viewer, slots: makers_of(viewer, card=True).filter(artwork_id__in=slots.ids("works")),
)
_CARD_IMAGES = PreparedRead(
    "pictures of a page of cards",
    lambda viewer, slots: images_for_cards(viewer).filter(artwork_id__in=slots.ids("works")),
)


def card_rows_attach(works: Sequence[Artwork], *, viewer: Viewer) -> None:
    """Hand each work of a page of cards its makers (``visible_creations``) and pictures
    (``card_images``) as the viewer may see them, in two prepared reads (none for an empty
    page): what :func:`with_card_images` and the makers' prefetch give, for a page already
    read."""
    if not works:
        return
    ids = [work.pk for work in works]
    makers = _CARD_MAKERS.run(viewer=viewer, works=ids)
    attach(works, makers, key="artwork_id", to_attr="visible_creations", back="artwork")
    images = _CARD_IMAGES.run(viewer=viewer, works=ids)
    attach(works, images, key="artwork_id", to_attr="card_images", back="artwork")


def artwork_cards(artworks: Iterable[Artwork]) -> list[ArtworkCard]:
    """Cards of works fetched through :func:`with_card_images`: no query here."""
    cards = []
    for artwork in artworks:
        images: list[Image] = getattr(artwork, "card_images", [])
        image = images[0] if images else None
        picture = card_picture(image, alt=_alt(artwork, image)) if image else None
        makers = ", ".join(str(creation) for creation in getattr(artwork, "visible_creations", []))
        cards.append(
            ArtworkCard(
                artwork=artwork, picture=picture, url=artwork.get_absolute_url(), makers=makers
            )
        )
    return cards


def artist_cards(people: Sequence[Person], *, viewer: Viewer) -> list[ArtistCard]:
    """Cards of artists, each with a picture of one of their works, in two queries."""
    pictures = artist_pictures(person_ids=[person.pk for person in people], viewer=viewer)
    return [
        ArtistCard(
            person=person,
            picture=card_picture(
                pictures[person.pk],
                alt=gettext("A work by %(name)s") % {"name": person.display_name},
            )
            if person.pk in pictures
            else None,
        )
        for person in people
    ]
