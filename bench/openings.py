"""Opening nights at scale: sending the invitations, the RSVP page, the door, the guest list.

    uv run python bench/openings.py                  # 5,000 invitations, then pages under load
    uv run python bench/openings.py --invitations 500 --duration 3   # a quick look
    uv run python bench/openings.py --database-url postgres://postgres@127.0.0.1:5432/bench_open

1. **Sending.** An opening with ``--invitations`` guests imported from CSV, in a fresh data
   folder (``bench/results/openings-<n>/``, made anew each run) or an empty PostgreSQL
   database. ``invitations_send`` queues one e-mail per guest (QR code, .ics) through the real
   task path: the database task backend, and ``--task-workers`` separate ``db_worker``
   processes sending through SMTP to an aiosmtpd server that this process runs on a free
   port. Timed from the call until the server has received every message; the figure is
   messages per second (goal: all 5,000 in under 60 s, that is at least 83/s).
2. **Pages under load.** ``vernissage serve`` answers the RSVP pages of those guests (each
   with its own token), the door's search (``bench/door.py``'s opening of 2,000 guests, a
   signed-in door keeper), and a static file, at ``--concurrency`` 32, interleaved; each
   page's rate as a ratio against the static file's in the same run, and its 99th
   percentile (goal: door search p99 under 50 ms).
3. **The guest list page** as a Press member sees it: its queries with 10 guests and with
   all of them (the same number: no query per row).

The last line: ``invitations_per_s=N rsvp_vs_static=R door_search_p99_ms=X guest_list_queries=Q``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import door, harness  # noqa: E402

STATIC = "/static/site/site.css"


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invitations", type=int, default=5000)
    parser.add_argument("--door-guests", type=int, default=2000)
    parser.add_argument("--task-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--skip-load", action="store_true")
    harness.add_load_arguments(parser)
    return parser.parse_args(argv)


class Sink:
    """An SMTP server that counts what it receives (aiosmtpd, in a thread of this process)."""

    def __init__(self) -> None:
        self.received = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._lock:
            self.received += 1
        return "250 Message accepted for delivery"


@contextmanager
def smtp_sink() -> Iterator[tuple[Sink, int]]:
    from aiosmtpd.controller import Controller

    sink = Sink()
    port = harness.free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def opening_with_guests(count: int) -> Any:
    """An opening tonight in Paris, with ``count`` guests imported from a CSV file."""
    from django.utils import timezone

    from vernissage.exhibitions import guests, services
    from vernissage.people.services import organization_create

    gallery = organization_create(acting_user=None, name="Bench openings", kind="gallery")
    venue = services.venue_create(acting_user=None, organization=gallery, time_zone="Europe/Paris")
    exhibition = services.exhibition_create(acting_user=None, title="Bench opening", kind="group")
    services.exhibition_stop_add(
        acting_user=None, exhibition=exhibition, venue=venue, start_date="2026", end_date="2027"
    )
    starts = timezone.now() + dt.timedelta(days=20)
    opening = services.opening_create(
        acting_user=None,
        exhibition=exhibition,
        venue=venue,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
    )
    rows = ["name,email,party"] + [
        f"Guest {number:05d},guest{number:05d}@bench.example,2" for number in range(count)
    ]
    guests.guest_list_import_csv(opening=opening, data="\n".join(rows), acting_user=None)
    return opening


def send_phase(arguments: argparse.Namespace, home: Path) -> tuple[Any, float]:
    """Queue the invitations, let separate workers send them, time it; messages per second."""
    from vernissage.exhibitions.guests import invitations_send
    from vernissage.exhibitions.models import GuestMessage

    started = time.perf_counter()
    opening = opening_with_guests(arguments.invitations)
    print(
        f"Made an opening with {arguments.invitations:,} guests (CSV import) "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    with smtp_sink() as (sink, port):
        environment = {
            **os.environ,
            "VERNISSAGE_EMAIL_HOST": "127.0.0.1",
            "VERNISSAGE_EMAIL_PORT": str(port),
        }
        started = time.perf_counter()
        report = invitations_send(opening=opening, acting_user=None)
        queued = time.perf_counter() - started
        workers = [
            subprocess.Popen(
                [
                    harness.executable("vernissage"),
                    "manage",
                    "db_worker",
                    "--batch",
                    "--interval",
                    "0",
                    "--no-startup-delay",
                    "--verbosity",
                    "0",
                ],
                env=environment,
            )
            for _ in range(arguments.task_workers)
        ]
        deadline = started + 600
        while sink.received < arguments.invitations and time.perf_counter() < deadline:
            if all(worker.poll() is not None for worker in workers):
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        for worker in workers:
            worker.wait(timeout=60)
    sent = GuestMessage.objects.filter(guest__opening=opening, status="sent").count()
    rate = sink.received / elapsed if elapsed else math.nan
    print(
        f"Sent {sink.received:,} of {arguments.invitations:,} invitations "
        f"({sent:,} recorded as sent; {report.queued:,} queued in {queued:.1f} s) "
        f"in {elapsed:.1f} s with {arguments.task_workers} worker process(es): "
        f"{rate:.1f} messages/s; {harness.verdict(elapsed, under=60)} the 60 s goal.",
        flush=True,
    )
    return opening, rate


def rsvp_paths(opening: Any, count: int = 2000) -> list[str]:
    from vernissage.exhibitions.mail import guest_token

    guests = opening.guests.filter(token_expires_at__isnull=False).order_by("pk")[:count]
    return [f"/rsvp/{guest_token(guest)}/" for guest in guests]


def guest_list_queries(opening: Any) -> tuple[int, int]:
    """Queries of the guest list page as a Press member: with 10 guests' worth and with all
    of them (the list pages its rows)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from vernissage.core.services import staff_roles_set

    user, _ = User.objects.get_or_create(username="bench-press")
    staff_roles_set(user=user, roles=["Press"], acting_user=None)
    client = Client()
    client.force_login(user)
    counts = []
    for query in ("?answer=pending&q=Guest 0000", ""):
        url = f"/openings/{opening.pk}/guests/{query}"
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    return counts[0], counts[1]


def load_phase(
    arguments: argparse.Namespace, home: Path, pages: dict[str, list[str]], cookie: str
) -> dict[str, harness.Comparison[harness.LoadResult]]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("the load phase needs wrk (apt-get install wrk), or --skip-load")
    results = {}
    with harness.vernissage_serving(
        home=home, workers=arguments.workers, threads=arguments.threads, ready_path=STATIC
    ) as app:
        for name, paths in pages.items():
            comparison: harness.Comparison[harness.LoadResult] = harness.Comparison(
                anchor="static", subject=name
            )

            def run(
                which: str,
                seconds: float,
                kept: bool,
                paths: list[str] = paths,
                signed_in: bool = name == "door",
            ) -> Any:
                script = harness.wrk_script_rotating([STATIC] if which == "static" else paths)
                if which != "static" and signed_in:
                    script = f'wrk.headers["Cookie"] = "{cookie}"\n' + script
                return harness.wrk_run(
                    wrk,
                    app.port,
                    script,
                    threads=2,
                    connections=arguments.concurrency,
                    seconds=max(1, math.ceil(seconds)),
                )

            def measured(which: str, result: harness.LoadResult) -> None:
                print(
                    f"  {which:<7} {result.rps:9.1f} req/s  {result.requests:7d} requests  "
                    f"{result.errors} errors  p50 {result.p50_ms:.1f} ms  "
                    f"p99 {result.p99_ms:.1f} ms",
                    flush=True,
                )

            comparison.measure(
                run, rounds=2, duration=arguments.duration, warmup=2.0, measured=measured
            )
            results[name] = comparison
    return results


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    home = (arguments.home or harness.RESULTS_DIR / f"openings-{arguments.invitations}").resolve()
    if not arguments.database_url and home.exists():
        shutil.rmtree(home)  # sending is measured on a fresh list every run
    harness.environment_configure(home, database_url=arguments.database_url)
    harness.django_ready()

    from django.db import connection

    print(f"Database: {connection.vendor}", flush=True)
    opening, rate = send_phase(arguments, home)
    queries_10, queries_all = guest_list_queries(opening)
    print(
        f"Guest list page (Press): {queries_10} queries for 10 guests, {queries_all} for "
        f"{arguments.invitations:,}",
        flush=True,
    )
    rsvp_ratio = door_p99 = math.nan
    if not arguments.skip_load:
        door_opening, cookie = door.door_ensure(arguments.door_guests)
        pages = {
            "rsvp": rsvp_paths(opening),
            "door": door.search_paths(door_opening, arguments.door_guests, 2000),
        }
        print(
            f"Load: {arguments.workers} granian workers x {arguments.threads} threads, "
            f"concurrency {arguments.concurrency}, {arguments.duration:g} s rounds",
            flush=True,
        )
        results = load_phase(arguments, home, pages, cookie)
        rsvp_ratio = results["rsvp"].ratio
        door_p99 = results["door"].p99("door")
        for name, comparison in results.items():
            print(
                f"{name}: {comparison.rps(name):.1f} req/s against static "
                f"{comparison.rps('static'):.1f} req/s, ratio {comparison.ratio:.2f}, "
                f"p99 {comparison.p99(name):.1f} ms"
            )
        print(f"Door search p99 {door_p99:.1f} ms: {harness.verdict(door_p99, under=50)} the goal.")
    print()
    print(
        f"invitations_per_s={rate:.1f} rsvp_vs_static={rsvp_ratio:.2f} "
        f"door_search_p99_ms={door_p99:.1f} guest_list_queries={queries_all}"
    )


if __name__ == "__main__":
    main()
