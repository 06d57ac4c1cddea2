"""The engines beside the document table, per database.

SQLite: an FTS5 table over the documents (external content, kept by triggers in the writer's
transaction), words split by unicode61, prefix indexes for search as you type.
PostgreSQL: pg_trgm (typo candidates from the word list), a stored tsvector column (names
weighted A, public text B, private text D) with a GIN index.
Text reaches both already folded and transliterated (vernissage.search.terms), so neither
needs unaccent or a language's stemmer: 'simple' keeps words as written, in every script.
"""

from django.db import migrations

SQLITE = [
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
    "CREATE INDEX search_word_length ON search_searchword (length, word)",
    "CREATE INDEX search_word_drow_length ON search_searchword (drow, length)",
]
SQLITE_REVERSE = [
    "DROP INDEX search_word_drow_length",
    "DROP INDEX search_word_length",
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, names), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
        || setweight(to_tsvector('simple'::regconfig, private_text), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_word_trigrams ON search_searchword USING gin (word gin_trgm_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX search_word_trigrams",
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
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


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorSQL("sqlite", SQLITE, SQLITE_REVERSE),
        VendorSQL("postgresql", POSTGRESQL, POSTGRESQL_REVERSE),
    ]
