"""Leaks and stale pages found by reading the catalogue as a stranger, each pinned here."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.test import Client
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.images import services as images
from vernissage.images.models import Image
from vernissage.images.selectors import PublicImageCache
from vernissage.site.page_cache import pages
from vernissage.works import services as works


@pytest.fixture
def page_cache(settings: Any) -> None:
    settings.VERNISSAGE_PAGE_CACHE_SECONDS = 600
    pages.clear()


def _picture(tmp_path: Path) -> Path:
    source = tmp_path / "assembly.png"
    pyvips.Image.black(320, 200, bands=3).copy(interpretation="srgb").pngsave(str(source))
    return source


def test_a_private_series_is_not_named_on_a_public_work(
    client: Client, db: Any, staff: User
) -> None:
    series = works.series_create(acting_user=None, title="Red Square at Dawn", is_public=False)
    artwork = ArtworkFactory(title="Dawn I", series=series)
    public = client.get(artwork.get_absolute_url())
    assert public.status_code == 200
    assert "Dawn I" in public.content.decode()
    assert "Red Square at Dawn" not in public.content.decode()
    client.force_login(staff)  # with view_private_records
    assert "Red Square at Dawn" in client.get(artwork.get_absolute_url()).content.decode()


def test_a_public_series_is_named(client: Client, db: Any) -> None:
    series = works.series_create(acting_user=None, title="Siberian Landscapes")
    artwork = ArtworkFactory(title="Taiga", series=series)
    assert "Siberian Landscapes" in client.get(artwork.get_absolute_url()).content.decode()


def test_the_maker_filter_does_not_reveal_a_private_person(
    client: Client, db: Any, staff: User
) -> None:
    hidden = PersonFactory(display_name="Viktor Petrov", is_public=False)
    ArtworkFactory(title="The Dreamers' Threshold", makers=[(hidden, "artist")])
    ArtworkFactory(title="Other Work")
    response = client.get(f"/works/?maker={hidden.slug}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The Dreamers&#x27; Threshold" not in page
    assert "Other Work" not in page  # the filter still applies: nothing, not everything
    client.force_login(staff)
    assert (
        "The Dreamers&#x27; Threshold"
        in client.get(f"/works/?maker={hidden.slug}").content.decode()
    )


def test_a_cached_page_shows_the_image_once_its_pyramid_is_built(
    client: Client,
    db: Any,
    page_cache: None,
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    artwork = ArtworkFactory(title="The Assembly")
    with django_capture_on_commit_callbacks(execute=False):
        image, _ = images.image_add(artwork=artwork, path=_picture(tmp_path), acting_user=None)
    before = client.get(artwork.get_absolute_url()).content.decode()
    assert image.identifier not in before  # still being prepared: no image yet
    with django_capture_on_commit_callbacks(execute=True):
        images.image_build_pyramid(image_id=image.pk)
    after = client.get(artwork.get_absolute_url()).content.decode()
    assert f"/iiif/3/{image.identifier}/info.json" in after


def test_the_pyramid_task_is_queued_only_once_the_image_is_committed(
    db: Any, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    artwork = ArtworkFactory(title="The Assembly")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image, _ = images.image_add(artwork=artwork, path=_picture(tmp_path), acting_user=None)
        # The tests' task backend runs a task as soon as it is queued: nothing has run yet.
        assert Image.objects.get(pk=image.pk).pyramid_status == Image.Pyramid.PENDING
    assert callbacks
    for callback in callbacks:
        callback()
    assert Image.objects.get(pk=image.pk).pyramid_status == Image.Pyramid.READY


def test_the_public_image_cache_is_safe_across_threads(db: Any) -> None:
    cache = PublicImageCache()
    image = Image(identifier="x")
    errors: list[BaseException] = []

    def hammer(offset: int) -> None:
        try:
            for step in range(20_000):
                generation = (step + offset) // 500
                cache.put(generation, f"i{step % 1500}", image)
                cache.get(generation, f"i{(step * 7) % 1500}")
                if step % 997 == 0:
                    cache.clear()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=hammer, args=(offset,)) for offset in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache) <= PublicImageCache.LIMIT
