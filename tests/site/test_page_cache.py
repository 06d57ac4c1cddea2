"""The cache of public pages: fast for anonymous visitors, never stale after a write."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.factories.works import ArtworkFactory

from vernissage.site.page_cache import pages
from vernissage.works import services


@pytest.fixture
def page_cache(settings: Any) -> None:
    settings.VERNISSAGE_PAGE_CACHE_SECONDS = 600
    pages.clear()


def test_anonymous_page_is_served_from_the_cache_without_queries(
    client: Client, db: Any, page_cache: None, django_assert_num_queries: Any
) -> None:
    artwork = ArtworkFactory(title="The Assembly")
    first = client.get(artwork.get_absolute_url())
    with django_assert_num_queries(0):
        again = client.get(artwork.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content


def test_a_work_made_private_is_404_on_the_next_request(
    client: Client,
    db: Any,
    page_cache: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    artwork = ArtworkFactory(title="Letters Never Sent")
    assert client.get(artwork.get_absolute_url()).status_code == 200
    assert "Letters Never Sent" in client.get("/works/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        artwork.is_public = False
        services.artwork_save(artwork=artwork, acting_user=None)
    assert client.get(artwork.get_absolute_url()).status_code == 404
    assert "Letters Never Sent" not in client.get("/works/").content.decode()


def test_staff_always_get_a_fresh_page(
    client: Client, staff: User, db: Any, page_cache: None
) -> None:
    artwork = ArtworkFactory(title="Empty Chair", notes="Held for M. Dupont")
    client.get(artwork.get_absolute_url())  # cached for anonymous visitors
    client.force_login(staff)
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "Held for M. Dupont" in page  # the staff view, not the cached public one


def test_a_404_is_not_cached(client: Client, db: Any, page_cache: None) -> None:
    assert client.get("/works/not-yet/").status_code == 404
    client.get("/")  # a 200 is cached, so the cache is live
    assert len(pages) == 1
    pages.clear()
    assert client.get("/works/not-yet/").status_code == 404
    assert len(pages) == 0


def test_each_language_has_its_own_cached_page(
    client: Client, db: Any, page_cache: None, french: None, django_assert_num_queries: Any
) -> None:
    english = client.get("/artists/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    in_french = client.get("/artists/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Artists</h1>" in english
    assert "<h1>Artistes</h1>" in in_french
    assert len(pages) == 2
    with django_assert_num_queries(0):
        again = client.get("/artists/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert again.content.decode() == in_french
