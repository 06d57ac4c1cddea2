"""`vernissage demo` from an empty data folder, as a newcomer runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyvips


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


#: The first page of `vernissage demo` from an empty folder, on an idle machine (issue 11).
FIRST_PAGE_SECONDS = 15.0


def _load_per_core() -> float:
    return os.getloadavg()[0] / (os.cpu_count() or 1)


def _first_page_budget(*loads: float) -> float:
    """15 s on an idle machine; on a loaded one (CI, or agents sharing two cores) the budget
    grows with the highest load per core seen while waiting, so that the test measures the
    demo and not its neighbours (the demo took 29 s on a busy machine before issue 11, and 151 s
    against 44-48 s after it on this machine at a load of 3 per core)."""
    return FIRST_PAGE_SECONDS * max(1.0, *loads)


def _stop(server: subprocess.Popen[str] | subprocess.Popen[bytes]) -> str:
    """Stop the demo and everything it started (server, workers); returns what it printed.
    Workers finish the picture in hand first: a short grace, then they are killed."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        output = server.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        output = server.communicate(timeout=30)[0]
    return output if isinstance(output, str) else ""


def _demo_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "VERNISSAGE_BASE_URL"}
    }
    env["VERNISSAGE_HOME"] = str(home)
    return env


def test_demo_serves_the_kalmurzaev_world_from_an_empty_folder_in_time(tmp_path: Path) -> None:
    port = _free_port()
    env = _demo_env(tmp_path / "data")
    loads = [_load_per_core()]
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "vernissage.cli", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )
    try:
        deadline = started + 240
        status, page = 0, ""
        while time.monotonic() < deadline:
            try:
                status, page = _get(f"http://127.0.0.1:{port}/")
            except OSError:
                status = 0
            if status == 200:
                break
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            loads.append(_load_per_core())
            time.sleep(0.1)
        first_page = time.monotonic() - started
        budget = _first_page_budget(*loads)
        assert status == 200
        assert first_page < budget, f"first page after {first_page:.1f} s, budget {budget:.1f} s"
        for name in ("Jacques Kalmurzaev", "Romy Kalmurzaev", "Ana Kalmurzaev"):
            assert name in page
        assert _get(f"http://127.0.0.1:{port}/people/petrov/")[0] == 404
        css = page.split('rel="stylesheet" href="')[1].split('"')[0]
        assert _get(f"http://127.0.0.1:{port}{css}")[0] == 200
        # The pictures follow, made by the background workers: a card at a time.
        thumbnail = ""
        while time.monotonic() < deadline and not thumbnail:
            works = _get(f"http://127.0.0.1:{port}/works/")[1]
            if '<img src="/iiif/3/' in works:
                thumbnail = works.split('<img src="')[1].split('"')[0]
            else:
                assert "preparing the picture" in works or "card-placeholder" in works
                time.sleep(0.5)
        assert _get(f"http://127.0.0.1:{port}{thumbnail}")[0] == 200
    finally:
        output = _stop(server)
    for account in ("owner", "registrar", "sales", "press", "viewer"):
        assert f"  {account} " in output
    assert output.count("one-time password: ") == 5
    assert (tmp_path / "data" / "vernissage.sqlite3").exists()
    assert (tmp_path / "data" / "secret_key").exists()


def test_demo_answers_starting_until_the_world_is_in(tmp_path: Path) -> None:
    """The server is up before the demo is set up: it says so, never a 500."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "vernissage.cli", "demo", "--port", str(port)],
        env=_demo_env(tmp_path / "data"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    statuses = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and 200 not in statuses:
            try:
                statuses.append(_get(f"http://127.0.0.1:{port}/works/")[0])
            except OSError:
                time.sleep(0.1)
    finally:
        _stop(server)
    assert statuses[-1] == 200
    assert set(statuses) <= {503, 200}


def test_images_add_prints_the_address_the_demo_serves_on(tmp_path: Path) -> None:
    port = _free_port()
    home = tmp_path / "data"
    env = _demo_env(home)
    server = subprocess.Popen(
        [sys.executable, "-m", "vernissage.cli", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    picture = tmp_path / "scan.png"
    (pyvips.Image.xyz(96, 64)[0].cast("uchar")).pngsave(str(picture))
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                if _get(f"http://127.0.0.1:{port}/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        added = subprocess.run(
            [sys.executable, "-m", "vernissage.cli", "images", "add", "AK-2013-001", str(picture)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        identifier, url = added.stdout.split()
        assert url == f"http://127.0.0.1:{port}/iiif/3/{identifier}/info.json"
        assert _get(url)[0] == 200
        elsewhere = subprocess.run(
            [sys.executable, "-m", "vernissage.cli", "images", "add", "AK-2013-001", str(picture)],
            env={**env, "VERNISSAGE_BASE_URL": "https://gallery.example/"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert elsewhere.stdout.split() == [
            identifier,
            f"https://gallery.example/iiif/3/{identifier}/info.json",
            "(already",
            "there)",
        ]
    finally:
        _stop(server)


def test_manage_reaches_django_commands(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["VERNISSAGE_HOME"] = str(tmp_path / "data")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vernissage.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "ERROR",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified" in result.stdout + result.stderr
