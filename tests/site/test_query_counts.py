"""Lists cost the same number of queries whatever their length, for every kind of viewer: the
access rules are asked once per request, never once per row."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.services import staff_roles_set


def _login(client: Client, role: str) -> None:
    if role == "anonymous":
        return
    user = User.objects.create_user(username=role.lower())
    staff_roles_set(user=user, roles=[role], acting_user=None)
    client.force_login(user)
    client.get("/")  # the kept permissions warm up: what follows counts the page's own queries


def _cards(response: Any) -> int:
    assert response.status_code == 200
    return int(response.content.decode().count('<li class="card">'))


@pytest.mark.parametrize("role", ["anonymous", "Viewer", "Registrar"])
def test_the_works_list_costs_the_same_queries_for_1_and_30_works(
    client: Client, db: Any, django_assert_num_queries: Any, role: str
) -> None:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    ArtworkFactory(makers=[(artist, "artist")])
    _login(client, role)
    with CaptureQueriesContext(connection) as one:
        response = client.get("/works/")
    assert _cards(response) == 1
    for _ in range(29):
        ArtworkFactory(makers=[(artist, "artist"), (PersonFactory(is_public=False), "co_artist")])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/works/")
    assert _cards(response) == 30


@pytest.mark.parametrize("role", ["anonymous", "Viewer", "Registrar"])
def test_the_artist_page_costs_the_same_queries_for_1_and_30_works(
    client: Client, db: Any, django_assert_num_queries: Any, role: str
) -> None:
    artist = PersonFactory(display_name="Ana Kalmurzaev")
    ArtworkFactory(makers=[(artist, "artist")])
    _login(client, role)
    with CaptureQueriesContext(connection) as one:
        response = client.get(artist.get_absolute_url())
    assert _cards(response) == 1
    for _ in range(29):
        ArtworkFactory(makers=[(artist, "artist")])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(artist.get_absolute_url())
    assert _cards(response) == 30


@pytest.mark.parametrize("role", ["anonymous", "Viewer", "Registrar"])
def test_the_artist_page_costs_the_same_queries_for_1_and_6_ties(
    client: Client, db: Any, django_assert_num_queries: Any, role: str
) -> None:
    """A tie's ends are read with the columns that name, link and describe them: no column
    the page, its timeline or its JSON-LD reads is left to a query per tie."""
    from vernissage.people import services as people
    from vernissage.people.models import Place

    artist = PersonFactory(display_name="Ana Kalmurzaev")
    ArtworkFactory(makers=[(artist, "artist")])
    moscow = Place.objects.create(name="Moscow", kind="city", country="RU", latitude=55.75)

    def ties(number: int) -> None:
        people.relationship_create(
            acting_user=None,
            person=artist,
            kind="collaborator",
            other_person=PersonFactory(display_name=f"Partner {number}"),
            start_date=f"{2000 + number}",
        )
        people.relationship_create(
            acting_user=None,
            person=PersonFactory(display_name=f"Teacher {number}"),
            kind="teacher",
            other_person=artist,
        )
        school = people.organization_create(
            acting_user=None,
            name=f"School {number}",
            kind="school",
            place=moscow,
            description="An art school.",
            website=f"https://school{number}.example",
        )
        people.relationship_create(
            acting_user=None, person=artist, kind="studied_at", organization=school
        )

    ties(0)
    _login(client, role)
    with CaptureQueriesContext(connection) as one:
        response = client.get(artist.get_absolute_url())
    page = response.content.decode()
    for name in ("Partner 0", "School 0", "Teacher 0"):
        assert name in page
    for number in range(1, 6):
        ties(number)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(artist.get_absolute_url())
    page = response.content.decode()
    for name in ("Partner 5", "School 5", "Teacher 5", "school5.example"):
        assert name in page
