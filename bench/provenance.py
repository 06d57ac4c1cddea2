"""The provenance text of a work with 30 events: under 5 ms (issue 8's goal).

What is measured is what the artwork page pays: reading the work's events with their parties
and places as plain records (``provenance_records``: one ``values_list()`` query) and writing the
staff text (names, prices formatted by Babel, notes) and the public one. The same read as
model instances (``provenance_events``, what the texts were written from before) is timed in
the same rounds, for comparison. The work and its events are made through the services, in
a transaction rolled back at the end, so the bench leaves its database as it found it.

    uv run python -m bench.provenance [--events 30] [--rounds 300] [--database-url URL]

It ends with one line, ``provenance_text_ms=X`` (the median of the rounds, staff and public
texts together), which ``bench/market.py`` folds into its own.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from bench import harness

KINDS = ("sale", "gift", "inheritance", "auction", "transfer", "exchange")
GOAL_MS = 5.0


class _RolledBack(Exception):
    pass


def provenance_text_ms(
    *,
    events: int = 30,
    rounds: int = 300,
    anchor: list[float] | None = None,
    instances: list[float] | None = None,
) -> tuple[float, str]:
    """The median time of one page's provenance read and texts, in ms, and the staff text.
    Needs Django set up and a database; writes nothing that stays. ``anchor`` receives the
    median time of reading one work by its key, measured in the same rounds (the machine's
    speed at the time: absolute figures move with whatever else it is doing); ``instances``
    the median time of the same texts from model instances (``provenance_events``)."""
    from decimal import Decimal

    from django.db import transaction
    from django.utils import translation

    from vernissage.market.provenance import (
        PartyInput,
        provenance_event_add,
        provenance_events,
        provenance_records,
    )
    from vernissage.market.provenance_text import provenance_text
    from vernissage.people.services import person_create
    from vernissage.works.models import Artwork
    from vernissage.works.services import artwork_create

    timings: list[float] = []
    anchors: list[float] = []
    from_instances: list[float] = []
    text = ""
    try:
        with transaction.atomic(), translation.override("en"):
            artist = person_create(acting_user=None, display_name="Bench Artist", is_public=True)
            work = artwork_create(
                acting_user=None,
                title="Bench Provenance",
                classification="painting",
                makers=[(artist, "artist")],
            )
            owners = [
                person_create(acting_user=None, display_name=f"Owner {n}", is_public=n % 3 != 0)
                for n in range(events)
            ]
            provenance_event_add(
                artwork=work,
                kind="creation",
                parties=[PartyInput(role="to", person=artist)],
                date="1950",
                acting_user=None,
            )
            for n in range(1, events):
                provenance_event_add(
                    artwork=work,
                    kind=KINDS[n % len(KINDS)],
                    parties=[
                        PartyInput(role="from", person=owners[n - 1] if n > 1 else artist),
                        PartyInput(role="to", person=owners[n], name_public=n % 4 != 0),
                    ],
                    date=f"c. {1950 + 2 * n}",
                    price=Decimal(1000 * n) if n % 2 else None,
                    currency="EUR" if n % 2 else "",
                    certainty=("certain", "probable", "possible")[n % 3],
                    source=f"Sale catalogue {n % 7}",
                    notes="private note" if n % 5 == 0 else "",
                    acting_user=None,
                )
            for _round in range(rounds):
                started = time.perf_counter()
                read = provenance_records(artwork=work)
                text = provenance_text(read, names=True, prices=True, notes=True).text
                provenance_text(read, names=False, prices=False, notes=False)
                timings.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                models = provenance_events(artwork=work)
                if provenance_text(models, names=True, prices=True, notes=True).text != text:
                    raise AssertionError("records and model instances give different texts")
                provenance_text(models, names=False, prices=False, notes=False)
                from_instances.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                list(Artwork.objects.filter(pk=work.pk))
                anchors.append((time.perf_counter() - started) * 1000)
            raise _RolledBack
    except _RolledBack:
        pass
    if anchor is not None:
        anchor.append(statistics.median(anchors))
    if instances is not None:
        instances.append(statistics.median(from_instances))
    return statistics.median(timings), text


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--home", type=Path, default=None)
    arguments = parser.parse_args(argv)
    home = (arguments.home or harness.RESULTS_DIR / "provenance").resolve()
    harness.environment_configure(home, database_url=arguments.database_url)
    harness.django_ready()
    from django.db import connection

    print(f"Database: {connection.vendor}", flush=True)
    anchor: list[float] = []
    instances: list[float] = []
    median, _text = provenance_text_ms(
        events=arguments.events, rounds=arguments.rounds, anchor=anchor, instances=instances
    )
    print(
        f"Anchor: one work read by its key in {anchor[0]:.2f} ms; the provenance costs "
        f"{median / anchor[0]:.1f} such reads.",
        flush=True,
    )
    print(
        f"From model instances (provenance_events): {instances[0]:.2f} ms, "
        f"{instances[0] / anchor[0]:.1f} reads.",
        flush=True,
    )
    print(
        f"Provenance of {arguments.events} events, staff and public texts: {median:.2f} ms "
        f"(median of {arguments.rounds}): {harness.verdict(median, under=GOAL_MS)} the goal "
        f"of {GOAL_MS:g} ms.",
        flush=True,
    )
    print()
    print(f"provenance_text_ms={median:.2f}")


if __name__ == "__main__":
    main()
