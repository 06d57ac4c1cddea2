"""`vernissage manage check --deploy` with the settings `vernissage serve` uses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

#: Without VERNISSAGE_HTTPS, what is left is HTTPS itself, which a TLS proxy in front
#: provides: HSTS (W004), the redirect to https (W008), and cookies sent over https only
#: (W012 session, W016 CSRF). README's configuration table says the same.
HTTPS_ONLY_WARNINGS = {"security.W004", "security.W008", "security.W012", "security.W016"}


def _deploy_check(home: Path, **environment: str) -> tuple[set[str], str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("VERNISSAGE_", "DJANGO_"))
        and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(VERNISSAGE_HOME=str(home), **environment)
    finished = subprocess.run(
        [sys.executable, "-m", "vernissage.cli", "manage", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = finished.stdout + finished.stderr
    assert finished.returncode == 0, output
    return set(re.findall(r"\(([a-z_]+\.[A-Z]\d{3})\)", output)), output


@pytest.mark.parametrize(
    ("https_case", "environment", "expected"),
    [
        ("behind a TLS proxy", {"VERNISSAGE_HTTPS": "true"}, set()),
        ("without", {}, HTTPS_ONLY_WARNINGS),
    ],
)
def test_deploy_check_reports_only_what_https_explains(
    tmp_path: Path, https_case: str, environment: dict[str, str], expected: set[str]
) -> None:
    found, output = _deploy_check(tmp_path / "home", **environment)
    assert found == expected, output
    if not expected:
        assert "System check identified no issues (0 silenced)." in output
