"""``vernissage manage holds_lapse``: end every hold whose date has passed.

Each hold lapses by itself at its date (a task queued when it is placed); this catches up on
any a stopped worker missed. Safe to run at any time, as often as wished."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vernissage.market.holds import holds_lapse_due


class Command(BaseCommand):
    help = "End the holds on works whose date has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        lapsed = holds_lapse_due()
        self.stdout.write(f"Lapsed {lapsed} hold{'s' if lapsed != 1 else ''}.")
