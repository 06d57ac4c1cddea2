"""The disk cache of derivatives: atomic files, a size bound, the oldest evicted first."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pyvips

from vernissage.images.cache import DerivativeCache, derivative_cache
from vernissage.images.iiif import Limits, parse_image_request
from vernissage.images.ingest import build_pyramid
from vernissage.images.rendering import image_render

SHA = "cd" * 32
OTHER = "ef" * 32


def _age(path: Path, seconds_ago: float) -> None:
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def test_a_derivative_is_kept_in_a_folder_per_image_and_read_back(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 1_000_000)
    cache.put(sha256=SHA, key="1/full/max/0/default.jpg", suffix="jpg", content=b"picture")
    path = cache.path_for(sha256=SHA, key="1/full/max/0/default.jpg", suffix="jpg")
    assert path.parent == tmp_path / "iiif-cache" / SHA[:2] / SHA
    assert path.read_bytes() == b"picture"
    assert cache.get(sha256=SHA, key="1/full/max/0/default.jpg", suffix="jpg") == b"picture"
    assert cache.get(sha256=SHA, key="1/full/max/0/gray.jpg", suffix="jpg") is None
    # Written to a temporary file and renamed: nothing else is left in the folder.
    assert [entry.name for entry in path.parent.iterdir()] == [path.name]


def test_the_cache_stays_within_its_bound_evicting_the_oldest(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 10_000)
    paths = []
    for number in range(9):
        key = f"request-{number}"
        cache.put(sha256=SHA, key=key, suffix="jpg", content=bytes(1000))
        path = cache.path_for(sha256=SHA, key=key, suffix="jpg")
        _age(path, 1000 - number)  # request-0 is the oldest
        paths.append(path)
    assert cache.total_bytes() == 9000
    for number in range(9, 14):
        cache.put(sha256=SHA, key=f"request-{number}", suffix="jpg", content=bytes(1000))
    # Over 10,000 bytes: evicted down to nine tenths of the bound, oldest first.
    assert cache.total_bytes() <= 10_000
    assert [path.exists() for path in paths] == [False] * 4 + [True] * 5
    for number in range(9, 14):
        assert cache.get(sha256=SHA, key=f"request-{number}", suffix="jpg") == bytes(1000)


def test_a_hit_makes_a_file_young_again(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 10_000)
    for number in range(9):
        cache.put(sha256=SHA, key=f"{number}", suffix="png", content=bytes(1000))
        _age(cache.path_for(sha256=SHA, key=f"{number}", suffix="png"), 9000 - number)
    assert cache.get(sha256=SHA, key="0", suffix="png") == bytes(1000)  # the oldest, used
    cache.put(sha256=SHA, key="9", suffix="png", content=bytes(1000))
    cache.put(sha256=SHA, key="10", suffix="png", content=bytes(1000))
    kept = [
        cache.get(sha256=SHA, key=f"{number}", suffix="png") is not None for number in range(11)
    ]
    assert kept == [True, False, False] + [True] * 8


def test_a_file_larger_than_a_tenth_of_the_bound_is_not_kept(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 10_000)
    cache.put(sha256=SHA, key="huge", suffix="png", content=bytes(1001))
    assert cache.get(sha256=SHA, key="huge", suffix="png") is None
    assert cache.total_bytes() == 0


def test_a_bound_of_zero_turns_the_cache_off(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 0)
    cache.put(sha256=SHA, key="a", suffix="jpg", content=b"x")
    assert cache.get(sha256=SHA, key="a", suffix="jpg") is None
    assert not (tmp_path / "iiif-cache").exists()


def test_leftovers_of_a_crash_are_removed_and_fresh_ones_left(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 10_000)
    folder = tmp_path / "iiif-cache" / SHA[:2] / SHA
    folder.mkdir(parents=True)
    stale, fresh = folder / "x.partial", folder / "y.partial"
    stale.write_bytes(bytes(500))
    fresh.write_bytes(bytes(500))
    _age(stale, 2 * 3600)
    cache.evict()
    assert (stale.exists(), fresh.exists()) == (False, True)


def test_forgetting_an_image_drops_its_derivatives_only(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "iiif-cache", 10_000)
    cache.put(sha256=SHA, key="a", suffix="jpg", content=b"one")
    cache.put(sha256=OTHER, key="a", suffix="jpg", content=b"two")
    cache.forget(sha256=SHA)
    assert cache.get(sha256=SHA, key="a", suffix="jpg") is None
    assert cache.get(sha256=OTHER, key="a", suffix="jpg") == b"two"


def test_rendering_keeps_the_media_cache_within_the_setting(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERNISSAGE_IIIF_CACHE_BYTES = 200_000
    source = tmp_path / "picture.png"
    pyvips.Image.gaussnoise(800, 600).cast("uchar").bandjoin([128, 64]).copy(
        interpretation="srgb"
    ).pngsave(str(source))
    pyramid = tmp_path / "picture.tif"
    build_pyramid(source, pyramid)
    limits = Limits(max_width=5000, max_height=5000, max_area=25_000_000)
    for width in range(100, 400, 5):
        request = parse_image_request(
            region="full",
            size=f"{width},",
            rotation="0",
            quality_format="default.jpg",
            width=800,
            height=600,
            limits=limits,
        )
        assert image_render(path=pyramid, sha256=SHA, request=request).route in ("edge", "render")
    cache = derivative_cache()
    assert cache.root == settings.MEDIA_ROOT / "iiif-cache"
    kept = list(cache.root.rglob("*.jpg"))
    assert 0 < len(kept) < 60
    assert cache.total_bytes() <= 200_000
