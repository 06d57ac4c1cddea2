"""Words as the index holds them and as a query asks for them.

Both sides go through :func:`index_words`: folded (lower case, no accents), split into runs
of letters and digits (punctuation, operators and emoji are never words, so no engine syntax
can come through), and each word not in Latin letters followed by its transliteration
(anyascii: Калмурзаев → kalmurzaev, Москва → moskva).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

from vernissage.core.text import fold

WORD = re.compile(r"[^\W_]+")
#: Longer words are cut: nobody types them, and the engines' words stay bounded.
MAX_WORD = 64


def transliterate(word: str) -> str:
    """The word in Latin letters ("" when it already is, or has no Latin form)."""
    if word.isascii():
        return ""
    latin = "".join(WORD.findall(fold(anyascii(word))))[:MAX_WORD]
    return latin if latin != word else ""


def split_words(text: str) -> list[str]:
    return [word[:MAX_WORD] for word in WORD.findall(fold(text))]


def index_words(parts: Iterable[str]) -> str:
    """The words of ``parts`` as one line for the engines: each once, transliterations
    beside the originals."""
    seen: dict[str, None] = {}
    for part in parts:
        if not part:
            continue
        for word in split_words(part):
            seen.setdefault(word)
            latin = transliterate(word)
            if latin:
                seen.setdefault(latin)
    return " ".join(seen)


def facet_terms(*, classification: str = "", decades: Iterable[int] = ()) -> list[str]:
    """The facet terms of a work of this kind whose date may fall in these decades, as its
    document's ``facets`` holds them and as a search narrowed by those facets asks for them.
    They live in a column of their own, which the words typed are never matched against."""
    terms = [f"k{''.join(split_words(classification))}"] if classification else []
    return terms + [f"d{decade}" for decade in decades]


def decades_between(first_year: int, last_year: int) -> range:
    """The decades a date between these years may fall in ("c. 2003", 1998–2008: the 1990s
    and the 2000s), as the decade facet finds and counts works."""
    return range(first_year // 10 * 10, last_year // 10 * 10 + 10, 10)


def decade_start(value: str) -> int | None:
    """The first year of the decade a facet value names ("1990"), or None for anything else
    (such a decade finds nothing)."""
    start = int(value) if value.isdigit() and len(value) <= 4 else -1
    return start if start % 10 == 0 and 0 < start < 9990 else None


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of at most one (a letter changed, added or dropped)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    start = 0
    while start < la and a[start] == b[start]:
        start += 1
    if la == lb:
        return a[start + 1 :] == b[start + 1 :]
    return a[start:] == b[start + 1 :]
