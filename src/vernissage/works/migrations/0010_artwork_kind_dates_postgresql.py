"""PostgreSQL: the living works by kind and dates, with their ids, in an index of their own.

A list narrowed by a kind and a decade with no word typed (paintings of the 1990s) reads
up to 5,001 ids for its facets and its count. PostgreSQL walked the index of the kind and
read each painting's row to test its dates: 39 ms at a million works. Over this index the
decade's works come first (ordered by the latest their date may be, from the decade's
start) and the ids and ``is_public`` are read from the index alone: 1.4 ms. Asking the
search index for the facet terms first, as SQLite does, took 63 ms here.
"""

from importlib import import_module

from django.db import migrations

_on_postgresql = import_module(
    "vernissage.works.migrations.0008_artwork_alive_order_postgresql"
)._on_postgresql

CREATE = (
    "CREATE INDEX IF NOT EXISTS artwork_kind_dates_pg ON works_artwork "
    "(classification, date_latest, date_earliest) INCLUDE (id, is_public) "
    "WHERE deleted_at IS NULL"
)
DROP = "DROP INDEX IF EXISTS artwork_kind_dates_pg"


class Migration(migrations.Migration):
    dependencies = [("works", "0009_artwork_alive_id_postgresql")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
