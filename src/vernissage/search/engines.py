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


def _typo_candidates(word: str) -> list[str]:
    """Indexed words one edit away from ``word`` (not the word itself)."""
    if len(word) < TYPO_MIN:
        return []
    length = len(word)
    with connection.cursor() as cursor:
        # A word the index holds (or begins) is taken as typed: "Калмурзаева" finds Ana,
        # not also Jacques "Калмурзаев" one letter away.
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM search_searchword WHERE word LIKE %s LIMIT 1", [f"{word}%"]
            )
        else:
            cursor.execute(
                "SELECT 1 FROM search_searchword WHERE word >= %s AND word < %s LIMIT 1",
                [word, word + "\U0010ffff"],
            )
        if cursor.fetchone() is not None:
            return []
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
        alternatives: dict[str, bool] = {word: len(word) > 1 or last}
        latin = transliterate(word)
        if latin:
            alternatives.setdefault(latin, len(latin) > 1 or last)
            for city in _city_names(word):
                alternatives.setdefault(city, False)
        for typed in [word, latin] if latin else [word]:
            for near in _typo_candidates(typed):
                alternatives.setdefault(near, False)
        groups.append(tuple(Alternative(w, prefix) for w, prefix in alternatives.items()))
    return ParsedQuery(tuple(groups))


# --- the engines' query languages ------------------------------------------------------------


def fts5_match(query: ParsedQuery, *, private: bool) -> str:
    """An FTS5 MATCH expression: groups joined by AND, alternatives by OR, words quoted; the
    words matched in the names and public text, and in the private text only for viewers who
    may see private records, never in the facet terms; those in their own column."""
    expression = " AND ".join(
        "(" + " OR ".join(f'"{a.word}"' + ("*" if a.prefix else "") for a in group) + ")"
        for group in query.groups
    )
    columns = "names text private_text" if private else "names text"
    expression = f"{{{columns}}} : ({expression})"
    if query.facets:
        terms = " AND ".join(f'"{term}"' for term in query.facets)
        expression += f" AND {{facets}} : ({terms})"
    return expression


def tsquery(query: ParsedQuery, *, private: bool) -> str:
    """A to_tsquery('simple', …) text: lexemes quoted, prefixes ``:*``; words match the
    names (A) and public text (B), and the private text (D) for viewers who may see it,
    never the facet terms (C); those match C only."""
    weights = "ABD" if private else "AB"

    def lexeme(alternative: Alternative) -> str:
        return f"'{alternative.word}':" + ("*" if alternative.prefix else "") + weights

    groups = ["(" + " | ".join(lexeme(a) for a in group) + ")" for group in query.groups]
    return " & ".join([*groups, *(f"'{term}':C" for term in query.facets)])


def match_sql(kind: str, query: ParsedQuery, *, private: bool) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the records of ``kind`` the query finds (no ordering)."""
    code = KIND_CODES[kind]
    if connection.vendor == "postgresql":
        return (
            "SELECT d.object_id FROM search_searchdocument d WHERE d.kind = %s "
            "AND d.vector @@ to_tsquery('simple', %s)",
            [kind, tsquery(query, private=private)],
        )
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
            "SELECT d.object_id FROM search_searchdocument d, to_tsquery('simple', %s) q "  # noqa: S608
            "WHERE d.kind = %s AND d.vector @@ q "
            f"AND d.object_id IN ({within_sql}) "
            # The facet terms (C) found in every record rank none of them higher.
            "ORDER BY ts_rank('{0.1, 0, 0.4, 1}', d.vector, q) DESC, d.object_id "
            "LIMIT %s OFFSET %s"
        )
        params = [tsquery(query, private=private), kind, *within_params, limit, offset]
    else:
        sql = (
            "SELECT rowid >> 3 FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608
            f"AND (rowid & 7) = %s AND (rowid >> 3) IN ({within_sql}) "
            "ORDER BY bm25(search_fts, 8.0, 1.0, 1.0, 0.0), rowid LIMIT %s OFFSET %s"
        )
        params = [fts5_match(query, private=private), KIND_CODES[kind], *within_params]
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]
