"""Pictures of works: the original kept byte for byte, and the tiled pyramid IIIF cuts from."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vernissage.core.models import BaseModel
from vernissage.images.querysets import ImageQuerySet
from vernissage.works.models import Artwork


class Image(BaseModel):
    audit_parent = "artwork"

    class Pyramid(models.TextChoices):
        PENDING = "pending", _("waiting to be built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    artwork = models.ForeignKey(
        Artwork, verbose_name=_("artwork"), on_delete=models.CASCADE, related_name="images"
    )
    #: The name in IIIF URLs: ``/iiif/3/{identifier}/...``. Letters, digits, ``-``, ``_``, ``.``.
    identifier = models.CharField(_("identifier"), max_length=100, unique=True)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    #: Relative to MEDIA_ROOT; the file as it was given, never changed.
    original = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=300, blank=True, editable=False)
    format = models.CharField(max_length=10, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    bytes = models.PositiveBigIntegerField(editable=False)
    pyramid_status = models.CharField(
        max_length=10, choices=Pyramid.choices, default=Pyramid.PENDING, editable=False
    )
    pyramid_error = models.TextField(blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_primary = models.BooleanField(_("primary image"), default=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("photographer credit"), max_length=300, blank=True)
    rights = models.CharField(
        _("rights"),
        max_length=300,
        blank=True,
        help_text=_(
            "A rights statement or licence URL, e.g. http://rightsstatements.org/vocab/InC/1.0/"
        ),
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to the public when the work is public.")
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ("artwork_id", "-is_primary", "position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["artwork"],
                condition=models.Q(is_primary=True),
                name="image_one_primary_per_artwork",
            )
        ]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return f"{self.artwork.title} — {self.identifier}"

    @property
    def original_path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.original

    @property
    def pyramid_path(self) -> Path:
        """The tiled pyramidal TIFF (JPEG tiles of 256 px) that every IIIF request cuts from."""
        return Path(settings.MEDIA_ROOT) / "pyramids" / self.sha256[:2] / f"{self.sha256}.tif"

    @property
    def is_ready(self) -> bool:
        return self.pyramid_status == self.Pyramid.READY
