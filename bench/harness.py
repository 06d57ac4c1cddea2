"""What the benches share: a data folder and settings, servers started and stopped, load.

Every bench in this folder measures Vernissage against an *anchor* measured in the same run
(a minimal Django view, another image server), because absolute figures move with whatever
else the machine is doing and a ratio moves much less. This module holds what that takes:

- settings: :func:`add_load_arguments`, :func:`environment_configure`, :func:`django_ready`;
- servers: :func:`vernissage_serving` (``vernissage serve``, granian) and
  :func:`floor_serving` (the framework's floor under the same granian command line), each in
  its own process group, waited for until they answer and ended by their process group;
  :func:`end_processes` for servers started otherwise; what /proc says of a process tree
  (CPU time, resident size);
- load: :func:`wrk_run` (wrk with a Lua script, its output read), :func:`load_python` (a
  Python load generator where wrk is missing or a request budget is wanted);
- results: :class:`Comparison`, rounds of the anchor and of the subject interleaved and the
  ratio of their mean rates, and :func:`verdict`.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import http.client
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
PR_SET_CHILD_SUBREAPER = 36


# --- settings ---------------------------------------------------------------------------------


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every bench with a load phase takes, with the same defaults."""
    from vernissage.cli import SERVE_THREADS

    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of each measured round"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="granian workers (vernissage serve --workers)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=SERVE_THREADS,
        help=f"granian blocking threads per worker (default {SERVE_THREADS}, as vernissage serve)",
    )


def environment_configure(home: Path, *, database_url: str = "") -> None:
    """What the bench process and the servers it starts read their settings from.

    The bench's own data folder, SQLite file and secret key unless ``database_url`` is given:
    ``DATABASE_URL`` from the environment is never used, so a bench never writes to it.
    """
    home.mkdir(parents=True, exist_ok=True)
    os.environ["VERNISSAGE_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vernissage.config.settings"
    os.environ["VERNISSAGE_DEBUG"] = "false"  # measure what production runs
    os.environ["VERNISSAGE_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    for name in ("VERNISSAGE_SECRET_KEY", "DATABASE_URL_FILE", "VERNISSAGE_MEDIA_ROOT"):
        os.environ.pop(name, None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)


def django_ready() -> None:
    """Django set up in this process, the database migrated, the static files collected."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--noinput", verbosity=0)
    # The templates use {% static %}, which reads the manifest collectstatic writes.
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)


# --- processes --------------------------------------------------------------------------------


def interpreter() -> str:
    """The Python the bench runs on: its version and executable. Builds of one version
    differ (this machine's pyenv CPython is built without ``--enable-optimizations``; a
    pure-Python loop ran 1.47x faster on Debian's ``/usr/bin/python3.11``), and a figure
    should say which one it was measured on."""
    return f"{sys.implementation.name} {sys.version.split()[0]} ({sys.executable})"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def executable(name: str) -> str:
    """A program of this virtual environment (``vernissage``, ``granian``), else on PATH."""
    found = shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed; run `uv sync`.")
    return found


def stat_fields(pid: int) -> list[str] | None:
    """/proc/PID/stat from the state on (field 3): the command name may hold spaces."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def alive(pid: int) -> bool:
    fields = stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def process_tree(roots: Iterable[int]) -> set[int]:
    """The live processes ``roots`` and all their descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = stat_fields(int(entry))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry))
    found: set[int] = set()
    stack = [pid for pid in roots if alive(pid)]
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: Iterable[int]) -> float:
    """utime + stime of the processes, and of their children already reaped."""
    ticks = 0
    for pid in pids:
        fields = stat_fields(pid)
        if fields is not None:
            ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time the whole machine spent busy (all CPUs), from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(value) for value in handle.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    busy = sum(values[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def end_processes(pids: Sequence[int], timeout: float = 10.0) -> None:
    """SIGTERM each process by id, wait, SIGKILL what is left; reap our own children."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for pid in pids:
        while alive(pid) and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.05)
        if alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.1)
        _reap(pid)


def end_group(process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    """End a server started in its own session: its process group, by id."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        pass


def become_subreaper() -> None:
    """Adopt orphans (a launcher such as spawn-fcgi exits and leaves its children), to reap
    them."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


# --- servers ----------------------------------------------------------------------------------


def http_get(port: int, path: str, timeout: float = 30.0) -> tuple[int, str, bytes]:
    """One GET on 127.0.0.1: status, Content-Type, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def server_wait(
    name: str,
    port: int,
    path: str,
    *,
    log: Path,
    running: Callable[[], bool],
    timeout: float = 90.0,
) -> None:
    """Until ``path`` answers 200; an error, with the end of ``log``, if the server stops
    running, answers something else or does not answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not running():
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"{name} exited:\n{tail}")
        try:
            status, _type, _body = http_get(port, path, timeout=5)
        except (OSError, http.client.HTTPException):
            time.sleep(0.25)
            continue
        if status == 200:
            return
        raise RuntimeError(f"{name} answered {path} with {status}")
    raise RuntimeError(f"{name} did not answer within {timeout:.0f} s")


def session_cookie(user: AbstractBaseUser) -> str:
    """A signed-in session of ``user`` written to the database, as a ``Cookie`` header's
    value: what a browser sends after logging in, for a server started on the same data."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Served:
    """A server started in its own session (process group), its output in ``log``."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def running(self) -> bool:
        return self.process.poll() is None

    def wait(self, path: str, timeout: float = 90.0) -> None:
        server_wait(self.name, self.port, path, log=self.log, running=self.running, timeout=timeout)

    def stop(self) -> None:
        """End the server and its workers: its own process group, by id."""
        end_group(self.process)


def server_start(
    name: str,
    command: list[str],
    *,
    log: Path,
    port: int,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Served:
    """``command`` started in a session of its own, its output to ``log``: a server that
    answers on ``port`` once ready (see :meth:`Served.wait`)."""
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Served(name=name, process=process, port=port, log=log)


@contextlib.contextmanager
def vernissage_serving(
    *, home: Path, workers: int, threads: int, ready_path: str, options: Sequence[str] = ()
) -> Iterator[Served]:
    """``vernissage serve`` as in production on a free port, until ``ready_path`` answers.

    ``vernissage serve`` becomes granian (execv): the process started is granian itself, and
    its workers are its children, in its process group.
    """
    port = free_port()
    served = server_start(
        "vernissage serve",
        [
            executable("vernissage"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            *options,
        ],
        env=dict(os.environ),
        cwd=home,
        log=home / "bench-serve.log",
        port=port,
    )
    try:
        served.wait(ready_path)
        yield served
    finally:
        served.stop()


FLOOR_APP = '''"""The framework's floor: Django with one view, served like Vernissage."""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-not-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    USE_TZ=True,
)


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
'''


@contextlib.contextmanager
def floor_serving(*, log_dir: Path, workers: int, threads: int) -> Iterator[Served]:
    """The framework's floor: a one-view Django app (``HttpResponse("ok")`` at ``/``,
    ``CommonMiddleware`` only) under the granian command line ``vernissage serve`` uses."""
    from vernissage.cli import granian_command

    floor_dir = Path(tempfile.mkdtemp(prefix="vernissage-floor-"))
    try:
        (floor_dir / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
        port = free_port()
        env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        env["PYTHONPATH"] = os.pathsep.join(
            [str(floor_dir), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        served = server_start(
            "floor",
            granian_command(
                executable("granian"),
                host="127.0.0.1",
                port=port,
                workers=workers,
                threads=threads,
                application="floor_app:application",
            ),
            env=env,
            cwd=floor_dir,
            log=log_dir / "bench-floor.log",
            port=port,
        )
        try:
            served.wait("/")
            yield served
        finally:
            served.stop()
    finally:
        shutil.rmtree(floor_dir, ignore_errors=True)


# --- load -------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class LoadResult:
    """One round of load against one server."""

    #: Successful (2xx, 3xx) answers per second.
    rps: float
    requests: int
    #: Non-2xx or 3xx answers and socket errors.
    errors: int
    p50_ms: float
    p99_ms: float
    bytes_per_request: float = math.nan
    #: Wall time of the round.
    seconds: float = math.nan


def percentile(values: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


WRK_ROTATING = """
local paths = {%s}
local index = 0

setup = function(thread)
  thread:set("offset", math.random(#paths))
end

request = function()
  index = index + 1
  local i = ((index + (offset or 0)) %% #paths) + 1
  return wrk.format("GET", paths[i])
end
"""

WRK_SLICED = """
-- Each thread walks its own slice of the list in order, round and round: between two asks
-- for the same path the server answers the whole list once.
local paths = {%s}
local threads = %d
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
end

function init(args)
  local n = #paths
  first = math.floor((number - 1) * n / threads) + 1
  last = math.max(first, math.floor(number * n / threads))
  index = first - 1
end

function request()
  index = index + 1
  if index > last then
    index = first
  end
  return wrk.format("GET", paths[index])
end
"""


def _lua_list(paths: Sequence[str]) -> str:
    return ", ".join(json.dumps(path) for path in paths)


def wrk_script_rotating(paths: Sequence[str]) -> str:
    """Every thread goes round the whole list, each from its own random place in it."""
    return WRK_ROTATING % _lua_list(paths)


def wrk_script_sliced(paths: Sequence[str], threads: int) -> str:
    """Each thread goes round its own slice of the list, in order."""
    return WRK_SLICED % (_lua_list(paths), threads)


def _wrk_seconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if match is None:
        return math.nan
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}[match.group(2)]
    return float(match.group(1)) * scale


def wrk_run(
    wrk: str, port: int, script: str, *, threads: int, connections: int, seconds: int
) -> LoadResult:
    """wrk against 127.0.0.1:``port`` for whole ``seconds``, asking what ``script`` asks."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        started = time.perf_counter()
        completed = subprocess.run(
            [
                wrk,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "--latency",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - started
    finally:
        os.unlink(handle.name)
    output = completed.stdout
    total = re.search(r"(\d+) requests in ([\d.]+\w+)", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if total is None or rate is None:
        raise RuntimeError(f"cannot read wrk's output:\n{output}\n{completed.stderr}")
    requests = int(total.group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    failures = int(bad.group(1)) if bad else 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = failures + (sum(int(v) for v in socket_errors.groups()) if socket_errors else 0)
    percentiles = {
        key: _wrk_seconds(value) * 1000
        for key, value in re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE)
    }
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)([KMG]?B)", output)
    bytes_per_second = (
        float(transfer.group(1))
        * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[transfer.group(2)]
        if transfer
        else math.nan
    )
    rps = float(rate.group(1))
    good = max(0, requests - failures)
    return LoadResult(
        rps=rps * good / requests if requests else 0.0,
        requests=requests,
        errors=errors,
        p50_ms=percentiles.get("50", math.nan),
        p99_ms=percentiles.get("99", math.nan),
        bytes_per_request=bytes_per_second / rps if rps else math.nan,
        seconds=elapsed,
    )


def load_python(
    port: int, paths: Sequence[str], concurrency: int, duration: float, budget: int
) -> LoadResult:
    """Keep-alive connections from threads, for ``duration`` seconds or ``budget`` requests
    (0: no budget); slower than wrk, so the ratio is the figure."""
    per_connection = math.ceil(budget / concurrency) if budget > 0 else 0
    done = [0] * concurrency
    failed = [0] * concurrency
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    start_gate = threading.Event()
    deadline = [0.0]

    def worker(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = number * 7919
        start_gate.wait()
        while time.perf_counter() < deadline[0] and not (
            per_connection and done[number] >= per_connection
        ):
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                failed[number] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            latencies[number].append((time.perf_counter() - started) * 1000)
            if response.status == 200:
                done[number] += 1
            else:
                failed[number] += 1
        connection.close()

    workers = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in workers:
        thread.start()
    started = time.perf_counter()
    deadline[0] = started + duration
    start_gate.set()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    measured = [value for chunk in latencies for value in chunk]
    return LoadResult(
        rps=sum(done) / elapsed,
        requests=sum(done) + sum(failed),
        errors=sum(failed),
        p50_ms=percentile(measured, 50),
        p99_ms=percentile(measured, 99),
        seconds=elapsed,
    )


# --- results ----------------------------------------------------------------------------------

ResultT = TypeVar("ResultT", bound=LoadResult)


@dataclass(kw_only=True)
class Comparison(Generic[ResultT]):
    """Rounds of a subject and of its anchor, measured in the same run: the ratio of rates.

    :meth:`measure` warms each up, then interleaves them (anchor, subject, anchor, subject,
    ...) so that whatever else the machine does falls on both.
    """

    anchor: str
    subject: str
    rounds: list[tuple[str, ResultT]] = field(default_factory=list)

    def measure(
        self,
        run: Callable[[str, float, bool], ResultT],
        *,
        rounds: int,
        duration: float,
        warmup: float,
        warmed: Callable[[str], None] | None = None,
        measured: Callable[[str, ResultT], None] | None = None,
    ) -> None:
        """``run(name, seconds, measured)`` loads the server ``name`` for ``seconds``:
        once each as a warm-up (``measured`` False, the result dropped), then ``rounds``
        times each, interleaved, the results kept."""
        names = (self.anchor, self.subject)
        for name in names:
            run(name, warmup, False)
            if warmed is not None:
                warmed(name)
        for _ in range(rounds):
            for name in names:
                result = run(name, duration, True)
                self.rounds.append((name, result))
                if measured is not None:
                    measured(name, result)

    def of(self, name: str) -> list[ResultT]:
        return [result for round_name, result in self.rounds if round_name == name]

    def rps(self, name: str) -> float:
        """The mean rate of the rounds of ``name``."""
        results = self.of(name)
        return sum(result.rps for result in results) / len(results) if results else math.nan

    def p50(self, name: str) -> float:
        """The mean median of the rounds of ``name``."""
        results = self.of(name)
        return sum(result.p50_ms for result in results) / len(results) if results else math.nan

    def p99(self, name: str) -> float:
        """The worst 99th percentile of the rounds of ``name``."""
        return max((result.p99_ms for result in self.of(name)), default=math.nan)

    def errors(self, name: str) -> int:
        return sum(result.errors for result in self.of(name))

    @property
    def ratio(self) -> float:
        """The subject's mean rate over the anchor's."""
        base = self.rps(self.anchor)
        return self.rps(self.subject) / base if base else math.nan


def verdict(value: float, *, at_least: float | None = None, under: float | None = None) -> str:
    """Whether ``value`` meets a goal of at least ``at_least``, or under ``under``: "meets"
    or "misses" (NaN misses)."""
    if at_least is not None:
        return "meets" if value >= at_least else "misses"
    if under is not None:
        return "meets" if value < under else "misses"
    raise TypeError("verdict() needs at_least or under")
