"""A text's sentences with their offsets, as the reader cites them: ``pysbd`` within each
paragraph. Kept apart from the rules so that a text can be cut into the reader's sentences
(the demo's stories, at the demo's first start) without loading the rest of the reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pysbd


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    """The sentence without the spaces around it; ``start``/``end`` are its offsets."""


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets; a paragraph break always ends one."""
    sentences: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        for chunk_start, chunk in _chunks(paragraph.group(), paragraph.start()):
            offset = chunk_start
            for raw in _segmenter().segment(chunk):
                stripped = raw.strip()
                if stripped:
                    start = offset + len(raw) - len(raw.lstrip())
                    sentences.append(
                        Sentence(len(sentences), start, start + len(stripped), stripped)
                    )
                offset += len(raw)
    return sentences


CHUNK = 2000
"""pysbd takes time growing with the square of a paragraph's length: a long paragraph is cut
into pieces of about this many characters, at a full stop followed by a capital."""
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z])")


def _chunks(paragraph: str, start: int) -> Iterator[tuple[int, str]]:
    position = 0
    while len(paragraph) - position > CHUNK:
        cut = None
        for match in _BOUNDARY.finditer(paragraph, position + CHUNK // 2, position + CHUNK):
            cut = match.end()
        if cut is None:
            later = _BOUNDARY.search(paragraph, position + CHUNK)
            cut = later.end() if later else len(paragraph)
        yield start + position, paragraph[position:cut]
        position = cut
    if position < len(paragraph):
        yield start + position, paragraph[position:]


__all__ = ["Sentence", "split_sentences"]
