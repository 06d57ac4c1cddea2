"""The deep-zoom fast path: a tile sent as the JPEG already stored in the pyramid.

A viewer asks for tiles on the pyramid's own grid: ``{x},{y},{w},{h}/{w},{h}/0/default.jpg``
where the region is one 256-pixel tile of one level, scaled by that level's factor. The
pyramid (see :func:`vernissage.images.ingest.build_pyramid`) holds exactly that tile,
JPEG-compressed, so the answer is its bytes: no decoding, no encoding.

In a TIFF, a JPEG tile is an *abbreviated* stream (SOI, SOF, SOS, data, EOI) whose
quantisation and Huffman tables sit once in the page's JPEGTables tag (SOI, DQT, DHT, EOI).
A plain JPEG file is the tables' markers followed by the tile's: drop the tables' EOI and
the tile's SOI. libtiff also leaves out the JFIF marker that tells a decoder the three
components are YCbCr; decoders guess so from the component ids, but we say it (JFIF for
YCbCr and grey, Adobe APP14 with transform 0 for tiles stored as plain RGB) rather than
rely on a guess.

The layout of a pyramid (each level's size, tile offsets, byte counts and tables) is read
once per process with ``tifffile`` and kept in a small LRU cache keyed by the file's path,
size, mtime and inode, so a rebuilt pyramid is read afresh.
"""

from __future__ import annotations

import math
import os
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tifffile

from vernissage.images.iiif import ImageRequest

SOI = b"\xff\xd8"
EOI = b"\xff\xd9"
#: JFIF 1.01, no density: the components are Y, Cb, Cr (or one grey component).
JFIF_APP0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
#: Adobe APP14 with transform 0: the three components are R, G, B as they are.
ADOBE_APP14_RGB = b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00\x00"

_COMPRESSION_JPEG = 7
_PHOTOMETRIC_MARKERS = {1: JFIF_APP0, 2: ADOBE_APP14_RGB, 6: JFIF_APP0}

#: Pyramids whose layout is kept in memory, per process.
LAYOUT_CACHE_SIZE = 128


class PyramidMissing(Exception):
    """The pyramid file is not there (not built yet, or removed) or cannot be read."""


@dataclass(frozen=True)
class Level:
    """One level (one TIFF page) of a pyramid."""

    page: int
    #: The level is the full-size picture shrunk by this factor (1, 2, 4, ...).
    scale: int
    width: int
    height: int
    tile_width: int
    tile_height: int
    bands: int
    offsets: array[int]
    byte_counts: array[int]
    #: SOI, a colour-space marker and the tables: what goes before a tile's own SOF.
    #: Empty when the tiles are not JPEG (then there is no fast path on this level).
    jpeg_header: bytes

    @property
    def columns(self) -> int:
        return math.ceil(self.width / self.tile_width)

    @property
    def rows(self) -> int:
        return math.ceil(self.height / self.tile_height)


@dataclass(frozen=True)
class PyramidLayout:
    width: int
    height: int
    #: From the largest (scale 1) to the smallest.
    levels: tuple[Level, ...]

    @property
    def tile_width(self) -> int:
        return self.levels[0].tile_width

    @property
    def tile_height(self) -> int:
        return self.levels[0].tile_height

    @property
    def bands(self) -> int:
        return self.levels[0].bands

    @property
    def scale_factors(self) -> list[int]:
        return [level.scale for level in self.levels]


@dataclass(frozen=True)
class TileAddress:
    """A tile of one level that answers a request, and how much of it the answer shows."""

    level: Level
    column: int
    row: int
    #: The tile's pixels that lie inside the picture (less than a tile at the edges).
    width: int
    height: int

    @property
    def whole(self) -> bool:
        return (self.width, self.height) == (self.level.tile_width, self.level.tile_height)


def pyramid_layout(path: Path) -> PyramidLayout:
    """The layout of the pyramid at ``path``, read once per process and version of the file."""
    try:
        stat = os.stat(path)
    except OSError as error:
        raise PyramidMissing(str(path)) from error
    return _read_layout(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


@lru_cache(maxsize=LAYOUT_CACHE_SIZE)
def _read_layout(path: str, size: int, mtime_ns: int, inode: int) -> PyramidLayout:
    try:
        with tifffile.TiffFile(path) as tiff:
            pages = list(tiff.pages)
            first = pages[0]
            if not isinstance(first, tifffile.TiffPage):
                raise PyramidMissing(f"{path}: not a TIFF page")
            width, height = int(first.imagewidth), int(first.imagelength)
            levels: list[Level] = []
            for index, page in enumerate(pages):
                scale = 1 << index
                if (
                    not isinstance(page, tifffile.TiffPage)
                    or not page.is_tiled
                    or int(page.imagewidth) != width // scale
                    or int(page.imagelength) != height // scale
                ):
                    break
                levels.append(_level(index, scale, page))
    except (OSError, ValueError, IndexError, tifffile.TiffFileError) as error:
        raise PyramidMissing(f"{path}: {error}") from error
    if not levels:
        raise PyramidMissing(f"{path}: not a tiled pyramid")
    return PyramidLayout(width=width, height=height, levels=tuple(levels))


def _level(index: int, scale: int, page: tifffile.TiffPage) -> Level:
    tables = bytes(page.jpegtables or b"")
    marker = _PHOTOMETRIC_MARKERS.get(int(page.photometric))
    header = b""
    if (
        int(page.compression) == _COMPRESSION_JPEG
        and marker is not None
        and int(page.planarconfig) == 1
        and tables.startswith(SOI)
        and tables.endswith(EOI)
    ):
        header = SOI + marker + tables[2:-2]
    return Level(
        page=index,
        scale=scale,
        width=int(page.imagewidth),
        height=int(page.imagelength),
        tile_width=int(page.tilewidth),
        tile_height=int(page.tilelength),
        bands=int(page.samplesperpixel),
        offsets=array("Q", page.dataoffsets),
        byte_counts=array("Q", page.databytecounts),
        jpeg_header=header,
    )


def tile_for(layout: PyramidLayout, request: ImageRequest) -> TileAddress | None:
    """The stored tile that is exactly the answer to ``request``, if there is one.

    That is: a JPEG at rotation 0 in the picture's own quality, whose region is one tile of
    a level scaled up by the level's factor (cut short at the picture's edge), asked for at
    the level's own pixel size.
    """
    if request.format != "jpg" or request.rotation or request.mirror:
        return None
    own_quality = "color" if layout.bands == 3 else "gray"
    if request.quality not in ("default", own_quality):
        return None
    region = request.region
    for level in layout.levels:
        if not level.jpeg_header:
            continue
        span_x, span_y = level.tile_width * level.scale, level.tile_height * level.scale
        if region.x % span_x or region.y % span_y:
            continue
        column, row = region.x // span_x, region.y // span_y
        if (region.width, region.height) != (
            min(span_x, layout.width - region.x),
            min(span_y, layout.height - region.y),
        ):
            continue
        pixels = (
            min(level.tile_width, level.width - column * level.tile_width),
            min(level.tile_height, level.height - row * level.tile_height),
        )
        if pixels[0] > 0 and pixels[1] > 0 and (request.width, request.height) == pixels:
            return TileAddress(level, column, row, *pixels)
    return None


def tile_jpeg(path: Path, address: TileAddress) -> bytes | None:
    """The stored tile as a whole JPEG file (always the full tile, padding included)."""
    level = address.level
    index = address.row * level.columns + address.column
    offset, count = level.offsets[index], level.byte_counts[index]
    if count < 4:
        return None
    descriptor = os.open(path, os.O_RDONLY)
    try:
        data = os.pread(descriptor, count, offset)
    finally:
        os.close(descriptor)
    if len(data) != count or not data.startswith(SOI):
        return None
    return level.jpeg_header + data[2:]
