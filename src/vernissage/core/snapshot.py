"""The schema of a new SQLite database, loaded in one step instead of replaying the migrations.

Replaying the 95 migrations into an empty SQLite file took 13.8 s of the demo's 19.9 s first
start on an idle machine (25 s under CI's load; the goal is 15 s, issue 11): Django re-renders
the related models after every operation, and every model here is related to every other
through the user who made it. Like Rails' ``db:schema:load``, a new database is made from what
the migrations make, written down once (``schema/sqlite.sql``): the tables, indexes, triggers
and full-text tables, the rows the migrations write (content types, permissions, the staff
roles, the people's roles) and the list of applied migrations. ``migrate`` then runs as
always and applies whatever the snapshot does not hold yet.

The snapshot is made by migrating a new database (``vernissage manage schema_snapshot``) and
a test fails when it differs from what the migrations make today, so it cannot go stale
unnoticed. It is used only for an empty SQLite database; PostgreSQL and every database that
holds anything migrate as before.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.db import connections

#: The snapshot, kept with the code that makes it.
SNAPSHOT_PATH = Path(__file__).resolve().parent / "schema" / "sqlite.sql"

#: The tables SQLite makes for a full-text table, which its ``CREATE VIRTUAL TABLE`` makes again.
_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")

_HEADER = (
    "-- The schema and rows of a new Vernissage database on SQLite, as the migrations make them\n"
    "-- (vernissage.core.snapshot). Made by `vernissage manage schema_snapshot`; do not edit.\n"
)


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return repr(int(value) if isinstance(value, bool) else value)
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    text = str(value).replace("'", "''")
    return f"'{text}'"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _statements(database: sqlite3.Connection) -> Iterator[str]:
    rows = database.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    virtual = [name for _type, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    shadows = {name + suffix for name in virtual for suffix in _SHADOW_SUFFIXES}
    tables = [
        (name, sql)
        for kind, name, sql in rows
        if kind == "table" and name not in shadows and not name.startswith("sqlite_")
    ]
    for _name, sql in tables:
        yield sql + ";"
    for name, sql in tables:
        if sql.upper().startswith("CREATE VIRTUAL"):
            continue
        if name == "django_migrations":
            # When each migration was applied is the moment the snapshot is loaded.
            for app, migration in database.execute(
                "SELECT app, name FROM django_migrations ORDER BY id"
            ):
                yield (
                    "INSERT INTO django_migrations (app, name, applied) VALUES "  # noqa: S608 - our quoting of our rows
                    f"({_literal(app)}, {_literal(migration)}, "
                    "strftime('%Y-%m-%d %H:%M:%f', 'now'));"
                )
            continue
        for row in database.execute(f"SELECT * FROM {_quoted(name)} ORDER BY rowid"):  # noqa: S608 - a table name from sqlite_master
            values = ", ".join(_literal(value) for value in row)
            yield f"INSERT INTO {_quoted(name)} VALUES ({values});"  # noqa: S608 - as above
    for kind, name, sql in rows:
        if kind != "table" and name not in shadows:
            yield sql + ";"


def snapshot_dump(path: Path) -> str:
    """The snapshot of the SQLite database at ``path``: one statement a line, in the order
    that makes it again (tables, rows, then indexes and triggers)."""
    database = sqlite3.connect(path)
    try:
        body = "\n".join(_statements(database))
    finally:
        database.close()
    return f"{_HEADER}BEGIN;\n{body}\nCOMMIT;\n"


def snapshot_build() -> str:
    """Migrate a new SQLite database in a scratch folder, in a process of its own so that
    the configured database is never touched, and return its snapshot."""
    with tempfile.TemporaryDirectory(prefix="vernissage-snapshot-") as scratch:
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        }
        environment["VERNISSAGE_HOME"] = scratch
        environment["VERNISSAGE_SCHEMA_SNAPSHOT"] = "false"
        subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "-m", "vernissage.cli", "manage", "migrate", "--verbosity", "0"],
            env=environment,
            check=True,
        )
        return snapshot_dump(Path(scratch) / "vernissage.sqlite3")


def snapshot_load(alias: str = "default") -> bool:
    """Make an empty SQLite database from the snapshot in one transaction; False (and
    nothing done) for any other database, one that holds a table already, or when
    ``VERNISSAGE_SCHEMA_SNAPSHOT=false``."""
    if os.environ.get("VERNISSAGE_SCHEMA_SNAPSHOT", "true").lower() in {"0", "false", "no"}:
        return False
    connection = connections[alias]
    if connection.vendor != "sqlite" or not SNAPSHOT_PATH.exists():
        return False
    if connection.introspection.table_names():
        return False
    connection.ensure_connection()
    raw = connection.connection
    if raw is None:  # pragma: no cover - ensure_connection() made it
        return False
    try:
        raw.executescript(SNAPSHOT_PATH.read_text(encoding="utf-8"))
    except sqlite3.Error:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise
    return True
