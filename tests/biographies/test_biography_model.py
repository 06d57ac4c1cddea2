"""The reader with the optional spaCy recogniser (the ``reader-model`` dependency group),
run by CI's own step with ``VERNISSAGE_READER_SPACY_MODEL`` set; skipped without it."""

from __future__ import annotations

import os

import pytest

from vernissage.biographies.reader import MODEL_VARIABLE, configured_recogniser, read_text

pytestmark = [
    pytest.mark.skipif(not os.environ.get(MODEL_VARIABLE), reason=f"{MODEL_VARIABLE} is not set"),
    pytest.mark.may_skip_in_ci(reason="the model path runs in CI's step with the model group"),
]


def test_model_finds_a_person_named_by_one_word_twice() -> None:
    text = "Ana Lutz admired Tolstoy. She read Tolstoy every day."
    assert read_text(text).people == {}
    reading = read_text(text, recogniser=configured_recogniser())
    assert reading.people == {"Tolstoy": "other"}


def test_rules_decide_organizations_and_places_over_the_model() -> None:
    reading = read_text(
        "Ana Lutz showed at the Galerie Hallmann in Berlin and at the Louvre. She lives in Sofia.",
        recogniser=configured_recogniser(),
    )
    assert reading.people == {}
    assert reading.venues == ["Galerie Hallmann", "Louvre"]
    assert reading.places == ["Berlin", "Sofia"]


def test_people_introduced_by_their_role_keep_the_rules_role() -> None:
    reading = read_text(
        "Jacques Kalmurzaev met a young art critic named Sophia Petrova.",
        recogniser=configured_recogniser(),
    )
    assert reading.people == {"Sophia Petrova": "critic"}
