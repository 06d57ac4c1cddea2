"""The IIIF Image API 3.0 request syntax: region, size, rotation, quality and format.

:func:`parse_image_request` turns the four path segments of
``{region}/{size}/{rotation}/{quality}.{format}`` into an :class:`ImageRequest` with every
number resolved against the picture's size, or raises :class:`IIIFError` with the HTTP
status and a message a person can act on. It reads no file and no setting: the picture's
size and the server's limits are arguments. See https://iiif.io/api/image/3.0/#4-image-requests.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Qualities and formats served; ``default`` is the picture as it is (colour or grey).
QUALITIES = ("default", "color", "gray", "bitonal")
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

#: A whole number, and a decimal with its leading zero (``0.5``, not ``.5``), as the spec writes.
_INTEGER = re.compile(r"\d{1,10}")
_DECIMAL = re.compile(r"\d{1,10}(?:\.\d{1,10})?")


class IIIFError(Exception):
    """A request the server will not answer, with its HTTP status and the reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Limits:
    """The server's size limits, published in info.json as maxWidth, maxHeight, maxArea."""

    max_width: int
    max_height: int
    max_area: int


@dataclass(frozen=True)
class Region:
    """A rectangle of the full-size picture, in pixels, inside the picture."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class ImageRequest:
    """One image request with every value resolved: what to cut, how big, how turned."""

    region: Region
    #: The size of the scaled region, before rotation.
    width: int
    height: int
    #: True when the region is the whole picture (canonical region ``full``).
    full: bool
    #: True when the size was written with ``^`` (may be larger than the region).
    upscale: bool
    #: Degrees clockwise, 0 <= rotation < 360; mirroring happens before the rotation.
    rotation: float
    mirror: bool
    quality: str
    format: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def scale(self) -> float:
        """Output pixels per picture pixel, horizontally."""
        return self.width / self.region.width

    @property
    def canonical(self) -> str:
        """The request in its canonical form (spec section 4.7), without identifier."""
        region = self.region
        region_text = (
            "full" if self.full else f"{region.x},{region.y},{region.width},{region.height}"
        )
        if (self.width, self.height) == (region.width, region.height):
            size_text = "max"
        else:
            upscaled = self.width > region.width or self.height > region.height
            size_text = f"{'^' if upscaled else ''}{self.width},{self.height}"
        rotation_text = ("!" if self.mirror else "") + _number_text(self.rotation)
        return f"{region_text}/{size_text}/{rotation_text}/{self.quality}.{self.format}"


def parse_image_request(
    *,
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
    width: int,
    height: int,
    limits: Limits,
) -> ImageRequest:
    """Read an image request against a picture of ``width`` × ``height`` pixels.

    Raises :class:`IIIFError` (400) for a malformed parameter, a region wholly outside the
    picture, a size of zero pixels, an upscaled size written without ``^``, or a size beyond
    the limits; ``max`` and ``!w,h`` shrink to the limits instead, as the spec says.

    ``!w,h`` with a box larger than the region both ways would upscale; without ``^`` it is
    refused, as the official validator (test ``size_noup``) requires. ``^max`` is the
    largest size within maxWidth, maxHeight and maxArea, as the spec says (the validator's
    level 3 ``size_up`` expects the region's own size instead).
    """
    quality, image_format = _quality_format(quality_format)
    box, full = _region(region, width, height)
    out_width, out_height, upscale = _size(size, box, limits)
    turn, mirror = _rotation(rotation)
    return ImageRequest(
        region=box,
        width=out_width,
        height=out_height,
        full=full,
        upscale=upscale,
        rotation=turn,
        mirror=mirror,
        quality=quality,
        format=image_format,
    )


def _bad(message: str) -> IIIFError:
    return IIIFError(400, message)


def _integers(text: str, count: int, what: str, example: str) -> list[int]:
    parts = text.split(",")
    if len(parts) != count or not all(_INTEGER.fullmatch(part) for part in parts):
        raise _bad(f"The {what} {text!r} is not {count} whole numbers like {example}.")
    return [int(part) for part in parts]


def _decimal(text: str, what: str) -> float:
    if not _DECIMAL.fullmatch(text):
        raise _bad(
            f"The {what} {text!r} is not a number like 50 or 12.5 (with a leading zero: 0.5)."
        )
    return float(text)


def _round(value: float) -> int:
    """Round half up (Python's round() goes to even, which would make 0.5 px vanish)."""
    return math.floor(value + 0.5)


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.10f}".rstrip("0").rstrip(".")


def _quality_format(text: str) -> tuple[str, str]:
    quality, dot, image_format = text.rpartition(".")
    if not dot:
        raise _bad(f"{text!r} lacks a format: write the quality and the format, like default.jpg.")
    if quality not in QUALITIES:
        raise _bad(f"The quality {quality!r} is not one of {', '.join(QUALITIES)}.")
    if image_format not in MEDIA_TYPES:
        raise _bad(f"The format {image_format!r} is not served; ask for {', '.join(MEDIA_TYPES)}.")
    return quality, image_format


def _region(text: str, width: int, height: int) -> tuple[Region, bool]:
    if text == "full":
        return Region(0, 0, width, height), True
    if text == "square":
        side = min(width, height)
        box = Region((width - side) // 2, (height - side) // 2, side, side)
        return box, side == width == height
    if text.startswith("pct:"):
        parts = text[4:].split(",")
        if len(parts) != 4:
            raise _bad(f"The region {text!r} is not four percentages like pct:10,10,50,50.")
        px, py, pw, ph = (_decimal(part, "region percentage") for part in parts)
        if pw == 0 or ph == 0:
            raise _bad(f"The region {text!r} has no width or no height.")
        if px >= 100 or py >= 100:
            raise _bad(f"The region {text!r} lies wholly outside the image.")
        x, y = _round(px * width / 100), _round(py * height / 100)
        w = max(1, _round(pw * width / 100))
        h = max(1, _round(ph * height / 100))
    else:
        if text.count(",") != 3:
            raise _bad(f"The region {text!r} is not full, square, x,y,w,h or pct:x,y,w,h.")
        x, y, w, h = _integers(text, 4, "region", "0,0,512,512")
        if w == 0 or h == 0:
            raise _bad(f"The region {text!r} has no width or no height.")
    if x >= width or y >= height:
        raise _bad(
            f"The region {text!r} lies wholly outside the image of {width} × {height} pixels."
        )
    box = Region(x, y, min(w, width - x), min(h, height - y))
    return box, box == Region(0, 0, width, height)


def _limit_scale(width: int, height: int, limits: Limits) -> float:
    """The largest scale of a ``width`` × ``height`` picture that stays within the limits."""
    return min(
        limits.max_width / width,
        limits.max_height / height,
        math.sqrt(limits.max_area / (width * height)),
    )


def _within_limits(width: int, height: int, limits: Limits) -> bool:
    return (
        width <= limits.max_width
        and height <= limits.max_height
        and width * height <= limits.max_area
    )


def _shrink_to_limits(width: int, height: int, limits: Limits) -> tuple[int, int]:
    if _within_limits(width, height, limits):
        return width, height
    scale = _limit_scale(width, height, limits)
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _scaled(length: int, numerator: int, denominator: int) -> int:
    """``length * numerator / denominator`` rounded half up, in whole numbers."""
    return (2 * length * numerator + denominator) // (2 * denominator)


def _size(text: str, box: Region, limits: Limits) -> tuple[int, int, bool]:
    upscale = text.startswith("^")
    body = text[1:] if upscale else text
    rw, rh = box.width, box.height
    too_big = (
        f"The size {text!r} is larger than the region of {rw} × {rh} pixels; "
        "write ^ before the size to ask for upscaling."
    )
    if body == "max":
        if upscale:
            scale = _limit_scale(rw, rh, limits)
            return max(1, math.floor(rw * scale)), max(1, math.floor(rh * scale)), True
        return *_shrink_to_limits(rw, rh, limits), False
    if body == "full":
        raise _bad("The size 'full' is IIIF Image API 2; version 3 says 'max'.")
    if body.startswith("pct:"):
        percent = _decimal(body[4:], "size percentage")
        if percent == 0:
            raise _bad(f"The size {text!r} is zero.")
        if percent > 100 and not upscale:
            raise _bad(too_big)
        width, height = _round(rw * percent / 100), _round(rh * percent / 100)
    elif body.startswith("!"):
        w, h = _integers(body[1:], 2, "size", "!512,512")
        if w == 0 or h == 0:
            raise _bad(f"The size {text!r} has no width or no height.")
        if w > rw and h > rh and not upscale:
            raise _bad(too_big)
        if w * rh <= h * rw:
            width, height = w, min(h, _scaled(rh, w, rw))
        else:
            width, height = min(w, _scaled(rw, h, rh)), h
        if width and height:
            width, height = _shrink_to_limits(width, height, limits)
    else:
        parts = body.split(",")
        if len(parts) != 2 or not all(_INTEGER.fullmatch(part) for part in parts if part):
            raise _bad(
                f"The size {text!r} is not one of max, w,, ,h, pct:n, w,h or !w,h "
                "(each may start with ^)."
            )
        w_text, h_text = parts
        if not w_text and not h_text:
            raise _bad(f"The size {text!r} gives neither a width nor a height.")
        if w_text and h_text:
            width, height = int(w_text), int(h_text)
            if (width > rw or height > rh) and not upscale:
                raise _bad(too_big)
        elif w_text:
            width = int(w_text)
            if width > rw and not upscale:
                raise _bad(too_big)
            height = _scaled(rh, width, rw)
        else:
            height = int(h_text)
            if height > rh and not upscale:
                raise _bad(too_big)
            width = _scaled(rw, height, rh)
    if width == 0 or height == 0:
        raise _bad(f"The size {text!r} of a {rw} × {rh} region comes to zero pixels.")
    if not _within_limits(width, height, limits):
        raise _bad(
            f"The size {width} × {height} is beyond the limits of this server "
            f"(maxWidth {limits.max_width}, maxHeight {limits.max_height}, "
            f"maxArea {limits.max_area})."
        )
    return width, height, upscale


def _rotation(text: str) -> tuple[float, bool]:
    mirror = text.startswith("!")
    body = text[1:] if mirror else text
    if not _DECIMAL.fullmatch(body):
        raise _bad(
            f"The rotation {text!r} is not a number of degrees from 0 to 360, "
            "optionally after ! for mirroring (like 90 or !180)."
        )
    degrees = float(body)
    if degrees > 360:
        raise _bad(f"The rotation {text!r} is more than 360 degrees.")
    return degrees % 360, mirror
