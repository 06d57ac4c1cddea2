"""``vernissage manage messages_retry``: queue again the e-mails still waiting to be sent.

Failed e-mails are tried again by themselves (a task queued with the next attempt's time);
this catches up on messages whose task was lost with a stopped worker or a backend that
cannot wait. Messages sent already are never sent twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vernissage.exhibitions.mail import messages_enqueue, messages_waiting


class Command(BaseCommand):
    help = "Queue again the queued or failed e-mails whose next attempt is overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=10,
            help="only messages overdue by this long (default 10), so as not to race a worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = messages_waiting(grace=dt.timedelta(minutes=options["grace_minutes"]))
        messages_enqueue(waiting)
        self.stdout.write(f"Queued {len(waiting)} message{'s' if len(waiting) != 1 else ''}.")
