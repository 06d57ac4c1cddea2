"""A cache of public pages as anonymous visitors see them.

Most visitors of a gallery's site are anonymous and see the same page; rendering it costs the
ORM and the templates a few milliseconds, which caps a small server at a few hundred pages a
second. Pages are cached per URL and per catalogue generation (see
:mod:`vernissage.core.generation`), so a committed write is visible at once, private records
included: a work made private is 404 on the next request. Anyone with a session cookie
(staff) always gets a fresh page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from vernissage.core.generation import catalogue_generation

View = Callable[..., HttpResponse]


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.VERNISSAGE_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def public_page_cache(view: View) -> View:
    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        cache = caches["pages"]
        key = f"page:{catalogue_generation()}:{request.build_absolute_uri()}"
        response: HttpResponse | None = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(response, "streaming", False)
        ):
            cache.set(key, response, settings.VERNISSAGE_PAGE_CACHE_SECONDS)
        return response

    return cached_view
