"""The pixels of IIIF image requests, cut from an image's tiled pyramid.

Three routes, fastest first:

1. a tile on the pyramid's grid is the stored JPEG itself (:mod:`vernissage.images.tiles`);
   an edge tile, smaller than the stored (padded) one, is that JPEG decoded and cropped;
2. anything already made is read back from the disk cache (:mod:`vernissage.images.cache`);
3. anything else is made from the pyramid level nearest above the asked scale, then kept in
   the disk cache: a plain JPEG of up to 64 stored tiles (re-encoded tiles off the grid,
   thumbnails) by decoding those tiles with Pillow (or taking them decoded from memory:
   :mod:`vernissage.images.decoded`), cropping, resizing (cubic) and encoding; the
   rest (other qualities and formats, rotation, mirroring, large answers) with libvips.
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvips
from django.conf import settings
from PIL import Image as PILImage

from vernissage.images.cache import derivative_cache
from vernissage.images.decoded import decoded_tiles
from vernissage.images.iiif import ImageRequest
from vernissage.images.tiles import (
    SOI,
    Level,
    PyramidLayout,
    PyramidMissing,
    pyramid_layout,
    tile_for,
    tile_jpeg,
)

#: Part of the disk cache key: change it when the rendering changes, to forget old files.
RENDER_VERSION = "4"
WEBP_QUALITY = 80
PNG_COMPRESSION = 6
#: The most stored tiles an answer is cut from with Pillow (a 2,048-pixel square of one
#: level); larger answers go through libvips, which streams them.
MAX_DECODED_TILES = 64
#: Background of arbitrary rotations in JPEG, which has no transparency.
JPEG_BACKGROUND = 255


@dataclass(frozen=True)
class Rendered:
    content: bytes
    media_type: str
    #: How it was made: "tile" (stored bytes), "edge" (stored tile cropped), "cache", "render".
    route: str


def image_render(
    *, path: Path, sha256: str, request: ImageRequest, jpeg_quality: int | None = None
) -> Rendered:
    """The bytes answering ``request`` for the pyramid at ``path`` (raises PyramidMissing).

    JPEG answers that are encoded anew are at ``jpeg_quality``, by default the setting
    ``VERNISSAGE_IIIF_JPEG_QUALITY``; a stored tile is sent as it is.
    """
    quality: int = jpeg_quality or settings.VERNISSAGE_IIIF_JPEG_QUALITY
    layout = pyramid_layout(path)
    address = tile_for(layout, request)
    if address is not None and address.whole:
        tile = tile_jpeg(path, address)
        if tile is not None:
            return Rendered(tile, request.media_type, "tile")
    cache = derivative_cache()
    key = f"{RENDER_VERSION}/q{quality}/{request.canonical}"
    cached = cache.get(sha256=sha256, key=key, suffix=request.format)
    if cached is not None:
        return Rendered(cached, request.media_type, "cache")
    content: bytes | None = None
    route = "render"
    if address is not None and _from_tiles(layout, address.level, request):
        level = address.level
        content = _jpeg_from_tiles(
            path,
            level,
            (
                address.column * level.tile_width,
                address.row * level.tile_height,
                address.width,
                address.height,
            ),
            (request.width, request.height),
            quality,
        )
        route = "edge"
    elif address is not None:
        tile = tile_jpeg(path, address)
        if tile is not None:
            content = _encode(
                pyvips.Image.new_from_buffer(tile, "").crop(0, 0, address.width, address.height),
                request,
                quality,
            )
            route = "edge"
    if content is None:
        content = _render(path, layout, request, quality)
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


def _render(path: Path, layout: PyramidLayout, request: ImageRequest, quality: int) -> bytes:
    region = request.region
    # The level we already know fits (thumbnail() would re-read every page's header).
    level = level_for(layout, request)
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
    if (
        _from_tiles(layout, level, request)
        and _tiles_across(level, left, width) * _tiles_down(level, top, height) <= MAX_DECODED_TILES
    ):
        return _jpeg_from_tiles(
            path, level, (left, top, width, height), (request.width, request.height), quality
        )
    image = pyvips.Image.new_from_file(str(path), page=level.page)
    image = image.crop(left, top, width, height)
    if (image.width, image.height) != (request.width, request.height):
        image = image.resize(request.width / image.width, vscale=request.height / image.height)
        if (image.width, image.height) != (request.width, request.height):
            image = image.gravity("north-west", request.width, request.height, extend="copy")
    return _encode(image, request, quality)


def _from_tiles(layout: PyramidLayout, level: Level, request: ImageRequest) -> bool:
    """Whether the answer is a plain JPEG of the level's own pixels, cropped and perhaps
    resized: what :func:`_jpeg_from_tiles` makes."""
    own = ("default", "color") if layout.bands == 3 else ("default", "gray")
    return (
        request.format == "jpg"
        and not request.rotation
        and not request.mirror
        and request.quality in own
        and layout.bands in (1, 3)
        and bool(level.jpeg_header)
    )


def _tiles_across(level: Level, left: int, width: int) -> int:
    return (left + width - 1) // level.tile_width - left // level.tile_width + 1


def _tiles_down(level: Level, top: int, height: int) -> int:
    return (top + height - 1) // level.tile_height - top // level.tile_height + 1


def _jpeg_from_tiles(
    path: Path,
    level: Level,
    box: tuple[int, int, int, int],
    size: tuple[int, int],
    quality: int,
) -> bytes:
    """``box`` (left, top, width, height) of ``level``, at ``size``, as a JPEG at ``quality``.

    The stored tiles under the box are decoded with Pillow (libjpeg-turbo), pasted, cropped,
    resized with Lanczos if need be, and encoded: for these small answers libvips's set-up per
    call (opening the TIFF, the pipeline, one Python call per operation) cost more than the
    pixels (re-encoded tiles at 1.7x iipsrv's CPU, bench/iiif.py). libjpeg's standard tables
    at ``quality``, 4:2:0 chroma below 90 as libvips and iipsrv do.
    """
    left, top, width, height = box
    tile_width, tile_height = level.tile_width, level.tile_height
    first_column, first_row = left // tile_width, top // tile_height
    last_column = (left + width - 1) // tile_width
    last_row = (top + height - 1) // tile_height
    mode = "RGB" if level.bands == 3 else "L"
    canvas = PILImage.new(
        mode,
        ((last_column - first_column + 1) * tile_width, (last_row - first_row + 1) * tile_height),
    )
    memory = decoded_tiles()
    descriptor: int | None = None
    try:
        for row in range(first_row, last_row + 1):
            for column in range(first_column, last_column + 1):
                index = row * level.columns + column
                offset, count = level.offsets[index], level.byte_counts[index]
                key = (str(path), level.page, index, offset, count)
                tile = memory.get(key) if memory is not None else None
                if tile is None:
                    if descriptor is None:
                        descriptor = os.open(path, os.O_RDONLY)
                    tile = _decoded(path, level, descriptor, index, mode)
                    if memory is not None:
                        memory.put(key, tile)
                canvas.paste(
                    tile, ((column - first_column) * tile_width, (row - first_row) * tile_height)
                )
    except OSError as error:
        raise PyramidMissing(f"{path}: {error}") from error
    finally:
        if descriptor is not None:
            os.close(descriptor)
    x, y = left - first_column * tile_width, top - first_row * tile_height
    picture = canvas.crop((x, y, x + width, y + height))
    if picture.size != size:
        picture = _resized(picture, size)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=quality)
    return output.getvalue()


def _decoded(path: Path, level: Level, descriptor: int, index: int, mode: str) -> PILImage.Image:
    """The stored tile ``index`` of ``level``, decoded (to ``mode``)."""
    count = level.byte_counts[index]
    data = os.pread(descriptor, count, level.offsets[index])
    if len(data) != count or not data.startswith(SOI):
        raise PyramidMissing(f"{path}: tile {index} of page {level.page}")
    with PILImage.open(io.BytesIO(level.jpeg_header + data[2:])) as tile:
        tile.load()
        decoded: PILImage.Image = tile if tile.mode == mode else tile.convert(mode)
        return decoded


#: The kernel of the answers resized from decoded tiles (thumbnails, mostly, shrunk by less
#: than two from the level above). Catmull-Rom cubic against Lanczos-3, a 500 x 375 level to
#: 400 x 300, in process: 1.69 against 2.43 ms; through the server (bench/iiif.py, thumbnails
#: at concurrency 8) 4.9-5.5 against 5.9-6.2 CPU ms a thumbnail, 348-382 against 301-321 a
#: second. On the IIIF test picture's sharp edges the two differ by 0.14 on average and 5 at
#: most, in 255 levels (bilinear, iipsrv's default: 0.69 and 24).
RESIZE_KERNEL = "cubic"


def _resized(picture: PILImage.Image, size: tuple[int, int]) -> PILImage.Image:
    """``picture`` resized to ``size`` with libvips (``RESIZE_KERNEL``; vectorised, at least
    twice as fast as Pillow's filters, which cost thumbnails more than decoding and encoding
    together)."""
    bands = len(picture.getbands())
    image = pyvips.Image.new_from_memory(
        picture.tobytes(), picture.width, picture.height, bands, "uchar"
    )
    image = image.resize(
        size[0] / picture.width, vscale=size[1] / picture.height, kernel=RESIZE_KERNEL
    )
    if (image.width, image.height) != size:
        image = image.gravity("north-west", size[0], size[1], extend="copy")
    return PILImage.frombytes(picture.mode, size, image.write_to_memory())


def _encode(image: Any, request: ImageRequest, quality: int) -> bytes:
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
    return bytes(image.jpegsave_buffer(Q=quality, keep=keep))
