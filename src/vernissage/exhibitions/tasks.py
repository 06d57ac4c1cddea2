"""Background work of exhibitions, run by django-tasks (the database backend under
``vernissage serve`` and ``demo``, whose worker runs beside the web server; immediate in tests).

Work that must happen at a moment (an invitation's deadline, the day before an opening, the
next try of a failed e-mail) is queued with ``run_after`` when the reason for it is written, so
it happens by itself. Every task is idempotent: it looks at the records when it runs and does
nothing if its work is done or no longer due, so a task queued twice, or run late by a
catch-up command, does no harm.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)


def enqueue_at(task_: Task[Any, Any], when: dt.datetime | None, *args: Any) -> bool:
    """Queue ``task_`` to run at ``when`` (now if ``None`` or past); ``False`` when it could
    not be queued for later.

    A backend that cannot run work later (the immediate one of the tests) gets nothing for a
    future moment: running it now would be wrong, and the catch-up commands
    (``invitations_expire``, ``reminders_send``, ``messages_retry``) do it when due.
    """
    if when is None or when <= timezone.now():
        task_.enqueue(*args)
        return True
    if not task_.get_backend().supports_defer:
        logger.info("%s not queued for %s: the task backend cannot defer", task_.name, when)
        return False
    task_.using(run_after=when).enqueue(*args)
    return True


@task()
def messages_send_task(message_ids: list[int]) -> str:
    from vernissage.exhibitions.mail import messages_send

    return str(messages_send(message_ids=message_ids))


@task()
def invitation_expire_task(invitation_id: int) -> str:
    from vernissage.exhibitions.invitations import invitation_expire_if_due

    return invitation_expire_if_due(invitation_id=invitation_id)


@task()
def opening_reminders_task(opening_id: int) -> str:
    from vernissage.exhibitions.guests import opening_reminders_if_due

    return opening_reminders_if_due(opening_id=opening_id)
