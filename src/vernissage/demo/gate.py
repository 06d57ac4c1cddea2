"""The demo's web application: up while the demo is still being set up, serving once it is.

``vernissage demo`` starts the web server first, so that loading Django into the server
process happens on one core while the other migrates the database and loads the world.
Until the demo says it is ready (the file ``VERNISSAGE_DEMO_READY_FILE`` exists), every
request gets a short "starting" page that reloads itself (503, ``Retry-After: 1``); then
requests go to Django as in ``vernissage serve``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.template.loader import get_template
from django.urls import get_resolver

from vernissage.config.wsgi import application as django_application

# While the demo migrates: load every view (and what they import: WeasyPrint, IIIF) and
# compile the first pages' templates, so the first request finds them ready.
get_resolver().url_patterns  # noqa: B018 - imports the URLconf and all views
for _name in ("site/home.html", "site/works/artwork_list.html", "site/people/artist_list.html"):
    get_template(_name)

_READY_FILE = os.environ.get("VERNISSAGE_DEMO_READY_FILE", "")
_ready = not _READY_FILE

STARTING = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vernissage is starting</title></head>
<body><p>Vernissage is setting up the demo; this page reloads itself.</p></body></html>
"""


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    global _ready  # noqa: PLW0603 - once ready, for the life of the process
    if not _ready:
        _ready = Path(_READY_FILE).exists()
    if not _ready:
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Retry-After", "1"),
                ("Cache-Control", "no-store"),
                ("Content-Length", str(len(STARTING))),
            ],
        )
        return [STARTING]
    result: Iterable[bytes] = django_application(environ, start_response)
    return result
