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

from django.db import migrations, models

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
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_AFTER_REVERSE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
SQLITE_BEFORE_REVERSE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        names, text, private_text,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, names, text, private_text)
        VALUES (new.id, new.names, new.text, new.private_text);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, names, text, private_text)
        VALUES ('delete', old.id, old.names, old.text, old.private_text);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, names, text, private_text)
        VALUES ('delete', old.id, old.names, old.text, old.private_text);
        INSERT INTO search_fts(rowid, names, text, private_text)
        VALUES (new.id, new.names, new.text, new.private_text);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]

POSTGRESQL_AFTER = [
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, names), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
        || setweight(to_tsvector('simple'::regconfig, facets), 'C')
        || setweight(to_tsvector('simple'::regconfig, private_text), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]
POSTGRESQL_AFTER_REVERSE = [
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, names), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
        || setweight(to_tsvector('simple'::regconfig, private_text), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]


class VendorSQL(migrations.RunSQL):
    """SQL for one database vendor; nothing on the others."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def deconstruct(self):
        return (self.__class__.__name__, [self.vendor, self.sql, self.reverse_sql], {})

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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
        VendorSQL("postgresql", POSTGRESQL_AFTER, POSTGRESQL_AFTER_REVERSE),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
