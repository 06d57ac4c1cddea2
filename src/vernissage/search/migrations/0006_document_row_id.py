"""SQLite: a document's id is the table's row id, so FTS5 reads the documents in id order.

FTS5's ``rebuild`` reads an external content table in its row id order and writes out what
it has gathered each time a document's id is lower than the one before. Ids were a column
of their own (``bigint PRIMARY KEY``), row ids followed the order documents were written in,
and a million works' index took more than 50 minutes to rebuild; with the id as the row id
(``INTEGER PRIMARY KEY``) it takes seconds. Nothing changes on PostgreSQL.

SQLite remakes the table to change the column, which drops its triggers: they are dropped
first and made again after. FTS5's index is left as it is: it is keyed by the documents'
ids, which do not change.
"""

from importlib import import_module

from django.db import migrations

import vernissage.search.models

_engines = import_module("vernissage.search.migrations.0002_search_engines")
_facets = import_module("vernissage.search.migrations.0004_document_facets")
VendorSQL = _engines.VendorSQL

#: 0004's table and triggers: the triggers alone here.
TRIGGERS = [sql for sql in _facets.SQLITE_AFTER if sql.lstrip().startswith("CREATE TRIGGER")]
TRIGGERS_DROPPED = _facets.SQLITE_BEFORE[:3]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_vector_marks")]

    operations = [
        VendorSQL("sqlite", TRIGGERS_DROPPED, TRIGGERS),
        migrations.AlterField(
            model_name="searchdocument",
            name="id",
            field=vernissage.search.models.RowIdField(primary_key=True, serialize=False),
        ),
        VendorSQL("sqlite", TRIGGERS, TRIGGERS_DROPPED),
    ]
