"""Answer anonymous IIIF image requests before the rest of Django.

Deep-zoom viewers ask for many tiles per second, each cut in 0.05 ms from the stored JPEG;
Django's request handling (signals, the middleware chain, URL resolving) cost about ten times
that for a request that carries no session at all. A request without a session cookie is
anonymous by definition, so two doors take it before the usual path:

- :class:`ImageFastPath`, a WSGI application in front of Django's
  (:mod:`vernissage.config.wsgi`): an image request for an image this process already holds
  as public and ready for the catalogue's current generation
  (:func:`vernissage.images.selectors.image_public_cached`) is answered right there: the
  first one by the view's own :func:`~vernissage.images.views.image_answer` (with the headers
  Django's ``SecurityMiddleware`` adds), whose headers that do not vary per request are kept
  for the image; the next ones with the view's helpers (parse, ETag, Link, conditional GET)
  and :func:`~vernissage.images.rendering.image_render`. Tests compare both paths' answers.
  Anything else (another path, a session, an image it does not hold, private or unknown,
  a host Django would refuse, plain HTTP where HTTPS is required, an error) goes to Django,
  which answers it as before and fills the cache for the next request.
- :class:`AnonymousImageMiddleware`: inside Django, anonymous image requests skip the
  middleware after it and go straight to the image view as an anonymous user.

Who may see an image is decided in one place, the selectors: only public, ready images
enter the per-process cache, and it is forgotten when a committed write moves the catalogue's
generation on, so an image made private is refused by the next request.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.security import SecurityMiddleware
from django.urls import reverse, set_script_prefix

from vernissage.images.iiif import IIIFError, Limits, parse_image_request
from vernissage.images.rendering import image_render
from vernissage.images.selectors import image_public_cached
from vernissage.images.tiles import pyramid_layout
from vernissage.images.views import (
    canonical_link,
    client_has,
    iiif_limits,
    image_answer,
    image_etag,
    image_view,
)

IMAGE_PATH = re.compile(
    r"^/iiif/3/(?P<identifier>[^/]+)/(?P<region>[^/]+)/(?P<size>[^/]+)/"
    r"(?P<rotation>[^/]+)/(?P<quality_format>[^/]+)$"
)
#: What a raw PATH_INFO starts with for the fast path to look further.
_PREFIX = "/iiif/3/"

WSGIApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class AnonymousImageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and (match := IMAGE_PATH.match(request.path_info)) is not None
        ):
            request.user = AnonymousUser()
            return image_view(request, **match.groupdict())
        return self.get_response(request)


def _no_response(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    raise AssertionError("SecurityMiddleware is only asked for its headers here")


#: A 304 is Django's HttpResponse(status=304): its default content type, no body.
_NOT_MODIFIED_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class _Entry:
    """What image requests for one image answer, kept per process for one generation."""

    generation: int
    #: The headers of a 200 in Django's order; None where a header varies per request
    #: (Content-Type, Link, ETag).
    headers: tuple[tuple[str, str | None], ...]
    #: The image's absolute base URI, for the canonical Link.
    base: str
    modified: int
    path: Path
    sha256: str
    width: int
    height: int
    limits: Limits


@dataclass(frozen=True)
class _Config:
    generation_file: str
    session_cookie: str
    #: The WSGI variables that decide the headers besides the path (scheme, host, script
    #: name: the canonical Link), part of each entry's key.
    key_variables: tuple[str, ...]


@functools.cache
def _config() -> _Config:
    variables = [
        "wsgi.url_scheme",
        "HTTP_HOST",
        "SERVER_NAME",
        "SERVER_PORT",
        "SCRIPT_NAME",
        "SCRIPT_URL",
        "HTTP_X_FORWARDED_HOST",
        "HTTP_X_FORWARDED_PORT",
    ]
    if settings.SECURE_PROXY_SSL_HEADER:
        variables.append(settings.SECURE_PROXY_SSL_HEADER[0])
    return _Config(
        generation_file=str(Path(settings.HOME) / "catalogue-generation"),
        session_cookie=settings.SESSION_COOKIE_NAME,
        key_variables=tuple(variables),
    )


_VARYING = ("Content-Type", "Link", "ETag")


class ImageFastPath:
    """WSGI: public images' image requests without a session, answered before Django.

    The first image request for an image (per scheme, host and catalogue generation) is
    answered by :func:`vernissage.images.views.image_answer` as the view would, and what
    its headers say of the image is kept; the next ones parse the request, check the
    validators and render the bytes with :func:`vernissage.images.rendering.image_render`,
    the same functions the view calls, with no request or response object.
    """

    #: Images kept per process; all are forgotten when it is full.
    LIMIT = 1000

    def __init__(self, application: WSGIApplication) -> None:
        self.application = application
        self._entries: dict[tuple[Any, ...], _Entry] = {}
        setting_changed.connect(self._setting_changed)

    def _setting_changed(self, **_kwargs: Any) -> None:
        _config.cache_clear()
        self._entries = {}

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        answer = self.answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def answer(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        """The status, headers and body Django would send, or None to let Django answer."""
        path_info = environ.get("PATH_INFO", "")
        if (
            environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or not path_info.startswith(_PREFIX)
            or not path_info.isascii()
        ):
            return None
        match = IMAGE_PATH.match(path_info)
        if match is None:
            return None
        config = _config()
        cookies = environ.get("HTTP_COOKIE")
        if cookies and config.session_cookie in parse_cookie(cookies):
            return None
        try:
            generation = os.stat(config.generation_file).st_mtime_ns
        except FileNotFoundError:
            generation = 0
        identifier = match["identifier"]
        key = (identifier, *(environ.get(name) for name in config.key_variables))
        entry = self._entries.get(key)
        if entry is None or entry.generation != generation:
            filled = self._fill(environ, match, generation)
            if filled is None:
                return None
            entry, answer = filled
            if len(self._entries) >= self.LIMIT:
                self._entries = {}
            self._entries[key] = entry
            return answer
        try:
            wanted = parse_image_request(
                region=match["region"],
                size=match["size"],
                rotation=match["rotation"],
                quality_format=match["quality_format"],
                width=entry.width,
                height=entry.height,
                limits=entry.limits,
            )
        except IIIFError:
            return None  # Django answers with the reason (400, 501)
        etag = image_etag(entry.sha256, wanted.canonical)
        if client_has(
            if_none_match=environ.get("HTTP_IF_NONE_MATCH"),
            if_modified_since=environ.get("HTTP_IF_MODIFIED_SINCE"),
            etag=etag,
            modified=entry.modified,
        ):
            status, media_type, body = "304 Not Modified", _NOT_MODIFIED_TYPE, b""
        else:
            try:
                rendered = image_render(path=entry.path, sha256=entry.sha256, request=wanted)
            except Exception:  # noqa: BLE001 - Django answers it again, with its error handling
                return None
            status, media_type, body = "200 OK", rendered.media_type, rendered.content
        varying = {
            "Content-Type": media_type,
            "Link": canonical_link(entry.base, wanted.canonical),
            "ETag": etag,
        }
        headers = [
            (name, varying[name] if value is None else value) for name, value in entry.headers
        ]
        return status, headers, body

    def _fill(
        self, environ: dict[str, Any], match: re.Match[str], generation: int
    ) -> tuple[_Entry, tuple[str, list[tuple[str, str]], bytes]] | None:
        """The view's own answer to this request, and what it says of a public image for
        the next requests; None where Django answers (an image this process does not hold as
        public: Django's answer fills that cache if it is)."""
        image = image_public_cached(identifier=match["identifier"])
        if image is None:
            return None
        request = WSGIRequest(environ)
        security = SecurityMiddleware(_no_response)
        if security.redirect and not request.is_secure():
            return None
        try:
            request.get_host()
        except DisallowedHost:
            return None
        set_script_prefix(get_script_name(environ))
        request.user = AnonymousUser()
        try:
            response = image_answer(request, image, **match.groupdict())
            if response.status_code not in (200, 304) or response.cookies:
                return None
            layout = pyramid_layout(image.pyramid_path)
            base = request.build_absolute_uri(reverse("iiif:base", args=[image.identifier]))
        except Exception:  # noqa: BLE001 - Django answers it, with its error handling
            return None
        security.process_response(request, response)
        items = list(response.items())
        answer = (f"{response.status_code} {response.reason_phrase}", items, response.content)
        entry = _Entry(
            generation=generation,
            headers=tuple((name, None if name in _VARYING else value) for name, value in items),
            base=base,
            modified=int(image.created_at.timestamp()),
            path=image.pyramid_path,
            sha256=image.sha256,
            width=layout.width,
            height=layout.height,
            limits=iiif_limits(),
        )
        return entry, answer
