"""System checks of the sign-in area."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def check_shared_cache(**kwargs: Any) -> list[CheckMessage]:
    """Login rate limits and used TOTP codes live in the default cache: a per-process cache
    gives every server worker its own count, and an attacker as many tries as workers."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The default cache is not shared between processes, so login rate limits "
                "do not hold across server workers.",
                hint="Use the database cache or Redis (VERNISSAGE_REDIS_URL).",
                id="accounts.W001",
            )
        ]
    return []
