"""IIIF benchmark: Vernissage against IIPImage (iipsrv) on the same pyramidal TIFF.

    uv run python bench/iiif.py                  # 8000 x 6000 picture, 10 s rounds
    uv run python bench/iiif.py --duration 5     # a quicker look

Needs Debian's ``iipimage-server``, ``spawn-fcgi``, ``nginx`` and ``wrk`` (as root:
``apt-get install -y iipimage-server spawn-fcgi nginx wrk``); says so and stops without them.

It makes a deterministic test picture with pyvips, ingests it into a fresh data folder
(``VERNISSAGE_HOME``) through ``image_add(..., build_now=True)`` on a public work, and serves
the one pyramid that makes from both servers:

- iipsrv as two FastCGI processes (spawn-fcgi) behind nginx, as in
  /work/shared/bench/IIPSRV.md: ``/iiif/{file}/...`` (IIIF 2.1);
- Vernissage as in production: ``vernissage serve --workers 2 --threads 2 --no-worker``
  (granian, WSGI): ``/iiif/3/{identifier}/...``, with the derivative disk cache off
  (``VERNISSAGE_IIIF_CACHE_BYTES=0``) so that re-encoded answers are rendered every time.

Both are asked the same paths after the prefix, in three sets, each shuffled and distinct:

1. ``aligned``: every interior tile of the pyramid's grid at every level,
   ``{x},{y},{w},{h}/256,/0/default.jpg``: what a deep-zoom viewer asks for;
2. ``reencoded``: the same tiles shifted off the grid by 37 full-size pixels, and the edge
   tiles (smaller than a stored tile): answers that must be decoded and encoded again;
3. ``thumbs``: ``full/{w},/0/default.jpg`` for w = 380..420.

After a correctness gate (every sampled answer from both servers is a whole JPEG of the
expected size, close to a reference cut with pyvips), wrk drives each set at concurrency 1
(``-t1 -c1``) and 8 (``-t2 -c8``), warm-up then iipsrv, Vernissage, iipsrv, Vernissage.
Besides requests/s and latency it reads the servers' CPU time per request from /proc and
samples the resident memory of Vernissage's granian workers. In process, it times pyvips
cutting and encoding the same answers (at that quality, one thread) and Vernissage's own rendering
function without HTTP, for comparison.

The goals (see bench/README.md): aligned tiles at least 2.0x iipsrv's requests/s, re-encoded
at least 0.8x, thumbnails at least 1.3x with a p99 under 50 ms, under 500 MB per worker, all
at concurrency 8. It ends with one line:

aligned_tiles_c8_vs_iipsrv=R reencoded_tiles_c8_vs_iipsrv=R thumbs_c8_vs_iipsrv=R worker_rss_mb=M
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import math
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the harness is imported as bench.harness
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

MARKER = "iiif-bench.json"
SEED = 20250301
INSTALL = "apt-get install -y iipimage-server spawn-fcgi nginx wrk"
IIPSRV_FCGI = Path("/usr/lib/iipimage-server/iipsrv.fcgi")
#: iipsrv's settings from shared/bench/IIPSRV.md; its tile cache is per process, in MB.
#: Both servers encode at the same JPEG quality: Vernissage's VERNISSAGE_IIIF_JPEG_QUALITY
#: (``--jpeg-quality``, else the variable, else the setting's default), iipsrv's JPEG_QUALITY.
DEFAULT_JPEG_QUALITY = 85
IIPSRV_CACHE_MB = 5
TILE = 256
#: Full-size pixels by which the ``reencoded`` set moves the grid's tiles.
SHIFT = 37
THUMB_WIDTHS = range(380, 421)
IDENTIFIER = "bench-iiif-study"
SETS = ("aligned", "reencoded", "thumbs")
#: (wrk threads, connections)
CONCURRENCY = ((1, 1), (2, 8))
GOALS = {"aligned": 2.0, "reencoded": 0.8, "thumbs": 1.3}
THUMB_P99_GOAL_MS = 50.0
RSS_GOAL_MB = 500.0


# --- setup ----------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Serve one pyramidal TIFF from iipsrv and from Vernissage; compare them."
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="data folder (VERNISSAGE_HOME), made afresh on every run; default "
        "bench/results/iiif (a folder this bench did not make is never emptied)",
    )
    parser.add_argument("--width", type=int, default=8000, help="test picture width")
    parser.add_argument("--height", type=int, default=6000, help="test picture height")
    harness.add_load_arguments(parser)
    parser.add_argument(
        "--jpeg-quality",
        type=int,
        default=None,
        help="JPEG quality of both servers' re-encoded answers (VERNISSAGE_IIIF_JPEG_QUALITY "
        f"and iipsrv's JPEG_QUALITY); default: VERNISSAGE_IIIF_JPEG_QUALITY, else "
        f"{DEFAULT_JPEG_QUALITY}",
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per server")
    parser.add_argument(
        "--rounds", type=int, default=2, help="measured rounds per server (interleaved)"
    )
    parser.add_argument(
        "--iipsrv-processes", type=int, default=2, help="iipsrv FastCGI processes (spawn-fcgi -F)"
    )
    parser.add_argument(
        "--inprocess-seconds",
        type=float,
        default=4.0,
        help="time budget of each in-process measurement",
    )
    arguments = parser.parse_args(argv)
    if arguments.width < 2 * TILE or arguments.height < 2 * TILE:
        parser.error(f"the picture must be at least {2 * TILE} pixels each way")
    if arguments.jpeg_quality is None:
        arguments.jpeg_quality = int(
            os.environ.get("VERNISSAGE_IIIF_JPEG_QUALITY") or DEFAULT_JPEG_QUALITY
        )
    if not 1 <= arguments.jpeg_quality <= 100:
        parser.error("--jpeg-quality must be from 1 to 100")
    if arguments.rounds < 1 or arguments.duration < 1:
        parser.error("--rounds and --duration must be at least 1")
    return arguments


@dataclass(frozen=True)
class Tools:
    iipsrv: str
    spawn_fcgi: str
    nginx: str
    wrk: str


def tools_find() -> Tools:
    """The programs the bench drives, or a clear message and a non-zero exit."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    found = {
        "iipsrv (package iipimage-server)": str(IIPSRV_FCGI)
        if os.access(IIPSRV_FCGI, os.X_OK)
        else None,
        "spawn-fcgi": shutil.which("spawn-fcgi", path=search),
        "nginx": shutil.which("nginx", path=search),
        "wrk": shutil.which("wrk", path=search),
    }
    missing = [name for name, path in found.items() if path is None]
    if missing:
        print(f"Missing: {', '.join(missing)}.", file=sys.stderr)
        print(f"Install them (as root): {INSTALL}", file=sys.stderr)
        sys.exit(2)
    iipsrv, spawn_fcgi, nginx, wrk = (str(path) for path in found.values())
    return Tools(iipsrv=iipsrv, spawn_fcgi=spawn_fcgi, nginx=nginx, wrk=wrk)


def home_prepare(home: Path) -> None:
    """An empty data folder; one left by an earlier run of this bench is emptied first."""
    if home.exists() and any(home.iterdir()):
        if not (home / MARKER).exists():
            sys.exit(f"{home} is not empty and was not made by this bench; choose another --home.")
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / MARKER).write_text(json.dumps({"bench": "iiif"}) + "\n", encoding="utf-8")


def configure_environment(home: Path, jpeg_quality: int) -> None:
    """What the bench process and the Vernissage server read their settings from."""
    harness.environment_configure(
        home
    )  # the bench's own SQLite file and key, never a real database
    # Re-encoded answers are rendered on every request, not read back from the disk cache.
    os.environ["VERNISSAGE_IIIF_CACHE_BYTES"] = "0"
    # Decoded tiles in memory: as much as iipsrv's tile cache holds (its MB are 1,024,000 bytes).
    os.environ["VERNISSAGE_IIIF_TILE_MEMORY_BYTES"] = str(IIPSRV_CACHE_MB * 1_024_000)
    # The same quality as iipsrv's JPEG_QUALITY (iipsrv_running).
    os.environ["VERNISSAGE_IIIF_JPEG_QUALITY"] = str(jpeg_quality)


def picture_make(path: Path, width: int, height: int) -> None:
    """A deterministic painting-like picture: soft colour fields, sharp shapes, grain.

    Its pyramid's 256-pixel tiles come to about 17 KB at Q75, enough that the set of aligned
    tiles is several times iipsrv's tile cache (see :func:`cache_note`).
    """
    import pyvips

    layers = [
        pyvips.Image.perlin(width, height, cell_size=cell, seed=seed)
        for cell, seed in ((900, 1), (300, 2), (110, 3), (37, 4), (11, 5), (4, 6))
    ]

    def mix(weights: Sequence[float]) -> Any:
        total = layers[0] * weights[0]
        for layer, weight in zip(layers[1:], weights[1:], strict=True):
            total = total + layer * weight
        return total * 120 + 128

    grain = pyvips.Image.gaussnoise(width, height, sigma=6.0, mean=0.0, seed=7)
    shapes = (layers[2] > 0.15).ifthenelse(40, 0).cast("float")
    red = mix((0.8, 0.5, 0.3, 0.25, 0.2, 0.15)) + grain - shapes
    green = mix((0.3, 0.8, 0.5, 0.2, 0.25, 0.15)) + grain - shapes * 0.5
    blue = mix((0.5, 0.3, 0.8, 0.25, 0.2, 0.15)) + grain
    picture = red.bandjoin([green, blue]).cast("uchar").copy(interpretation="srgb")
    picture.jpegsave(str(path), Q=92)


@dataclass(frozen=True)
class Ingested:
    identifier: str
    sha256: str
    pyramid: Path
    width: int
    height: int
    seconds: float


def ingest(home: Path, width: int, height: int) -> Ingested:
    """Migrate, make the picture and add it to a public work through the services."""
    harness.django_ready()

    from vernissage.images.services import image_add
    from vernissage.people.services import person_create
    from vernissage.works.services import artwork_create

    source = home / "source" / "study.jpg"
    source.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    picture_make(source, width, height)
    person = person_create(
        acting_user=None, display_name="Bench Painter", roles=["artist"], is_public=True
    )
    artwork = artwork_create(
        acting_user=None,
        title="Study for a benchmark",
        classification="painting",
        makers=[(person, "artist")],
        date="2025",
        is_public=True,
    )
    image, _created = image_add(
        artwork=artwork,
        path=source,
        acting_user=None,
        identifier=IDENTIFIER,
        is_public=True,
        build_now=True,
    )
    if not image.is_ready:
        sys.exit(f"The pyramid was not built: {image.pyramid_status} {image.pyramid_error}")
    return Ingested(
        identifier=image.identifier,
        sha256=image.sha256,
        pyramid=image.pyramid_path,
        width=image.width,
        height=image.height,
        seconds=time.perf_counter() - started,
    )


# --- what is asked ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    """One IIIF image request, what it should answer, and how pyvips cuts it in process."""

    kind: str  # aligned, shifted, edge, thumb
    region: str
    size: str
    width: int
    height: int
    page: int = -1
    #: left, top, width, height on ``page``
    crop: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def tail(self) -> str:
        return f"{self.region}/{self.size}/0/default.jpg"


@dataclass(frozen=True)
class Grid:
    width: int
    height: int
    #: (width, height) of each page; page n is the picture shrunk 2**n times.
    pages: tuple[tuple[int, int], ...]


def grid_read(pyramid: Path) -> Grid:
    """The pyramid's levels as the TIFF holds them (read here with pyvips, not the app)."""
    import pyvips

    first = pyvips.Image.new_from_file(str(pyramid))
    count = first.get("n-pages") if first.get_typeof("n-pages") else 1
    pages: list[tuple[int, int]] = []
    for number in range(count):
        page = pyvips.Image.new_from_file(str(pyramid), page=number)
        if (page.width, page.height) != (first.width >> number, first.height >> number):
            break
        pages.append((page.width, page.height))
    return Grid(width=first.width, height=first.height, pages=tuple(pages))


def _scaled(length: int, numerator: int, denominator: int) -> int:
    """``length * numerator / denominator`` rounded half up, as IIIF sizes are."""
    return (2 * length * numerator + denominator) // (2 * denominator)


def asks_make(grid: Grid) -> dict[str, list[Ask]]:
    """The three sets of distinct requests, each in a fixed shuffled order."""
    aligned: list[Ask] = []
    reencoded: list[Ask] = []
    for page, (page_width, page_height) in enumerate(grid.pages):
        scale = 1 << page
        span = TILE * scale
        for row in range(math.ceil(page_height / TILE)):
            for column in range(math.ceil(page_width / TILE)):
                x, y = column * span, row * span
                left, top = column * TILE, row * TILE
                pixels_w = min(TILE, page_width - left)
                pixels_h = min(TILE, page_height - top)
                if (pixels_w, pixels_h) == (TILE, TILE):
                    aligned.append(
                        Ask(
                            kind="aligned",
                            region=f"{x},{y},{span},{span}",
                            size=f"{TILE},",
                            width=TILE,
                            height=TILE,
                            page=page,
                            crop=(left, top, TILE, TILE),
                        )
                    )
                    sx, sy = x + SHIFT, y + SHIFT
                    if sx + span <= grid.width and sy + span <= grid.height:
                        crop_left, crop_top = sx // scale, sy // scale
                        reencoded.append(
                            Ask(
                                kind="shifted",
                                region=f"{sx},{sy},{span},{span}",
                                size=f"{TILE},",
                                width=TILE,
                                height=TILE,
                                page=page,
                                crop=(
                                    crop_left,
                                    crop_top,
                                    min(page_width, -(-(sx + span) // scale)) - crop_left,
                                    min(page_height, -(-(sy + span) // scale)) - crop_top,
                                ),
                            )
                        )
                else:
                    # An edge tile: the region is cut short by the picture's edge.
                    region_w, region_h = min(span, grid.width - x), min(span, grid.height - y)
                    reencoded.append(
                        Ask(
                            kind="edge",
                            region=f"{x},{y},{region_w},{region_h}",
                            size=f"{pixels_w},",
                            width=pixels_w,
                            height=_scaled(region_h, pixels_w, region_w),
                            page=page,
                            crop=(left, top, pixels_w, pixels_h),
                        )
                    )
    thumbs = [
        Ask(
            kind="thumb",
            region="full",
            size=f"{width},",
            width=width,
            height=_scaled(grid.height, width, grid.width),
        )
        for width in THUMB_WIDTHS
    ]
    rng = random.Random(SEED)
    sets = {"aligned": aligned, "reencoded": reencoded, "thumbs": thumbs}
    for asks in sets.values():
        rng.shuffle(asks)
    return sets


def jpeg_quality() -> int:
    """The quality both servers encode at (set by :func:`configure_environment`)."""
    return int(os.environ.get("VERNISSAGE_IIIF_JPEG_QUALITY") or DEFAULT_JPEG_QUALITY)


def pyvips_cut(pyramid: Path, ask: Ask, quality: int | None = None) -> bytes:
    """The answer made with pyvips alone: open the page, crop, resize if need be, encode."""
    import pyvips

    if ask.kind == "thumb":
        image = pyvips.Image.thumbnail(str(pyramid), ask.width, height=ask.height, size="force")
    else:
        image = pyvips.Image.new_from_file(str(pyramid), page=ask.page).crop(*ask.crop)
        if (image.width, image.height) != (ask.width, ask.height):
            image = image.resize(ask.width / image.width, vscale=ask.height / image.height)
    return bytes(
        image.jpegsave_buffer(Q=quality or jpeg_quality(), keep=pyvips.enums.ForeignKeep.NONE)
    )


# --- in process -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    per_second: float
    #: CPU time of this process (every thread, libvips's included) per answer.
    cpu_ms: float


#: What is timed in process: pyvips alone, Vernissage's render function, Django's whole request.
MEASURES = ("pyvips", "render", "wsgi")


@dataclass
class InProcess:
    timings: dict[tuple[str, str], Timing] = field(default_factory=dict)
    render_routes: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Bytes of every answer of a set at the bench's quality (about what iipsrv sends).
    q75_bytes: dict[str, int] = field(default_factory=dict)


def _timed(asks: Sequence[Ask], budget: float, work: Callable[[Ask], object]) -> Timing:
    """``work`` over ``asks`` in order, for at most ``budget`` seconds."""
    for ask in asks[-3:]:
        work(ask)  # the first open of the file, the first encoder set-up, the first request
    done = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for ask in asks:
        work(ask)
        done += 1
        if time.perf_counter() - started > budget:
            break
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return Timing(per_second=done / elapsed, cpu_ms=cpu * 1000 / done)


def inprocess_measure(ingested: Ingested, sets: dict[str, list[Ask]], budget: float) -> InProcess:
    """pyvips cutting and encoding at the bench's quality; Vernissage's render function; the
    whole request through the WSGI application the server runs."""
    from django.conf import settings

    from vernissage.images.iiif import Limits, parse_image_request
    from vernissage.images.rendering import image_render

    limits = Limits(
        max_width=settings.VERNISSAGE_IIIF_MAX_WIDTH,
        max_height=settings.VERNISSAGE_IIIF_MAX_HEIGHT,
        max_area=settings.VERNISSAGE_IIIF_MAX_AREA,
    )
    result = InProcess()
    for name, asks in sets.items():
        result.q75_bytes[name] = sum(len(pyvips_cut(ingested.pyramid, ask)) for ask in asks)
        routes: dict[str, int] = {}

        def render(ask: Ask, routes: dict[str, int] = routes) -> bytes:
            wanted = parse_image_request(
                region=ask.region,
                size=ask.size,
                rotation="0",
                quality_format="default.jpg",
                width=ingested.width,
                height=ingested.height,
                limits=limits,
            )
            rendered = image_render(path=ingested.pyramid, sha256=ingested.sha256, request=wanted)
            routes[rendered.route] = routes.get(rendered.route, 0) + 1
            return rendered.content

        works: dict[str, Callable[[Ask], object]] = {
            "pyvips": lambda ask: pyvips_cut(ingested.pyramid, ask),
            "render": render,
            "wsgi": lambda ask: wsgi_get(f"/iiif/3/{ingested.identifier}/{ask.tail}"),
        }
        for measure in MEASURES:
            result.timings[measure, name] = _timed(asks, budget, works[measure])
        result.render_routes[name] = routes
    return result


def wsgi_get(path: str) -> bytes:
    """One request through the WSGI application the server runs, in this process: no HTTP."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: object) -> None:
        statuses.append(status)

    answer = _django_application()(environ, start_response)
    try:
        body = b"".join(answer)
    finally:
        getattr(answer, "close", lambda: None)()  # optional in WSGI: the fast path's is a list
    if not statuses or not statuses[0].startswith("200"):
        raise RuntimeError(f"{path}: {statuses}")
    return body


@functools.cache
def _django_application() -> Any:
    from vernissage.config.wsgi import application

    return application


def cache_note(in_process: InProcess, sets: dict[str, list[Ask]], processes: int) -> str:
    """Whether iipsrv's LRU tile cache can hit when the aligned tiles come round again.

    Each wrk thread walks its own slice of the list, so between two asks for one tile the
    servers answer the whole list once; each iipsrv process sees its share of that.
    """
    seen_mb = in_process.q75_bytes["aligned"] / processes / 1e6
    verdict = (
        "cannot hit: LRU"
        if seen_mb > 1.5 * IIPSRV_CACHE_MB
        else "WARNING: may hit; make the picture larger (--width/--height)"
    )
    return (
        f"iipsrv tile cache {IIPSRV_CACHE_MB} MB per process; between two asks for one of the "
        f"{len(sets['aligned'])} aligned tiles each of its {processes} processes serves about "
        f"{seen_mb:.1f} MB of other tiles: {verdict}"
    )


# --- processes --------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    #: What goes before ``{region}/{size}/...`` in a path.
    prefix: str
    #: The server's processes: all of them and their descendants are the server.
    roots: list[int]
    #: The processes that answer requests (granian workers; iipsrv), for memory.
    workers: Callable[[], list[int]]
    log: Path

    def path(self, ask: Ask) -> str:
        return f"{self.prefix}/{ask.tail}"

    def cpu(self) -> float:
        return harness.cpu_seconds(harness.process_tree(self.roots))

    def wait(self, path: str, running: Callable[[], bool]) -> None:
        harness.server_wait(self.name, self.port, path, log=self.log, running=running)


def _world_readable(path: Path) -> bool:
    """Whether a user with no rights of its own (iipsrv runs as nobody) can read ``path``."""
    if not path.stat().st_mode & stat.S_IROTH:
        return False
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in path.resolve().parents)


NGINX_CONF = """worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp;
  uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
  upstream iipsrv {{ server 127.0.0.1:{fcgi_port}; }}
  server {{
    listen 127.0.0.1:{http_port};
    location /iiif/ {{
      fastcgi_pass iipsrv;
      fastcgi_param PATH_INFO $fastcgi_script_name;
      fastcgi_param REQUEST_URI $request_uri;
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param SERVER_NAME $host;
    }}
  }}
}}
"""


@contextlib.contextmanager
def iipsrv_running(
    tools: Tools, ingested: Ingested, processes: int, log_dir: Path
) -> Iterator[Server]:
    """iipsrv (spawn-fcgi, FastCGI) behind nginx, serving the pyramid from a folder in /tmp."""
    work = Path(tempfile.mkdtemp(prefix="vernissage-iipsrv-"))
    work.chmod(0o755)
    iipsrv_pids: list[int] = []
    nginx: harness.Served | None = None
    try:
        images = work / "images"
        images.mkdir(mode=0o755)
        images.chmod(0o755)
        name = f"{ingested.identifier}.tif"
        if _world_readable(ingested.pyramid):
            (images / name).symlink_to(ingested.pyramid)
        else:  # /root and the like: nobody may not pass; the same bytes, copied
            shutil.copyfile(ingested.pyramid, images / name)
            (images / name).chmod(0o644)
        log = work / "iipsrv.log"
        log.touch()
        log.chmod(0o666)
        fcgi_port, http_port = harness.free_port(), harness.free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "FILESYSTEM_PREFIX": f"{images}/",
            "URI_MAP": "iiif=>IIIF",
            "JPEG_QUALITY": str(jpeg_quality()),
            "MAX_IMAGE_CACHE_SIZE": str(IIPSRV_CACHE_MB),
            "LOGFILE": str(log),
            "VERBOSITY": "1",
            # Debian's iipsrv is built with memcached and would look in localhost:11211 for
            # every answer: none runs here, and one that did would be a cache of answers.
            "MEMCACHED_SERVERS": "",
        }
        pid_file = work / "iipsrv.pids"
        user = ["-u", "nobody", "-g", "nogroup"] if os.geteuid() == 0 else []
        spawned = subprocess.run(
            [
                tools.spawn_fcgi,
                "-a",
                "127.0.0.1",
                "-p",
                str(fcgi_port),
                "-F",
                str(processes),
                *user,
                "-P",
                str(pid_file),
                "--",
                tools.iipsrv,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if pid_file.exists():
            iipsrv_pids = [int(line) for line in pid_file.read_text().split() if line.isdigit()]
        if spawned.returncode != 0 or len(iipsrv_pids) != processes:
            raise RuntimeError(f"spawn-fcgi failed:\n{spawned.stdout}{spawned.stderr}")
        conf = work / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(dir=work, fcgi_port=fcgi_port, http_port=http_port),
            encoding="utf-8",
        )
        nginx = harness.server_start(
            "iipsrv",
            [
                tools.nginx,
                "-e",
                str(work / "nginx-error.log"),
                "-p",
                str(work),
                "-c",
                str(conf),
                "-g",
                "daemon off;",
            ],
            log=log_dir / "bench-nginx.log",
            port=http_port,
        )
        server = Server(
            name="iipsrv",
            port=http_port,
            prefix=f"/iiif/{name}",
            roots=[*iipsrv_pids, nginx.process.pid],
            workers=lambda: [pid for pid in iipsrv_pids if harness.alive(pid)],
            log=nginx.log,
        )
        master = nginx
        server.wait(
            f"{server.prefix}/info.json",
            lambda: master.running() and all(harness.alive(pid) for pid in iipsrv_pids),
        )
        yield server
    finally:
        if nginx is not None:
            nginx.stop()
        harness.end_processes(iipsrv_pids)
        with contextlib.suppress(OSError):
            shutil.copyfile(work / "iipsrv.log", log_dir / "bench-iipsrv.log")
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def vernissage_running(
    ingested: Ingested, home: Path, workers: int, threads: int
) -> Iterator[Server]:
    """``vernissage serve`` as in production, in its own process group."""
    prefix = f"/iiif/3/{ingested.identifier}"
    with harness.vernissage_serving(
        home=home,
        workers=workers,
        threads=threads,
        ready_path=f"{prefix}/info.json",
        options=["--no-worker"],
    ) as served:
        root = served.process.pid  # `vernissage serve` becomes granian (execv)
        yield Server(
            name="vernissage",
            port=served.port,
            prefix=prefix,
            roots=[root],
            workers=lambda: sorted(harness.process_tree([root]) - {root}),
            log=served.log,
        )


class RssSampler:
    """The largest resident size of each server's workers, sampled in the background."""

    def __init__(self, servers: Sequence[Server], interval: float = 0.2) -> None:
        self.servers = servers
        self.interval = interval
        self.peak: dict[str, float] = {server.name: 0.0 for server in servers}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for server in self.servers:
                for pid in server.workers():
                    self.peak[server.name] = max(self.peak[server.name], harness.rss_mb(pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --- correctness gate -----------------------------------------------------------------------


def _gate_sample(sets: dict[str, list[Ask]], grid: Grid) -> list[Ask]:
    """Every level's first aligned tile, some of each kind, every edge kind."""
    sample: list[Ask] = []
    for page in range(len(grid.pages)):
        sample.extend([ask for ask in sets["aligned"] if ask.page == page][:2])
    sample.extend(sets["aligned"][:8])
    sample.extend([ask for ask in sets["reencoded"] if ask.kind == "shifted"][:8])
    sample.extend([ask for ask in sets["reencoded"] if ask.kind == "edge"][:8])
    sample.extend(sets["thumbs"][:4])
    return list(dict.fromkeys(sample))


def correctness_gate(
    servers: Sequence[Server], sets: dict[str, list[Ask]], grid: Grid, pyramid: Path
) -> list[str]:
    """Each sampled answer of each server: 200, a whole JPEG, the size asked, the right pixels.

    The pixels are compared with pyvips's own cut of the same region (mean absolute
    difference per sample, 0..255): a shifted or wrong region differs by tens. Returns the
    problems; an empty list passes. Sizes may differ by one pixel where the IIIF arithmetic
    rounds a half (edge tiles, thumbnails): noted, not failed.
    """
    import pyvips

    problems: list[str] = []
    notes: list[str] = []
    worst: dict[str, float] = {server.name: 0.0 for server in servers}
    for ask in _gate_sample(sets, grid):
        reference = pyvips.Image.new_from_buffer(pyvips_cut(pyramid, ask, quality=95), "")
        for server in servers:
            path = server.path(ask)
            status, content_type, body = harness.http_get(server.port, path)
            label = f"{server.name} {path}"
            if status != 200 or not content_type.startswith("image/jpeg"):
                problems.append(f"{label}: {status} {content_type}")
                continue
            if not (body.startswith(b"\xff\xd8") and body.rstrip(b"\0").endswith(b"\xff\xd9")):
                problems.append(f"{label}: not a whole JPEG")
                continue
            try:
                image = pyvips.Image.new_from_buffer(body, "", fail=True)
                image.avg()  # decode it all
            except pyvips.Error as error:
                problems.append(f"{label}: does not decode ({error})")
                continue
            off_w, off_h = abs(image.width - ask.width), abs(image.height - ask.height)
            if ask.kind == "aligned" and (off_w or off_h):
                problems.append(f"{label}: {image.width}x{image.height}, not {TILE}x{TILE}")
                continue
            if off_w > 1 or off_h > 1:
                problems.append(f"{label}: {image.width}x{image.height}, asked {ask.width}x?")
                continue
            if off_w or off_h:
                notes.append(
                    f"{label}: {image.width}x{image.height}, expected "
                    f"{ask.width}x{ask.height} (rounding)"
                )
            width, height = min(image.width, reference.width), min(image.height, reference.height)
            if image.bands != reference.bands:
                problems.append(f"{label}: {image.bands} bands, expected {reference.bands}")
                continue
            difference = float(
                (image.crop(0, 0, width, height) - reference.crop(0, 0, width, height)).abs().avg()
            )
            worst[server.name] = max(worst[server.name], difference)
            if difference > 12:
                problems.append(f"{label}: differs from pyvips's cut by {difference:.1f} per value")
    for note in notes:
        print(f"  note: {note}")
    print(
        "  mean absolute difference from pyvips's cut, worst sample: "
        + ", ".join(f"{name} {value:.2f}" for name, value in worst.items())
    )
    return problems


# --- load -------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class Round(harness.LoadResult):
    """One wrk round against one server, with what the server and the machine spent."""

    cpu_seconds: float
    #: Shares of the machine's CPUs used by wrk and by everything but wrk and the server.
    client_cpu_share: float
    others_cpu_share: float
    #: Resident size of the server's largest worker at the end of the round.
    worker_rss_mb: float
    #: wrk's connections held by each worker a second into the round ("3/5"), where ``ss``
    #: could tell: a keep-alive connection stays with the worker that accepted it.
    connections: str = ""

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds * 1000 / self.requests if self.requests else math.nan


def wrk_round(
    wrk: str, server: Server, paths: Sequence[str], threads: int, connections: int, seconds: float
) -> Round:
    """wrk against ``server`` for ``seconds``, with the server's CPU time before and after."""
    cpu_before = server.cpu()
    client_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = harness.machine_busy_seconds()
    held: list[str] = []
    sampler = threading.Timer(1.0, lambda: held.append(connections_held(server)))
    sampler.start()
    result = harness.wrk_run(
        wrk,
        server.port,
        harness.wrk_script_sliced(paths, threads),
        threads=threads,
        connections=connections,
        seconds=max(1, round(seconds)),
    )
    sampler.join()
    client_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_after = harness.machine_busy_seconds()
    cpu_after = server.cpu()
    client = (client_after.ru_utime + client_after.ru_stime) - (
        client_before.ru_utime + client_before.ru_stime
    )
    server_cpu = cpu_after - cpu_before
    capacity = result.seconds * (os.cpu_count() or 1)
    return Round(
        **vars(result),
        cpu_seconds=server_cpu,
        client_cpu_share=client / capacity,
        others_cpu_share=max(0.0, machine_after - machine_before - server_cpu - client) / capacity,
        worker_rss_mb=max((harness.rss_mb(pid) for pid in server.workers()), default=0.0),
        connections=held[0] if held else "",
    )


def connections_held(server: Server) -> str:
    """How many established connections to ``server``'s port each of its workers holds,
    fewest first ("3/5"), from ``ss``; empty where ``ss`` is missing or sees none."""
    ss = shutil.which("ss")
    if ss is None:
        return ""
    listing = subprocess.run(  # noqa: S603 - a fixed program, our own arguments
        [ss, "-tnpH", "state", "established", f"( sport = :{server.port} )"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    held = {pid: listing.count(f"pid={pid},") for pid in server.workers()}
    counts = sorted(count for count in held.values() if count)
    return "/".join(str(count) for count in counts)


@dataclass(kw_only=True)
class Cell(harness.Comparison[Round]):
    """One set at one concurrency: the rounds of both servers."""

    name: str
    connections: int
    anchor: str = "iipsrv"
    subject: str = "vernissage"

    def cpu_ms(self, server: str) -> float:
        rounds = self.of(server)
        requests = sum(one.requests for one in rounds)
        return sum(one.cpu_seconds for one in rounds) * 1000 / requests if requests else math.nan


def load_phase(
    arguments: argparse.Namespace,
    tools: Tools,
    servers: Sequence[Server],
    sets: dict[str, list[Ask]],
) -> list[Cell]:
    """Each set at each concurrency: a warm-up of each server, then iipsrv and Vernissage
    interleaved, ``--rounds`` times."""
    by_name = {server.name: server for server in servers}

    def measured(name: str, result: Round) -> None:
        print(
            f"  {name:<10} {result.rps:8.1f} req/s  p50 {result.p50_ms:6.2f} ms  "
            f"p99 {result.p99_ms:6.2f} ms  {result.cpu_ms_per_request:5.2f} CPU ms/req  "
            f"{result.bytes_per_request / 1024:5.1f} KB/req  "
            f"worker {result.worker_rss_mb:4.0f} MB  {result.errors} errors  "
            f"(CPUs: wrk {result.client_cpu_share:.0%}, others "
            f"{result.others_cpu_share:.0%})"
            + (f"  connections {result.connections}" if name == "vernissage" else ""),
            flush=True,
        )

    cells: list[Cell] = []
    for name in SETS:
        asks = sets[name]
        for threads, connections in CONCURRENCY:
            cell = Cell(name=name, connections=connections)
            print(f"{name}: {len(asks)} distinct paths, -t{threads} -c{connections}", flush=True)

            def run(
                server_name: str,
                seconds: float,
                _kept: bool,
                asks: Sequence[Ask] = asks,
                threads: int = threads,
                connections: int = connections,
            ) -> Round:
                server = by_name[server_name]
                paths = [server.path(ask) for ask in asks]
                return wrk_round(tools.wrk, server, paths, threads, connections, seconds)

            cell.measure(
                run,
                rounds=arguments.rounds,
                duration=arguments.duration,
                warmup=arguments.warmup,
                measured=measured,
            )
            cells.append(cell)
    return cells


# --- report -----------------------------------------------------------------------------------


def table_print(cells: Sequence[Cell], in_process: InProcess) -> None:
    header = (
        f"{'set':<10} {'c':>2} | {'iipsrv req/s':>12} {'p50':>6} {'p99':>6} {'CPU/req':>7} | "
        f"{'vern. req/s':>11} {'p50':>6} {'p99':>6} {'CPU/req':>7} | {'ratio':>5} | "
        f"{'pyvips/s':>8} {'render/s':>8} {'wsgi/s':>8}"
    )
    print(header)
    print("-" * len(header))
    for cell in cells:
        line = f"{cell.name:<10} {cell.connections:>2} |"
        for server in ("iipsrv", "vernissage"):
            width = 12 if server == "iipsrv" else 11
            line += (
                f" {cell.rps(server):>{width}.1f} {cell.p50(server):>6.2f} "
                f"{cell.p99(server):>6.2f} {cell.cpu_ms(server):>7.2f} |"
            )
        line += f" {cell.ratio:>5.2f} |" + "".join(
            f" {in_process.timings[measure, cell.name].per_second:>8.0f}" for measure in MEASURES
        )
        print(line)
    print(
        "Latency and CPU per request in ms. req/s and p50: the mean of the rounds; p99: the\n"
        "worst round. CPU/req: utime+stime of the server's processes over its requests\n"
        "(iipsrv: its FastCGI processes and nginx; Vernissage: granian and its workers).\n"
        "In this process, one calling thread, no HTTP: pyvips/s pyvips alone (open the page,\n"
        f"crop, resize if need be, Q{jpeg_quality()}); render/s Vernissage's\n"
        "parse_image_request + image_render; wsgi/s the whole request through the WSGI\n"
        "application the server runs (the image fast path in front of Django)."
    )


def verdicts_print(cells: Sequence[Cell], rss: float) -> dict[str, float]:
    at8 = {cell.name: cell for cell in cells if cell.connections == 8}
    ratios = {name: at8[name].ratio for name in SETS}
    for name in SETS:
        goal = GOALS[name]
        print(
            f"{name} at concurrency 8: {ratios[name]:.2f}x iipsrv, "
            f"{harness.verdict(ratios[name], at_least=goal)} the {goal}x goal"
        )
    p99 = at8["thumbs"].p99("vernissage")
    print(
        f"thumbs p99 at concurrency 8: {p99:.1f} ms, "
        f"{harness.verdict(p99, under=THUMB_P99_GOAL_MS)} the {THUMB_P99_GOAL_MS:g} ms goal"
    )
    print(
        f"largest granian worker: {rss:.0f} MB resident, "
        f"{harness.verdict(rss, under=RSS_GOAL_MB)} the {RSS_GOAL_MB:g} MB goal"
    )
    return ratios


# --- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    tools = tools_find()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    harness.become_subreaper()
    home = (arguments.home or harness.RESULTS_DIR / "iiif").resolve()
    home_prepare(home)
    configure_environment(home, arguments.jpeg_quality)
    load_before = os.getloadavg()
    print(
        f"{os.cpu_count()} CPUs; load average {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f} at the start",
        flush=True,
    )

    ingested = ingest(home, arguments.width, arguments.height)
    grid = grid_read(ingested.pyramid)
    sets = asks_make(grid)
    print(
        f"Ingested a {ingested.width} x {ingested.height} picture in {ingested.seconds:.1f} s: "
        f"{ingested.pyramid} ({ingested.pyramid.stat().st_size / 1e6:.1f} MB, "
        f"{len(grid.pages)} levels)"
    )
    kinds = {
        kind: sum(ask.kind == kind for ask in sets["reencoded"]) for kind in ("shifted", "edge")
    }
    print(
        f"Asks: {len(sets['aligned'])} aligned tiles, {kinds['shifted']} shifted by {SHIFT} px "
        f"+ {kinds['edge']} edge tiles re-encoded, {len(sets['thumbs'])} thumbnails "
        f"({THUMB_WIDTHS.start}..{THUMB_WIDTHS.stop - 1} px wide)",
        flush=True,
    )

    print(
        "In process, one calling thread (CPU ms per answer counts libvips's threads too):",
        flush=True,
    )
    in_process = inprocess_measure(ingested, sets, arguments.inprocess_seconds)
    for name in SETS:
        routes = ", ".join(
            f"{route} {n}" for route, n in sorted(in_process.render_routes[name].items())
        )
        timings = "  ".join(
            f"{measure} {in_process.timings[measure, name].per_second:5.0f}/s "
            f"({in_process.timings[measure, name].cpu_ms:.2f} CPU ms)"
            for measure in MEASURES
        )
        print(
            f"  {name:<10} {timings}  {in_process.q75_bytes[name] / len(sets[name]) / 1024:.1f} "
            f"KB each at Q{jpeg_quality()}; render routes: {routes}"
        )
    print(cache_note(in_process, sets, arguments.iipsrv_processes), flush=True)

    with contextlib.ExitStack() as stack:
        iipsrv = stack.enter_context(
            iipsrv_running(tools, ingested, arguments.iipsrv_processes, home)
        )
        vernissage = stack.enter_context(
            vernissage_running(ingested, home, arguments.workers, arguments.threads)
        )
        servers = [iipsrv, vernissage]
        print(
            f"iipsrv: {arguments.iipsrv_processes} FastCGI processes behind nginx on port "
            f"{iipsrv.port} (JPEG_QUALITY={jpeg_quality()}, "
            f"MAX_IMAGE_CACHE_SIZE={IIPSRV_CACHE_MB}); Vernissage: vernissage serve "
            f"--workers {arguments.workers} --threads {arguments.threads} on port "
            f"{vernissage.port} (VERNISSAGE_IIIF_CACHE_BYTES=0, "
            f"VERNISSAGE_IIIF_TILE_MEMORY_BYTES={IIPSRV_CACHE_MB * 1_024_000}, "
            f"VERNISSAGE_IIIF_JPEG_QUALITY={jpeg_quality()})",
            flush=True,
        )
        print("Correctness gate:", flush=True)
        problems = correctness_gate(servers, sets, grid, ingested.pyramid)
        if problems:
            for problem in problems:
                print(f"  FAIL {problem}", file=sys.stderr)
            sys.exit("The correctness gate failed: nothing was measured.")
        print("  passed: whole JPEGs of the asked size and the right pixels from both servers")
        print(
            f"Load: wrk, warm-up {arguments.warmup:g} s per server, then "
            f"{arguments.rounds} x ({' then '.join(s.name for s in servers)}) of "
            f"{arguments.duration:g} s",
            flush=True,
        )
        with RssSampler(servers) as sampler:
            cells = load_phase(arguments, tools, servers, sets)

    load_after = os.getloadavg()
    print()
    table_print(cells, in_process)
    print()
    errors = sum(cell.errors(server) for cell in cells for server in ("iipsrv", "vernissage"))
    if errors:
        print(f"WARNING: {errors} failed requests (non-2xx or socket errors) in the rounds")
    rss = sampler.peak["vernissage"]
    print(
        f"Resident memory, largest worker: Vernissage {rss:.0f} MB, "
        f"iipsrv {sampler.peak['iipsrv']:.0f} MB"
    )
    print(
        f"Load average {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} at the end "
        f"({os.cpu_count()} CPUs shared by wrk, both servers and anything else running)"
    )
    ratios = verdicts_print(cells, rss)
    print()
    print(
        f"aligned_tiles_c8_vs_iipsrv={ratios['aligned']:.2f} "
        f"reencoded_tiles_c8_vs_iipsrv={ratios['reencoded']:.2f} "
        f"thumbs_c8_vs_iipsrv={ratios['thumbs']:.2f} worker_rss_mb={rss:.0f}"
    )


if __name__ == "__main__":
    main()
