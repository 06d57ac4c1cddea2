"""The provenance bench measures a real 30-event provenance, made through the services."""

from __future__ import annotations

from typing import Any

from bench.provenance import provenance_text_ms

from vernissage.market.provenance_models import ProvenanceEvent


def test_the_bench_times_thirty_events_and_leaves_nothing(db: Any) -> None:
    median, text = provenance_text_ms(events=30, rounds=3)
    assert median > 0
    assert text.startswith("Bench Artist, 1950; probably Owner 1, c. 1952, by gift, for €1,000.00")
    assert text.count("; ") == 29  # an unbroken chain: one semicolon between each two owners
    assert not ProvenanceEvent.objects.exists()
