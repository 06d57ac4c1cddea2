"""What every kind of picture draws with: seeds, colours, sizes, tiled textures, and
an SVG canvas rendered by libvips."""

from __future__ import annotations

import hashlib
import math
import random
from functools import cache
from typing import Any

import pyvips

Colour = tuple[int, int, int]


def seed_of(text: str) -> int:
    """A stable seed from a text, below 2³⁰ as libvips wants (unlike ``hash``, never varies)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big") >> 2


def _random(seed: int) -> random.Random:
    """The generator every drawing choice comes from: reproducible, and not for secrets."""
    return random.Random(seed)  # noqa: S311 - pictures, not cryptography


def _hex(colour: tuple[float, float, float]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c))) for c in colour))


def _grey(level: float) -> str:
    return _hex((level, level, level))


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _fit(width: int, height: int, long_side: int) -> tuple[int, int]:
    """The size with this long side and the same aspect, never larger than the original."""
    factor = min(1.0, long_side / max(width, height))
    return max(8, round(width * factor)), max(8, round(height * factor))


def _resize_to(image: pyvips.Image, width: int, height: int, kernel: str = "cubic") -> Any:
    """Resize to exactly ``width`` × ``height`` (``resize`` alone may be a pixel off)."""
    scaled = image.resize(
        (width + 0.5) / image.width, vscale=(height + 0.5) / image.height, kernel=kernel
    )
    if scaled.width < width or scaled.height < height:
        scaled = scaled.embed(0, 0, width, height, extend="copy")
    return scaled.crop(0, 0, width, height)


def _tiled(tile: pyvips.Image, width: int, height: int, x: int = 0, y: int = 0) -> Any:
    """A periodic tile repeated over ``width`` × ``height``, starting at (x, y) in it."""
    x, y = x % tile.width, y % tile.height
    across = math.ceil((width + x) / tile.width)
    down = math.ceil((height + y) / tile.height)
    return tile.replicate(across, down).crop(x, y, width, height)


def _line_kernel(length: int, angle: float) -> Any:
    """A convolution mask that smears along a line at ``angle`` (radians): a motion blur."""
    size = length | 1
    centre = size // 2
    cos, sin = math.cos(angle), math.sin(angle)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            along = (x - centre) * cos + (y - centre) * sin
            across = -(x - centre) * sin + (y - centre) * cos
            inside = abs(along) <= centre
            row.append(round(4 * max(0.0, 1 - abs(across))) if inside else 0)
        rows.append(row)
    return pyvips.Image.new_from_array(rows, scale=sum(map(sum, rows)))


@cache
def _streak_tile(size: int, length: int, angle: float, seed: int, blur: float = 0) -> Any:
    """Seamless noise smeared along ``angle``: float, mean 0 and deviation 1, periodic.

    ``blur`` first softens the noise, for streaks wider than a pixel.
    """
    noise = pyvips.Image.gaussnoise(size, size, mean=128, sigma=60, seed=seed).replicate(2, 2)
    if blur:
        noise = noise.gaussblur(blur)
    margin = length // 2 + math.ceil(3 * blur) + 1
    smeared = noise.conv(_line_kernel(length, angle), precision="float")
    tile = smeared.crop(margin, margin, size, size)
    return ((tile - tile.avg()) / max(tile.deviate(), 1e-6)).copy_memory()


@cache
def _grain_tile(size: int, clump: float, seed: int) -> Any:
    """Seamless film grain: gaussian noise clumped by a small blur, deviation 1."""
    noise = pyvips.Image.gaussnoise(size, size, mean=0, sigma=1, seed=seed)
    margin = 8
    clumped = noise.replicate(2, 2).gaussblur(clump, precision="float")
    tile = clumped.crop(margin, margin, size, size)
    return ((tile - tile.avg()) / max(tile.deviate(), 1e-6)).copy_memory()


class Svg:
    """An SVG drawing 1000 units high and ``1000 × aspect`` wide, rendered by libvips."""

    def __init__(self, aspect: float) -> None:
        self.width = 1000 * aspect
        self.height = 1000.0
        self.defs: list[str] = []
        self.items: list[str] = []

    def add(self, item: str) -> None:
        self.items.append(item)

    def text(self, width: int, height: int) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {self.width:.2f} {self.height:.2f}" preserveAspectRatio="none">'
            f"<defs>{''.join(self.defs)}</defs>{''.join(self.items)}</svg>"
        )

    def render(self, width: int, height: int) -> Any:
        """RGBA, 8 bits, exactly ``width`` × ``height`` pixels, rendered once into memory.

        (Left lazy, librsvg would draw every path again for each small region asked of it.)
        """
        image = pyvips.Image.svgload_buffer(self.text(width, height).encode(), unlimited=True)
        if image.width != width or image.height != height:
            image = _resize_to(image, width, height, kernel="linear")
        return image.copy_memory()

    def render_rgb(self, width: int, height: int) -> Any:
        return self.render(width, height).flatten(background=[0, 0, 0])


def _pixels(image: pyvips.Image) -> tuple[bytes, int, int, int]:
    """The pixels of a small 8-bit image as bytes, with width, height and bands."""
    image = image.cast("uchar")
    return bytes(image.write_to_memory()), image.width, image.height, image.bands
