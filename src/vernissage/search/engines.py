"""Reading the index: a typed query made into each engine's own query, safely.

A query is read as words (:mod:`.terms`); each word becomes a group of alternatives, any of
which may match, and every group must match:

- the word as a prefix (search as you type; a one-letter word other than the last is taken
  whole, or it would match half the catalogue);
- its transliteration, as a prefix (калмурзаев → kalmurzaev);
- in a word of five letters or more that no indexed word begins with, every indexed word
  one edit away (kalmursaev → kalmurzaev, Kalmourzaev → kalmurzaev), from the word list;
- for a word in another script that names a city, the city's name in the gazetteer
  (Москва → moscow).

Words only ever reach the engines quoted, and are runs of letters and digits, so no operator
(``"``, ``*``, ``NEAR``, ``OR``, ``&``, ``:``) typed by a person is ever read as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection

from vernissage.search.models import KIND_CODES
from vernissage.search.terms import split_words, transliterate, within_one_edit

#: Words of a query beyond these are ignored (a pasted page is answered, not run).
MAX_WORDS = 8
MAX_QUERY_CHARS = 500
TYPO_MIN = 5
#: Indexed words one edit away, at most, per word typed.
MAX_CANDIDATES = 20
#: A prefix that begins at most this many indexed words is asked for as those words, whole,
#: on PostgreSQL (:func:`_alternatives_of`).
PREFIX_WORDS_MAX = 16


@dataclass(frozen=True)
class Alternative:
    word: str
    prefix: bool


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Alternative, ...], ...]
    #: Facet terms every record found must hold as well (:func:`.terms.facet_terms`),
    #: matched in the index's facet column only. They narrow a query; alone they are none.
    facets: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def narrowed(self, facets: Sequence[str]) -> ParsedQuery:
        """The same words, found only in records that hold these facet terms."""
        return replace(self, facets=tuple(dict.fromkeys((*self.facets, *facets))))


def _words_beginning(word: str, limit: int) -> list[str]:
    """Up to ``limit`` words of the word list that begin with ``word`` (itself included)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's ``_like`` index on the word (pattern_ops) reads a prefix as a range.
            cursor.execute(
                "SELECT word FROM search_searchword WHERE word LIKE %s ORDER BY word LIMIT %s",
                [f"{word}%", limit],
            )
        else:
            cursor.execute(
                "SELECT word FROM search_searchword WHERE word >= %s AND word < %s "
                "ORDER BY word LIMIT %s",
                [word, word + "\U0010ffff", limit],
            )
        return [row[0] for row in cursor.fetchall()]


def _typo_candidates(word: str) -> list[str]:
    """Indexed words one edit away from ``word`` (not the word itself)."""
    length = len(word)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT word FROM search_searchword WHERE word %% %s "
                "AND length BETWEEN %s AND %s LIMIT 500",
                [word, length - 1, length + 1],
            )
        else:
            # One edit leaves the first half or the second half of the word as it was. The
            # unary + keeps SQLite on the ranges of the word's halves: left to itself it
            # took the range of lengths, a third of a million words' list (157 ms).
            half = length // 2
            head, tail = word[:half], word[half:][::-1]
            cursor.execute(
                "SELECT word FROM search_searchword WHERE +length BETWEEN %s AND %s "
                "AND word >= %s AND word < %s "
                "UNION SELECT word FROM search_searchword WHERE drow >= %s AND drow < %s "
                "AND +length BETWEEN %s AND %s LIMIT 2000",
                [
                    length - 1,
                    length + 1,
                    head,
                    head + "\U0010ffff",
                    tail,
                    tail + "\U0010ffff",
                    length - 1,
                    length + 1,
                ],
            )
        found = [row[0] for row in cursor.fetchall()]
    near = sorted(w for w in found if w != word and within_one_edit(word, w))
    return near[:MAX_CANDIDATES]


def _alternatives_of(word: str, *, prefix: bool) -> tuple[dict[str, bool], list[str]]:
    """A word typed (or its transliteration) as alternatives (word → matched as a prefix),
    and the indexed words one edit away when it is a typo.

    A word of five letters or more is looked up in the word list, which holds every indexed
    word of four letters or more. If some begin with it, it is no typo ("Калмурзаева" finds
    Ana, not also Jacques "Калмурзаев" one letter away); and on PostgreSQL a prefix is asked
    for as those few words, whole: a GIN index reads a prefix by gathering every entry that
    begins with it into a bitmap, which at a million works took "garden":* 24 ms against
    10 ms for "garden" (7.6 against 24.5 with two facet terms)."""
    if len(word) < TYPO_MIN:
        return {word: prefix}, []
    begun = _words_beginning(word, PREFIX_WORDS_MAX + 1)
    if not begun:
        return {word: prefix}, _typo_candidates(word)
    if prefix and connection.vendor == "postgresql" and len(begun) <= PREFIX_WORDS_MAX:
        return dict.fromkeys(begun, False), []
    return {word: prefix}, []


def _city_names(word: str) -> list[str]:
    """The gazetteer's name of the city a word in another script names (Москва → moscow)."""
    from vernissage.people.gazetteer import gazetteer_lookup

    city = gazetteer_lookup(word)
    if city is None:
        return []
    names = split_words(city.name)
    return names if len(names) == 1 and names[0] != word else []


def parse_query(text: str) -> ParsedQuery:
    words = list(dict.fromkeys(split_words(text[:MAX_QUERY_CHARS])))[:MAX_WORDS]
    groups: list[tuple[Alternative, ...]] = []
    for position, word in enumerate(words):
        last = position == len(words) - 1
        alternatives: dict[str, bool] = {}
        near: list[str] = []
        latin = transliterate(word)
        # A one-letter word other than the last is taken whole, or it would match half
        # the catalogue.
        for typed in [word, latin] if latin else [word]:
            found, typos = _alternatives_of(typed, prefix=len(typed) > 1 or last)
            for found_word, found_prefix in found.items():
                alternatives.setdefault(found_word, found_prefix)
            near += typos
        for city in _city_names(word) if latin else []:
            alternatives.setdefault(city, False)
        for typo in near:
            alternatives.setdefault(typo, False)
        groups.append(tuple(Alternative(w, prefix) for w, prefix in alternatives.items()))
    return ParsedQuery(tuple(groups))


# --- the engines' query languages ------------------------------------------------------------


def fts5_match(query: ParsedQuery, *, private: bool) -> str:
    """An FTS5 MATCH expression: groups joined by AND, alternatives by OR, words quoted; the
    words matched in the names and public text, and in the private text only for viewers who
    may see private records, never in the facet terms; those in their own column (a query of
    facet terms alone: :func:`facets_only`)."""
    expression = " AND ".join(
        "(" + " OR ".join(f'"{a.word}"' + ("*" if a.prefix else "") for a in group) + ")"
        for group in query.groups
    )
    columns = "names text private_text" if private else "names text"
    matched = [f"{{{columns}}} : ({expression})"] if query.groups else []
    if query.facets:
        terms = " AND ".join(f'"{term}"' for term in query.facets)
        matched.append(f"{{facets}} : ({terms})")
    return " AND ".join(matched)


#: PostgreSQL's vector holds private words and facet terms behind these marks
#: (migrations/0005_vector_marks.py): no typed word, a run of letters and digits, reaches them.
PRIVATE_MARK = "~"
FACET_MARK = "^"


def tsquery(query: ParsedQuery, *, private: bool, facets: bool = True) -> str:
    """A tsquery, as text for ``::tsquery``: lexemes quoted, prefixes ``:*``. Words match
    the names and public text, and their marked form in the private text for viewers who
    may see it; facet terms match their marked form only (``facets=False`` leaves them out:
    the query that ranks). No weight is asked for, so the GIN index's answer needs no
    second look at each document.

    The words are the index's own (:mod:`.terms`: folded, runs of letters and digits), which
    'simple' keeps as they are: they are quoted here, never parsed again."""

    def lexemes(alternative: Alternative) -> list[str]:
        star = ":*" if alternative.prefix else ""
        marks = ("", PRIVATE_MARK) if private else ("",)
        return [f"'{mark}{alternative.word}'{star}" for mark in marks]

    groups = [
        "(" + " | ".join(lexeme for a in group for lexeme in lexemes(a)) + ")"
        for group in query.groups
    ]
    terms = [f"'{FACET_MARK}{term}'" for term in query.facets] if facets else []
    return " & ".join([*groups, *terms])


def facets_only(facets: Sequence[str]) -> ParsedQuery:
    """A query of no word that finds the records holding every one of these facet terms:
    the index intersects their lists of documents (paintings of the 1990s, 36,000 of a
    million works, in a few milliseconds) where the works' own columns are read one by one.
    It is never a search (it is false): only :func:`match_sql` reads it."""
    return ParsedQuery((), facets=tuple(dict.fromkeys(facets)))


def match_sql(kind: str, query: ParsedQuery, *, private: bool) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the records of ``kind`` the query finds (no ordering)."""
    code = KIND_CODES[kind]
    if connection.vendor == "postgresql":
        sql = (
            "SELECT d.object_id FROM search_searchdocument d WHERE d.kind = %s "
            "AND d.vector @@ %s::tsquery"
        )
        if kind != "work":
            # Found first, through the kind's own index (migrations/0007), then joined: the
            # planner, which cannot tell how many a word finds, otherwise walked every person
            # in id order beside every person's document (14-22 ms for a name at a million
            # works; 2-7 ms so). Those kinds hold thousands of records, not millions.
            sql = f"SELECT unnest(ARRAY({sql}))"
        return sql, [kind, tsquery(query, private=private)]
    # The record's id and kind are in FTS5's own row id: no document row is read.
    return (
        "SELECT rowid >> 3 FROM search_fts WHERE search_fts MATCH %s AND (rowid & 7) = %s",
        [fts5_match(query, private=private), code],
    )


def ranked_ids(
    kind: str,
    query: ParsedQuery,
    *,
    private: bool,
    within: tuple[str, list[Any]],
    limit: int,
    offset: int = 0,
) -> list[int]:
    """Ids of the records the query finds among ``within`` (the SQL of their ids and its
    parameters), best first."""
    within_sql, within_params = within
    if connection.vendor == "postgresql":
        # Django's own compiled SQL for the records; every value goes as a parameter.
        sql = (
            "SELECT d.object_id FROM search_searchdocument d "  # noqa: S608
            "WHERE d.kind = %s AND d.vector @@ %s::tsquery "
            f"AND d.object_id IN ({within_sql}) "
            # Ranked by the words only (the facet terms are in every record found): names
            # (A) first, then the public text (B), then private words (unweighted: D).
            "ORDER BY ts_rank('{0.1, 0, 0.4, 1}', d.vector, %s::tsquery) DESC, d.object_id "
            "LIMIT %s OFFSET %s"
        )
        params = [
            kind,
            tsquery(query, private=private),
            *within_params,
            tsquery(query, private=private, facets=False),
            limit,
            offset,
        ]
    else:
        sql = (
            "SELECT rowid >> 3 FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608
            f"AND (rowid & 7) = %s AND (rowid >> 3) IN ({within_sql}) "
            "ORDER BY bm25(search_fts, 8.0, 1.0, 1.0, 0.0), rowid LIMIT %s OFFSET %s"
        )
        # Ranked by the words alone: ``within`` holds only records with the facet terms,
        # and bm25 weighs each phrase of the MATCH by how many documents hold it, which for
        # a facet term means reading its whole list (a kind's 400,000 works at a million):
        # a word with two facets ranked 1,400 works in 35 to 80 ms, the word alone 12 ms.
        params = [
            fts5_match(replace(query, facets=()), private=private),
            KIND_CODES[kind],
            *within_params,
        ]
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]
