"""The door's search at an opening night with a long guest list.

    uv run python bench/door.py                       # 2,000 guests, in process, then load
    uv run python bench/door.py --skip-load           # in process only
    uv run python bench/door.py --database-url postgres://postgres@127.0.0.1:5432/bench_door

Makes one opening with ``--guests`` guests (names in Latin with accents and in Cyrillic,
folded as the services fold them, each with a hashed RSVP token) in its own data folder
(``bench/results/door-<guests>/``, reused by later runs; or an empty PostgreSQL database),
and a staff account that may check guests in, signed in through a session made here.

In process (Django's test client, ``DEBUG`` off): ``--samples`` searches for parts of
names, a few scanned RSVP links among them; p50/p99 and the queries per search.

Under load: ``vernissage serve`` answers the door's search at ``--concurrency`` 32, against
a static file served by the same server in the same run (whitenoise), interleaved; the ratio
of their rates and the search's 99th percentile. The goal: door search p99 under 50 ms.

The last line: ``guests=N door_search_p99_ms=X door_search_queries=Q search_vs_static=R
door_search_load_p99_ms=Y``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import random
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

FIRST = ["Anna", "Zoë", "Jacques", "Romy", "Søren", "Ана", "Виктор", "Софья", "Élodie", "Łukasz"]
LAST = ["Petrova", "Ångström", "Kalmurzaev", "Müller", "Калмурзаев", "Петров", "Dvořák", "Núñez"]
TITLE = "Bench door"


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--guests", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--no-wrk", action="store_true")
    harness.add_load_arguments(parser)
    return parser.parse_args(argv)


def guest_name(number: int) -> str:
    rng = random.Random(number)
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} {number:05d}"


def door_ensure(guests: int) -> tuple[int, str]:
    """The bench's opening (made once) and a signed-in session of a door keeper."""
    from django.contrib.auth.models import Permission, User
    from django.utils import timezone

    from vernissage.core.text import fold
    from vernissage.exhibitions.models import Exhibition, Guest, Opening, Venue
    from vernissage.people.models import Organization

    opening = Opening.objects.filter(title=TITLE).first()
    if opening is None:
        started = time.perf_counter()
        gallery = Organization.objects.create(
            name="Bench gallery", slug="bench-gallery", kind="gallery"
        )
        venue = Venue.objects.create(organization=gallery, time_zone="Europe/Berlin")
        exhibition = Exhibition.objects.create(title="Bench exhibition", slug="bench-exhibition")
        now = timezone.now()
        opening = Opening.objects.create(
            exhibition=exhibition,
            venue=venue,
            title=TITLE,
            starts_at=now,
            ends_at=now + dt.timedelta(hours=4),
        )
        Guest.objects.bulk_create(
            (
                Guest(
                    opening=opening,
                    name=guest_name(number),
                    search_name=fold(guest_name(number)),
                    response="attending",
                    party_allowed=2,
                    party_size=1 + number % 2,
                    token_hash=hashlib.sha256(f"bench-token-{number:032d}".encode()).hexdigest(),
                )
                for number in range(guests)
            ),
            batch_size=1000,
        )
        print(f"Made an opening with {guests:,} guests in {time.perf_counter() - started:.1f} s")
    user, _ = User.objects.get_or_create(username="bench-door", defaults={"is_staff": True})
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="exhibitions", codename__in=["add_checkin", "view_guest"]
        )
    )
    return opening.pk, harness.session_cookie(user)


def search_paths(opening_id: int, guests: int, count: int) -> list[str]:
    """What the door types: 3 to 6 letters of a word of a name, or a whole name; one in ten
    a scanned RSVP link."""
    rng = random.Random(7)
    paths = []
    for index in range(count):
        number = rng.randrange(guests)
        if index % 10 == 9:
            text = f"https://gallery.example/rsvp/bench-token-{number:032d}/"
        else:
            word = rng.choice(guest_name(number).split()[:2])
            text = word[: rng.randint(3, 6)] if index % 3 else guest_name(number)
        paths.append(f"/door/{opening_id}/search/?q={quote(text)}")
    return paths


def measure_in_process(
    paths: list[str], cookie: str, *, status: int = 200
) -> tuple[list[float], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    name, value = cookie.split("=", 1)
    client = Client()
    client.cookies[name] = value
    for path in paths[:50]:  # warm up
        assert client.get(path).status_code == status
    with CaptureQueriesContext(connection) as captured:
        client.get(paths[0])
    queries = len(captured)  # now: the next request clears the log it reads
    times = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == status, (path, response.status_code)
    return times, queries


def load_phase(
    arguments: argparse.Namespace, home: Path, paths: list[str], cookie: str
) -> harness.Comparison[harness.LoadResult]:
    wrk = None if arguments.no_wrk else shutil.which("wrk")
    static = "/static/site/door.css"
    comparison: harness.Comparison[harness.LoadResult]
    comparison = harness.Comparison(anchor="static", subject="search")
    with harness.vernissage_serving(
        home=home, workers=arguments.workers, threads=arguments.threads, ready_path=static
    ) as app:

        def run(name: str, seconds: float, kept: bool) -> harness.LoadResult:
            chosen = [static] if name == "static" else paths
            if wrk:
                script = f'wrk.headers["Cookie"] = "{cookie}"\n' + harness.wrk_script_rotating(
                    chosen
                )
                return harness.wrk_run(
                    wrk,
                    app.port,
                    script,
                    threads=2,
                    connections=arguments.concurrency,
                    seconds=max(1, math.ceil(seconds)),
                )
            raise SystemExit("the load phase needs wrk (apt-get install wrk), or --skip-load")

        def measured(name: str, result: harness.LoadResult) -> None:
            print(
                f"  {name:<6} {result.rps:9.1f} req/s  {result.requests:7d} requests  "
                f"{result.errors} errors  p50 {result.p50_ms:.1f} ms  p99 {result.p99_ms:.1f} ms",
                flush=True,
            )

        comparison.measure(
            run, rounds=2, duration=arguments.duration, warmup=3.0, measured=measured
        )
    return comparison


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    home = (arguments.home or harness.RESULTS_DIR / f"door-{arguments.guests}").resolve()
    harness.environment_configure(home, database_url=arguments.database_url)
    harness.django_ready()

    from django.db import connection

    opening_id, cookie = door_ensure(arguments.guests)
    paths = search_paths(opening_id, arguments.guests, arguments.samples)
    print(f"Database: {connection.vendor}; {arguments.guests:,} guests", flush=True)

    # The floor of a signed-in request through the whole stack (session, user, permissions,
    # middleware): the same door keeper asking for an opening that does not exist.
    unknown = [path.replace(f"/door/{opening_id}/", "/door/0/") for path in paths[:500]]
    floor, floor_queries = measure_in_process(unknown, cookie, status=404)
    times, queries = measure_in_process(paths, cookie)
    p50, p99 = harness.percentile(times, 50), harness.percentile(times, 99)
    print(
        f"In process: {len(times)} searches, p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
        f"max {max(times):.2f} ms, {queries} queries per search; signed-in floor (404 of an "
        f"unknown opening, {floor_queries} queries) p50 {harness.percentile(floor, 50):.2f} ms, "
        f"p99 {harness.percentile(floor, 99):.2f} ms"
    )
    ratio = load_p99 = math.nan
    if not arguments.skip_load:
        print(
            f"Load: {arguments.workers} granian workers x {arguments.threads} threads, "
            f"concurrency {arguments.concurrency}, {arguments.duration:g} s rounds",
            flush=True,
        )
        comparison = load_phase(arguments, home, paths, cookie)
        ratio, load_p99 = comparison.ratio, comparison.p99("search")
        print(
            f"Search {comparison.rps('search'):.1f} req/s, static {comparison.rps('static'):.1f}"
            f" req/s, ratio {ratio:.2f}; search p99 {load_p99:.1f} ms: "
            f"{harness.verdict(load_p99, under=50)} the 50 ms goal."
        )
    print()
    print(
        f"guests={arguments.guests} door_search_p99_ms={p99:.1f} "
        f"door_search_queries={queries} search_vs_static={ratio:.2f} "
        f"door_search_load_p99_ms={load_p99:.1f}"
    )


if __name__ == "__main__":
    main()
