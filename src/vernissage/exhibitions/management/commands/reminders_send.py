"""``vernissage manage reminders_send``: send the reminders of openings less than a day away.

Reminders go out by themselves the day before (a task queued when the invitations are sent);
this catches up on any a stopped worker missed. Each opening's reminders go out once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vernissage.exhibitions.guests import openings_remind_due


class Command(BaseCommand):
    help = "Send the reminders of the openings of the next 24 hours not yet reminded."

    def handle(self, *args: Any, **options: Any) -> None:
        count = openings_remind_due()
        self.stdout.write(f"Sent the reminders of {count} opening{'s' if count != 1 else ''}.")
