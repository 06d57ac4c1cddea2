"""Cards of works and artists show the picture first: a IIIF thumbnail with its size set, a 2x
source and lazy loading; a placeholder where there is none, "preparing" while it is made; what a
viewer may not see never shows; and a page costs the same queries whatever its length."""

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
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.services import staff_roles_set
from vernissage.images import services as images
from vernissage.images.models import Image
from vernissage.people.models import Person
from vernissage.works.models import Artwork


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def picture(tmp_path: Path, media: Path) -> Any:
    """A small JPEG of the given size; each one differs, so each is its own image."""
    made = 0

    def make(width: int = 1600, height: int = 1200) -> Path:
        nonlocal made
        made += 1
        plain = (pyvips.Image.black(width, height) + made).cast("uchar")
        path = tmp_path / f"picture-{made}.jpg"
        plain.bandjoin([plain, plain]).copy(interpretation="srgb").jpegsave(str(path))
        return path

    return make


def _add(artwork: Artwork, path: Path, *, ready: bool = True, **fields: Any) -> Image:
    """An image of the work; its pyramid marked built (a card never reads the pyramid)."""
    image, _created = images.image_add(artwork=artwork, path=path, acting_user=None, **fields)
    if ready:
        Image.objects.filter(pk=image.pk).update(pyramid_status=Image.Pyramid.READY)
        image.refresh_from_db()
    return image


def _login(client: Client, role: str) -> None:
    if role == "anonymous":
        return
    user = User.objects.create_user(username=role.lower())
    staff_roles_set(user=user, roles=[role], acting_user=None)
    client.force_login(user)
    client.get("/")  # the kept permissions warm up: what follows counts the page's own queries


def _imgs(html: str) -> list[str]:
    return re.findall(r'<li class="card">.*?</li>', html, flags=re.DOTALL)


def test_a_card_shows_the_primary_image_as_a_sized_lazy_thumbnail(
    client: Client, db: Any, picture: Any
) -> None:
    work = ArtworkFactory(title="Red Square at dawn")
    _add(work, picture(1600, 1200), caption="")
    primary = _add(work, picture(800, 1000), is_primary=True, caption="The square, looking north")

    html = client.get("/works/").content.decode()

    base = f"/iiif/3/{primary.identifier}/full"
    assert (
        f'<img src="{base}/256,320/0/default.jpg" '
        f'srcset="{base}/256,320/0/default.jpg 1x, {base}/512,640/0/default.jpg 2x" '
        'width="256" height="320" alt="The square, looking north" loading="lazy" '
        'decoding="async">'
    ) in html


def test_a_small_picture_is_never_enlarged_for_dense_screens(
    client: Client, db: Any, picture: Any
) -> None:
    work = ArtworkFactory(title="Miniature")
    image = _add(work, picture(200, 100))

    html = client.get("/works/").content.decode()

    base = f"/iiif/3/{image.identifier}/full"
    assert f'srcset="{base}/200,100/0/default.jpg 1x"' in html
    assert 'width="200" height="100" alt="Miniature"' in html


def test_a_work_without_a_picture_gets_a_quiet_placeholder(client: Client, db: Any) -> None:
    ArtworkFactory(title="Lost canvas")

    [card] = _imgs(client.get("/works/").content.decode())

    assert '<span class="card-placeholder" aria-hidden="true"></span>' in card
    assert "<img" not in card


def test_a_picture_being_prepared_says_so(client: Client, db: Any, picture: Any) -> None:
    work = ArtworkFactory(title="Fresh scan")
    image = _add(work, picture(1200, 900), ready=False)

    [card] = _imgs(client.get("/works/").content.decode())

    assert "preparing the picture…" in card
    assert "aspect-ratio: 320 / 240" in card
    assert image.identifier not in card


def test_a_failed_picture_leaves_the_placeholder(client: Client, db: Any, picture: Any) -> None:
    work = ArtworkFactory(title="Broken file")
    image = _add(work, picture(), ready=False)
    Image.objects.filter(pk=image.pk).update(pyramid_status=Image.Pyramid.FAILED)

    [card] = _imgs(client.get("/works/").content.decode())

    assert 'class="card-placeholder" aria-hidden="true"' in card
    assert image.identifier not in card


@pytest.mark.parametrize("role", ["anonymous", "Viewer"])
def test_a_private_image_is_not_on_a_public_card(
    client: Client, db: Any, picture: Any, role: str
) -> None:
    work = ArtworkFactory(title="Studio wall")
    hidden = _add(work, picture(), is_public=False)
    _login(client, role)

    html = client.get("/works/").content.decode()

    assert "Studio wall" in html
    assert hidden.identifier not in html


def test_staff_who_may_see_private_records_see_the_private_image(
    client: Client, db: Any, picture: Any
) -> None:
    work = ArtworkFactory(title="Studio wall")
    hidden = _add(work, picture(), is_public=False)
    _login(client, "Registrar")

    html = client.get("/works/").content.decode()

    assert f"/iiif/3/{hidden.identifier}/full/320,240/0/default.jpg" in html


@pytest.mark.parametrize(
    ("page_case", "url"),
    [("home", "/"), ("works list", "/works/"), ("artist page", "artist")],
)
@pytest.mark.parametrize("role", ["anonymous", "Registrar"])
def test_cards_with_pictures_cost_the_same_queries_for_1_and_12_works(
    client: Client,
    db: Any,
    picture: Any,
    django_assert_num_queries: Any,
    page_case: str,
    url: str,
    role: str,
) -> None:
    artist = PersonFactory(display_name="Romy Kalmurzaev")
    url = artist.get_absolute_url() if url == "artist" else url
    _add(ArtworkFactory(makers=[(artist, "artist")]), picture(64, 48))
    _login(client, role)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.content.decode().count("<img ") == 1
    for number in range(11):
        work = ArtworkFactory(makers=[(artist, "artist")])
        _add(work, picture(64, 48))
        _add(work, picture(48, 64), ready=number % 2 == 0)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count("<img ") == 12


def test_the_artist_list_shows_a_picture_of_a_work_per_artist(
    client: Client, db: Any, picture: Any
) -> None:
    painter = PersonFactory(display_name="Jacques Kalmurzaev")
    photographer = PersonFactory(display_name="Romy Kalmurzaev")
    PersonFactory(display_name="Ana Kalmurzaev")  # no work with a picture
    _add(ArtworkFactory(makers=[(painter, "artist")]), picture(64, 48))
    private_work = ArtworkFactory(makers=[(photographer, "artist")], is_public=False)
    hidden = _add(private_work, picture(64, 48))
    shown = _add(ArtworkFactory(makers=[(photographer, "artist")]), picture(48, 64))

    html = client.get("/artists/").content.decode()

    cards = {
        name: card
        for card in _imgs(html)
        for name in ("Jacques", "Romy", "Ana")
        if f"{name} Kalmurzaev</a>" in card
    }
    assert 'alt="A work by Jacques Kalmurzaev"' in cards["Jacques"]
    assert f"/iiif/3/{shown.identifier}/full/48,64/0/default.jpg" in cards["Romy"]
    assert hidden.identifier not in html
    assert '<span class="card-placeholder" aria-hidden="true"></span>' in cards["Ana"]


def test_the_artist_list_costs_the_same_queries_for_1_and_20_artists(
    client: Client, db: Any, picture: Any, django_assert_num_queries: Any
) -> None:
    _add(ArtworkFactory(makers=[(PersonFactory(), "artist")]), picture(64, 48))
    with CaptureQueriesContext(connection) as one:
        client.get("/artists/")
    for _ in range(19):
        _add(ArtworkFactory(makers=[(PersonFactory(), "artist")]), picture(64, 48))
    assert Person.objects.count() == 20

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/artists/")

    assert response.content.decode().count("<img ") == 20
