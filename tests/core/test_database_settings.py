"""The settings each engine's connections are opened with (config/settings.py)."""

from __future__ import annotations

from typing import Any

from django.db import connection


def test_connections_carry_the_engines_settings(db: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Index lookups priced as on SSD or in memory: with PostgreSQL's 4, the works a
            # search found were joined by a scan of every work.
            cursor.execute("SHOW random_page_cost")
            assert float(cursor.fetchone()[0]) == 1.1
            # No parallel workers: the server's processes use the cores, and the workers'
            # start made short index reads slower.
            cursor.execute("SHOW max_parallel_workers_per_gather")
            assert cursor.fetchone()[0] == "0"
        else:
            # A page cache the search index fits in (256 MB, as a negative number of KiB),
            # and WAL so that readers never wait for the writer.
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == -256 * 1024
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] in ("wal", "memory")  # an in-memory test database
