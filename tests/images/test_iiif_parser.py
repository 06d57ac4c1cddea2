"""The IIIF Image API 3.0 request syntax: every form, and every malformed one a 400."""

from __future__ import annotations

import pytest

from vernissage.images.iiif import IIIFError, ImageRequest, Limits, Region, parse_image_request

LIMITS = Limits(max_width=4000, max_height=3000, max_area=6_000_000)


def _parse(
    region: str = "full",
    size: str = "max",
    rotation: str = "0",
    quality_format: str = "default.jpg",
    width: int = 1000,
    height: int = 800,
    limits: Limits = LIMITS,
) -> ImageRequest:
    return parse_image_request(
        region=region,
        size=size,
        rotation=rotation,
        quality_format=quality_format,
        width=width,
        height=height,
        limits=limits,
    )


@pytest.mark.parametrize(
    ("region", "box", "full", "_case"),
    [
        ("full", Region(0, 0, 1000, 800), True, "full"),
        ("square", Region(100, 0, 800, 800), False, "square of a landscape, centred"),
        ("0,0,1000,800", Region(0, 0, 1000, 800), True, "pixels covering all is full"),
        ("10,20,300,400", Region(10, 20, 300, 400), False, "pixels"),
        ("900,700,500,500", Region(900, 700, 100, 100), False, "pixels cut at the edge"),
        ("pct:10,25,50,50", Region(100, 200, 500, 400), False, "percent"),
        ("pct:0,0,100,100", Region(0, 0, 1000, 800), True, "percent of all"),
        ("pct:12.5,0,0.05,100", Region(125, 0, 1, 800), False, "a sliver is one pixel"),
        ("pct:90,90,50,50", Region(900, 720, 100, 80), False, "percent cut at the edge"),
    ],
)
def test_regions(region: str, box: Region, full: bool, _case: str) -> None:
    request = _parse(region=region)
    assert (request.region, request.full) == (box, full)


def test_the_square_of_a_portrait_is_centred() -> None:
    assert _parse(region="square", width=600, height=1000).region == Region(0, 200, 600, 600)


@pytest.mark.parametrize(
    ("size", "region", "expected", "_case"),
    [
        ("max", "full", (1000, 800), "max is the region"),
        ("500,", "full", (500, 400), "w,"),
        (",400", "full", (500, 400), "h"),
        ("pct:50", "full", (500, 400), "percent"),
        ("pct:33.3", "full", (333, 266), "percent rounds half up"),
        ("300,300", "full", (300, 300), "w,h may distort"),
        ("!500,500", "full", (500, 400), "!w,h keeps the aspect, width-bound"),
        ("!900,400", "full", (500, 400), "!w,h keeps the aspect, height-bound"),
        ("!2000,400", "full", (500, 400), "!w,h one side larger than the region"),
        ("^2000,", "full", (2000, 1600), "^w,"),
        ("^,1600", "full", (2000, 1600), "^,h"),
        ("^pct:150", "full", (1500, 1200), "^pct"),
        ("^1200,900", "full", (1200, 900), "^w,h"),
        ("^!2000,2000", "full", (2000, 1600), "^!w,h upscales"),
        ("^500,", "full", (500, 400), "^ that does not upscale is fine"),
        ("256,", "0,0,512,512", (256, 256), "a deep-zoom tile"),
        ("232,", "768,512,232,256", (232, 256), "an edge tile"),
        ("1,", "0,0,10,10", (1, 1), "one pixel"),
    ],
)
def test_sizes(size: str, region: str, expected: tuple[int, int], _case: str) -> None:
    request = _parse(region=region, size=size)
    assert (request.width, request.height) == expected


def test_max_shrinks_to_the_limits() -> None:
    # 8000 × 1000 is beyond maxWidth 4000: max gives the largest size within the limits.
    request = _parse(size="max", width=8000, height=1000)
    assert (request.width, request.height) == (4000, 500)


def test_max_shrinks_to_the_area_limit() -> None:
    request = _parse(size="max", width=3000, height=3000)
    assert (request.width, request.height) == (2449, 2449)
    assert request.width * request.height <= LIMITS.max_area


def test_caret_max_grows_to_the_limits() -> None:
    request = _parse(size="^max", width=1000, height=500)
    assert (request.width, request.height) == (3464, 1732)
    assert request.upscale


def test_confined_size_shrinks_to_the_limits() -> None:
    request = _parse(size="^!9000,9000", width=1000, height=1000)
    assert (request.width, request.height) == (2449, 2449)


@pytest.mark.parametrize(
    ("rotation", "degrees", "mirror", "_case"),
    [
        ("0", 0, False, "none"),
        ("90", 90, False, "90"),
        ("180", 180, False, "180"),
        ("270", 270, False, "270"),
        ("360", 0, False, "a full turn"),
        ("!0", 0, True, "mirror"),
        ("!90", 90, True, "mirror then turn"),
        ("22.5", 22.5, False, "arbitrary"),
    ],
)
def test_rotations(rotation: str, degrees: float, mirror: bool, _case: str) -> None:
    request = _parse(rotation=rotation)
    assert (request.rotation, request.mirror) == (degrees, mirror)


@pytest.mark.parametrize(
    ("quality_format", "quality", "media_type"),
    [
        ("default.jpg", "default", "image/jpeg"),
        ("color.png", "color", "image/png"),
        ("gray.webp", "gray", "image/webp"),
        ("bitonal.png", "bitonal", "image/png"),
    ],
)
def test_qualities_and_formats(quality_format: str, quality: str, media_type: str) -> None:
    request = _parse(quality_format=quality_format)
    assert (request.quality, request.media_type) == (quality, media_type)


@pytest.mark.parametrize(
    ("parts", "canonical", "_case"),
    [
        ({}, "full/max/0/default.jpg", "all defaults"),
        ({"region": "0,0,1000,800", "size": "1000,"}, "full/max/0/default.jpg", "same thing"),
        ({"region": "pct:10,25,50,50"}, "100,200,500,400/max/0/default.jpg", "percent"),
        ({"size": "pct:50"}, "full/500,400/0/default.jpg", "scaled"),
        ({"size": "^pct:200"}, "full/^2000,1600/0/default.jpg", "upscaled"),
        ({"rotation": "!90.50"}, "full/max/!90.5/default.jpg", "decimal mirror"),
        ({"quality_format": "gray.png"}, "full/max/0/gray.png", "quality"),
    ],
)
def test_canonical_form(parts: dict[str, str], canonical: str, _case: str) -> None:
    assert _parse(**parts).canonical == canonical  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parts", "message", "_case"),
    [
        ({"region": "bogus"}, "is not full, square, x,y,w,h or pct:x,y,w,h", "region word"),
        ({"region": "1,2,3"}, "is not full, square", "three numbers"),
        ({"region": "1,2,3,a"}, "not 4 whole numbers", "not a number"),
        ({"region": "-1,0,10,10"}, "not 4 whole numbers", "negative"),
        ({"region": "1.5,0,10,10"}, "not 4 whole numbers", "decimal pixels"),
        ({"region": "0,0,0,10"}, "no width or no height", "zero width"),
        ({"region": "1000,0,10,10"}, "wholly outside the image", "right of the image"),
        ({"region": "0,800,10,10"}, "wholly outside the image", "below the image"),
        ({"region": "pct:1,2,3"}, "four percentages", "three percentages"),
        ({"region": "pct:a,0,10,10"}, "not a number", "percent not a number"),
        ({"region": "pct:.5,0,10,10"}, "leading zero", "no leading zero"),
        ({"region": "pct:100,0,10,10"}, "wholly outside", "percent outside"),
        ({"region": "pct:0,0,0,10"}, "no width or no height", "percent zero"),
        ({"region": "pct:1e2,0,10,10"}, "not a number", "exponent"),
        ({"size": "full"}, "version 3 says 'max'", "IIIF 2 full"),
        ({"size": "bogus"}, "is not one of max, w,, ,h", "size word"),
        ({"size": ","}, "neither a width nor a height", "comma only"),
        ({"size": "1,2,3"}, "is not one of max", "three numbers"),
        ({"size": "-5,"}, "is not one of max", "negative"),
        ({"size": "0,"}, "comes to zero pixels", "zero width"),
        ({"size": "1000,", "region": "0,0,1000,1"}, "", "control: a strip is fine"),
        ({"size": "1,", "region": "0,0,1000,400"}, "comes to zero pixels", "rounds to zero"),
        ({"size": "pct:0"}, "is zero", "zero percent"),
        ({"size": "pct:"}, "not a number", "empty percent"),
        ({"size": "!0,10"}, "no width or no height", "confined zero"),
        ({"size": "!10"}, "not 2 whole numbers", "confined one number"),
        ({"size": "1001,"}, "write ^ before the size", "w, beyond the region"),
        ({"size": ",801"}, "write ^ before the size", ",h beyond the region"),
        ({"size": "1001,10"}, "write ^ before the size", "w,h beyond the region"),
        ({"size": "pct:101"}, "write ^ before the size", "percent beyond 100"),
        ({"size": "!2000,3000"}, "write ^ before the size", "confined box beyond the region"),
        ({"size": "^5000,"}, "beyond the limits", "beyond maxWidth"),
        ({"size": "^,3001"}, "beyond the limits", "beyond maxHeight"),
        ({"size": "^3000,2500"}, "beyond the limits", "beyond maxArea"),
        ({"rotation": "45x"}, "not a number of degrees", "rotation word"),
        ({"rotation": "-90"}, "not a number of degrees", "negative rotation"),
        ({"rotation": "361"}, "more than 360", "beyond a turn"),
        ({"rotation": "!!90"}, "not a number of degrees", "double mirror"),
        ({"rotation": ""}, "not a number of degrees", "empty rotation"),
        ({"quality_format": "default"}, "lacks a format", "no format"),
        ({"quality_format": "grey.jpg"}, "quality 'grey' is not one of", "British grey"),
        ({"quality_format": "default.gif"}, "format 'gif' is not served", "gif"),
        ({"quality_format": "default.JPG"}, "format 'JPG' is not served", "upper case"),
    ],
)
def test_malformed_requests_are_400_with_a_reason(
    parts: dict[str, str], message: str, _case: str
) -> None:
    if not message:
        _parse(**parts)  # type: ignore[arg-type]
        return
    with pytest.raises(IIIFError) as raised:
        _parse(**parts)  # type: ignore[arg-type]
    assert raised.value.status == 400
    assert message in raised.value.message
