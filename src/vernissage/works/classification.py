"""The kinds of work Vernissage knows, and their Getty AAT concepts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    PAINTING = "painting", _("painting")
    PHOTOGRAPH = "photograph", _("photograph")
    TAPESTRY = "tapestry", _("tapestry")
    DRAWING = "drawing", _("drawing")
    PRINT = "print", _("print")
    SCULPTURE = "sculpture", _("sculpture")
    MIXED_MEDIA = "mixed_media", _("mixed media")
    VIDEO = "video", _("video")
    INSTALLATION = "installation", _("installation")


#: AAT concepts for the classifications that the Linked Art label list
#: (shared/conformance/aat_labels.json) has; video has none there.
AAT: dict[str, tuple[str, str]] = {
    Classification.PAINTING: ("aat:300033618", "paintings (visual works)"),
    Classification.PHOTOGRAPH: ("aat:300046300", "photographs"),
    Classification.TAPESTRY: ("aat:300205002", "tapestries"),
    Classification.DRAWING: ("aat:300033973", "drawings (visual works)"),
    Classification.PRINT: ("aat:300041273", "prints (visual works)"),
    Classification.SCULPTURE: ("aat:300047090", "sculpture (visual works)"),
    Classification.MIXED_MEDIA: ("aat:300163347", "mixed media"),
    Classification.INSTALLATION: ("aat:300047896", "installations (visual works)"),
}


def aat_url(aat_id: str) -> str:
    return f"http://vocab.getty.edu/aat/{aat_id.removeprefix('aat:')}"
