from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from vernissage.core.models import AuditLog


def audit_log_for(*, instance: models.Model) -> models.QuerySet[AuditLog]:
    """The history of one record, newest first."""
    return AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
    ).select_related("actor")
