"""The pixels of IIIF image requests, cut from an image's tiled pyramid.

Three routes, fastest first:

1. a tile on the pyramid's grid is the stored JPEG itself (:mod:`vernissage.images.tiles`);
   an edge tile, smaller than the stored (padded) one, is that JPEG decoded and cropped;
2. anything already made is read back from the disk cache (:mod:`vernissage.images.cache`);
3. anything else is made with libvips from the pyramid level nearest above the asked scale:
   crop, resize, quality, mirror, rotate, encode; then kept in the disk cache.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvips

from vernissage.images.cache import derivative_cache
from vernissage.images.iiif import ImageRequest
from vernissage.images.tiles import Level, PyramidLayout, pyramid_layout, tile_for, tile_jpeg

#: Part of the disk cache key: change it when the rendering changes, to forget old files.
RENDER_VERSION = "2"
JPEG_QUALITY = 85
WEBP_QUALITY = 80
PNG_COMPRESSION = 6
#: Background of arbitrary rotations in JPEG, which has no transparency.
JPEG_BACKGROUND = 255


@dataclass(frozen=True)
class Rendered:
    content: bytes
    media_type: str
    #: How it was made: "tile" (stored bytes), "edge" (stored tile cropped), "cache", "render".
    route: str


def image_render(*, path: Path, sha256: str, request: ImageRequest) -> Rendered:
    """The bytes answering ``request`` for the pyramid at ``path`` (raises PyramidMissing)."""
    layout = pyramid_layout(path)
    address = tile_for(layout, request)
    if address is not None and address.whole:
        tile = tile_jpeg(path, address)
        if tile is not None:
            return Rendered(tile, request.media_type, "tile")
    cache = derivative_cache()
    key = f"{RENDER_VERSION}/{request.canonical}"
    cached = cache.get(sha256=sha256, key=key, suffix=request.format)
    if cached is not None:
        return Rendered(cached, request.media_type, "cache")
    content: bytes | None = None
    route = "render"
    if address is not None:
        tile = tile_jpeg(path, address)
        if tile is not None:
            content = _encode(
                pyvips.Image.new_from_buffer(tile, "").crop(0, 0, address.width, address.height),
                request,
            )
            route = "edge"
    if content is None:
        content = _render(path, layout, request)
    cache.put(sha256=sha256, key=key, suffix=request.format, content=content)
    return Rendered(content, request.media_type, route)


def level_for(layout: PyramidLayout, request: ImageRequest) -> Level:
    """The smallest level that still has at least as many pixels as the answer."""
    chosen = layout.levels[0]
    for level in layout.levels[1:]:
        if (
            request.region.width / level.scale >= request.width
            and request.region.height / level.scale >= request.height
        ):
            chosen = level
    return chosen


def _render(path: Path, layout: PyramidLayout, request: ImageRequest) -> bytes:
    region = request.region
    # The level we already know fits (thumbnail() would re-read every page's header).
    level = level_for(layout, request)
    image = pyvips.Image.new_from_file(str(path), page=level.page)
    scale = level.scale
    left = min(level.width - 1, math.floor(region.x / scale))
    top = min(level.height - 1, math.floor(region.y / scale))
    right = max(left + 1, min(level.width, math.ceil((region.x + region.width) / scale)))
    bottom = max(top + 1, min(level.height, math.ceil((region.y + region.height) / scale)))
    width, height = right - left, bottom - top
    if (
        abs(width - request.width) <= 1
        and abs(height - request.height) <= 1
        and left + request.width <= level.width
        and top + request.height <= level.height
    ):
        # Within a pixel of the answer's size: crop it exactly rather than resample by
        # 256/257, which cost a third of the render (bench/iiif.py).
        width, height = request.width, request.height
    image = image.crop(left, top, width, height)
    if (image.width, image.height) != (request.width, request.height):
        image = image.resize(request.width / image.width, vscale=request.height / image.height)
        if (image.width, image.height) != (request.width, request.height):
            image = image.gravity("north-west", request.width, request.height, extend="copy")
    return _encode(image, request)


def _encode(image: Any, request: ImageRequest) -> bytes:
    if request.quality in ("gray", "bitonal") and image.bands != 1:
        image = image.colourspace("b-w")
    if request.quality == "bitonal":
        image = image > 128
    elif request.quality == "color" and image.bands == 1:
        image = image.colourspace("srgb")
    if request.mirror:
        image = image.fliphor()
    if request.rotation in (90, 180, 270):
        image = image.rot(f"d{int(request.rotation)}")
    elif request.rotation:
        if request.format == "jpg":
            image = image.rotate(request.rotation, background=[JPEG_BACKGROUND] * image.bands)
        else:
            image = image.bandjoin_const([255]).rotate(
                request.rotation, background=[0] * (image.bands + 1)
            )
    keep = pyvips.enums.ForeignKeep.NONE
    if request.format == "png":
        return bytes(
            image.pngsave_buffer(
                compression=PNG_COMPRESSION,
                bitdepth=1 if request.quality == "bitonal" else 8,
                keep=keep,
            )
        )
    if request.format == "webp":
        return bytes(image.webpsave_buffer(Q=WEBP_QUALITY, keep=keep))
    return bytes(image.jpegsave_buffer(Q=JPEG_QUALITY, keep=keep))
