"""The pixels: stored tiles sent as they are, edge tiles cropped, the rest made by libvips."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import pyvips
import tifffile
from PIL import Image as PILImage

from vernissage.images.iiif import ImageRequest, Limits, parse_image_request
from vernissage.images.ingest import build_pyramid
from vernissage.images.rendering import image_render, level_for
from vernissage.images.tiles import (
    ADOBE_APP14_RGB,
    JFIF_APP0,
    SOI,
    pyramid_layout,
    tile_for,
)

LIMITS = Limits(max_width=10_000, max_height=10_000, max_area=50_000_000)
SHA = "ab" * 32


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERNISSAGE_IIIF_CACHE_BYTES = 50_000_000
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def _picture(width: int, height: int) -> Any:
    """A picture with detail everywhere (gradients, a checker, noise), in sRGB."""
    x = pyvips.Image.xyz(width, height)
    red = (x[0] * 255 / width).cast("uchar")
    green = (x[1] * 255 / height).cast("uchar")
    checker = ((x[0] / 16).floor() + (x[1] / 16).floor()) % 2 * 120
    noise = pyvips.Image.gaussnoise(width, height, sigma=12, mean=0)
    blue = (checker + 60 + noise).cast("uchar")
    return red.bandjoin([green, blue]).copy(interpretation="srgb")


def _pyramid(tmp_path: Path, width: int = 1300, height: int = 900) -> Path:
    source = tmp_path / f"source-{width}x{height}.png"
    _picture(width, height).pngsave(str(source))
    target = tmp_path / f"pyramid-{width}x{height}.tif"
    build_pyramid(source, target)
    return target


def _request(
    layout_size: tuple[int, int],
    region: str,
    size: str,
    rotation: str = "0",
    quality_format: str = "default.jpg",
) -> ImageRequest:
    return parse_image_request(
        region=region,
        size=size,
        rotation=rotation,
        quality_format=quality_format,
        width=layout_size[0],
        height=layout_size[1],
        limits=LIMITS,
    )


def _pixels(content: bytes) -> np.ndarray[Any, Any]:
    return np.asarray(pyvips.Image.new_from_buffer(content, "").numpy(), dtype=float)


def _mean_difference(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    assert a.shape == b.shape
    return float(np.abs(a - b).mean())


def _libvips_cut(pyramid: Path, page: int, left: int, top: int, width: int, height: int) -> Any:
    level = pyvips.Image.new_from_file(str(pyramid), page=page)
    return np.asarray(level.crop(left, top, width, height).numpy(), dtype=float)


@pytest.mark.parametrize(
    ("region", "size", "page", "column", "row", "_case"),
    [
        ("256,256,256,256", "256,", 0, 1, 1, "full size, w,"),
        ("512,0,256,256", "256,256", 0, 2, 0, "full size, w,h as OpenSeadragon asks"),
        ("512,0,512,512", "256,", 1, 1, 0, "half size"),
        ("0,0,1024,1024", "pct:25", 2, 0, 0, "quarter size, by percent"),
    ],
)
def test_an_aligned_tile_is_the_stored_jpeg(
    tmp_path: Path, region: str, size: str, page: int, column: int, row: int, _case: str
) -> None:
    pyramid = _pyramid(tmp_path, 1300, 1100)
    layout = pyramid_layout(pyramid)
    request = _request((layout.width, layout.height), region, size)
    address = tile_for(layout, request)
    assert address is not None
    assert (address.level.page, address.column, address.row, address.whole) == (
        page,
        column,
        row,
        True,
    )
    rendered = image_render(path=pyramid, sha256=SHA, request=request)
    assert rendered.route == "tile"
    assert rendered.media_type == "image/jpeg"
    # No decode, no encode: the stored tile's entropy-coded bytes, after a JFIF marker.
    with tifffile.TiffFile(pyramid) as tiff:
        tiff_page = tiff.pages[page]
        assert isinstance(tiff_page, tifffile.TiffPage)
        index = row * len(range(0, tiff_page.imagewidth, 256)) + column
        tiff.filehandle.seek(tiff_page.dataoffsets[index])
        stored = tiff.filehandle.read(tiff_page.databytecounts[index])
    assert rendered.content.startswith(SOI + JFIF_APP0)
    assert rendered.content.endswith(stored[2:])
    # ... which decodes, with libvips and with Pillow, to libvips' own cut of that level.
    cut = _libvips_cut(pyramid, page, column * 256, row * 256, 256, 256)
    assert _mean_difference(_pixels(rendered.content), cut) < 0.5
    pillow = np.asarray(PILImage.open(io.BytesIO(rendered.content)).convert("RGB"), dtype=float)
    assert _mean_difference(pillow, cut) < 1.5


def test_an_aligned_tile_matches_the_same_region_made_by_libvips(tmp_path: Path) -> None:
    pyramid = _pyramid(tmp_path)
    layout = pyramid_layout(pyramid)
    fast = image_render(
        path=pyramid, sha256=SHA, request=_request((1300, 900), "512,0,512,512", "256,")
    )
    slow = image_render(
        path=pyramid,
        sha256=SHA,
        request=_request((1300, 900), "512,0,512,512", "256,", quality_format="default.png"),
    )
    assert (fast.route, slow.route) == ("tile", "render")
    assert layout.scale_factors == [1, 2, 4, 8]
    assert _mean_difference(_pixels(fast.content), _pixels(slow.content)) < 2.0


@pytest.mark.parametrize(
    ("region", "size", "expected", "route", "_case"),
    [
        ("1280,0,20,256", "20,", (20, 256), "edge", "right edge, full size"),
        ("0,768,256,132", "256,", (256, 132), "edge", "bottom edge, full size"),
        ("1024,512,276,388", "138,", (138, 194), "edge", "corner at half size"),
        ("0,0,1024,900", "256,225", (256, 225), "edge", "bottom at a quarter"),
        ("0,0,1300,900", "163,", (163, 113), "render", "1300 / 8 is not whole: libvips"),
    ],
)
def test_an_edge_tile_has_its_iiif_size(
    tmp_path: Path,
    region: str,
    size: str,
    expected: tuple[int, int],
    route: str,
    _case: str,
) -> None:
    pyramid = _pyramid(tmp_path)
    request = _request((1300, 900), region, size)
    rendered = image_render(path=pyramid, sha256=SHA, request=request)
    assert rendered.route == route
    picture = pyvips.Image.new_from_buffer(rendered.content, "")
    assert (picture.width, picture.height) == expected
    if route == "edge":
        address = tile_for(pyramid_layout(pyramid), request)
        assert address is not None
        level = address.level
        cut = _libvips_cut(pyramid, level.page, address.column * 256, address.row * 256, *expected)
        # Decoded, cropped and encoded again: a little JPEG loss on a noisy picture.
        assert _mean_difference(_pixels(rendered.content), cut) < 5.0


def test_tiles_stored_as_rgb_say_so_with_an_adobe_marker(tmp_path: Path) -> None:
    pyramid = tmp_path / "rgb.tif"
    _picture(600, 600).tiffsave(
        str(pyramid),
        tile=True,
        tile_width=256,
        tile_height=256,
        pyramid=True,
        compression="jpeg",
        Q=85,
        rgbjpeg=True,
    )
    rendered = image_render(
        path=pyramid, sha256=SHA, request=_request((600, 600), "256,256,256,256", "256,")
    )
    assert rendered.route == "tile"
    assert rendered.content.startswith(SOI + ADOBE_APP14_RGB)
    cut = _libvips_cut(pyramid, 0, 256, 256, 256, 256)
    pillow = np.asarray(PILImage.open(io.BytesIO(rendered.content)).convert("RGB"), dtype=float)
    assert _mean_difference(pillow, cut) < 1.5
    assert _mean_difference(_pixels(rendered.content), cut) < 0.5


def test_a_grey_pyramid_serves_grey_tiles(tmp_path: Path) -> None:
    source = tmp_path / "grey.png"
    _picture(600, 600).colourspace("b-w").pngsave(str(source))
    pyramid = tmp_path / "grey.tif"
    build_pyramid(source, pyramid)
    for quality in ("default", "gray"):
        rendered = image_render(
            path=pyramid,
            sha256=SHA,
            request=_request((600, 600), "0,256,256,256", "256,", quality_format=f"{quality}.jpg"),
        )
        assert rendered.route == "tile"
        assert pyvips.Image.new_from_buffer(rendered.content, "").bands == 1
    colour = image_render(
        path=pyramid,
        sha256=SHA,
        request=_request((600, 600), "0,256,256,256", "256,", quality_format="color.jpg"),
    )
    assert colour.route == "render"
    assert pyvips.Image.new_from_buffer(colour.content, "").bands == 3


@pytest.mark.parametrize(
    ("rotation", "quality_format", "_case"),
    [
        ("90", "default.jpg", "rotated"),
        ("!0", "default.jpg", "mirrored"),
        ("0", "gray.jpg", "grey"),
        ("0", "default.png", "png"),
        ("0", "default.webp", "webp"),
    ],
)
def test_other_requests_on_the_grid_go_through_libvips_then_the_cache(
    tmp_path: Path, rotation: str, quality_format: str, _case: str
) -> None:
    pyramid = _pyramid(tmp_path)
    request = _request((1300, 900), "256,256,256,256", "256,", rotation, quality_format)
    first = image_render(path=pyramid, sha256=SHA, request=request)
    again = image_render(path=pyramid, sha256=SHA, request=request)
    assert (first.route, again.route) == ("render", "cache")
    assert again.content == first.content
    assert first.media_type == request.media_type


@pytest.mark.parametrize(
    ("region", "size", "page", "_case"),
    [
        ("full", "max", 0, "full size"),
        ("full", "650,", 1, "exactly half"),
        ("full", "651,", 0, "a little over half"),
        ("full", "400,", 1, "between a half and a quarter"),
        ("full", "100,", 3, "an eighth is the smallest level"),
        ("0,0,512,512", "128,", 2, "a region at a quarter"),
        ("full", "^2000,", 0, "upscaled"),
    ],
)
def test_the_level_is_the_smallest_with_enough_pixels(
    tmp_path: Path, region: str, size: str, page: int, _case: str
) -> None:
    layout = pyramid_layout(_pyramid(tmp_path))
    assert level_for(layout, _request((1300, 900), region, size)).page == page


def _corner_colours(content: bytes) -> list[tuple[int, ...]]:
    picture = pyvips.Image.new_from_buffer(content, "")
    w, h = picture.width, picture.height
    return [
        tuple(round(value) for value in picture.crop(x, y, 8, 8).stats()(4, 0)[:1])
        for x, y in ((0, 0), (w - 8, 0), (0, h - 8), (w - 8, h - 8))
    ]


def test_rotation_and_mirroring_turn_the_picture_the_right_way(tmp_path: Path) -> None:
    source = tmp_path / "marked.png"
    # Black, with a white block top left: easy to follow through turns and mirrors.
    marked = pyvips.Image.black(400, 200, bands=3).draw_rect(
        [255, 255, 255], 0, 0, 40, 40, fill=True
    )
    marked.copy(interpretation="srgb").pngsave(str(source))
    pyramid = tmp_path / "marked.tif"
    build_pyramid(source, pyramid)
    white_corner = {}
    for rotation in ("0", "90", "180", "270", "!0", "!90"):
        rendered = image_render(
            path=pyramid,
            sha256=SHA,
            request=_request((400, 200), "full", "max", rotation, "default.png"),
        )
        corners = _corner_colours(rendered.content)
        white_corner[rotation] = [value[0] > 128 for value in corners].index(True)
        picture = pyvips.Image.new_from_buffer(rendered.content, "")
        turned = rotation.lstrip("!") in ("90", "270")
        assert (picture.width, picture.height) == ((200, 400) if turned else (400, 200))
    # corners: 0 top left, 1 top right, 2 bottom left, 3 bottom right; turns are clockwise.
    assert white_corner == {"0": 0, "90": 1, "180": 3, "270": 2, "!0": 1, "!90": 3}


def test_an_arbitrary_rotation_fits_the_turned_picture(tmp_path: Path) -> None:
    pyramid = _pyramid(tmp_path, 400, 200)
    for quality_format, bands in (("default.png", 4), ("default.jpg", 3)):
        rendered = image_render(
            path=pyramid,
            sha256=SHA,
            request=_request((400, 200), "full", "max", "45", quality_format),
        )
        picture = pyvips.Image.new_from_buffer(rendered.content, "")
        assert abs(picture.width - 425) <= 2
        assert abs(picture.height - 425) <= 2
        assert picture.bands == bands


def test_qualities(tmp_path: Path) -> None:
    pyramid = _pyramid(tmp_path, 400, 300)
    grey = pyvips.Image.new_from_buffer(
        image_render(
            path=pyramid, sha256=SHA, request=_request((400, 300), "full", "max", "0", "gray.png")
        ).content,
        "",
    )
    assert grey.bands == 1
    bitonal = image_render(
        path=pyramid, sha256=SHA, request=_request((400, 300), "full", "max", "0", "bitonal.png")
    )
    values = np.unique(np.asarray(PILImage.open(io.BytesIO(bitonal.content)).convert("L")))
    assert set(values.tolist()) <= {0, 255}
