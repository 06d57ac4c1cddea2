"""PostgreSQL: the living works' ids, with whether each is public, in an index of their own.

A search reads the ids of the works its words find (up to 5,001, for the facets and the
count) and keeps those the viewer may see: one lookup per work in the primary key, then a
read of the work's row for ``deleted_at`` and ``is_public``. At a million works a common
word's 5,700 lookups took 20 ms of the search's 57. Over this index each lookup answers
from the index alone (an index-only scan: the row is not read), 6 ms for the same
lookups. SQLite reaches a work's row through its id directly and gets nothing.
"""

from importlib import import_module

from django.db import migrations

_on_postgresql = import_module(
    "vernissage.works.migrations.0008_artwork_alive_order_postgresql"
)._on_postgresql

CREATE = (
    "CREATE INDEX IF NOT EXISTS artwork_alive_id_pg ON works_artwork (id, is_public) "
    "WHERE deleted_at IS NULL"
)
DROP = "DROP INDEX IF EXISTS artwork_alive_id_pg"


class Migration(migrations.Migration):
    dependencies = [("works", "0008_artwork_alive_order_postgresql")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
