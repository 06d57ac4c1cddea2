from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from vernissage.core.access import Viewer, can_see_private

if TYPE_CHECKING:
    from vernissage.exhibitions.models import Exhibition, Guest  # noqa: F401


class ExhibitionQuerySet(models.QuerySet["Exhibition"]):
    def alive(self) -> ExhibitionQuerySet:
        return self.filter(deleted_at__isnull=True)

    def public(self) -> ExhibitionQuerySet:
        return self.alive().filter(is_public=True)

    def visible_to(self, viewer: Viewer) -> ExhibitionQuerySet:
        return self.alive() if can_see_private(viewer) else self.public()


class GuestQuerySet(models.QuerySet["Guest"]):
    def attending(self) -> GuestQuerySet:
        return self.filter(response="attending", waitlisted_at__isnull=True)

    def waiting(self) -> GuestQuerySet:
        return self.filter(response="attending", waitlisted_at__isnull=False)
