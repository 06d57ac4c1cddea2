"""The kinds of work Vernissage knows, and their Getty AAT concepts."""

from __future__ import annotations

from django.db import models


class Classification(models.TextChoices):
    PAINTING = "painting", "painting"
    PHOTOGRAPH = "photograph", "photograph"
    TAPESTRY = "tapestry", "tapestry"
    DRAWING = "drawing", "drawing"
    PRINT = "print", "print"
    SCULPTURE = "sculpture", "sculpture"
    MIXED_MEDIA = "mixed_media", "mixed media"
    VIDEO = "video", "video"
    INSTALLATION = "installation", "installation"


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
