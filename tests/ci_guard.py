"""In CI, a skipped test is a failure: a missing browser or file must not pass unnoticed.

With ``CI=true`` every skip (a ``skip`` or ``skipif`` mark, or ``pytest.skip()`` in a test or
a fixture) is reported as a failure naming its reason, unless the test is marked
``@pytest.mark.may_skip_in_ci(reason=...)`` for a skip that is right in CI too.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "may_skip_in_ci(reason): this test may be skipped in CI, for this reason"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CI", "").lower() in {"1", "true", "yes"}
        and report.skipped
        and not hasattr(report, "wasxfail")
        and item.get_closest_marker("may_skip_in_ci") is None
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {reason}"
