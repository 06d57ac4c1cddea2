"""PostgreSQL: private words and facet terms told apart by a mark, not by a weight.

0002 and 0004 kept the private text (weight D) and the facet terms (weight C) in the vector
beside the public words (A, B), and a query said which weights it may match (``:AB``). A
GIN index does not store weights: every document it found for such a query was read back
and its vector tested again ("recheck"). At a million works a common word's 40,000 matches
cost a search 20 ms more than the same query without weights.

Now private words are held as ``~word`` and facet terms as ``^kpainting``: lexemes no typed
word can reach, by a whole word or a prefix (a typed word is a run of letters and digits). A
query asks for the marked forms where it may (``'garden':* | '~garden':*`` for viewers who
see private records; ``'^d1990'`` for a facet) and needs no weights, so the index's answer
is exact. Names and public text keep their weights A and B, for ranking. SQLite's FTS5
columns are unchanged.
"""

from importlib import import_module

from django.db import migrations

_engines = import_module("vernissage.search.migrations.0002_search_engines")
_facets = import_module("vernissage.search.migrations.0004_document_facets")
VendorSQL = _engines.VendorSQL

#: Marks before private words and facet terms (engines.PRIVATE_MARK, engines.FACET_MARK).
MARKED = """CREATE FUNCTION search_marked_lexemes(words text, mark text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT array_to_tsvector(coalesce(array_agg(mark || lexeme), '{}'::text[]))
        FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(words, ''))))
            AS lexeme
    $$"""

POSTGRESQL = [
    MARKED,
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, names), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
        || search_marked_lexemes(private_text, '~')
        || search_marked_lexemes(facets, '^')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]
POSTGRESQL_REVERSE = [
    *_facets._vector(facets=True),
    "DROP FUNCTION search_marked_lexemes(text, text)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_document_facets")]

    operations = [VendorSQL("postgresql", POSTGRESQL, POSTGRESQL_REVERSE)]
