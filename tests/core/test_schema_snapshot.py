"""A new SQLite database is made from the migrations' snapshot (vernissage.core.snapshot)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from vernissage.core.snapshot import SNAPSHOT_PATH, snapshot_build, snapshot_dump, snapshot_load


def _home_environment(home: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["VERNISSAGE_HOME"] = str(home)
    return environment


def test_the_snapshot_is_what_the_migrations_make() -> None:
    made = snapshot_build()

    assert made == SNAPSHOT_PATH.read_text(encoding="utf-8"), (
        "The schema snapshot is out of date: write it again with "
        "`uv run vernissage manage schema_snapshot` and commit it."
    )


def test_a_database_made_from_the_snapshot_is_migrated_and_holds_the_roles(
    tmp_path: Path,
) -> None:
    environment = _home_environment(tmp_path)
    subprocess.run(  # noqa: S603 - our own code
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = "
            "'vernissage.config.settings'; django.setup(); "
            "from vernissage.core.snapshot import snapshot_load; "
            "assert snapshot_load(); assert not snapshot_load()",
        ],
        env=environment,
        check=True,
    )
    unapplied = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "vernissage.cli", "manage", "migrate", "--check"],
        env=environment,
        capture_output=True,
        text=True,
    )
    database = tmp_path / "vernissage.sqlite3"
    with sqlite3.connect(database) as made:
        roles = [name for (name,) in made.execute("SELECT name FROM auth_group ORDER BY name")]
        fts = made.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'")

        assert fts.fetchone() == (1,)
    made.close()

    assert unapplied.returncode == 0, unapplied.stdout + unapplied.stderr
    assert roles == ["Owner", "Press", "Registrar", "Sales", "Viewer"]
    # Loading the snapshot makes the very database it was written from.
    assert snapshot_dump(database) == SNAPSHOT_PATH.read_text(encoding="utf-8")


def test_a_database_that_holds_tables_is_never_loaded_over(db: Any) -> None:
    # The test database (SQLite or PostgreSQL) is migrated already.
    assert snapshot_load() is False
