"""The admin's change lists at scale: a thumbnail column in a constant number of queries, and no
count of the whole table (an estimate past a cap)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.factories.works import ArtworkFactory

from vernissage.core import pagination
from vernissage.core.pagination import EstimatedCountPaginator, capped_count
from vernissage.core.services import staff_roles_set
from vernissage.images import services as images
from vernissage.images.models import Image
from vernissage.works.models import Artwork


@pytest.fixture
def picture(tmp_path: Path, settings: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    made = 0

    def make(artwork: Artwork, *, is_public: bool = True) -> Image:
        nonlocal made
        made += 1
        plain = (pyvips.Image.black(200, 100) + made).cast("uchar")
        path = tmp_path / f"picture-{made}.jpg"
        plain.bandjoin([plain, plain]).copy(interpretation="srgb").jpegsave(str(path))
        image, _created = images.image_add(
            artwork=artwork, path=path, acting_user=None, is_public=is_public
        )
        Image.objects.filter(pk=image.pk).update(pyramid_status=Image.Pyramid.READY)
        return image

    return make


def _staff(client: Client, role: str) -> None:
    user = User.objects.create_user(username=role.lower(), is_staff=True)
    staff_roles_set(user=user, roles=[role], acting_user=None)
    client.force_login(user)
    client.get("/admin/")


@pytest.mark.parametrize("role", ["Registrar", "Viewer"])
def test_the_artwork_change_list_shows_thumbnails_in_constant_queries(
    client: Client, db: Any, picture: Any, django_assert_num_queries: Any, role: str
) -> None:
    first = picture(ArtworkFactory(title="First"))
    _staff(client, role)
    with CaptureQueriesContext(connection) as one:
        html = client.get("/admin/works/artwork/").content.decode()
    base = f"/iiif/3/{first.identifier}/full"
    assert (
        f'<img src="{base}/64,32/0/default.jpg" srcset="{base}/64,32/0/default.jpg 1x, '
        f'{base}/128,64/0/default.jpg 2x" width="64" height="32" alt="First" loading="lazy">'
    ) in html
    for number in range(11):
        picture(ArtworkFactory(title=f"Work {number}"), is_public=number % 2 == 0)

    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get("/admin/works/artwork/").content.decode()

    assert html.count('<img src="/iiif/3/') == (12 if role == "Registrar" else 7)


def test_a_change_list_never_counts_the_whole_table(
    client: Client, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    for number in range(8):
        ArtworkFactory(title=f"Work {number}")
    _staff(client, "Registrar")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/works/artwork/")

    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert all(re.search(r"LIMIT\s+6", sql) for sql in counts), counts


def test_a_capped_count_is_exact_under_the_cap(db: Any) -> None:
    for number in range(4):
        ArtworkFactory(title=f"Work {number}")

    assert capped_count(Artwork.objects.all(), cap=4) == (4, True)
    assert capped_count(Artwork.objects.filter(title="Work 1"), cap=4) == (1, True)


def test_past_the_cap_the_count_is_an_estimate_of_at_least_the_cap(db: Any) -> None:
    for number in range(6):
        ArtworkFactory(title=f"Work {number}")

    total, exact = capped_count(Artwork.objects.all(), cap=3)

    assert not exact
    if connection.vendor == "postgresql":
        assert total >= 4  # the planner's guess, never below what was counted
    else:
        assert total == 4


def test_the_paginator_pages_by_the_capped_count(db: Any) -> None:
    for number in range(6):
        ArtworkFactory(title=f"Work {number}")

    paginator = EstimatedCountPaginator(Artwork.objects.all(), 2)

    assert paginator.count == 6
    assert paginator.count_is_exact
    assert paginator.num_pages == 3
    assert [w.title for w in paginator.page(3)] == [w.title for w in Artwork.objects.all()[4:6]]
