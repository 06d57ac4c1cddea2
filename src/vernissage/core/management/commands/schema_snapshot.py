"""``vernissage manage schema_snapshot``: write down the schema a new SQLite database starts
from (``vernissage.core.snapshot``), or check that it is still what the migrations make."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vernissage.core.snapshot import SNAPSHOT_PATH, snapshot_build


class Command(BaseCommand):
    help = (
        "Migrate a new SQLite database and write its schema and rows to the snapshot a new "
        "database is made from; with --check, fail when the snapshot differs."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; exit with an error when the snapshot is out of date",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        made = snapshot_build()
        kept = SNAPSHOT_PATH.read_text(encoding="utf-8") if SNAPSHOT_PATH.exists() else ""
        if options["check"]:
            if made != kept:
                raise CommandError(
                    f"{SNAPSHOT_PATH} is not what the migrations make; "
                    "write it again with `vernissage manage schema_snapshot`."
                )
            self.stdout.write("The schema snapshot is what the migrations make.")
            return
        SNAPSHOT_PATH.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT_PATH.write_text(made, encoding="utf-8")
        self.stdout.write(f"Wrote {SNAPSHOT_PATH} ({made.count(chr(10))} lines).")
