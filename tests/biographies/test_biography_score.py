"""The reader against the answer keys: precision, recall and F1 over (field, value) facts;
with the spaCy recogniser too when ``VERNISSAGE_READER_SPACY_MODEL`` names one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vernissage.biographies.reader import configured_recogniser, read_bytes
from vernissage.biographies.reading import scored_facts
from vernissage.biographies.scoring import score

HERE = Path(__file__).parent
SEEDS = HERE.parents[1] / "src" / "vernissage" / "demo" / "seeds"
MINIMUM = 0.9


def _text_of(key: Path) -> Path:
    candidates = [*(HERE / "texts").glob(f"{key.stem}.*"), *SEEDS.glob(f"{key.stem}.txt")]
    assert len(candidates) == 1, key
    return candidates[0]


def _pairs() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    return [
        (
            key.stem,
            read_bytes(_text_of(key).read_bytes(), recogniser=configured_recogniser()).as_json(),
            json.loads(key.read_text(encoding="utf-8")),
        )
        for key in sorted((HERE / "keys").glob("*.json"))
    ]


def test_keys_cover_the_three_stories_and_five_biographies_of_our_own() -> None:
    stems = {key.stem for key in (HERE / "keys").glob("*.json")}
    assert {path.stem for path in SEEDS.glob("*.txt")} <= stems
    assert len(stems - {path.stem for path in SEEDS.glob("*.txt")}) >= 5


def test_reader_scores_at_least_0_9_on_the_keys() -> None:
    pairs = _pairs()
    result = score((reading, key) for _, reading, key in pairs)
    misses = {
        name: {
            "invented": sorted(scored_facts(reading) - scored_facts(key)),
            "missed": sorted(scored_facts(key) - scored_facts(reading)),
        }
        for name, reading, key in pairs
        if scored_facts(reading) != scored_facts(key)
    }
    assert result.precision >= MINIMUM, misses
    assert result.recall >= MINIMUM, misses
    assert result.f1 >= MINIMUM, misses


@pytest.mark.parametrize(
    ("reading", "key", "expected"),
    [
        pytest.param({"roles": ["painter"]}, {"roles": ["painter"]}, (1.0, 1.0), id="same_case"),
        pytest.param(
            {"roles": ["painter", "poet"]}, {"roles": ["painter"]}, (0.5, 1.0), id="invented_case"
        ),
        pytest.param(
            {"people": {"Eva Winkler": "critic"}},
            {"people": {"Eva Winkler": "gallerist"}},
            (0.0, 0.0),
            id="wrong_role_case",
        ),
        pytest.param(
            {"invitations": [{"from": "", "place": "Paris"}]},
            {"invitations": [{"from": "Petrov", "place": "Paris"}]},
            (0.0, 0.0),
            id="inviter_missed_case",
        ),
    ],
)
def test_score_counts_field_value_facts(
    reading: dict[str, Any], key: dict[str, Any], expected: tuple[float, float]
) -> None:
    result = score([(reading, key)])
    assert (result.precision, result.recall) == expected
