"""The artist page's reads are prepared once per process and per access (core/prepared.py):
whoever looks first, each viewer sees exactly what the access rules let them see."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.factories import press
from tests.factories.exhibitions import ExhibitionFactory
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.services import staff_roles_set
from vernissage.people import services as people
from vernissage.people.models import Person

PRIVATE = (
    "Secret Canvas",  # a private work
    "Hidden Friend",  # a private person, tied to the artist
    "A quiet move",  # a private life event
    "Unpublished notice",  # a private review
    "Words we may not print",  # a quote without rights
    "Closed Rooms",  # a private exhibition
)
PUBLIC = ("Open Canvas", "Open Friend", "A public review", "Words we may print")


def _artist() -> Person:
    artist = PersonFactory(display_name="Ana Kalmurzaev")
    shown = ArtworkFactory(title="Open Canvas", makers=[(artist, "artist")])
    ArtworkFactory(title="Secret Canvas", makers=[(artist, "artist")], is_public=False)
    for name, is_public in (("Open Friend", True), ("Hidden Friend", False)):
        people.relationship_create(
            acting_user=None,
            person=artist,
            kind="friend",
            other_person=PersonFactory(display_name=name, is_public=is_public),
        )
    people.life_event_create(
        acting_user=None, person=artist, kind="moved", date="2001", description="A public move"
    )
    people.life_event_create(
        acting_user=None,
        person=artist,
        kind="moved",
        date="2002",
        description="A quiet move",
        is_public=False,
    )
    review = press.review(title="A public review", people=[artist], date="2010")
    press.review(title="Unpublished notice", people=[artist], date="2011", is_public=False)
    from vernissage.press.services import quote_add

    quote_add(review=review, text="Words we may print", acting_user=None, may_publish=True)
    quote_add(review=review, text="Words we may not print", acting_user=None)
    ExhibitionFactory(title="Open Rooms", artists=[artist], is_public=True)
    ExhibitionFactory(title="Closed Rooms", artists=[artist], is_public=False)
    assert shown.is_public
    return artist


def _page(client: Client, artist: Person) -> str:
    response = client.get(artist.get_absolute_url())
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.mark.parametrize("first", ["registrar", "anonymous"])
def test_each_viewer_sees_their_own_artist_page_whoever_looked_first(db: Any, first: str) -> None:
    artist = _artist()
    registrar = User.objects.create_user(username="registrar")
    staff_roles_set(user=registrar, roles=["Registrar", "Press"], acting_user=None)
    staff = Client()
    staff.force_login(registrar)
    anonymous = Client()
    order = [(staff, True), (anonymous, False)]
    if first == "anonymous":
        order.reverse()

    for _round in range(2):  # the second round runs the SQL prepared in the first
        for client, sees_private in order:
            page = _page(client, artist)
            for text in PUBLIC:
                assert text in page
            for text in PRIVATE:
                assert (text in page) is sees_private, (text, sees_private)
