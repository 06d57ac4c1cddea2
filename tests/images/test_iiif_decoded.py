"""Decoded tiles kept in memory (images/decoded.py) for answers cut from several tiles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage
from tests.images.test_iiif_tiles import SHA, _mean_difference, _picture, _pixels, _request

from vernissage.images.decoded import DecodedTiles, decoded_tiles
from vernissage.images.ingest import build_pyramid
from vernissage.images.rendering import image_render
from vernissage.images.tiles import pyramid_layout

TILE_BYTES = 256 * 256 * 3


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERNISSAGE_IIIF_CACHE_BYTES = 0  # every answer made anew, from the tiles
    settings.VERNISSAGE_IIIF_TILE_MEMORY_BYTES = 40 * TILE_BYTES


def _pyramid(path: Path, width: int, height: int, *, flipped: bool = False) -> Path:
    source = path.with_suffix(".png")
    picture = _picture(width, height)
    (picture.fliphor() if flipped else picture).pngsave(str(source))
    build_pyramid(source, path)
    return path


class _Reads:
    """Counts the tiles read from pyramid files (os.pread), without changing what they read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = os.pread

        def counted(descriptor: int, length: int, offset: int) -> bytes:
            self.count += 1
            return real(descriptor, length, offset)

        monkeypatch.setattr(os, "pread", counted)


def test_thumbnails_of_one_picture_decode_its_tiles_once(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyramid = _pyramid(tmp_path / "p.tif", 1300, 900)
    size = (1300, 900)
    reads = _Reads(monkeypatch)
    first = image_render(path=pyramid, sha256=SHA, request=_request(size, "full", "400,"))
    tiles_read = reads.count
    assert tiles_read == 6  # the 650 x 450 level: three tiles across, two down
    second = image_render(path=pyramid, sha256=SHA, request=_request(size, "full", "420,"))
    again = image_render(path=pyramid, sha256=SHA, request=_request(size, "full", "400,"))
    assert reads.count == tiles_read  # nothing read again
    assert again.content == first.content
    assert second.route == "render"
    # The same bytes as when every tile is decoded from the file.
    settings.VERNISSAGE_IIIF_TILE_MEMORY_BYTES = 0
    assert decoded_tiles() is None
    fresh = image_render(path=pyramid, sha256=SHA, request=_request(size, "full", "400,"))
    assert fresh.content == first.content
    assert reads.count == 2 * tiles_read


def test_a_pyramid_written_again_is_not_answered_from_the_old_tiles(tmp_path: Path) -> None:
    pyramid = _pyramid(tmp_path / "p.tif", 1300, 900)
    request = _request((1300, 900), "full", "400,")
    before = image_render(path=pyramid, sha256=SHA, request=request)
    _pyramid(tmp_path / "p.tif", 1300, 900, flipped=True)
    pyramid_layout(pyramid)  # the new file's layout (its size, time or inode changed)
    after = image_render(path=pyramid, sha256=SHA, request=request)
    # The new picture is the old one mirrored (its noise drawn anew): the answer is too.
    old, new = _pixels(before.content), _pixels(after.content)
    assert _mean_difference(new, old) > 20
    assert _mean_difference(new, old[:, ::-1]) < 6


def test_the_memory_keeps_to_its_bound_dropping_the_least_recently_used() -> None:
    tiles = DecodedTiles(max_bytes=3 * TILE_BYTES)
    picture = PILImage.new("RGB", (256, 256))
    for index in range(4):
        tiles.put(("p.tif", 0, index, index * 100, 100), picture)
        if index == 1:
            assert tiles.get(("p.tif", 0, 0, 0, 100)) is picture  # 0 used after 1
    assert len(tiles) == 3
    assert tiles.bytes == 3 * TILE_BYTES
    assert tiles.get(("p.tif", 0, 1, 100, 100)) is None  # the least recently used went
    assert tiles.get(("p.tif", 0, 0, 0, 100)) is picture
    # A tile larger than the whole bound is not kept, and drops nothing.
    tiles.put(("big.tif", 0, 0, 0, 1), PILImage.new("RGB", (1024, 1024)))
    assert len(tiles) == 3
    tiles.put(("p.tif", 0, 3, 300, 100), picture)  # put again: counted once
    assert tiles.bytes == 3 * TILE_BYTES
