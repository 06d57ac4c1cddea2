"""PostgreSQL: an index of the vector for each kind of record but works.

One GIN index held every document's words, so finding the people a word names walked every
document holding it: a maker's name is in the documents of tens of thousands of works, and
the 825 people of that name among 20,000 were found by reading 45,000 works' entries, or by
testing all 20,000 people's vectors (14 to 22 ms a query at a million works). An index per
kind, over that kind's documents only (``WHERE kind = ...``, which the searches' own
``d.kind = ...`` selects), finds them in well under a millisecond. Works keep the index of
every document: they are nearly all of it.
"""

from importlib import import_module

from django.db import migrations

_engines = import_module("vernissage.search.migrations.0002_search_engines")
VendorSQL = _engines.VendorSQL

#: indexing.PERSON, ORGANIZATION, EXHIBITION, REVIEW (as they are today: a migration keeps
#: its own copy).
KINDS = ("person", "organization", "exhibition", "review")

POSTGRESQL = [
    f"CREATE INDEX search_document_vector_{kind} ON search_searchdocument "
    f"USING gin (vector) WHERE kind = '{kind}'"
    for kind in KINDS
]
POSTGRESQL_REVERSE = [f"DROP INDEX search_document_vector_{kind}" for kind in KINDS]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_document_row_id")]

    operations = [VendorSQL("postgresql", POSTGRESQL, POSTGRESQL_REVERSE)]
