"""The suite stands alone, and CI runs all of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]

SAMPLE = """
import pytest

def test_runs():
    pass

def test_skips():
    pytest.skip("no browser here")

@pytest.mark.may_skip_in_ci(reason="allowed")
def test_allowed_to_skip():
    pytest.skip("allowed")
"""


def _run(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(REPOSITORY)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            os.devnull,
            "--rootdir",
            str(tmp_path),
            "-p",
            "tests.ci_guard",
            "-p",
            "no:django",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:socket",
            "-q",
            str(tmp_path / "test_sample.py"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_in_ci_a_skip_is_a_failure(tmp_path: Path) -> None:
    result = _run(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed, 1 skipped" in result.stdout
    assert "skipped in CI, which must run every test: Skipped: no browser here" in result.stdout


def test_outside_ci_a_skip_stays_a_skip(tmp_path: Path) -> None:
    result = _run(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in result.stdout


def test_no_test_reads_files_outside_the_repository() -> None:
    """A bare clone has no ../shared: tests read their data from tests/data."""
    offenders = [
        path.relative_to(REPOSITORY)
        for path in (REPOSITORY / "tests").rglob("*.py")
        if '/ "shared"' in path.read_text()
        and path.name not in {"test_world.py", Path(__file__).name}
    ]
    assert offenders == []
