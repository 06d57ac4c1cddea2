"""What every record shares: timestamps, soft deletion, and the audit log."""

from __future__ import annotations

import operator
from functools import cache, reduce
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    #: Names of CharFields holding a fuzzy date as written; each has ``<name>_earliest``
    #: and ``<name>_latest`` DateFields beside it that the services fill in.
    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ()
    #: For a part of another record (a person's name, a work's maker line): the foreign key
    #: to that record, whose history then shows this part's changes too.
    audit_parent: ClassVar[str] = ""
    #: Fields only viewers who may see private records may read, in any door (history too).
    private_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True
        ordering = ("-created_at",)

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:  # noqa: N802 (Django's name)
        """``get_<field>_display()``: the label of the field's value, from a map made once per
        field. Django's own builds a dict of every choice on each call, hashing each lazy
        label (a translation each): a list of 48 works asked for some 900 translations."""
        value = getattr(self, field.attname)
        label = _choice_labels(field).get(make_hashable(value), value)
        return force_str(label, strings_only=True)


@cache
def _choice_labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    """A field's choices as value → label (lazy labels stay lazy: the language is the
    request's, read when the label is shown). Choices are fixed once the models load."""
    return {make_hashable(value): label for value, label in field.flatchoices}


def unreadable_dates(fields: tuple[str, ...]) -> models.Q:
    """Records where one of these fuzzy dates was written but could not be read: its text is
    kept, its bounds are empty (the services flag it so)."""
    return reduce(
        operator.or_,
        (
            models.Q(**{f"{name}_earliest__isnull": True}) & ~models.Q(**{name: ""})
            for name in fields
        ),
    )


class SoftDeleteQuerySet(models.QuerySet[Any]):
    def alive(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=False)


class SoftDeleteModel(BaseModel):
    """A record that is hidden, never erased, when deleted; ``core.services`` restores it."""

    # No plain index: nearly every row is NULL, and an index on it misleads SQLite's planner
    # into sorting the whole table for every list page.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ("-created_at",)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AuditLog(models.Model):
    """One row per write: who did what to which record, with the fields before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        RESTORE = "restore", _("restored")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object repr"), max_length=300)
    #: ``{field: [before, after]}`` for the fields that changed (all fields on create/delete).
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    #: The record whose history this row belongs to: the record itself, or for a part of a
    #: record (a person's name, a work's image) the person or work.
    record_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    record_id = models.CharField(_("record id"), max_length=64, blank=True, default="")

    class Meta:
        ordering = ("-at", "-id")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="auditlog_object_idx"),
            models.Index(fields=["record_type", "record_id", "at"], name="auditlog_record_idx"),
        ]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        who = self.actor or gettext("system")
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.get_action_display()} {self.object_repr}"


class AliveManager(models.Manager[Any]):
    """The default manager of soft-deleted models: deleted rows are not there."""

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Access(models.Model):
    """Not a table: the holder of the permissions no model permission can say.

    They are read by :mod:`vernissage.core.access` and given to staff through their roles.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = (
            ("view_private_records", "Can see private records and their notes"),
            ("view_prices", "Can see prices"),
            ("view_contacts", "Can see contacts and collectors"),
        )
        verbose_name = _("access")

    def __str__(self) -> str:
        return "access"
