"""A biography handed in for reading, and the citations that tie accepted records to it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from vernissage.core.models import BaseModel


class Biography(BaseModel):
    """A text as handed in (its prose, as read) and the reader's proposals for it."""

    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    reading = models.JSONField(_("reading"), default=dict)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("biography")
        verbose_name_plural = _("biographies")

    def __str__(self) -> str:
        return self.title


class Citation(BaseModel):
    """The source of one fact of a record (person, place, organization, tie…): the sentence of
    a biography it was read from, or, for the demo world, what was added for the demo and why
    (no biography, no sentence: a ``note``)."""

    class Kind(models.TextChoices):
        READ = "read", _("a sentence of a biography")
        DEMO_ADDITION = "demo", _("added for the demo")

    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.READ)
    biography = models.ForeignKey(
        Biography,
        verbose_name=_("biography"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    field = models.CharField(_("field"), max_length=30)
    value = models.CharField(_("value"), max_length=500)
    sentence = models.TextField(_("sentence"), blank=True)
    note = models.TextField(_("note"), blank=True)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    confidence = models.FloatField(_("confidence"))
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    record: Any = GenericForeignKey("content_type", "object_id")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("biography", "start")
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            # A sentence read from a biography, or a demo addition that says why: never both,
            # never neither.
            models.CheckConstraint(
                condition=(models.Q(kind="read", biography__isnull=False) & ~models.Q(sentence=""))
                | (models.Q(kind="demo", biography__isnull=True, sentence="") & ~models.Q(note="")),
                name="citation_read_or_demo_addition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"
