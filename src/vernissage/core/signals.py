"""Cache invalidation, and only that: whenever who may do what changes, however it changed
(a role given through the services, a group's permissions edited in the admin, an account
made inactive), the access generation moves, so no process keeps stale permissions.

The generation moves at once (this process, in this transaction, sees the change) and again
after the commit (other processes, which could otherwise have read and kept the permissions
as they were before it).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from vernissage.core.generation import access_changed


def _access_changed(**kwargs: Any) -> None:
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return  # a sign-in changes nobody's permissions
    access_changed()
    transaction.on_commit(access_changed)


def connect() -> None:
    for relation in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_access_changed, sender=relation, dispatch_uid=f"access-{relation}")
    for model in (User, Group, Permission):
        post_save.connect(_access_changed, sender=model, dispatch_uid=f"access-save-{model}")
        post_delete.connect(_access_changed, sender=model, dispatch_uid=f"access-del-{model}")
