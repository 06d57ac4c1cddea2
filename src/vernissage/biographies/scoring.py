"""Precision, recall and F1 of readings against answer keys, over (field, value) facts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from vernissage.biographies.reading import scored_facts


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Score:
    """Micro-averaged score of (reading, key) pairs, both in the ``--json`` shape."""
    tp = fp = fn = 0
    for reading, key in pairs:
        got, expected = scored_facts(reading), scored_facts(key)
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    return Score(tp, fp, fn)
