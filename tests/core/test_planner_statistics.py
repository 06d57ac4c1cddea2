"""The planner's statistics are made on SQLite (PostgreSQL keeps its own)."""

from typing import Any

from django.db import connection
from tests.factories.works import ArtworkFactory

from vernissage.core.statistics import planner_statistics_refresh


def test_refresh_writes_sqlite_statistics_and_leaves_other_databases_alone(
    db: Any, django_assert_num_queries: Any
) -> None:
    ArtworkFactory.create_batch(3)
    if connection.vendor != "sqlite":
        with django_assert_num_queries(0):
            planner_statistics_refresh()
        return
    planner_statistics_refresh()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'works_artwork'")
        assert cursor.fetchone()[0] > 0
