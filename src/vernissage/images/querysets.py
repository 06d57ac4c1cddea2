from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from vernissage.core.access import Viewer, can_see_private

if TYPE_CHECKING:
    from vernissage.images.models import Image  # noqa: F401


class ImageQuerySet(models.QuerySet["Image"]):
    def visible_to(self, viewer: Viewer) -> ImageQuerySet:
        """Images the viewer may know of: for the public, public images of public works."""
        if can_see_private(viewer):
            return self
        return self.filter(
            is_public=True, artwork__is_public=True, artwork__deleted_at__isnull=True
        )
