"""Facet terms beside the words: a work's kind and decades, in a column of their own.

A search narrowed by facets ("garden", paintings of the 1990s) found every work the word
finds (40,000 of a million) and looked each one up to test the facets, of which 1,300
passed: 200 ms on SQLite, 400 ms on PostgreSQL. With the facets' terms in the index, the
engine intersects them with the word itself.

The terms are never matched by the words a person types: SQLite's FTS5 table gains a
``facets`` column that the words' column filters leave out; PostgreSQL's vector weighs them
C, a weight the words never ask for (names A, public text B, private text D). The works'
documents are then written again with their terms.
"""

from importlib import import_module

from django.db import migrations, models

_engines = import_module("vernissage.search.migrations.0002_search_engines")
VendorSQL = _engines.VendorSQL
REBUILD = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"

SQLITE_BEFORE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
SQLITE_AFTER = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        names, text, private_text, facets,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, names, text, private_text, facets)
        VALUES (new.id, new.names, new.text, new.private_text, new.facets);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, names, text, private_text, facets)
        VALUES ('delete', old.id, old.names, old.text, old.private_text, old.facets);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, names, text, private_text, facets)
        VALUES ('delete', old.id, old.names, old.text, old.private_text, old.facets);
        INSERT INTO search_fts(rowid, names, text, private_text, facets)
        VALUES (new.id, new.names, new.text, new.private_text, new.facets);
    END""",
    REBUILD,
]
SQLITE_AFTER_REVERSE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
#: The table and triggers as 0002 made them, for going back.
SQLITE_BEFORE_REVERSE = [*_engines.SQLITE[:4], REBUILD]



def _vector(*, facets: bool) -> list[str]:
    """The vector column and its index made again, with the facet terms weighed C or not."""
    weighed = [("names", "A"), ("text", "B"), *([("facets", "C")] if facets else [])]
    weighed.append(("private_text", "D"))
    parts = "\n        || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {column}), '{weight}')"
        for column, weight in weighed
    )
    return [
        "DROP INDEX search_document_vector",
        "ALTER TABLE search_searchdocument DROP COLUMN vector",
        "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS "
        f"(\n        {parts}\n    ) STORED",
        "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    ]


def fill(apps, schema_editor):
    from vernissage.search.indexing import WORK, index_rebuild

    index_rebuild(apps=apps, kinds=[WORK])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_search_fill"),
        ("works", "0008_artwork_alive_order_postgresql"),
    ]

    operations = [
        # SQLite remakes the table to add a column, which would drop its triggers.
        VendorSQL("sqlite", SQLITE_BEFORE, SQLITE_BEFORE_REVERSE),
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.TextField(blank=True, default=""),
        ),
        VendorSQL("sqlite", SQLITE_AFTER, SQLITE_AFTER_REVERSE),
        VendorSQL("postgresql", _vector(facets=True), _vector(facets=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
