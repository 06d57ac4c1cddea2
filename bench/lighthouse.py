"""Lighthouse on the demo's public pages: accessibility, best practices and SEO at 1.0.

    uv run python bench/lighthouse.py                  # a fresh demo world, every page
    uv run python bench/lighthouse.py --reuse          # the world of the last run, if loaded
    uv run python bench/lighthouse.py --page home --page cv --performance

Makes a fresh data folder (``bench/results/lighthouse/home/``; git ignores ``bench/results/``),
migrates it, loads the Kalmurzaev world (``world_load``, as ``vernissage demo`` does), draws
its pictures and builds their pyramids (``demo_images_make``: every card shows its picture, as
once the demo's workers are done) and makes the staff accounts. Then it serves the folder
with ``vernissage serve`` (granian, whitenoise, ``DEBUG`` off: production) on a free port and
runs Lighthouse 12 (:data:`LIGHTHOUSE`, installed with npm into
``bench/results/lighthouse/node/`` on first use; Lighthouse 13 needs Node 22) with Debian's
Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``) on each page an anonymous visitor
sees, and on two staff pages signed in as the owner (a session cookie in an extra header):
categories accessibility, best practices and SEO (``--performance`` adds performance, which
the load of a shared machine makes noisy), desktop preset. Each page's JSON and HTML reports
are written to ``bench/results/lighthouse/reports/``.

It prints a table page x category, the failing audits of each page (id, title and the first
elements they name), and ends with one line:

    lighthouse pages=N accessibility_min=X best_practices_min=Y seo_min=Z

and whether each meets the goal of issue 11 (1.0). It asserts nothing; it exits 2 when npm,
Node or Chromium is missing (saying how to install them), 1 when Lighthouse fails to run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the harness is imported as bench.harness
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

#: The Lighthouse release the figures were measured with (12.x runs on Node 18+, 13 on 22+).
LIGHTHOUSE = "lighthouse@12.8.2"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("accessibility", "best-practices", "seo")
GOAL = 1.0
OUTPUT = harness.RESULTS_DIR / "lighthouse"
ARTIST = "jacques-kalmurzaev"
#: How many of the elements a failing audit names are printed under it.
ITEMS_SHOWN = 3


@dataclass
class Page:
    name: str
    path: str
    staff: bool = False


@dataclass
class Report:
    page: Page
    scores: dict[str, float | None]
    failing: list[tuple[str, str, list[str]]] = field(default_factory=list)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, help="the data folder (made afresh unless --reuse)")
    parser.add_argument("--node-dir", type=Path, default=OUTPUT / "node")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the data folder of the last run if loaded"
    )
    parser.add_argument(
        "--page", action="append", default=[], help="only this page (by name; repeatable)"
    )
    parser.add_argument("--no-staff", action="store_true", help="leave out the staff pages")
    parser.add_argument("--performance", action="store_true", help="add the performance category")
    return parser.parse_args(argv)


# --- tools ------------------------------------------------------------------------------------


def chrome_path() -> str:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        print(
            f"Chromium is missing at {chrome}: `apt-get install chromium` (as root), or set "
            "CHROME_PATH to a Chrome or Chromium.",
            file=sys.stderr,
        )
        sys.exit(2)
    return chrome


def lighthouse_ensure(node_dir: Path) -> Path:
    """The ``lighthouse`` command in ``node_dir``, installed there with npm if it is not."""
    command = node_dir / "node_modules" / ".bin" / "lighthouse"
    node = shutil.which("node")
    if node is None:
        print("Node.js 18 or later is missing: `apt-get install nodejs npm`.", file=sys.stderr)
        sys.exit(2)
    if command.exists() and installed_version(node_dir) == LIGHTHOUSE.split("@")[1]:
        return command
    npm = shutil.which("npm")
    if npm is None:
        print(
            f"npm is missing: `apt-get install npm` (as root), then run this again; or install "
            f"{LIGHTHOUSE} yourself: `npm install --prefix {node_dir} {LIGHTHOUSE}`.",
            file=sys.stderr,
        )
        sys.exit(2)
    node_dir.mkdir(parents=True, exist_ok=True)
    print(f"Installing {LIGHTHOUSE} into {node_dir} ...", flush=True)
    subprocess.run(  # noqa: S603 - npm with our own arguments
        [npm, "install", "--prefix", str(node_dir), "--no-audit", "--no-fund", LIGHTHOUSE],
        check=True,
    )
    return command


def installed_version(node_dir: Path) -> str:
    package = node_dir / "node_modules" / "lighthouse" / "package.json"
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return ""


# --- the world --------------------------------------------------------------------------------


def world_ready(home: Path, *, reuse: bool) -> None:
    """The demo world in ``home``, its pictures drawn and its staff accounts made."""
    if home.exists() and not reuse:
        shutil.rmtree(home)
    harness.environment_configure(home)
    harness.django_ready()
    from vernissage.demo.accounts import demo_accounts_make
    from vernissage.demo.loader import world_is_loaded, world_load
    from vernissage.demo.pictures import demo_images_make

    started = time.perf_counter()
    if not world_is_loaded():
        world_load()
    made = demo_images_make(build_now=True)
    demo_accounts_make()
    print(
        f"Demo world ready in {home} ({made} pictures made, {time.perf_counter() - started:.1f} s)",
        flush=True,
    )


def pages_find(*, staff: bool) -> list[Page]:
    """The pages an anonymous visitor sees, by their URLs in this world; two staff pages."""
    from django.db.models import Count
    from django.urls import reverse

    from vernissage.exhibitions.models import Exhibition
    from vernissage.works.models import Artwork

    work = Artwork.objects.public().filter(images__isnull=False).order_by("inventory_number")[0]
    exhibition = (
        Exhibition.objects.public().annotate(works=Count("checklist")).order_by("-works", "slug")[0]
    )
    artist_history = reverse("site:person-history", kwargs={"slug": ARTIST})
    pages = [
        Page("home", reverse("site:home")),
        Page("works", reverse("site:artwork-list")),
        Page("work", work.get_absolute_url()),
        Page("mirador", reverse("site:artwork-mirador", kwargs={"slug": work.slug})),
        Page("artist", reverse("site:person-detail", kwargs={"slug": ARTIST})),
        Page("artists", reverse("site:artist-list")),
        Page("exhibitions", reverse("site:exhibition-list")),
        Page("exhibition", exhibition.get_absolute_url()),
        Page("search", reverse("site:search") + "?q=Kalmurzaev"),
        Page("graph", reverse("site:people-graph")),
        Page("cv", reverse("site:person-cv", kwargs={"slug": ARTIST})),
        Page("career", reverse("site:person-career", kwargs={"slug": ARTIST})),
        Page("login", reverse("login")),
    ]
    if staff:
        pages += [
            Page("staff-work", work.get_absolute_url(), staff=True),
            Page("staff-contacts", reverse("site:contact-list"), staff=True),
            Page("staff-history", artist_history, staff=True),
        ]
    return pages


def owner_cookie() -> str:
    """A signed-in session of the demo's owner, as a ``Cookie`` header's value."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="owner")
    return harness.session_cookie(user)


# --- Lighthouse -------------------------------------------------------------------------------


def lighthouse_run(
    command: Path,
    url: str,
    *,
    report_base: Path,
    categories: Sequence[str],
    chrome: str,
    cookie: str = "",
) -> dict[str, Any]:
    """One Lighthouse run on ``url``; its JSON report (the HTML one is written beside it)."""
    arguments = [
        str(command),
        url,
        "--quiet",
        "--preset=desktop",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        "--output=html",
        f"--output-path={report_base}",
    ]
    if cookie:
        arguments.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    completed = subprocess.run(  # noqa: S603 - our own install of Lighthouse
        arguments,
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        check=False,
    )
    json_path = report_base.with_name(report_base.name + ".report.json")
    if completed.returncode != 0 or not json_path.exists():
        raise RuntimeError(
            f"Lighthouse failed on {url} ({completed.returncode}):\n{completed.stderr[-3000:]}"
        )
    return dict(json.loads(json_path.read_text(encoding="utf-8")))


def report_read(page: Page, result: dict[str, Any], categories: Sequence[str]) -> Report:
    """The scores of each category, and the audits that fail (scored below 1); those that
    weigh nothing in the score (informative, or not applicable to the page) say so."""
    scores = {name: result["categories"][name]["score"] for name in categories}
    failing = []
    seen: set[str] = set()
    for name in categories:
        for reference in result["categories"][name]["auditRefs"]:
            audit = result["audits"][reference["id"]]
            if audit["id"] in seen or audit.get("scoreDisplayMode") not in ("binary", "numeric"):
                continue
            if audit.get("score") is None or audit["score"] >= 1:
                continue
            seen.add(audit["id"])
            title = audit["title"] + ("" if reference["weight"] else " (not scored)")
            failing.append((audit["id"], title, audit_items(audit)))
    return Report(page=page, scores=scores, failing=failing)


def audit_items(audit: dict[str, Any]) -> list[str]:
    """What the first elements, URLs or messages a failing audit names say."""
    items = (audit.get("details") or {}).get("items") or []
    shown = []
    for item in items[:ITEMS_SHOWN]:
        node = item.get("node") or item.get("source") or {}
        if isinstance(node, dict) and node.get("snippet"):
            text = f"{node.get('selector', '')}: {node.get('snippet', '')}"
            explanation = node.get("explanation", "").replace("\n", " ")
            shown.append(f"{text}  [{explanation[:160]}]" if explanation else text)
        else:
            described = item.get("description") or item.get("url") or item.get("source") or item
            shown.append(str(described)[:240])
    return shown


def score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.2f}"


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    chrome = chrome_path()
    command = lighthouse_ensure(arguments.node_dir.resolve())
    home = (arguments.home or OUTPUT / "home").resolve()
    reports_dir = OUTPUT / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    world_ready(home, reuse=arguments.reuse)
    pages = pages_find(staff=not arguments.no_staff)
    if arguments.page:
        pages = [page for page in pages if page.name in arguments.page]
    cookie = owner_cookie() if any(page.staff for page in pages) else ""
    categories = (*CATEGORIES, "performance") if arguments.performance else CATEGORIES
    from django.db import connections

    connections.close_all()
    print(f"Lighthouse {installed_version(arguments.node_dir.resolve())}, {chrome}", flush=True)
    reports = []
    with harness.vernissage_serving(
        home=home, workers=1, threads=2, ready_path="/", options=["--no-worker"]
    ) as served:
        for page in pages:
            started = time.perf_counter()
            result = lighthouse_run(
                command,
                f"http://127.0.0.1:{served.port}{page.path}",
                report_base=reports_dir / page.name,
                categories=categories,
                chrome=chrome,
                cookie=cookie if page.staff else "",
            )
            report = report_read(page, result, categories)
            reports.append(report)
            print(
                f"  {page.name:<15} {page.path:<45} "
                + " ".join(f"{name}={score_text(report.scores[name])}" for name in categories)
                + f"  ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    print()
    header = f"{'page':<15} " + " ".join(f"{name:>14}" for name in categories)
    print(header)
    print("-" * len(header))
    for report in reports:
        print(
            f"{report.page.name:<15} "
            + " ".join(f"{score_text(report.scores[name]):>14}" for name in categories)
        )
    for report in reports:
        if report.failing:
            print(f"\n{report.page.name} ({report.page.path}): failing audits")
            for audit_id, title, items in report.failing:
                print(f"  {audit_id}: {title}")
                for item in items:
                    print(f"      {item}")
    minima = {
        name: min((report.scores[name] or 0.0 for report in reports), default=0.0)
        for name in CATEGORIES
    }
    print()
    for name, value in minima.items():
        verdict = harness.verdict(value, at_least=GOAL)
        print(f"{name} minimum {value:.2f}: {verdict} the goal ({GOAL:.1f}).")
    unindexed = [
        report.page.name
        for report in reports
        if any(audit_id == "is-crawlable" for audit_id, _title, _items in report.failing)
    ]
    if unindexed:
        # Counted in the figures above, and named: a page may be kept out on purpose.
        print(
            "is-crawlable fails (the page is kept out of search engines: noindex or "
            f"robots.txt) on: {', '.join(unindexed)}"
        )
    print(
        f"lighthouse pages={len(reports)} accessibility_min={minima['accessibility']:.2f} "
        f"best_practices_min={minima['best-practices']:.2f} seo_min={minima['seo']:.2f}"
    )


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
