"""The WSGI fast path in front of Django (vernissage.images.early.ImageFastPath): for
anonymous image requests of public images it answers with the bytes and headers Django's
own path gives, and it leaves everything else (private, unknown, bad, a session) to Django."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from tests.factories.works import ArtworkFactory
from tests.images.conftest import image_built

from vernissage.core.generation import catalogue_changed
from vernissage.images.early import ImageFastPath
from vernissage.images.models import Image

TILE = "0,0,256,256/256,/0/default.jpg"
#: An aligned tile, an edge tile, re-encoded regions, a thumbnail, other qualities, formats
#: and rotations.
PATHS = [
    TILE,
    "512,256,88,144/88,/0/default.jpg",
    "37,37,256,256/256,/0/default.jpg",
    "full/120,/0/default.jpg",
    "full/max/0/default.jpg",
    "pct:10,10,50,50/max/0/gray.jpg",
    "square/64,64/!90/default.png",
    "full/150,/22.5/color.webp",
]
BAD = [
    "9000,9000,10,10/max/0/default.jpg",  # region outside the picture
    "full/0,/0/default.jpg",  # size 0
    "junk/max/0/default.jpg",
    "full/max/0/default.xyz",
    "full/max/361/default.jpg",
    "full/99999,/0/default.jpg",  # larger than the limits
]

Answer = tuple[str, list[tuple[str, str]], bytes]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Django's handler closes the database connection after each request, the test's
    transaction with it; its test client disconnects that, and so do these tests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def django_app() -> WSGIHandler:
    return get_wsgi_application()  # type: ignore[return-value]


@pytest.fixture
def fast(django_app: WSGIHandler) -> ImageFastPath:
    return ImageFastPath(django_app)


def _environ(path: str, method: str = "GET", **extra: Any) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    environ.update(extra)
    return environ


def _call(application: Any, environ: dict[str, Any]) -> Answer:
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> None:
        started.append((status, headers))

    result = application(dict(environ), start_response)
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return started[0][0], list(started[0][1]), body


def _both(django_app: Any, fast: ImageFastPath, environ: dict[str, Any]) -> tuple[Answer, Answer]:
    """Django's answer and the fast path's, after a first request has warmed both."""
    _call(fast, environ)  # Django answers and keeps the public image for the next request
    return _call(django_app, environ), _call(fast, environ)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("tail", PATHS)
def test_the_fast_path_answers_what_django_answers(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image, tail: str, method: str
) -> None:
    environ = _environ(f"/iiif/3/nocturne-1/{tail}", method)
    by_django, by_fast = _both(django_app, fast, environ)
    assert by_django[0] == "200 OK"
    assert by_fast == by_django
    assert fast.answer(dict(environ)) == by_django  # answered by the fast path itself
    headers = dict(by_fast[1])
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert 'rel="canonical"' in headers["Link"]
    assert {"ETag", "Last-Modified", "Content-Type"} <= set(headers)


def test_a_tile_is_the_stored_jpeg_through_the_fast_path(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image
) -> None:
    environ = _environ(f"/iiif/3/nocturne-1/{TILE}")
    _call(fast, environ)
    status, headers, body = fast.answer(dict(environ)) or ("", [], b"")
    assert status == "200 OK"
    assert dict(headers)["Content-Type"] == "image/jpeg"
    picture = pyvips.Image.new_from_buffer(body, "")
    assert (picture.width, picture.height) == (256, 256)


@pytest.mark.parametrize(
    "validator", ["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "star", "stale"]
)
def test_conditional_requests_answer_as_django_does(
    django_app: WSGIHandler,
    fast: ImageFastPath,
    public_image: Image,
    validator: str,
) -> None:
    environ = _environ(f"/iiif/3/nocturne-1/{TILE}")
    _status, headers, _body = _call(django_app, environ)
    values = dict(headers)
    extra = {
        "HTTP_IF_NONE_MATCH": {"HTTP_IF_NONE_MATCH": values["ETag"]},
        "HTTP_IF_MODIFIED_SINCE": {"HTTP_IF_MODIFIED_SINCE": values["Last-Modified"]},
        "star": {"HTTP_IF_NONE_MATCH": "*"},
        "stale": {"HTTP_IF_NONE_MATCH": '"another"'},
    }[validator]
    conditional = _environ(f"/iiif/3/nocturne-1/{TILE}", **extra)
    by_django, by_fast = _both(django_app, fast, conditional)
    assert by_fast == by_django
    assert fast.answer(dict(conditional)) == by_django
    if validator == "stale":
        assert by_fast[0] == "200 OK"
    else:
        assert by_fast[0] == "304 Not Modified"
        assert by_fast[2] == b""


@pytest.mark.parametrize("tail", BAD)
def test_bad_requests_are_left_to_django(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image, tail: str
) -> None:
    environ = _environ(f"/iiif/3/nocturne-1/{tail}")
    by_django, by_fast = _both(django_app, fast, environ)
    assert by_django[0].startswith(("400", "404", "501"))
    assert by_fast == by_django
    assert fast.answer(dict(environ)) is None


@pytest.mark.parametrize("how", ["image not public", "work not public", "work deleted"])
def test_a_private_image_is_refused_as_django_refuses_it(
    db: Any, django_app: WSGIHandler, fast: ImageFastPath, media: Path, tmp_path: Path, how: str
) -> None:
    from django.utils import timezone

    from vernissage.works.models import Artwork

    if how == "image not public":
        image_built(tmp_path, "private-1", is_public=False)
    elif how == "work not public":
        image_built(tmp_path, "private-1", artwork=ArtworkFactory(is_public=False))
    else:
        image = image_built(tmp_path, "private-1")
        Artwork.all_objects.filter(pk=image.artwork_id).update(deleted_at=timezone.now())
    for tail in (TILE, "full/120,/0/default.jpg"):
        environ = _environ(f"/iiif/3/private-1/{tail}")
        by_django, by_fast = _both(django_app, fast, environ)
        assert by_django[0] == "404 Not Found"
        assert by_fast == by_django
        assert fast.answer(dict(environ)) is None


def test_an_unknown_image_is_left_to_django(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image
) -> None:
    environ = _environ(f"/iiif/3/nope/{TILE}")
    by_django, by_fast = _both(django_app, fast, environ)
    assert by_django[0] == "404 Not Found"
    assert by_fast == by_django
    assert fast.answer(dict(environ)) is None


def test_an_image_made_private_after_the_cache_filled_is_refused(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image
) -> None:
    environ = _environ(f"/iiif/3/nocturne-1/{TILE}")
    _call(fast, environ)
    assert fast.answer(dict(environ)) is not None
    Image.objects.filter(pk=public_image.pk).update(is_public=False)
    catalogue_changed()  # what the commit of the write does
    assert fast.answer(dict(environ)) is None
    status, _headers, body = _call(fast, environ)
    assert status == "404 Not Found"
    assert body == b"No image with this identifier.\n"


def test_requests_with_a_session_or_not_reading_go_to_django(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image, settings: Any
) -> None:
    path = f"/iiif/3/nocturne-1/{TILE}"
    _call(fast, _environ(path))
    assert fast.answer(_environ(path)) is not None
    with_session = _environ(path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc; lang=fr")
    assert fast.answer(with_session) is None
    assert fast.answer(_environ(path, HTTP_COOKIE="lang=fr")) is not None
    assert fast.answer(_environ(path, "POST")) is None
    assert _call(fast, _environ(path, "POST")) == _call(django_app, _environ(path, "POST"))
    assert fast.answer(_environ(f"/iiif/3/nocturne-1/{TILE}/more")) is None
    assert fast.answer(_environ("/iiif/3/nocturne-1/info.json")) is None


def test_a_host_django_refuses_is_left_to_django(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image
) -> None:
    path = f"/iiif/3/nocturne-1/{TILE}"
    _call(fast, _environ(path))
    evil = _environ(path, HTTP_HOST="evil.example")
    assert fast.answer(dict(evil)) is None
    assert _call(fast, evil)[0] == _call(django_app, evil)[0] == "400 Bad Request"


def test_https_headers_and_the_script_name_are_django_s(public_image: Image, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 3600
    django_app = get_wsgi_application()  # its SecurityMiddleware reads the setting
    fast = ImageFastPath(django_app)
    environ = _environ(
        "/iiif/3/nocturne-1/full/120,/0/default.jpg",
        SCRIPT_NAME="/museum",
        **{"wsgi.url_scheme": "https", "SERVER_PORT": "443"},
    )
    by_django, by_fast = _both(django_app, fast, environ)
    assert by_fast == by_django
    headers = dict(by_fast[1])
    assert headers["Strict-Transport-Security"] == "max-age=3600"
    assert (
        "<https://testserver/museum/iiif/3/nocturne-1/full/120,80/0/default.jpg>"
        in (headers["Link"])
    )
    plain = _environ("/iiif/3/nocturne-1/full/120,/0/default.jpg")
    assert "Strict-Transport-Security" not in dict(_call(fast, plain)[1])


def test_https_required_sends_plain_http_to_django_s_redirect(
    public_image: Image, settings: Any
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    django_app = get_wsgi_application()  # its SecurityMiddleware reads the setting
    fast = ImageFastPath(django_app)
    environ = _environ(f"/iiif/3/nocturne-1/{TILE}")
    _call(django_app, _environ(f"/iiif/3/nocturne-1/{TILE}", **{"wsgi.url_scheme": "https"}))
    assert fast.answer(dict(environ)) is None
    assert _call(fast, environ)[0] == "301 Moved Permanently"


def test_the_jpeg_quality_setting_changes_re_encoded_answers_only(
    django_app: WSGIHandler, fast: ImageFastPath, public_image: Image, settings: Any
) -> None:
    region = _environ("/iiif/3/nocturne-1/37,37,256,256/256,/0/default.jpg")
    tile = _environ(f"/iiif/3/nocturne-1/{TILE}")
    low_region, low_tile = _both(django_app, fast, region)[1], _both(django_app, fast, tile)[1]
    settings.VERNISSAGE_IIIF_JPEG_QUALITY = 95
    high_region, high_tile = _both(django_app, fast, region)[1], _both(django_app, fast, tile)[1]
    assert len(high_region[2]) > len(low_region[2])
    assert dict(high_region[1])["ETag"] != dict(low_region[1])["ETag"]
    assert high_tile[2] == low_tile[2]  # the stored tile, whatever the setting
