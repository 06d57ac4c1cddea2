"""The reusable filters on works that the admin and the site share."""

from __future__ import annotations

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.works.models import Artwork


def test_works_are_searched_by_title_number_and_maker(db: None) -> None:
    romy = PersonFactory(
        display_name="Romy Kalmurzaev",
        names=[{"name": "Роми Калмурзаева", "language": "ru", "script": "Cyrl"}],
    )
    square = ArtworkFactory(title="Red Square at Dawn", makers=[(romy, "artist")])
    ArtworkFactory(title="Siberian Birches", inventory_number="JK-2001-004")

    assert list(Artwork.objects.search("роми square")) == [square]
    assert list(Artwork.objects.search("jk-2001")) == [Artwork.objects.get(title__contains="Bir")]
    assert Artwork.objects.search("").count() == 2


def test_works_whose_date_could_not_be_read_are_to_check(db: None) -> None:
    unread = ArtworkFactory(date="the winter my father left")
    ArtworkFactory(date="c. 1998")
    ArtworkFactory(date="")

    assert list(Artwork.objects.dates_to_check()) == [unread]


def test_works_whose_dimensions_could_not_be_read_are_to_check(db: None) -> None:
    unread = ArtworkFactory(dimensions="big")
    unread_framed = ArtworkFactory(dimensions="60 x 80 cm", framed_dimensions="larger")
    ArtworkFactory(dimensions="60 x 80 cm", framed_dimensions="70 x 90 cm")
    ArtworkFactory(dimensions="")

    assert set(Artwork.objects.dimensions_to_check()) == {unread, unread_framed}
