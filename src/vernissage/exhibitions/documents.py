"""Printed documents of an exhibition: the checklist and the price list, as PDF (WeasyPrint).

What goes in is decided by the selectors, as for the pages: the public checklist holds the
public works and the credit lines; staff who may see private records get the lenders and
each work's status too; the price list exists only for viewers who may see prices.

The thumbnails are cut in process from the works' IIIF pyramids: the HTML names them by the
same IIIF URLs as the pages, and :class:`PyramidFetcher` answers those, and only those, from
the pyramids (no request leaves the process; any other URL, a file or a remote address
included, is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from vernissage.core.access import Viewer, can_see_prices, can_see_private
from vernissage.exhibitions.models import Exhibition
from vernissage.exhibitions.selectors import (
    ChecklistEntry,
    checklist_for,
    checklist_sections,
    exhibition_artists,
    opening_time_label,
    openings_for,
    price_total,
)
from vernissage.images.iiif import Limits, parse_image_request
from vernissage.images.models import Image
from vernissage.images.rendering import image_render
from vernissage.interop.iiif_presentation import image_fitted_path, thumbnail_size

#: Long side of a thumbnail in pixels: about 200 dpi at the 30 mm it is printed.
THUMBNAIL_BOX = 240
#: The made-up origin the document's relative URLs resolve against; never contacted.
BASE_URL = "https://vernissage.document.invalid/"


@dataclass(frozen=True)
class PrintedEntry:
    entry: ChecklistEntry
    thumbnail_url: str


class PyramidFetcher(URLFetcher):  # type: ignore[misc]
    """Answers the thumbnails' IIIF URLs from the pyramids, and refuses everything else."""

    def __init__(self, images: dict[str, Image]) -> None:
        super().__init__(allowed_protocols=("https",), allow_redirects=False)
        self._images = images

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        image = self._images.get(parts.path)
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or image is None:
            raise ValueError(f"Not a thumbnail of this document: {url}")
        width, height = thumbnail_size(image, THUMBNAIL_BOX)
        wanted = parse_image_request(
            region="full",
            size=f"{width},{height}",
            rotation="0",
            quality_format="default.jpg",
            width=image.width,
            height=image.height,
            limits=Limits(
                max_width=settings.VERNISSAGE_IIIF_MAX_WIDTH,
                max_height=settings.VERNISSAGE_IIIF_MAX_HEIGHT,
                max_area=settings.VERNISSAGE_IIIF_MAX_AREA,
            ),
        )
        rendered = image_render(path=image.pyramid_path, sha256=image.sha256, request=wanted)
        return URLFetcherResponse(
            url, rendered.content, {"Content-Type": rendered.media_type}, status=200
        )


def _document(*, template: str, exhibition: Exhibition, viewer: Viewer, prices: bool) -> bytes:
    entries = checklist_for(exhibition=exhibition, viewer=viewer)
    images: dict[str, Image] = {}
    printed: list[tuple[str, list[PrintedEntry]]] = []
    for section in checklist_sections(entries):
        rows = []
        for entry in section.entries:
            url = ""
            if entry.image is not None:
                url = image_fitted_path(entry.image, THUMBNAIL_BOX)
                images[url] = entry.image
            rows.append(PrintedEntry(entry=entry, thumbnail_url=url))
        printed.append((section.title, rows))
    html = render_to_string(
        template,
        {
            "exhibition": exhibition,
            "stops": getattr(exhibition, "visible_stops", []),
            "openings": [
                (opening, opening_time_label(opening))
                for opening in openings_for(exhibition=exhibition, viewer=viewer)
            ],
            "artists": list(exhibition_artists(exhibition=exhibition, viewer=viewer)),
            "sections": printed,
            "count": len(entries),
            "private": can_see_private(viewer),
            "prices": prices,
            "totals": price_total(entries) if prices else [],
            "printed_at": timezone.localtime(),
        },
    )
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PyramidFetcher(images))
    pdf: bytes = document.write_pdf()
    return pdf


def checklist_pdf(*, exhibition: Exhibition, viewer: Viewer) -> bytes:
    """The checklist as the viewer may see it, never with prices. ``exhibition`` comes from
    ``exhibition_get`` (stops prefetched for the viewer)."""
    return _document(
        template="exhibitions/documents/checklist.html",
        exhibition=exhibition,
        viewer=viewer,
        prices=False,
    )


def price_list_pdf(*, exhibition: Exhibition, viewer: Viewer) -> bytes:
    """The price list: the checklist with each work's price at the show and the totals, for
    viewers who may see prices only."""
    if not can_see_prices(viewer):
        raise PermissionDenied
    return _document(
        template="exhibitions/documents/checklist.html",
        exhibition=exhibition,
        viewer=viewer,
        prices=True,
    )
