"""The IIIF doors: who sees what, and the HTTP rules (caching, CORS, conditional GET)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.factories.works import ArtworkFactory
from tests.images.conftest import image_built

from vernissage.images.models import Image
from vernissage.works.models import Artwork

TILE = "0,0,256,256/256,/0/default.jpg"
PUBLIC_CACHE = "public, max-age=31536000, immutable"
NOT_FOUND = b"No image with this identifier.\n"


def _private_image(tmp_path: Path, how: str) -> Image:
    if how == "image not public":
        return image_built(tmp_path, "private-1", is_public=False)
    if how == "work not public":
        return image_built(tmp_path, "private-1", artwork=ArtworkFactory(is_public=False))
    image = image_built(tmp_path, "private-1")
    Artwork.all_objects.filter(pk=image.artwork_id).update(deleted_at=timezone.now())
    return image


def test_an_unknown_identifier_is_404(client: Client, public_image: Image) -> None:
    for url in ("/iiif/3/nope/info.json", f"/iiif/3/nope/{TILE}", "/iiif/3/nope"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.content == NOT_FOUND
        assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "identifier",
    ["..", ".%2E", "..%2F..%2Fsecret", "[frob]", "nocturne-1%00", "-nocturne-1"],
)
def test_identifiers_are_names_never_paths(
    client: Client, public_image: Image, identifier: str
) -> None:
    response = client.get(f"/iiif/3/{identifier}/info.json")
    assert response.status_code == 404


@pytest.mark.parametrize("how", ["image not public", "work not public", "work deleted"])
@pytest.mark.parametrize("viewer", ["anonymous", "stranger"])
def test_a_private_image_is_404_like_an_unknown_one(
    client: Client, stranger: User, media: Path, tmp_path: Path, how: str, viewer: str
) -> None:
    _private_image(tmp_path, how)
    if viewer == "stranger":
        client.force_login(stranger)
    for suffix in ("info.json", TILE, "full/max/0/default.png", ""):
        url = f"/iiif/3/private-1/{suffix}".removesuffix("/")
        response = client.get(url, HTTP_IF_NONE_MATCH="*")
        assert response.status_code == 404, url
        assert response.content == NOT_FOUND
        assert "ETag" not in response
        assert "Link" not in response


@pytest.mark.parametrize("how", ["image not public", "work not public", "work deleted"])
def test_staff_without_the_permission_get_the_404_of_the_public(
    client: Client, staff_without_permissions: User, media: Path, tmp_path: Path, how: str
) -> None:
    _private_image(tmp_path, how)
    client.force_login(staff_without_permissions)
    for suffix in ("info.json", TILE, "full/max/0/default.png"):
        response = client.get(f"/iiif/3/private-1/{suffix}")
        assert response.status_code == 404
        assert response.content == NOT_FOUND


@pytest.mark.parametrize("how", ["image not public", "work not public", "work deleted"])
@pytest.mark.parametrize("viewer", ["staff", "owner"])
def test_staff_see_a_private_image_never_cached_by_others(
    client: Client,
    staff: User,
    owner: User,
    media: Path,
    tmp_path: Path,
    how: str,
    viewer: str,
) -> None:
    _private_image(tmp_path, how)
    client.force_login(staff if viewer == "staff" else owner)
    for suffix in ("info.json", TILE, "full/max/0/default.png"):
        response = client.get(f"/iiif/3/private-1/{suffix}")
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "Cookie" in response["Vary"]


def test_a_public_image_is_cached_for_a_year_by_anyone(client: Client, public_image: Image) -> None:
    for suffix in ("info.json", TILE, "full/max/0/default.png"):
        response = client.get(f"/iiif/3/nocturne-1/{suffix}")
        assert response.status_code == 200
        assert response["Cache-Control"] == PUBLIC_CACHE
        assert "Cookie" not in response.get("Vary", "")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")


def test_a_public_image_is_the_same_for_staff_and_shared_caches(
    client: Client, staff: User, public_image: Image
) -> None:
    anonymous = client.get(f"/iiif/3/nocturne-1/{TILE}")
    client.force_login(staff)
    signed_in = client.get(f"/iiif/3/nocturne-1/{TILE}")
    assert signed_in.content == anonymous.content
    assert signed_in["ETag"] == anonymous["ETag"]
    assert signed_in["Cache-Control"] == PUBLIC_CACHE
    assert "Cookie" not in signed_in.get("Vary", "")


def test_an_image_carries_the_profile_and_canonical_links(
    client: Client, public_image: Image
) -> None:
    response = client.get("/iiif/3/nocturne-1/pct:0,0,50,50/!200,200/!90/gray.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Link"] == (
        '<http://iiif.io/api/image/3/level2.json>;rel="profile", '
        '<http://testserver/iiif/3/nocturne-1/0,0,300,200/200,133/!90/gray.jpg>;rel="canonical"'
    )
    picture = pyvips.Image.new_from_buffer(response.content, "")
    assert (picture.width, picture.height, picture.bands) == (133, 200, 1)


@pytest.mark.parametrize(
    ("suffix", "media_type"),
    [
        ("full/max/0/default.jpg", "image/jpeg"),
        ("full/max/0/default.png", "image/png"),
        ("full/max/0/default.webp", "image/webp"),
    ],
)
def test_formats(client: Client, public_image: Image, suffix: str, media_type: str) -> None:
    response = client.get(f"/iiif/3/nocturne-1/{suffix}")
    assert response["Content-Type"] == media_type
    picture = pyvips.Image.new_from_buffer(response.content, "")
    assert (picture.width, picture.height) == (600, 400)


def test_the_same_etag_is_304_and_another_is_200(client: Client, public_image: Image) -> None:
    url = f"/iiif/3/nocturne-1/{TILE}"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == PUBLIC_CACHE
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=f"W/{first['ETag']}").status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_info_json_answers_304_too(client: Client, public_image: Image) -> None:
    first = client.get("/iiif/3/nocturne-1/info.json")
    again = client.get("/iiif/3/nocturne-1/info.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == PUBLIC_CACHE


def test_the_etag_names_the_request(client: Client, public_image: Image) -> None:
    tile = client.get(f"/iiif/3/nocturne-1/{TILE}")["ETag"]
    same = client.get("/iiif/3/nocturne-1/0,0,256,256/256,256/0/default.jpg")["ETag"]
    other = client.get("/iiif/3/nocturne-1/256,0,256,256/256,/0/default.jpg")["ETag"]
    assert tile == same
    assert tile != other


def test_info_json_describes_the_image_and_its_pyramid(
    client: Client, public_image: Image, settings: Any
) -> None:
    settings.VERNISSAGE_IIIF_MAX_WIDTH = 5000
    response = client.get("/iiif/3/nocturne-1/info.json")
    assert response["Content-Type"] == "application/json"
    assert response["Vary"].startswith("Accept")
    info = json.loads(response.content)
    assert info == {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": "http://testserver/iiif/3/nocturne-1",
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": 600,
        "height": 400,
        "maxWidth": 5000,
        "maxHeight": settings.VERNISSAGE_IIIF_MAX_HEIGHT,
        "maxArea": settings.VERNISSAGE_IIIF_MAX_AREA,
        "sizes": [
            {"width": 150, "height": 100},
            {"width": 300, "height": 200},
            {"width": 600, "height": 400},
        ],
        "tiles": [{"width": 256, "height": 256, "scaleFactors": [1, 2, 4]}],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFormats": ["webp"],
        "extraFeatures": info["extraFeatures"],
    }
    assert {"mirroring", "regionByPct", "sizeByPct", "sizeUpscaling", "rotationBy90s"} <= set(
        info["extraFeatures"]
    )


def test_info_json_id_is_the_url_as_requested(
    client: Client, public_image: Image, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["images.example.org"]
    response = client.get(
        "/iiif/3/nocturne-1/info.json", HTTP_HOST="images.example.org:8443", secure=True
    )
    assert json.loads(response.content)["id"] == "https://images.example.org:8443/iiif/3/nocturne-1"


def test_info_json_is_json_ld_when_asked(client: Client, public_image: Image) -> None:
    response = client.get("/iiif/3/nocturne-1/info.json", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == (
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    plain = client.get("/iiif/3/nocturne-1/info.json")
    assert response["ETag"] != plain["ETag"]


def test_info_json_has_the_rights_when_they_are_a_url(
    client: Client, db: Any, media: Path, tmp_path: Path
) -> None:
    image_built(tmp_path, "licensed", rights="http://rightsstatements.org/vocab/InC/1.0/")
    info = json.loads(client.get("/iiif/3/licensed/info.json").content)
    assert info["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"


def test_the_base_uri_redirects_to_info_json(client: Client, public_image: Image) -> None:
    for url in ("/iiif/3/nocturne-1", "/iiif/3/nocturne-1/"):
        response = client.get(url)
        assert response.status_code == 303
        assert response["Location"] == "http://testserver/iiif/3/nocturne-1/info.json"


@pytest.mark.parametrize(
    ("suffix", "message"),
    [
        ("bogus/max/0/default.jpg", "is not full, square"),
        ("full/2000,/0/default.jpg", "write ^ before the size"),
        ("full/max/45x/default.jpg", "not a number of degrees"),
        ("full/max/0/sepia.jpg", "quality 'sepia'"),
        ("full/max/0/default.tif", "format 'tif'"),
        ("600,0,10,10/max/0/default.jpg", "wholly outside the image"),
        ("full/^20000,/0/default.jpg", "beyond the limits"),
    ],
)
def test_a_bad_request_is_400_with_the_reason(
    client: Client, public_image: Image, suffix: str, message: str
) -> None:
    response = client.get(f"/iiif/3/nocturne-1/{suffix}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Image.Pyramid.PENDING, "still being prepared"),
        (Image.Pyramid.FAILED, "could not be prepared"),
    ],
)
def test_an_image_without_its_pyramid_says_so(
    client: Client, public_image: Image, status: str, message: str
) -> None:
    Image.objects.filter(pk=public_image.pk).update(pyramid_status=status)
    for suffix in ("info.json", TILE):
        response = client.get(f"/iiif/3/nocturne-1/{suffix}")
        assert response.status_code == 404
        assert message in response.content.decode()
        assert response["Cache-Control"] == "no-store"


def test_a_missing_pyramid_file_says_so(client: Client, public_image: Image) -> None:
    public_image.pyramid_path.unlink()
    response = client.get(f"/iiif/3/nocturne-1/{TILE}")
    assert response.status_code == 404
    assert "still being prepared" in response.content.decode()


def test_only_reading_is_allowed(client: Client, public_image: Image) -> None:
    assert client.post(f"/iiif/3/nocturne-1/{TILE}").status_code == 405
    assert client.head(f"/iiif/3/nocturne-1/{TILE}").status_code == 200


def test_a_tile_costs_one_query(
    client: Client, public_image: Image, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        response = client.get(f"/iiif/3/nocturne-1/{TILE}")
    assert response.status_code == 200


def test_anonymous_tiles_of_a_public_image_need_no_query_once_warm(
    client: Client, public_image: Image, django_assert_num_queries: Any
) -> None:
    assert client.get(f"/iiif/3/nocturne-1/{TILE}").status_code == 200
    with django_assert_num_queries(0):
        response = client.get(f"/iiif/3/nocturne-1/{TILE}")
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC_CACHE
    assert "Cookie" not in response.get("Vary", "")


def test_a_private_image_still_answers_staff_with_a_session(
    client: Client, public_image: Image, staff: Any
) -> None:
    Image.objects.filter(pk=public_image.pk).update(is_public=False)
    assert client.get(f"/iiif/3/nocturne-1/{TILE}").status_code == 404
    client.force_login(staff)
    response = client.get(f"/iiif/3/nocturne-1/{TILE}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
