"""What the public sees: public records only, nothing private, 404 without a hint."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.demo.loader import WorldSummary
from vernissage.people import services as people
from vernissage.works import services as works


def test_home_names_the_three_kalmurzaev_artists(client: Client, world: WorldSummary) -> None:
    page = client.get("/").content.decode()
    for name in ("Jacques Kalmurzaev", "Romy Kalmurzaev", "Ana Kalmurzaev"):
        assert name in page


def test_artist_page_shows_biography_works_and_public_ties(
    client: Client, world: WorldSummary
) -> None:
    response = client.get("/people/jacques-kalmurzaev/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Moscow School of Arts" in page
    assert "Sophia Petrova" in page  # a public tie to a public critic
    assert "The Assembly" in page  # a public work
    # Petrov the collector is private: neither he nor his tie reaches the public.
    assert ">Petrov<" not in page
    assert "patron" not in page.lower()
    assert "private notes" not in page.lower()
    assert "The Waiting Line" not in page  # a private work


def test_tapestry_page_credits_both_makers(client: Client, world: WorldSummary) -> None:
    response = client.get("/works/the-dreamers-threshold-akvp-2018-001/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ana Kalmurzaev" in page
    assert "Viktor Petrov" in page
    assert "210 × 160 cm" in page
    assert "http://vocab.getty.edu/aat/300205002" in page


@pytest.mark.parametrize(
    ("url", "private_case"),
    [
        ("/people/petrov/", "private collector"),
        ("/people/sophia/", "private person"),
        ("/works/the-waiting-line-jk-2010-001/", "private work"),
        ("/people/no-such-person/", "unknown person"),
        ("/works/no-such-work/", "unknown work"),
    ],
)
def test_private_and_unknown_records_are_404_for_the_public(
    client: Client, stranger: User, world: WorldSummary, url: str, private_case: str
) -> None:
    anonymous = client.get(url)
    assert anonymous.status_code == 404, private_case
    client.force_login(stranger)
    logged_in = client.get(url)
    assert logged_in.status_code == 404, private_case
    assert anonymous.content == logged_in.content  # no hint that a private record exists


@pytest.mark.parametrize("viewer_case", ["staff", "owner"])
def test_staff_see_private_records_and_notes(
    client: Client, world: WorldSummary, request: pytest.FixtureRequest, viewer_case: str
) -> None:
    client.force_login(request.getfixturevalue(viewer_case))
    page = client.get("/people/petrov/").content.decode()
    assert "Private notes" in page
    assert client.get("/works/the-waiting-line-jk-2010-001/").status_code == 200


def test_deleted_person_and_work_are_404(client: Client, db: Any) -> None:
    person = PersonFactory(display_name="Gone Painter")
    artwork = ArtworkFactory(title="Gone Painting", makers=[(person, "artist")])
    people.person_delete(person=person, acting_user=None)
    works.artwork_delete(artwork=artwork, acting_user=None)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(artwork.get_absolute_url()).status_code == 404
    assert "Gone Painting" not in client.get("/works/").content.decode()


def test_public_work_by_a_private_maker_hides_the_maker(client: Client, db: Any) -> None:
    hidden = PersonFactory(display_name="Hidden Hand", is_public=False)
    artwork = ArtworkFactory(title="Open Work", makers=[(hidden, "artist")])
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "Open Work" in page
    assert "Hidden Hand" not in page


def test_status_and_notes_of_works_stay_private(client: Client, db: Any) -> None:
    artwork = ArtworkFactory(title="Sold Canvas", status="sold", notes="Sold to M. Dupont")
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "Sold to M. Dupont" not in page
    assert "sold" not in page.lower().replace("sold canvas", "").replace("sold-canvas", "")


def test_artwork_list_filters_by_kind_and_fuzzy_decade(client: Client, world: WorldSummary) -> None:
    page = client.get("/works/", {"classification": "tapestry"}).content.decode()
    assert "The Dreamer&#x27;s Threshold" in page
    assert "The Assembly" not in page
    nineties = client.get("/works/", {"made": "1990s"}).content.decode()
    assert "The Living Statue" in nineties
    assert "The Assembly" not in nineties


def test_artist_list_search_in_cyrillic(client: Client, world: WorldSummary) -> None:
    page = client.get("/artists/", {"q": "Калмурзаева"}).content.decode()
    assert "Ana Kalmurzaev" in page
    assert "Jacques Kalmurzaev" not in page


def test_list_and_page_query_counts_do_not_grow(
    client: Client, db: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(3):
        ArtworkFactory()
    # The count, the page, its makers (facets are counted once a word or a facet narrows it).
    with django_assert_max_num_queries(3) as few:
        client.get("/works/")
    url = ArtworkFactory().get_absolute_url()
    # its exhibitions, provenance, press and sources (citations): one each
    with django_assert_max_num_queries(10):
        client.get(url)
    for _ in range(20):
        ArtworkFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/works/")
    person = PersonFactory()
    for _ in range(5):
        ArtworkFactory(makers=[(person, "artist")])
    # the career's sales, reviews; press; the sources (citations of biographies): one each
    with django_assert_max_num_queries(15) as artist_page:
        client.get(person.get_absolute_url())
    for _ in range(10):
        ArtworkFactory(makers=[(person, "artist")])
    with django_assert_max_num_queries(len(artist_page.captured_queries)):
        client.get(person.get_absolute_url())
