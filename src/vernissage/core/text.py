"""Text folding for search: names in any script, any case, with or without accents."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free text, so that "Moscú" finds "Moscu" and "калмурзаев" finds
    "Калмурзаев" on SQLite too (whose LIKE folds only ASCII)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())
