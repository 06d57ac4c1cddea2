"""``vernissage manage invitations_expire``: expire every sent invitation past its deadline.

Each invitation expires by itself at its deadline (a task queued when it is sent); this
catches up on any a stopped worker missed. Safe to run at any time, as often as wished."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vernissage.exhibitions.invitations import invitations_expire_due


class Command(BaseCommand):
    help = "Expire the invitations to exhibit whose deadline has passed unanswered."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = invitations_expire_due()
        self.stdout.write(f"Expired {expired} invitation{'s' if expired != 1 else ''}.")
