"""A cache of public pages as anonymous visitors see them.

Most visitors of a gallery's site are anonymous and see the same page; rendering it costs the
ORM and the templates a few milliseconds, which caps a small server at a few hundred pages a
second. Views marked with :func:`public_page_cache` are cached by
:class:`PublicPageCacheMiddleware`, which sits right after the static files and answers a hit
before sessions, authentication or CSRF are looked at.

Pages are cached per URL, per language (the one ``LocaleMiddleware`` will pick, from the
language cookie or ``Accept-Language``) and per catalogue generation
(:mod:`vernissage.core.generation`), so a committed write is visible at once, private
records included: a work made private is 404 on the next request. Anyone with a session
cookie (staff) always gets a fresh page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache, wraps
from threading import Lock
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from vernissage.core.generation import catalogue_generation

View = Callable[..., HttpResponse]
MARK = "vernissage_public_page"


def public_page_cache(view: View) -> View:
    """Mark a public view's 200 pages as cacheable for anonymous visitors."""

    @wraps(view)
    def marked_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, MARK, True)
        return response

    return marked_view


class _PageStore:
    """A small per-process LRU of (generation, URL) → (status, headers, body, stored at)."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[int, list[tuple[str, str]], bytes, float]] = (
            OrderedDict()
        )
        self._lock = Lock()

    def get(self, key: str) -> tuple[int, list[tuple[str, str]], bytes, float] | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple[int, list[tuple[str, str]], bytes, float]) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > settings.VERNISSAGE_PAGE_CACHE_ENTRIES:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


pages = _PageStore()


@lru_cache(maxsize=256)
def _language(cookie: str | None, accept_language: str) -> str:
    """The language ``LocaleMiddleware`` will pick for this cookie and ``Accept-Language``.

    Remembered: browsers send a handful of different headers, and working one out (several
    lookups of variants that are not offered) costs as much as the rest of a cache hit.
    """
    probe = HttpRequest()
    if cookie is not None:
        probe.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
    probe.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    return translation.get_language_from_request(probe)


@receiver(setting_changed)
def _languages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "LANGUAGE_COOKIE_NAME"}:
        _language.cache_clear()


def _key(request: HttpRequest) -> str | None:
    if (
        settings.VERNISSAGE_PAGE_CACHE_SECONDS <= 0
        or request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return None
    language = _language(
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
    )
    return f"{catalogue_generation()}:{language}:{request.build_absolute_uri()}"


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request)
        if key is not None:
            page = pages.get(key)
            now = timezone.now().timestamp()
            if page is not None and now - page[3] < settings.VERNISSAGE_PAGE_CACHE_SECONDS:
                status, headers, body, _stored = page
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        if (
            key is not None
            and getattr(response, MARK, False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            pages.put(
                key,
                (
                    response.status_code,
                    list(response.items()),
                    response.content,
                    timezone.now().timestamp(),
                ),
            )
        return response
