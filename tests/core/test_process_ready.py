"""A server process loads its views before its first request and freezes what it loaded
(vernissage.config.process): the collector's full passes then walk only what requests leave;
the young generations are collected between requests; a page's template context is freed
without the collector (vernissage.config.templating)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROBE = """
import gc, json, sys
import vernissage.config.{door} as door
unfrozen = len(gc.get_objects())
from django.template.loader import get_template
get_template("site/people/person_detail.html")
from django.urls import reverse
reverse("site:person-detail", kwargs={{"slug": "jacques"}})
from babel import Locale
Locale.parse("en").display_name
gc.collect()
from django.core.signals import request_finished
made = [[index] for index in range(600)]  # a request's leftovers, in the young generations
young_before = gc.get_count()[0]
request_finished.send(sender=None)
young_after = gc.get_count()[:2]
del made
print(json.dumps({{
    "views": "vernissage.site.views.people" in sys.modules,
    "pdf": "weasyprint" in sys.modules,
    "frozen": gc.get_freeze_count(),
    "unfrozen": unfrozen,
    "first_page_made": len(gc.get_objects()) - unfrozen,
    "application": callable(door.application),
    "young_before": young_before,
    "young_after": young_after,
}}))
"""


@pytest.mark.parametrize("door", ["wsgi", "asgi"])
def test_the_server_application_loads_its_views_and_freezes_them(tmp_path: Path, door: str) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["VERNISSAGE_HOME"] = str(tmp_path)
    environment["VERNISSAGE_SECRET_KEY"] = "test-process-ready"
    finished = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", PROBE.format(door=door)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    state = json.loads(finished.stdout.strip().splitlines()[-1])
    assert state["application"]
    assert state["views"], "the URLconf (and the views) were not loaded before the freeze"
    assert state["pdf"], "what the views import (WeasyPrint, for the CV) was not loaded"
    # Django, the apps and the views: some 200,000 objects, all frozen; a few left over.
    assert state["frozen"] > 100_000
    assert state["unfrozen"] < 5_000
    # What a first page would make and keep is made already: the template compiled (some
    # 3,000 objects), the addresses to reverse, Babel's data for the language.
    assert state["first_page_made"] < 200
    # Once a response is sent, the young generations are collected, where nobody waits.
    assert state["young_before"] >= 600
    assert state["young_after"] == [0, 0]


def test_a_rendered_pages_context_is_freed_without_the_cyclic_collector(rf: Any) -> None:
    """Django's template context is a cycle; emptied once the page is rendered, what it
    reached is freed by reference counting, not left for the collector."""
    import gc
    import weakref

    from django.template.loader import render_to_string

    class Record:
        title = "Birches"

    record = Record()
    freed = weakref.ref(record)
    gc.disable()
    try:
        page = render_to_string(
            "site/press/_press_section.html", {"press": record}, request=rf.get("/")
        )
        del record
        assert freed() is None
    finally:
        gc.enable()
    assert isinstance(page, str)
