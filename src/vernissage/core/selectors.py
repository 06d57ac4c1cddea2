from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

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
