"""What a server process does once the application is loaded, before its first request."""

from __future__ import annotations

import gc


def process_ready() -> None:
    """Load every view, then move everything loaded so far out of the cyclic collector's reach.

    Django loads the URLconf on the first request, and with it the views and all they import
    (WeasyPrint, fontTools, citeproc, iiif-prezi3, allauth: some 900 modules and 100,000
    objects, 2 s). Frozen before that, they stayed in the collector's oldest generation, and
    every full collection walked them in the middle of a request: 40 to 60 ms, the slowest
    of an artist's pages at 100,000 works. Loaded here and frozen with the rest, a full
    collection walks only what requests leave behind (about 5 ms).

    ``config/wsgi.py`` and ``config/asgi.py`` call this once the application is built; the
    benches call it too, so that they measure what the server runs.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the property imports the URLconf)
    gc.collect()
    gc.freeze()
