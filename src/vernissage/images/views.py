"""The IIIF Image API 3.0 at ``/iiif/3/``: image requests, info.json and the base URI.

Thin doors: the selector says which image the viewer may see, :mod:`vernissage.images.iiif`
reads the request, :mod:`vernissage.images.rendering` makes the bytes; here are only the HTTP
rules (status, caching, CORS, conditional GET).

An image whose pyramid is not built yet (or failed to build) answers 404 to everything, with
a body that says so and ``Cache-Control: no-store``: the pyramid is what every answer is cut
from, and cutting from the original instead would decode a whole camera file per tile.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.views.decorators.http import require_safe

from vernissage.images.iiif import MEDIA_TYPES, IIIFError, Limits, parse_image_request
from vernissage.images.models import Image
from vernissage.images.rendering import RENDER_VERSION, image_render
from vernissage.images.selectors import image_for_iiif, image_is_public
from vernissage.images.tiles import PyramidLayout, PyramidMissing, pyramid_layout

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROFILE_LINK = '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
LD_JSON = f'application/ld+json;profile="{CONTEXT}"'
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"
#: Features beyond the level 2 profile, and those of level 2, all of which work here.
FEATURES = [
    "baseUriRedirect",
    "canonicalLinkHeader",
    "cors",
    "jsonldMediaType",
    "mirroring",
    "profileLinkHeader",
    "regionByPct",
    "regionByPx",
    "regionSquare",
    "rotationArbitrary",
    "rotationBy90s",
    "sizeByConfinedWh",
    "sizeByH",
    "sizeByPct",
    "sizeByW",
    "sizeByWh",
    "sizeUpscaling",
]
NOT_FOUND = "No image with this identifier."
NOT_READY: dict[str, str] = {
    Image.Pyramid.PENDING: "This image is still being prepared for viewing; try again shortly.",
    Image.Pyramid.FAILED: "This image could not be prepared for viewing.",
}


def iiif_limits() -> Limits:
    return Limits(
        max_width=settings.VERNISSAGE_IIIF_MAX_WIDTH,
        max_height=settings.VERNISSAGE_IIIF_MAX_HEIGHT,
        max_area=settings.VERNISSAGE_IIIF_MAX_AREA,
    )


def _text(status: int, message: str) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-store"
    return response


def _ready_layout(image: Image) -> PyramidLayout | HttpResponse:
    """The pyramid's layout, or the 404 that says it is not ready."""
    if not image.is_ready:
        return _text(404, NOT_READY.get(image.pyramid_status, NOT_READY[Image.Pyramid.PENDING]))
    try:
        return pyramid_layout(image.pyramid_path)
    except PyramidMissing:
        return _text(404, NOT_READY[Image.Pyramid.PENDING])


def _validators(request: HttpRequest, image: Image, *parts: str) -> tuple[str, str, bool]:
    """A strong ETag and Last-Modified for one representation, and whether the client has it."""
    etag = representation_etag(image.sha256, *parts)
    modified = int(image.created_at.timestamp())
    fresh = client_has(
        if_none_match=request.headers.get("If-None-Match"),
        if_modified_since=request.headers.get("If-Modified-Since"),
        etag=etag,
        modified=modified,
    )
    return etag, http_date(modified), fresh


def representation_etag(sha256: str, *parts: str) -> str:
    """The strong ETag of one representation of the image whose file has ``sha256``."""
    digest = hashlib.sha256("\n".join((sha256, RENDER_VERSION, *parts)).encode())
    return f'"{digest.hexdigest()[:32]}"'


def image_etag(sha256: str, canonical: str) -> str:
    """The ETag of an image request's answer: its canonical form at the JPEG quality."""
    return representation_etag(sha256, canonical, f"q{settings.VERNISSAGE_IIIF_JPEG_QUALITY}")


def canonical_link(base: str, canonical: str) -> str:
    """The Link header of an image answer; ``base`` is the image's absolute base URI."""
    return f'{PROFILE_LINK}, <{base}/{quote(canonical, safe="/,!:")}>;rel="canonical"'


def client_has(
    *, if_none_match: str | None, if_modified_since: str | None, etag: str, modified: int
) -> bool:
    """Whether a conditional GET's validators match the representation (answer 304)."""
    if if_none_match is not None:
        tags = [tag.removeprefix("W/") for tag in parse_etags(if_none_match)]
        return "*" in tags or etag in tags
    since = parse_http_date_safe(if_modified_since or "")
    return since is not None and modified <= since


def _finish(
    request: HttpRequest, response: HttpResponse, *, image: Image, etag: str, last_modified: str
) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    if image_is_public(image=image):
        response["Cache-Control"] = PUBLIC_CACHE
        # The same bytes for everyone: LoginRequiredMiddleware looked at the session, which
        # would make SessionMiddleware add "Vary: Cookie" and split shared caches per visitor.
        session = getattr(request, "session", None)
        if session is not None and not session.modified:
            session.accessed = False
    else:
        response["Cache-Control"] = PRIVATE_CACHE
    return response


@login_not_required
@require_safe
def image_view(
    request: HttpRequest,
    identifier: str,
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
) -> HttpResponse:
    try:
        image = image_for_iiif(identifier=identifier, viewer=request.user)
    except Http404:
        return _text(404, NOT_FOUND)
    return image_answer(
        request,
        image,
        identifier=identifier,
        region=region,
        size=size,
        rotation=rotation,
        quality_format=quality_format,
    )


def image_answer(
    request: HttpRequest,
    image: Image,
    *,
    identifier: str,
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
) -> HttpResponse:
    """The answer to an image request for ``image``, which the viewer may see.

    Shared by :func:`image_view` and the WSGI fast path (:mod:`vernissage.images.early`), so
    that both answer with the same bytes and headers.
    """
    layout = _ready_layout(image)
    if isinstance(layout, HttpResponse):
        return layout
    try:
        wanted = parse_image_request(
            region=region,
            size=size,
            rotation=rotation,
            quality_format=quality_format,
            width=layout.width,
            height=layout.height,
            limits=iiif_limits(),
        )
    except IIIFError as error:
        return _text(error.status, error.message)
    etag, last_modified, fresh = _validators(
        request, image, wanted.canonical, f"q{settings.VERNISSAGE_IIIF_JPEG_QUALITY}"
    )
    if fresh:
        response = HttpResponse(status=304)
    else:
        try:
            rendered = image_render(path=image.pyramid_path, sha256=image.sha256, request=wanted)
        except PyramidMissing:
            return _text(404, NOT_READY[Image.Pyramid.PENDING])
        response = HttpResponse(rendered.content, content_type=rendered.media_type)
    base = request.build_absolute_uri(reverse("iiif:base", args=[identifier]))
    response["Link"] = canonical_link(base, wanted.canonical)
    return _finish(request, response, image=image, etag=etag, last_modified=last_modified)


@login_not_required
@require_safe
def info_view(request: HttpRequest, identifier: str) -> HttpResponse:
    try:
        image = image_for_iiif(identifier=identifier, viewer=request.user)
    except Http404:
        return _text(404, NOT_FOUND)
    layout = _ready_layout(image)
    if isinstance(layout, HttpResponse):
        return layout
    service_id = request.build_absolute_uri(reverse("iiif:base", args=[identifier]))
    accept = request.headers.get("Accept", "")
    content_type = LD_JSON if "application/ld+json" in accept else "application/json"
    info = _info(service_id=service_id, image=image, layout=layout, limits=iiif_limits())
    body = json.dumps(info, indent=2)
    etag, last_modified, fresh = _validators(request, image, content_type, body)
    response = HttpResponse(status=304) if fresh else HttpResponse(body, content_type=content_type)
    response["Vary"] = "Accept"
    return _finish(request, response, image=image, etag=etag, last_modified=last_modified)


def _info(
    *, service_id: str, image: Image, layout: PyramidLayout, limits: Limits
) -> dict[str, Any]:
    sizes = [
        {"width": level.width, "height": level.height}
        for level in reversed(layout.levels)
        if level.width <= limits.max_width
        and level.height <= limits.max_height
        and level.width * level.height <= limits.max_area
    ]
    info: dict[str, Any] = {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": layout.width,
        "height": layout.height,
        "maxWidth": limits.max_width,
        "maxHeight": limits.max_height,
        "maxArea": limits.max_area,
        "sizes": sizes,
        "tiles": [
            {
                "width": layout.tile_width,
                "height": layout.tile_height,
                "scaleFactors": layout.scale_factors,
            }
        ],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFormats": [name for name in MEDIA_TYPES if name not in ("jpg", "png")],
        "extraFeatures": FEATURES,
    }
    if image.rights.startswith(("http://", "https://")):
        info["rights"] = image.rights
    return info


@login_not_required
@require_safe
def base_view(request: HttpRequest, identifier: str) -> HttpResponse:
    """The image's base URI redirects (303) to its info.json."""
    try:
        image_for_iiif(identifier=identifier, viewer=request.user)
    except Http404:
        return _text(404, NOT_FOUND)
    response = HttpResponse(status=303)
    response["Location"] = request.build_absolute_uri(reverse("iiif:info", args=[identifier]))
    response["Access-Control-Allow-Origin"] = "*"
    return response
