"""The biography reader: a text in, a ``Reading`` out.

Rules only by default. With ``VERNISSAGE_READER_SPACY_MODEL`` naming an installed spaCy
pipeline, its PERSON entities help find people no rule introduces; the rules still decide
organizations, places, roles, ties and invitations, and people introduced by their role.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from functools import cache
from typing import Any, Protocol

from vernissage.biographies import rules
from vernissage.biographies.intake import decode, prose
from vernissage.biographies.reading import Fact, Reading
from vernissage.works.classification import AAT

MODEL_VARIABLE = "VERNISSAGE_READER_SPACY_MODEL"


class NameRecogniser(Protocol):
    def people(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` that name people."""


class SpacyRecogniser:
    """PERSON entities of a spaCy pipeline (only its recogniser runs: the parser and the
    sentence splitter are not used, for the reader cites pysbd's sentences)."""

    def __init__(self, model: str) -> None:
        import spacy  # an optional dependency: the reader-model group

        self.nlp: Any = spacy.load(
            model, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"]
        )

    def people(self, text: str) -> list[tuple[int, int]]:
        document = self.nlp(text)
        return [
            (entity.start_char, entity.end_char)
            for entity in document.ents
            if entity.label_ == "PERSON"
        ]


@cache
def _recogniser(model: str) -> NameRecogniser:
    return SpacyRecogniser(model)


def configured_recogniser() -> NameRecogniser | None:
    """The recogniser ``VERNISSAGE_READER_SPACY_MODEL`` names, or None for rules only."""
    model = os.environ.get(MODEL_VARIABLE, "").strip()
    return _recogniser(model) if model else None


def _fact(
    field: str, value: str, mention: rules.Mention, confidence: float, note: str = ""
) -> Fact:
    return Fact(field, value, mention.sentence.text, mention.start, mention.end, confidence, note)


def _span_fact(
    field: str, value: str, start: int, end: int, sentence: rules.Sentence, confidence: float
) -> Fact:
    return Fact(field, value, sentence.text, start, end, confidence)


def read_bytes(
    data: bytes, *, catalogue_places: Collection[str] = (), recogniser: NameRecogniser | None = None
) -> Reading:
    """Read a file's bytes; raises ``ReadingRefused`` for empty, binary, huge or
    non-English input."""
    return read_text(decode(data), catalogue_places=catalogue_places, recogniser=recogniser)


def read_text(
    raw: str,
    *,
    catalogue_places: Collection[str] = (),
    recogniser: NameRecogniser | None = None,
) -> Reading:
    """Read a biography (plain text, Markdown or HTML). Offsets in the facts are offsets in
    ``Reading.text``, the prose the reader read."""
    text = prose(raw)
    sentences = rules.split_sentences(text)
    mentions = rules.find_mentions(text, sentences, catalogue=catalogue_places)
    recognised = recogniser.people(text) if recogniser is not None else ()
    people = rules.find_people(mentions, recognised=recognised)
    rules.flag_unknown_places(mentions)
    reading = Reading(text=text)
    facts = reading.facts

    subject = rules.choose_subject(people, sentences[0] if sentences else None)
    if subject is not None:
        reading.subject = subject.name
        facts.append(_fact("subject", subject.name, subject.first, subject.confidence))
        found_roles = rules.subject_roles(sentences, subject, mentions)
        specific = [item for item in found_roles if item[0] != "artist"]
        for role, start, end, sentence, confidence in specific or found_roles[:1]:
            if role not in reading.roles:
                reading.roles.append(role)
                facts.append(_span_fact("roles", role, start, end, sentence, confidence))
        place, year = rules.birth(sentences, subject, mentions)
        if place is not None:
            reading.birthplace = place.text
            flagged = place.kind == "place?"
            facts.append(
                _fact(
                    "birthplace",
                    place.text,
                    place,
                    0.5 if flagged else 0.9,
                    "not in the gazetteer" if flagged else "",
                )
            )
        if year is not None:
            reading.birth_year = year[0]
            facts.append(_span_fact("birth_year", year[0], year[1], year[2], year[3], 0.9))

    for mention in rules.schools(mentions):
        if mention.text not in reading.schools:
            reading.schools.append(mention.text)
            facts.append(_fact("schools", mention.text, mention, 0.85))

    for person in people:
        if person is subject:
            continue
        role = person.role or "other"
        reading.people[person.key] = role
        facts.append(_fact("people", f"{person.name}: {role}", person.first, person.confidence))
    if subject is not None:
        rules.ties(sentences, subject, people, mentions)
        for person in people:
            if person is subject:
                continue
            tie = rules.strongest_tie(person)
            if tie is not None:
                kind, where, confidence = tie
                reading.relationships[person.key] = kind
                facts.append(_fact("relationships", f"{person.name}: {kind}", where, confidence))

    for mention in rules.life_places(mentions):
        if mention.text not in reading.places:
            reading.places.append(mention.text)
            flagged = mention.kind == "place?"
            facts.append(
                _fact(
                    "places",
                    mention.text,
                    mention,
                    0.5 if flagged else 0.85,
                    "not in the gazetteer" if flagged else "",
                )
            )
    for mention in rules.venues(mentions):
        if mention.text not in reading.venues:
            reading.venues.append(mention.text)
            facts.append(_fact("venues", mention.text, mention, 0.8))
    for invitation in rules.invitations(sentences, subject, mentions):
        item = {"from": invitation.inviter, "place": invitation.place}
        if item not in reading.invitations:
            reading.invitations.append(item)
            facts.append(
                _span_fact(
                    "invitations",
                    f"{invitation.inviter} -> {invitation.place}",
                    invitation.start,
                    invitation.end,
                    invitation.sentence,
                    0.8,
                )
            )
    for kin, start, end, sentence in rules.unnamed_people(sentences):
        facts.append(_span_fact("unnamed_people", kin, start, end, sentence, 0.7))
    for kind, start, end, sentence in rules.media(sentences):
        label = AAT[kind][1] if kind in AAT else str(kind)
        facts.append(_span_fact("media", label, start, end, sentence, 0.6))
    facts.sort(key=lambda fact: (fact.start, fact.field))
    return reading
