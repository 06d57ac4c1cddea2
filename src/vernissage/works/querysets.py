from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.models import unreadable_dates
from vernissage.core.text import fold

if TYPE_CHECKING:
    from vernissage.works.models import Artwork, Creation  # noqa: F401


class ArtworkQuerySet(models.QuerySet["Artwork"]):
    def alive(self) -> ArtworkQuerySet:
        return self.filter(deleted_at__isnull=True)

    def public(self) -> ArtworkQuerySet:
        return self.alive().filter(is_public=True)

    def visible_to(self, viewer: Viewer) -> ArtworkQuerySet:
        return self.alive() if can_see_private(viewer) else self.public()

    def search(self, query: str) -> ArtworkQuerySet:
        result = self
        for word in fold(query).split():
            result = result.filter(search_text__contains=word)
        return result

    def dates_to_check(self) -> ArtworkQuerySet:
        """Works whose date was written but could not be read."""
        return self.filter(unreadable_dates(self.model.fuzzy_date_fields))

    def dimensions_to_check(self) -> ArtworkQuerySet:
        """Works whose dimensions, framed or not, were written but could not be read."""
        return self.filter(
            (Q(unit="") & ~Q(dimensions="")) | (Q(framed_unit="") & ~Q(framed_dimensions=""))
        )

    def made_between(self, start: Any, end: Any) -> ArtworkQuerySet:
        """Works whose date may fall between two days (fuzzy bounds overlap)."""
        return self.filter(date_earliest__lte=end, date_latest__gte=start)


class CreationQuerySet(models.QuerySet["Creation"]):
    def visible_to(self, viewer: Viewer) -> CreationQuerySet:
        """Maker lines naming people the viewer may see (a private co-maker stays hidden)."""
        alive = self.filter(person__deleted_at__isnull=True)
        return alive if can_see_private(viewer) else alive.filter(person__is_public=True)
