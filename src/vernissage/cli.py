"""The ``vernissage`` command: ``demo``, ``serve`` and ``manage``."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8000

#: Blocking threads per granian worker. A client's keep-alive connection stays with the
#: worker that accepted it, and which one accepts is a race: wrk's 8 connections to two
#: workers sat 1/7, 2/6, 3/5 or 4/4 from round to round. With one thread, the worker holding
#: seven answers them one after another while the other idles (thumbnails at concurrency 8:
#: p99 48 ms at 1/7, 19 to 26 ms at 4/4); with two, the loaded worker takes the second core
#: (p99 26 ms at 2/6, 18 to 19 ms at 4/4 and 3/5), at the same rate within 5%.
SERVE_THREADS = 2


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernissage.config.settings")
    import django

    django.setup()


def _manage(*arguments: str) -> None:
    from django.core.management import call_command

    call_command(*arguments)


def granian_command(
    granian: str,
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    application: str = "vernissage.config.wsgi:application",
) -> list[str]:
    """The granian command line that serves ``application`` over WSGI, as ``serve`` and
    ``demo`` run it (the benches serve their floor with the same one)."""
    return [
        granian,
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-ws",
        "--log-level",
        "warning",
        application,
    ]


def _granian(*, host: str, port: int, workers: int, threads: int) -> None:
    """Replace this process with granian serving Vernissage over WSGI."""
    granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which(
        "granian"
    )
    if granian is None:
        sys.exit("granian is not installed; run `uv sync`.")
    arguments = granian_command(granian, host=host, port=port, workers=workers, threads=threads)
    sys.stdout.flush()
    os.execv(granian, arguments)  # noqa: S606 - a fixed program with our own arguments


def demo(arguments: argparse.Namespace) -> None:
    """Serve the Kalmurzaev world as soon as its records are in, pictures to follow.

    The first start used to migrate, collect and compress the static files, load the world,
    draw and build every picture and make the staff accounts, then start the web server
    (about 29 s on a busy machine). Now the web server starts first and loads Django on one
    core while this process migrates and loads the world on the other (it answers "starting"
    until then, ``vernissage.demo.gate``); static files are served from the apps' folders
    as they are (nothing to collect); the pictures are drawn and their pyramids built by the
    background workers while the site serves, each card saying "preparing" until its
    picture is ready; and the staff accounts are made once the site is up.
    """
    import tempfile
    import time

    started = time.perf_counter()
    os.environ.setdefault("VERNISSAGE_STATIC_FROM_APPS", "true")
    from django.conf import settings

    _setup()
    print(f"Data folder: {settings.HOME}")
    address = f"http://127.0.0.1:{arguments.port}"
    served_at_record(settings.HOME, address)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise looks there too
    ready = Path(tempfile.mkdtemp(prefix="vernissage-demo-")) / "ready"
    server = _granian_child(
        port=arguments.port, environment={"VERNISSAGE_DEMO_READY_FILE": str(ready)}
    )
    phases = {"start": time.perf_counter() - started}
    from django.core.management import call_command

    from vernissage.core.snapshot import snapshot_load

    # A new database starts from the migrations' snapshot (1 s where replaying them took 14 s),
    # and the system checks are left to the server, which loads the pages they check.
    snapshot_load()
    call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
    phases["migrate"] = time.perf_counter() - started - sum(phases.values())

    from vernissage.demo.loader import world_is_loaded, world_load

    if world_is_loaded():
        print("The Kalmurzaev world is already loaded.")
    else:
        summary = world_load()
        print(
            f"Loaded the Kalmurzaev world: {summary.people} people, {summary.works} works, "
            f"{summary.places} places, {summary.organizations} organizations, "
            f"{summary.relationships} relationships."
        )
    phases["world"] = time.perf_counter() - started - sum(phases.values())
    from vernissage.core.statistics import planner_statistics_refresh
    from vernissage.demo.pictures import demo_images_plan

    missing = [plan.inventory_number for plan in demo_images_plan(missing_only=True)]
    if missing:
        from vernissage.demo.tasks import demo_picture_task

        for number in missing:
            demo_picture_task.enqueue(number)
    planner_statistics_refresh()
    ready.touch()
    up = time.perf_counter() - started
    print(f"Serving on {address}/  (admin: /admin/; Ctrl-C stops)", flush=True)
    print(
        f"Up after {up:.1f} s ({time.process_time():.1f} s of processor): "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items()),
        flush=True,
    )
    if missing:
        print(
            f"Making {len(missing)} demo pictures in the background; "
            "cards say “preparing” meanwhile."
        )
    # Two workers share out the drawing of the pictures and the building of their pyramids,
    # a task each; both yield the processor to the web server (nice), so pages are not kept
    # waiting.
    _start_worker(2, nice=10)
    from vernissage.demo.accounts import demo_accounts_make

    print("Staff accounts, one per role (log in at /accounts/login/):")
    for account in demo_accounts_make():
        password = (
            f"one-time password: {account.password}  (shown once; change it)"
            if account.password
            else "password set earlier"
        )
        print(f"  {account.username:<10} {account.role.value:<10} {password}", flush=True)
    try:
        code = server.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches the server too; let it finish
        code = server.wait()
    finally:
        shutil.rmtree(ready.parent, ignore_errors=True)
    sys.exit(code)


def _granian_child(*, port: int, environment: dict[str, str]) -> subprocess.Popen[bytes]:
    """The demo's web server, started before the demo is set up (``vernissage.demo.gate``)."""
    granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which(
        "granian"
    )
    if granian is None:
        sys.exit("granian is not installed; run `uv sync`.")
    command = granian_command(
        granian,
        host="127.0.0.1",
        port=port,
        workers=1,
        threads=4,
        application="vernissage.demo.gate:application",
    )
    sys.stdout.flush()
    return subprocess.Popen(  # noqa: S603 - a fixed program with our own arguments
        command, env={**os.environ, **environment}, preexec_fn=_die_with_parent
    )


def served_at_record(home: Path, address: str) -> None:
    """Remember where the site serves (``$VERNISSAGE_HOME/served-at``), for the URLs the
    command line prints and the links of e-mails, unless ``VERNISSAGE_BASE_URL`` says."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "served-at").write_text(address + "\n", encoding="utf-8")


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when the parent process (the web server) exits."""
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def _start_worker(count: int = 1, *, nice: int = 0) -> None:
    """Run ``count`` background-task workers (pyramids, e-mail) beside the web server; each
    takes the next task from the database queue, so more send an opening's invitations
    sooner (two workers sent 5,000 in 45 s here, one in 65 s). ``nice`` lowers their
    priority below the web server's."""

    def prepare() -> None:
        _die_with_parent()
        if nice:
            os.nice(nice)

    for _ in range(max(1, count)):
        subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "vernissage.cli", "worker"],
            preexec_fn=prepare,  # noqa: PLW1509 - no threads exist yet at this point
        )


def worker(arguments: argparse.Namespace) -> None:
    _setup()
    _manage("db_worker", "--interval", "1", "--verbosity", "0")


def images_add(arguments: argparse.Namespace) -> None:
    _setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from vernissage.images.services import image_add
    from vernissage.works.models import Artwork

    artwork = Artwork.objects.filter(inventory_number__iexact=arguments.inventory_number).first()
    if artwork is None:
        sys.exit(f"No work has the inventory number {arguments.inventory_number}.")
    base = settings.VERNISSAGE_BASE_URL.rstrip("/")
    failures = 0
    for number, name in enumerate(arguments.files, start=1):
        path = Path(name)
        if not path.is_file():
            print(f"{name}: no such file", file=sys.stderr)
            failures += 1
            continue
        try:
            image, created = image_add(artwork=artwork, path=path, acting_user=None, build_now=True)
        except ValidationError as refused:
            print("; ".join(refused.messages), file=sys.stderr)
            failures += 1
            continue
        if len(arguments.files) > 1:
            print(f"[{number}/{len(arguments.files)}]", end=" ", file=sys.stderr, flush=True)
        note = "" if created else "  (already there)"
        print(f"{image.identifier} {base}/iiif/3/{image.identifier}/info.json{note}", flush=True)
    if failures:
        sys.exit(1)


def serve(arguments: argparse.Namespace) -> None:
    from django.conf import settings

    _setup()
    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        _manage("collectstatic", "--noinput", "--verbosity", "0")
    from vernissage.core.statistics import planner_statistics_refresh

    planner_statistics_refresh()
    host = "127.0.0.1" if arguments.host in ("0.0.0.0", "::", "") else arguments.host  # noqa: S104
    host = f"[{host}]" if ":" in host else host
    served_at_record(settings.HOME, f"http://{host}:{arguments.port}")
    if not arguments.no_worker:
        _start_worker(arguments.task_workers)
    _granian(
        host=arguments.host,
        port=arguments.port,
        workers=arguments.workers,
        threads=arguments.threads,
    )


def manage(arguments: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernissage.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vernissage manage", *arguments])


def biographies_read(arguments: argparse.Namespace) -> None:
    """Read biography files: a summary per text, or with ``--json DIR`` one JSON file each."""
    _setup()
    import json

    from tqdm import tqdm

    from vernissage.biographies.intake import ReadingRefused
    from vernissage.biographies.reader import configured_recogniser, read_bytes
    from vernissage.biographies.selectors import catalogue_place_names

    places = catalogue_place_names()
    recogniser = configured_recogniser()
    outdir = Path(arguments.json) if arguments.json else None
    if outdir is not None:
        outdir.mkdir(parents=True, exist_ok=True)
    files = [Path(name) for name in arguments.files]
    failures = 0
    progress = tqdm(files, unit="text", disable=len(files) < 2 or None, file=sys.stderr)
    for path in progress:
        try:
            reading = read_bytes(path.read_bytes(), catalogue_places=places, recogniser=recogniser)
        except OSError as error:
            progress.write(f"{path}: {error.strerror or error}", file=sys.stderr)
            failures += 1
            continue
        except ReadingRefused as refused:
            progress.write(f"{path}: {refused}", file=sys.stderr)
            failures += 1
            continue
        if outdir is not None:
            target = outdir / f"{path.stem}.json"
            target.write_text(
                json.dumps(reading.as_json(), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
            continue
        progress.write(_reading_summary(path, reading))
    if failures:
        sys.exit(1)


def _reading_summary(path: Path, reading: Any) -> str:
    def listed(values: Any) -> str:
        return ", ".join(values) or "-"

    people = [f"{name} ({role})" for name, role in reading.people.items()]
    ties = [f"{name}: {kind}" for name, kind in reading.relationships.items()]
    invitations = [
        f"from {item['from'] or 'someone unnamed'}"
        + (f", in {item['place']}" if item["place"] else "")
        for item in reading.invitations
    ]
    born = " ".join(part for part in (reading.birthplace, reading.birth_year) if part)
    lines = [
        f"{path}: {reading.subject or 'no subject found'}",
        f"  born: {born or '-'}",
        f"  roles: {listed(reading.roles)}",
        f"  schools: {listed(reading.schools)}",
        f"  people: {listed(people)}",
        f"  ties: {listed(ties)}",
        f"  places: {listed(reading.places)}",
        f"  venues: {listed(reading.venues)}",
        f"  invitations: {listed(invitations)}",
        f"  facts: {len(reading.facts)}",
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vernissage", description="Vernissage: artists, works, exhibitions, collectors."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo_parser = commands.add_parser(
        "demo", help="Open the Kalmurzaev world on this machine (makes the data folder)."
    )
    demo_parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve_parser = commands.add_parser("serve", help="Run the production server (granian).")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve_parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    serve_parser.add_argument(
        "--threads",
        type=int,
        default=SERVE_THREADS,
        help=f"blocking threads per worker (default {SERVE_THREADS})",
    )
    serve_parser.add_argument(
        "--no-worker", action="store_true", help="do not run the background-task worker"
    )
    serve_parser.add_argument(
        "--task-workers",
        type=int,
        default=os.cpu_count() or 1,
        help="background-task worker processes beside the server (default: one per CPU)",
    )
    commands.add_parser("worker", help="Run the background-task worker on its own.")
    images_parser = commands.add_parser("images", help="Images of works.")
    images_commands = images_parser.add_subparsers(dest="images_command", required=True)
    add_parser = images_commands.add_parser(
        "add", help="Attach image files to a work; prints each IIIF identifier and info.json URL."
    )
    add_parser.add_argument("inventory_number")
    add_parser.add_argument("files", nargs="+")
    biographies_parser = commands.add_parser("biographies", help="Biography texts.")
    biographies_commands = biographies_parser.add_subparsers(
        dest="biographies_command", required=True
    )
    read_parser = biographies_commands.add_parser(
        "read",
        help="Read biographies (text, Markdown, HTML) into proposed facts, each citing its "
        "sentence; prints a summary per text.",
    )
    read_parser.add_argument("files", nargs="+", metavar="FILE")
    read_parser.add_argument(
        "--json", metavar="DIR", help="write one JSON file per text into DIR instead"
    )
    commands.add_parser(
        "manage", help="Any Django management command: vernissage manage migrate", add_help=False
    )
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        manage(argv[1:])
        return
    arguments = build_parser().parse_args(argv)
    if arguments.command == "demo":
        demo(arguments)
    elif arguments.command == "serve":
        serve(arguments)
    elif arguments.command == "worker":
        worker(arguments)
    elif arguments.command == "images":
        images_add(arguments)
    elif arguments.command == "biographies":
        biographies_read(arguments)


if __name__ == "__main__":
    main()
