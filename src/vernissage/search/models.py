"""The search index: one document per searchable record, kept by :mod:`.indexing`.

The text is folded (lower case, no accents) and written in every script it was typed in plus
its transliteration to Latin letters, so that the engine only ever compares plain words.
The engines read it through objects that migrations add beside the table, per database:
SQLite, an FTS5 table kept by triggers; PostgreSQL, a stored ``tsvector`` column with a GIN
index (see ``migrations/0002_search_engines.py``, ``0004_document_facets.py`` for the facet
terms and ``0005_vector_marks.py`` for how the vector keeps private words and facet terms
apart from the public words). Who may see a found record is never read from here: the
selectors keep only ids the records' own ``visible_to`` querysets return.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class RowIdField(models.BigIntegerField[int, int]):
    """A 64-bit primary key that SQLite keeps as the table's own row id (``INTEGER PRIMARY
    KEY``; Django's ``bigint PRIMARY KEY`` is a second column with an index of its own).

    FTS5 rebuilds its index by reading the documents in row id order and needs them in
    ascending order of its own row id, the document's id: each step back makes it write out
    everything it has gathered. With ``bigint`` the documents' row ids followed the order
    they were written in, not their ids, and the rebuild of a million works' index took more
    than 50 minutes (a segment written for nearly every other document); in id order, 17 s.
    Elsewhere a ``bigint`` as before."""

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", _("works")
        PERSON = "person", _("people")
        ORGANIZATION = "organization", _("organizations")
        EXHIBITION = "exhibition", _("exhibitions")
        REVIEW = "review", _("reviews")

    #: ``object_id * 8 + `` the kind's code (:data:`KIND_CODES`): the engines find a
    #: record's id and kind from their own row id, without reading this table.
    id = RowIdField(primary_key=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField()
    #: The record's names and titles: found words there rank first.
    names = models.TextField(blank=True)
    #: Everything else the public may read about the record.
    text = models.TextField(blank=True)
    #: What only viewers who see private records may find it by (a private co-maker's name).
    private_text = models.TextField(blank=True)
    #: Terms of the facets a search may be narrowed by (a work's kind, the decades its date
    #: may fall in: :func:`vernissage.search.terms.facet_terms`), never matched by the words
    #: a person types: the engine intersects them with those words itself.
    facets = models.TextField(blank=True, default="")

    class Meta:
        # Derived data kept by the index itself: nobody is given rights to edit it.
        default_permissions = ()
        ordering = ("kind", "object_id")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


#: The kinds' codes in a document's id (three bits).
KIND_CODES = {"work": 1, "person": 2, "organization": 3, "exhibition": 4, "review": 5}


def document_id(kind: str, object_id: int) -> int:
    return object_id * 8 + KIND_CODES[kind]


class SearchWord(models.Model):
    """Every word the index has held, for typo tolerance: a word typed with one letter wrong
    is looked up here and replaced by the indexed words one edit away. Words are only added
    (a word no document holds any more finds nothing, at no cost)."""

    word = models.CharField(max_length=64, unique=True)
    #: The word backwards: words that end alike are found by a prefix of it.
    drow = models.CharField(max_length=64, db_index=True)
    length = models.PositiveSmallIntegerField()

    class Meta:
        default_permissions = ()
        ordering = ("word",)

    def __str__(self) -> str:
        return self.word
