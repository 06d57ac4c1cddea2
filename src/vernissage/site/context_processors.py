"""What every page's template may know of its viewer: booleans worked out by the access
rules in ``core``, so that no template reads ``user.is_staff`` or a permission itself."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from vernissage.core.access import Access


def access(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"access": SimpleLazyObject(lambda: Access.of(user))}
