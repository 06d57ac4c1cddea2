"""What the reader proposes: a ``Reading`` of one text, its facts each citing a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The fields of a reading, as the ``--json`` files and the answer keys name them.
FIELDS = (
    "subject",
    "birthplace",
    "birth_year",
    "roles",
    "schools",
    "people",
    "relationships",
    "places",
    "venues",
    "invitations",
)


@dataclass(frozen=True)
class Fact:
    """One proposed fact: ``value`` read from ``text[start:end]`` in ``sentence``."""

    field: str
    value: str
    sentence: str
    start: int
    end: int
    confidence: float
    note: str = ""
    """Why it needs a look ("not in the gazetteer"); never shown as the value."""

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 2),
        }


@dataclass
class Reading:
    """What one text says, as proposals: nothing here is a record until a person accepts it."""

    text: str
    subject: str = ""
    birthplace: str = ""
    birth_year: str = ""
    roles: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)
    relationships: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    invitations: list[dict[str, str]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Exactly the shape of ``vernissage biographies read --json``."""
        return {
            "subject": self.subject,
            "birthplace": self.birthplace,
            "birth_year": self.birth_year,
            "roles": list(self.roles),
            "schools": list(self.schools),
            "people": dict(self.people),
            "relationships": dict(self.relationships),
            "places": list(self.places),
            "venues": list(self.venues),
            "invitations": [dict(invitation) for invitation in self.invitations],
            "facts": [fact.as_json() for fact in self.facts],
        }


def scored_facts(reading: dict[str, Any]) -> set[tuple[str, str]]:
    """The (field, value) pairs a reading or an answer key in the ``--json`` shape states;
    what precision and recall are counted over. Case and spacing do not count."""

    def norm(value: str) -> str:
        return " ".join(str(value).casefold().split())

    facts: set[tuple[str, str]] = set()
    for name in ("subject", "birthplace", "birth_year"):
        if reading.get(name):
            facts.add((name, norm(reading[name])))
    for name in ("roles", "schools", "places", "venues"):
        facts.update((name, norm(value)) for value in reading.get(name, ()))
    for name in ("people", "relationships"):
        facts.update(
            (name, f"{norm(key)}: {norm(value)}") for key, value in reading.get(name, {}).items()
        )
    facts.update(
        ("invitations", f"{norm(item.get('from', ''))} -> {norm(item.get('place', ''))}")
        for item in reading.get("invitations", ())
    )
    return facts
