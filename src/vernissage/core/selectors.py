"""Reads shared by the areas: a record's history, and who holds which staff role."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.models import AuditLog
from vernissage.core.roles import StaffRole


def audit_log_for(*, instance: models.Model) -> models.QuerySet[AuditLog]:
    """The history of one record, newest first."""
    return AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
    ).select_related("actor")


def staff_roles_of(user: Any) -> list[str]:
    """The staff roles a person holds, by name."""
    return sorted(
        user.groups.filter(name__in=[role.value for role in StaffRole]).values_list(
            "name", flat=True
        )
    )


def record_history(*, instance: models.Model) -> models.QuerySet[AuditLog]:
    """The audit rows of a record and of its parts (a person's names, ties and life events;
    a work's makers, titles, inscriptions, prints and images), newest first.

    The caller has checked that the viewer may read history and may see the record.
    """
    return AuditLog.objects.filter(
        record_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        record_id=str(instance.pk),
    ).select_related("actor", "content_type")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    action: str
    #: What was changed: the record itself (empty) or the part, e.g. "name: Калмурзаев".
    part: str
    changes: tuple[FieldChange, ...]


#: Never shown: bounds and search text the services derive from fields that are shown.
_DERIVED_SUFFIXES = ("_earliest", "_latest")


def _shown_fields(model: type[models.Model] | None, viewer: Viewer) -> dict[str, Any]:
    """attname → field, for the fields of ``model`` a history shows to this viewer."""
    if model is None:
        return {}
    private = set(getattr(model, "private_fields", ())) if not can_see_private(viewer) else set()
    shown: dict[str, Any] = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.name in private or field.name.endswith(_DERIVED_SUFFIXES):
            continue
        if field.primary_key or field.name == getattr(model, "audit_parent", ""):
            continue  # the row says which record and part it is about
        if not field.editable and field.name not in {"slug"}:
            continue
        shown[field.attname] = field
    return shown


def history_entries(*, rows: Sequence[AuditLog], viewer: Viewer) -> list[HistoryEntry]:
    """Audit rows as a person reads them: field labels, names instead of ids, before → after.

    A constant number of queries whatever the rows: one per kind of record named.
    """
    fields_of: dict[int, dict[str, Any]] = {}
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for row in rows:
        if row.content_type_id not in fields_of:
            fields_of[row.content_type_id] = _shown_fields(row.content_type.model_class(), viewer)
        for attname, (before, after) in row.changes.items():
            field = fields_of[row.content_type_id].get(attname)
            if field is not None and field.is_relation and field.related_model is not None:
                for value in (before, after):
                    for item in value if isinstance(value, list) else [value]:
                        if item is not None:
                            wanted[field.related_model].add(item)
    names: dict[tuple[type[models.Model], str], str] = {}
    for model, ids in wanted.items():
        manager = getattr(model, "all_objects", model._default_manager)
        for pk, related in manager.in_bulk(list(ids)).items():
            names[(model, str(pk))] = str(related)

    def shown(field: Any, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if field.is_relation and field.related_model is not None:
            items = value if isinstance(value, list) else [value]
            return ", ".join(
                names.get((field.related_model, str(item)), f"#{item}") for item in items
            )
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if getattr(field, "choices", None):
            return str(dict(field.flatchoices).get(value, value))
        return str(value)

    entries = []
    for row in rows:
        fields = fields_of[row.content_type_id]
        changes = tuple(
            change
            for attname, (before, after) in sorted(row.changes.items())
            if attname in fields
            for change in [
                FieldChange(
                    field=str(fields[attname].verbose_name),
                    before=shown(fields[attname], before),
                    after=shown(fields[attname], after),
                )
            ]
            if change.before != change.after  # "" and None read the same: no change
        )
        is_part = (row.content_type_id, row.object_id) != (row.record_type_id, row.record_id)
        part = (
            _("%(kind)s: %(record)s") % {"kind": row.content_type.name, "record": row.object_repr}
            if is_part
            else ""
        )
        entries.append(
            HistoryEntry(
                at=row.at,
                actor=str(row.actor) if row.actor is not None else _("the system"),
                action=row.get_action_display(),
                part=part,
                changes=changes,
            )
        )
    return entries
