"""Where each fact of the world file comes from: a sentence of one of the three stories, found
by the words the file cites, or an addition of the demo with its reason.

A record of the world file (``[[people]]``, ``[[works]]``…) is a fact about its record in the
catalogue; an entry of its ``facts`` (``[[people.facts]]``) is one fact of it that needs its
own source, such as a birthplace. Each has ``cites`` (words of one sentence of one story),
``demo`` (what was added for the demo, and why), or both. The user's ``brief`` is not a
source.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

#: The stories' sentences as the reader splits them (``biographies.sentences``), kept as
#: offsets beside the world file so that the demo's first start needs no sentence splitter
#: (about 0.2 s of processor). Written by ``python -m vernissage.demo.sources``; a test
#: fails when it no longer matches the splitter.
SENTENCES_FILE = "kalmurzaev_sentences.json"


class Sentence(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Located:
    """Cited words in a story: ``text[start:end]`` of the story ``story``, in ``sentence``."""

    story: str
    sentence: str
    start: int
    end: int


class NotInTheStories(ValueError):
    """Cited words that are not in exactly one sentence of exactly one story."""


@dataclass(frozen=True)
class Fact:
    """One fact of a world-file record: its field, its value (empty: the record itself, named
    by the record once it is made) and the part of the file that says where it comes from."""

    field: str
    value: str
    cites: tuple[str, ...]
    demo: str


@dataclass(frozen=True)
class StorySentence:
    start: int
    end: int
    text: str


def story_sentences(stories: Mapping[str, str]) -> dict[str, list[StorySentence]]:
    """Each story's sentences, from the kept offsets."""
    kept = json.loads(_package().joinpath(SENTENCES_FILE).read_text(encoding="utf-8"))
    return {
        name: [StorySentence(start, end, text[start:end]) for start, end in kept[name]]
        for name, text in stories.items()
    }


def story_sentences_split(stories: Mapping[str, str]) -> dict[str, list[list[int]]]:
    """The offsets of each story's sentences as the reader's splitter gives them now."""
    from vernissage.biographies.sentences import split_sentences

    return {
        name: [[sentence.start, sentence.end] for sentence in split_sentences(text)]
        for name, text in stories.items()
    }


def _package() -> Any:
    return resources.files("vernissage.demo")


def record_facts(section: str, record: Mapping[str, Any]) -> Iterator[Fact]:
    """The record as a fact of ``section``, then each of its ``facts``."""
    yield Fact(section, "", tuple(record.get("cites", ())), record.get("demo", ""))
    for fact in record.get("facts", ()):
        yield Fact(fact["field"], fact["value"], tuple(fact.get("cites", ())), fact.get("demo", ""))


def cite_locate(
    cite: str, *, stories: Mapping[str, str], sentences: Mapping[str, Sequence[Sentence]]
) -> Located:
    """Where the cited words are: the one story that holds them, once, and the sentence of
    that story (as the reader splits it) they lie in."""
    found = [(name, start) for name, text in stories.items() for start in _occurrences(text, cite)]
    if len(found) != 1:
        raise NotInTheStories(f"“{cite}” is in the stories {len(found)} times, not once")
    story, start = found[0]
    end = start + len(cite)
    for sentence in sentences[story]:
        if sentence.start <= start and end <= sentence.end:
            return Located(story, sentence.text, start, end)
    raise NotInTheStories(f"“{cite}” runs over more than one sentence")


def cites_by_sentence(
    cites: Iterable[str], *, stories: Mapping[str, str], sentences: Mapping[str, Sequence[Sentence]]
) -> list[Located]:
    """The sentences a fact cites, each once: words cited from the same sentence ("He spent
    hours exploring the Louvre", "admiring masterpieces like the Mona Lisa") make one
    citation, its offsets running from the first word cited to the last."""
    found: dict[tuple[str, str], Located] = {}
    for cite in cites:
        located = cite_locate(cite, stories=stories, sentences=sentences)
        key = (located.story, located.sentence)
        if key in found:
            seen = found[key]
            located = Located(
                located.story,
                located.sentence,
                min(seen.start, located.start),
                max(seen.end, located.end),
            )
        found[key] = located
    return list(found.values())


def _occurrences(text: str, words: str) -> Iterator[int]:
    start = text.find(words)
    while words and start != -1:
        yield start
        start = text.find(words, start + 1)


if __name__ == "__main__":  # python -m vernissage.demo.sources: rewrite the kept sentences
    folder = Path(str(_package()))
    texts = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((folder / "seeds").glob("*.txt"))
    }
    lines = [
        f"  {json.dumps(name)}: {json.dumps(spans)}"
        for name, spans in story_sentences_split(texts).items()
    ]
    (folder / SENTENCES_FILE).write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
