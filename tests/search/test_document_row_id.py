"""search 0006: on SQLite a document's id becomes the table's row id, and nothing is lost.

FTS5 rebuilds its index by reading the documents in row id order and wants them in id
order; migrating remakes the table, which drops its triggers: they must come back, and the
full-text index keep finding what it found before."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from vernissage.search.models import SearchDocument


def _found(word: str) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid", [word]
            )
        else:
            cursor.execute(
                "SELECT id FROM search_searchdocument "
                "WHERE vector @@ to_tsquery('simple', %s) ORDER BY id",
                [word],
            )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_the_row_id_migration_keeps_the_documents_their_index_and_its_triggers() -> None:
    executor = MigrationExecutor(connection)
    before = [("search", "0005_vector_marks")]
    executor.migrate(before)
    try:
        old: Any = executor.loader.project_state(before).apps.get_model("search", "SearchDocument")
        # Written out of id order, as index_records writes them (a chunk in a builder's order).
        for object_id, names in [(9, "birches"), (2, "snowfield"), (5, "birches orchard")]:
            old.objects.create(id=object_id * 8 + 1, kind="work", object_id=object_id, names=names)
        assert _found("birches") == [41, 73]

        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

        assert _found("birches") == [41, 73]
        assert _found("snowfield") == [17]
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("SELECT rowid, id FROM search_searchdocument ORDER BY rowid")
                rows = cursor.fetchall()
                assert rows == [(17, 17), (41, 41), (73, 73)]
                cursor.execute(
                    "SELECT COUNT(*) FROM sqlite_master "
                    "WHERE type = 'trigger' AND name LIKE 'search_fts_%'"
                )
                assert cursor.fetchone()[0] == 3
        # The triggers follow writes again.
        SearchDocument.objects.filter(id=73).delete()
        SearchDocument.objects.create(id=3 * 8 + 1, kind="work", object_id=3, names="harbour")
        SearchDocument.objects.filter(id=17).update(names="steppe")
        assert (_found("birches"), _found("harbour"), _found("snowfield"), _found("steppe")) == (
            [41],
            [25],
            [],
            [17],
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
    finally:
        SearchDocument.objects.all().delete()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
