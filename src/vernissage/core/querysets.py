"""Querysets shared by the areas."""

from __future__ import annotations

from typing import Any

from django.db import models

from vernissage.core.access import Viewer, can_see_private


class PublicQuerySet(models.QuerySet[Any]):
    """Records with an ``is_public`` flag: the public sees the public ones, staff with
    ``view_private_records`` all of them."""

    def public(self) -> PublicQuerySet:
        return self.filter(is_public=True)

    def visible_to(self, viewer: Viewer) -> PublicQuerySet:
        return self if can_see_private(viewer) else self.public()
