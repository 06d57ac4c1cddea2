"""What a server process does once the application is loaded, before its first request."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

logger = logging.getLogger(__name__)
YOUNG_COLLECTED = "vernissage_young_collected"


def process_ready() -> None:
    """Load what every process comes to hold, then move it all out of the cyclic collector's
    reach.

    Django loads the URLconf on the first request, and with it the views and all they import
    (WeasyPrint, fontTools, citeproc, iiif-prezi3, allauth: some 900 modules and 100,000
    objects, 2 s); templates are compiled, and Babel's data for a language read, the first
    time a page uses them. Frozen before that, they stayed in the collector's oldest
    generation, and every full collection walked them in the middle of a request: 40 to
    60 ms, the slowest of an artist's pages at 100,000 works. Loaded here and frozen with
    the rest, a full collection walks only what requests leave behind.

    From then on the young generations are collected between requests
    (:func:`_young_collected`).

    ``config/wsgi.py`` and ``config/asgi.py`` call this once the application is built; the
    benches call it too, so that they measure what the server runs.
    """
    from django.core.signals import request_finished
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (the property imports the URLconf, and the views)
    resolver.reverse_dict  # noqa: B018 (the addresses reverse() looks up, made once)
    _templates_compiled()
    _languages_read()
    gc.collect()
    gc.freeze()
    request_finished.connect(_young_collected, dispatch_uid=YOUNG_COLLECTED)


def _young_collected(**kwargs: object) -> None:
    """The two young generations collected once a response is sent, between requests.

    A page's records live as long as its request, long enough to outlive a collection or two
    made in its middle and be moved to the oldest generation, where they die with the
    request and wait for a full collection: 20 to 50 ms of walking every page's leftovers at
    once, in the middle of some later request (the slowest 1% of artists' pages). Collected
    here, the young generations hold the request just ended, dead, and it is freed where
    nobody waits. (It is freed at all because the page's template context no longer holds
    it in a cycle: ``config/templating.py``.) Measured on 300 artist pages at 100,000 works:
    no full collection where there were seven, and a p95 of 48 to 54 ms against 71 to 77.
    """
    gc.collect(1)


def _templates_compiled() -> None:
    """Vernissage's own templates, compiled into the template loaders' cache (0.2 s)."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    import vernissage

    for folder in Path(vernissage.__file__).parent.glob("*/templates"):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in {".html", ".txt"} or not path.is_file():
                continue
            name = path.relative_to(folder).as_posix()
            try:
                get_template(name)
            except (TemplateSyntaxError, TemplateDoesNotExist):
                # The page that uses it reports it, as it would have; the server still starts
                # (a folder of an app not installed has templates no loader finds).
                logger.exception("The template %s cannot be loaded", name)


def _languages_read() -> None:
    """Babel's data for each language of the site (names of countries, money formats)."""
    from babel import Locale, UnknownLocaleError
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        try:
            Locale.parse(code, sep="-").display_name  # noqa: B018 (reads the locale's data)
        except (UnknownLocaleError, ValueError):
            continue
