"""The market under load: invoice numbers under concurrent sales, and the sales report.

    uv run python bench/market.py --database-url postgres://postgres@127.0.0.1:5432/bench_market
    uv run python bench/market.py --sales 200 --report-sales 20000     # SQLite, smaller

Needs an empty database (PostgreSQL: ``createdb``) or makes a fresh data folder
(``bench/results/market/``, emptied each run) for SQLite.

1. ``--sales`` draft sales (one work each, bulk-created: not measured) are confirmed and
   invoiced through ``sale_confirm`` and ``sale_invoice`` by ``--threads`` threads taking
   them from one queue, each with its own connection and transactions, as many staff at once
   would. Sales per second from the first confirmation to the last invoice; then the year's
   invoice numbers are read back: none may be missing (gaps) or given twice (duplicates).
2. ``--report-sales`` confirmed sales (bulk-created, over ten years, three currencies, 200
   artists) and ``sales_by_artist`` over all of them: the best of ``--report-runs``, in
   milliseconds. Goal: under 1,000 ms for 100,000 sales.
3. The provenance text of a work with 30 events (``bench/provenance.py``): the median of
   ``--provenance-rounds``, against an anchor measured in the same rounds (one work read by
   its key), whose ratio is printed. Goal: under 5 ms.

The last line:
``sales_per_s=N invoice_gaps=0 duplicates=0 report_100k_ms=X provenance_text_ms=Y``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import queue
import shutil
import sys
import threading
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.provenance import GOAL_MS as PROVENANCE_GOAL_MS  # noqa: E402
from bench.provenance import provenance_text_ms  # noqa: E402

CURRENCIES = ("EUR", "USD", "GBP")
BATCH = 5000


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--report-sales", type=int, default=100_000)
    parser.add_argument("--report-runs", type=int, default=3)
    parser.add_argument("--provenance-rounds", type=int, default=300)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--database-url", default="")
    return parser.parse_args(argv)


def works_make(count: int, *, prefix: str, artists: list[int]) -> list[int]:
    """``count`` works, each by one of ``artists``, bulk-created; their ids."""
    from vernissage.works.models import Artwork, Creation

    ids: list[int] = []
    for start in range(0, count, BATCH):
        made = Artwork.objects.bulk_create(
            [
                Artwork(
                    title=f"{prefix} {number}",
                    slug=f"{prefix}-{number}",
                    inventory_number=f"{prefix.upper()}-{number:07d}",
                    classification="painting",
                )
                for number in range(start, min(count, start + BATCH))
            ]
        )
        Creation.objects.bulk_create(
            [
                Creation(artwork=work, person_id=artists[index % len(artists)], role="artist")
                for index, work in enumerate(made, start)
            ]
        )
        ids.extend(work.pk for work in made)
    return ids


def people_make() -> tuple[list[int], list[int]]:
    """200 artists and 50 buyers with their contacts; their ids."""
    from vernissage.market.models import Contact
    from vernissage.people.models import Person

    artists = Person.objects.bulk_create(
        [
            Person(display_name=f"Artist {n}", sort_name=f"Artist {n:03d}", slug=f"artist-{n}")
            for n in range(200)
        ]
    )
    buyers = Person.objects.bulk_create(
        [
            Person(display_name=f"Buyer {n}", sort_name=f"Buyer {n:03d}", slug=f"buyer-{n}")
            for n in range(50)
        ]
    )
    contacts = Contact.objects.bulk_create([Contact(person=person) for person in buyers])
    return [a.pk for a in artists], [c.pk for c in contacts]


def drafts_make(count: int, artists: list[int], buyers: list[int]) -> list[int]:
    from vernissage.market.models import Sale, SaleEvent, SaleLine

    works = works_make(count, prefix="bench-sale", artists=artists)
    sales = Sale.objects.bulk_create(
        [Sale(buyer_id=buyers[n % len(buyers)], currency="EUR") for n in range(count)]
    )
    SaleLine.objects.bulk_create(
        [
            SaleLine(
                sale=sale,
                artwork_id=work,
                price=Decimal("1000") + n,
                net_amount=Decimal("1000") + n,
            )
            for n, (sale, work) in enumerate(zip(sales, works, strict=True))
        ]
    )
    SaleEvent.objects.bulk_create([SaleEvent(sale=sale, to_state="draft") for sale in sales])
    return [sale.pk for sale in sales]


def confirm_and_invoice(sale_ids: list[int], threads: int) -> tuple[float, list[str], int]:
    """Each sale confirmed then invoiced by one of ``threads`` workers; (seconds, the invoice
    numbers given, refusals)."""
    from django.db import connection

    from vernissage.market.models import Sale
    from vernissage.market.sales import sale_confirm, sale_invoice

    work: queue.Queue[int] = queue.Queue()
    for pk in sale_ids:
        work.put(pk)
    numbers: list[str] = []
    refusals: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads + 1)

    def worker() -> None:
        start.wait()
        try:
            while True:
                try:
                    pk = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    sale = Sale(pk=pk)
                    sale_confirm(sale=sale, acting_user=None)
                    invoiced = sale_invoice(sale=sale, acting_user=None)
                except Exception as error:  # noqa: BLE001 - counted and reported
                    with lock:
                        refusals.append(error)
                    continue
                with lock:
                    numbers.append(invoiced.invoice_number or "")
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - began
    for error in refusals[:3]:
        print(f"refused: {error!r}", file=sys.stderr)
    return seconds, numbers, len(refusals)


def gaps_and_duplicates(numbers: list[str]) -> tuple[int, int]:
    """Read back from the database, per year: numbers missing below the highest, and numbers
    given to more than one sale (or more than one per sale in ``numbers``)."""
    from vernissage.market.models import Sale

    stored = [
        number
        for number in Sale.objects.filter(invoice_number__isnull=False).values_list(
            "invoice_number", flat=True
        )
        if number is not None
    ]
    duplicates = len(stored) - len(set(stored)) + len(numbers) - len(set(numbers))
    gaps = 0
    by_year: dict[str, list[int]] = {}
    for number in stored:
        year, sequence = number.split("-")
        by_year.setdefault(year, []).append(int(sequence))
    for sequences in by_year.values():
        gaps += max(sequences) - len(set(sequences))
    return gaps, duplicates


def report_data(count: int, artists: list[int], buyers: list[int]) -> None:
    from django.utils import timezone

    from vernissage.market.models import Sale, SaleLine

    works = works_make(count, prefix="bench-report", artists=artists)
    now = timezone.now()
    for start in range(0, count, BATCH):
        chunk = range(start, min(count, start + BATCH))
        sales = Sale.objects.bulk_create(
            [
                Sale(
                    buyer_id=buyers[n % len(buyers)],
                    currency=CURRENCIES[n % len(CURRENCIES)],
                    state="paid",
                    confirmed_at=now - dt.timedelta(days=(n * 7) % 3650),
                )
                for n in chunk
            ]
        )
        SaleLine.objects.bulk_create(
            [
                SaleLine(
                    sale=sale,
                    artwork_id=works[n],
                    price=Decimal(500 + n % 9500),
                    net_amount=Decimal(500 + n % 9500),
                )
                for n, sale in zip(chunk, sales, strict=True)
            ]
        )


def report_ms(runs: int) -> tuple[float, int]:
    from django.contrib.auth.models import User

    from vernissage.market.reports import sales_by_artist

    owner = User.objects.create_superuser(username="bench-owner", password=None)
    best = float("inf")
    rows = 0
    for _ in range(runs):
        began = time.perf_counter()
        rows = len(sales_by_artist(viewer=owner))
        best = min(best, (time.perf_counter() - began) * 1000)
    return best, rows


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    home = arguments.home or harness.RESULTS_DIR / "market"
    if not arguments.database_url and home.exists():
        shutil.rmtree(home)
    harness.environment_configure(home, database_url=arguments.database_url)
    harness.django_ready()
    from django.db import connection

    from vernissage.market.models import Sale

    if Sale.objects.exists():
        sys.exit("The database holds sales already: give the bench an empty one.")
    print(f"database: {connection.vendor}; {arguments.threads} threads")
    artists, buyers = people_make()

    drafts = drafts_make(arguments.sales, artists, buyers)
    seconds, numbers, refused = confirm_and_invoice(drafts, arguments.threads)
    gaps, duplicates = gaps_and_duplicates(numbers)
    sales_per_s = len(numbers) / seconds if seconds else 0.0
    print(
        f"confirmed and invoiced {len(numbers)} sales in {seconds:.2f} s "
        f"({sales_per_s:.0f}/s), {refused} refused; gaps {gaps}, duplicates {duplicates}"
    )

    began = time.perf_counter()
    report_data(arguments.report_sales, artists, buyers)
    print(
        f"bulk-created {arguments.report_sales} sales for the report in "
        f"{time.perf_counter() - began:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    milliseconds, rows = report_ms(arguments.report_runs)
    total = Sale.objects.filter(state__in=("confirmed", "invoiced", "paid")).count()
    print(f"sales report over {total} sales: {rows} rows, best of {arguments.report_runs}")
    verdict = "met" if milliseconds < 1000 else "MISSED"
    print(f"goal report under 1000 ms: {verdict}")

    anchor: list[float] = []
    provenance_ms, _text = provenance_text_ms(rounds=arguments.provenance_rounds, anchor=anchor)
    print(
        f"provenance text of 30 events, staff and public: {provenance_ms:.2f} ms (median of "
        f"{arguments.provenance_rounds}); anchor, one work read by its key: {anchor[0]:.2f} ms; "
        f"ratio {provenance_ms / anchor[0]:.1f}"
    )
    print(
        f"goal provenance text under {PROVENANCE_GOAL_MS:g} ms: "
        f"{harness.verdict(provenance_ms, under=PROVENANCE_GOAL_MS)}"
    )
    print(
        f"sales_per_s={sales_per_s:.0f} invoice_gaps={gaps} duplicates={duplicates} "
        f"report_{arguments.report_sales // 1000}k_ms={milliseconds:.0f} "
        f"provenance_text_ms={provenance_ms:.2f}"
    )
    return 0 if gaps == duplicates == refused == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
