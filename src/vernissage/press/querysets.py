"""Who sees which reviews and quotes (asked through :mod:`vernissage.core.access`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from vernissage.core.access import Viewer, can_see_press, can_see_private_press

if TYPE_CHECKING:
    from vernissage.press.models import PressRequest, Quote, Review  # noqa: F401


class ReviewQuerySet(models.QuerySet["Review"]):
    def public(self) -> ReviewQuerySet:
        return self.filter(is_public=True)

    def visible_to(self, viewer: Viewer) -> ReviewQuerySet:
        """Every review for staff who keep or may see private records; the public ones for
        everyone else."""
        return self if can_see_private_press(viewer) else self.public()

    def newest_first(self) -> ReviewQuerySet:
        return self.order_by(
            models.F("date_latest").desc(nulls_last=True),
            models.F("date_earliest").desc(nulls_last=True),
            "-created_at",
            "-id",
        )


class QuoteQuerySet(models.QuerySet["Quote"]):
    def visible_to(self, viewer: Viewer) -> QuoteQuerySet:
        """A quote the rights do not let us publish is for staff who read the press only."""
        return self if can_see_press(viewer) else self.filter(may_publish=True)


class PressRequestQuerySet(models.QuerySet["PressRequest"]):
    def visible_to(self, viewer: Viewer) -> PressRequestQuerySet:
        """Press requests live in the contact log: staff who read the press see them."""
        return self if can_see_press(viewer) else self.none()
