"""Writes shared by every area: audited saves, soft deletion and fuzzy-date bounds.

Every service of every area saves through :func:`audited_save` (or deletes through
:func:`audited_delete` / :func:`soft_delete`), so that the audit log sees every write, one
transaction each.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.fuzzy_dates import parse_fuzzy_date
from vernissage.core.generation import catalogue_changed
from vernissage.core.models import AuditLog, SoftDeleteModel
from vernissage.core.roles import StaffRole, staff_role_parse
from vernissage.core.selectors import staff_roles_of

M = TypeVar("M", bound=models.Model)
Actor = AbstractBaseUser | AnonymousUser | None

SKIPPED_FIELDS = frozenset({"created_at", "updated_at"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, FieldFile):  # a file is logged by its name in the storage
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a record, JSON-ready (foreign keys as their ids)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        values[field.attname] = _jsonable(getattr(instance, field.attname))
    return values


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {
        key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    instance: models.Model,
    action: AuditLog.Action,
    acting_user: Actor,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditLog | None:
    changes = diff(before, after)
    if action == AuditLog.Action.UPDATE and not changes:
        return None
    transaction.on_commit(catalogue_changed)
    actor_id = acting_user.pk if acting_user is not None and acting_user.is_authenticated else None
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    record_type, record_id = content_type, str(instance.pk)
    parent = getattr(instance, "audit_parent", "")
    if parent:
        field = instance._meta.get_field(parent)
        parent_id = getattr(instance, field.attname)  # type: ignore[union-attr]
        if parent_id is not None:
            record_type = ContentType.objects.get_for_model(
                field.related_model,  # type: ignore[arg-type]
                for_concrete_model=True,
            )
            record_id = str(parent_id)
    return AuditLog.objects.create(
        actor_id=actor_id,
        action=action,
        content_type=content_type,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
        record_type=record_type,
        record_id=record_id,
    )


def m2m_snapshot(instance: models.Model) -> dict[str, Any]:
    """The many-to-many links of a saved record, as sorted lists of ids."""
    return {
        field.name: sorted(getattr(instance, field.name).values_list("pk", flat=True))
        for field in instance._meta.many_to_many
        if field.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    }


def audit_m2m(
    *, instance: models.Model, acting_user: Actor, before: dict[str, Any] | None
) -> AuditLog | None:
    """Log what changed in a record's many-to-many links (roles, themes) since ``before``
    (``None`` for a record that had none yet)."""
    after = m2m_snapshot(instance)
    return audit_record(
        instance=instance,
        action=AuditLog.Action.UPDATE,
        acting_user=acting_user,
        before=before if before is not None else dict.fromkeys(after, []),
        after=after,
    )


def fuzzy_dates_apply(instance: models.Model) -> list[str]:
    """Fill the earliest/latest bounds of every fuzzy date of a record from its text.

    Returns the names of the fields whose text could not be read: kept as written, flagged.
    """
    unreadable: list[str] = []
    for name in getattr(instance, "fuzzy_date_fields", ()):
        parsed = parse_fuzzy_date(getattr(instance, name))
        setattr(instance, name, parsed.text)
        setattr(instance, f"{name}_earliest", parsed.earliest)
        setattr(instance, f"{name}_latest", parsed.latest)
        if parsed.is_flagged:
            unreadable.append(name)
    return unreadable


def _stored_snapshot(instance: models.Model) -> dict[str, Any] | None:
    if instance.pk is None:
        return None
    manager = type(instance)._base_manager
    stored = manager.filter(pk=instance.pk).first()
    return snapshot(stored) if stored is not None else None


def audited_save(
    *,
    instance: M,
    acting_user: Actor,
    exclude_from_validation: list[str] | None = None,
) -> M:
    """Validate and save one record in one transaction, and write its audit row."""
    fuzzy_dates_apply(instance)
    instance.full_clean(exclude=exclude_from_validation, validate_unique=True)
    with transaction.atomic():
        before = _stored_snapshot(instance)
        instance.save()
        audit_record(
            instance=instance,
            action=AuditLog.Action.CREATE if before is None else AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=snapshot(instance),
        )
    return instance


def audited_delete(*, instance: models.Model, acting_user: Actor) -> None:
    """Erase a minor record (a name variant, a maker line) and keep its values in the log."""
    with transaction.atomic():
        before = snapshot(instance)
        audit_record(
            instance=instance,
            action=AuditLog.Action.DELETE,
            acting_user=acting_user,
            before=before,
            after=None,
        )
        instance.delete()


def soft_delete(*, instance: SoftDeleteModel, acting_user: Actor) -> None:
    """Hide a person or a work; :func:`soft_restore` brings it back untouched."""
    if instance.deleted_at is not None:
        raise ValidationError(_("%(record)s is already deleted.") % {"record": instance})
    with transaction.atomic():
        before = snapshot(instance)
        instance.deleted_at = timezone.now()
        instance.save(update_fields=["deleted_at", "updated_at"])
        audit_record(
            instance=instance,
            action=AuditLog.Action.DELETE,
            acting_user=acting_user,
            before=before,
            after=snapshot(instance),
        )


def soft_restore(*, instance: SoftDeleteModel, acting_user: Actor) -> None:
    if instance.deleted_at is None:
        raise ValidationError(_("%(record)s is not deleted.") % {"record": instance})
    with transaction.atomic():
        before = snapshot(instance)
        instance.deleted_at = None
        instance.save(update_fields=["deleted_at", "updated_at"])
        audit_record(
            instance=instance,
            action=AuditLog.Action.RESTORE,
            acting_user=acting_user,
            before=before,
            after=snapshot(instance),
        )


def staff_roles_set(*, user: Any, roles: Iterable[str], acting_user: Actor) -> list[str]:
    """Give a person exactly these staff roles (and take away the others); returns them.

    A person with a role is staff (may open the admin); a person left with none is not,
    unless they are a superuser. Takes effect on the person's next request: permissions are
    read afresh for every request.
    """
    wanted = sorted({staff_role_parse(role).value for role in roles})
    with transaction.atomic():
        groups = list(Group.objects.filter(name__in=wanted))
        missing = set(wanted) - {group.name for group in groups}
        if missing:
            raise ValidationError(
                _("The role groups %(names)s are missing; run `vernissage manage migrate`.")
                % {"names": ", ".join(sorted(missing))}
            )
        before = {"roles": staff_roles_of(user), "is_staff": user.is_staff}
        others = list(user.groups.exclude(name__in=[member.value for member in StaffRole]))
        user.groups.set([*others, *groups])
        user.is_staff = bool(groups) or user.is_superuser or user.user_permissions.exists()
        user.save(update_fields=["is_staff"])
        after = {"roles": wanted, "is_staff": user.is_staff}
        audit_record(
            instance=user,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=after,
        )
    return wanted


def staff_role_grant(*, user: Any, role: str, acting_user: Actor) -> list[str]:
    current = staff_roles_of(user)
    return staff_roles_set(user=user, roles=[*current, role], acting_user=acting_user)


def staff_role_revoke(*, user: Any, role: str, acting_user: Actor) -> list[str]:
    role = staff_role_parse(role).value
    current = staff_roles_of(user)
    if role not in current:
        raise ValidationError(
            _("%(user)s does not have the role %(role)s.") % {"user": user, "role": role}
        )
    return staff_roles_set(
        user=user, roles=[name for name in current if name != role], acting_user=acting_user
    )
