"""Sign-in's backend, with each staff member's permissions kept between requests.

Django reads a user's permissions from the database once per request (two queries: the
user's own and their groups'), then keeps them on the user object for that request. Every
page a staff member opens asks the access rules, so those two queries were a third of the
cost of a signed-in request at the door. Here they are kept per process, keyed by the user and
by the access generation (:func:`vernissage.core.generation.access_changed`), which moves
whenever a role, a group's permissions, an account's permissions or its standing change
(:mod:`vernissage.core.signals`): a role taken away still takes effect on the next request.
"""

from __future__ import annotations

from threading import Lock
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from vernissage.core.generation import access_generation


class PermissionStore:
    """(user id, access generation) → the user's permissions, for the threads of a process."""

    LIMIT = 2000

    def __init__(self) -> None:
        self._generation = -1
        self._permissions: dict[Any, frozenset[str]] = {}
        self._lock = Lock()

    def get(self, generation: int, user_id: Any) -> frozenset[str] | None:
        with self._lock:
            if generation != self._generation:
                return None
            return self._permissions.get(user_id)

    def put(self, generation: int, user_id: Any, permissions: frozenset[str]) -> None:
        with self._lock:
            if generation != self._generation or len(self._permissions) >= self.LIMIT:
                self._permissions = {}
                self._generation = generation
            self._permissions[user_id] = permissions

    def clear(self) -> None:
        with self._lock:
            self._permissions = {}
            self._generation = -1


permissions = PermissionStore()


class AuthenticationBackend(AllauthBackend):  # type: ignore[misc]
    """allauth's backend (log in by user name or e-mail), with permissions kept per process
    until access changes."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return super().get_all_permissions(user_obj, obj)  # type: ignore[no-any-return]
        if not hasattr(user_obj, "_perm_cache"):
            generation = access_generation()
            kept = permissions.get(generation, user_obj.pk)
            if kept is None:
                kept = frozenset(super().get_all_permissions(user_obj))
                permissions.put(generation, user_obj.pk, kept)
            user_obj._perm_cache = set(kept)
        return user_obj._perm_cache  # type: ignore[no-any-return]
