"""Pictures for the demo world, made on the spot with libvips: nothing is downloaded.

Every work of the Kalmurzaev world gets one image, drawn from a seed taken from its inventory
number, so the same world always looks the same:

* paintings: a small SVG composition per work (figures, rooms, rooftops…) is repainted as a
  few thousand brushstrokes that follow its edges, then enlarged, with bristle marks that
  run along each stroke and a canvas weave laid over at full size;
* photographs: a grey SVG scene (Red Square, or snow, forest and sky in Siberia), softened,
  vignetted and given a heavy, tone-dependent film grain at full size, in one band (``b-w``);
* tapestries: a colour design quantised to a few yarn colours on the thread grid, each weft
  bump shaded as a little twisted thread over the warp, with fibre texture: zoom in and the
  threads are there.

The big work is done at a small working size; the full-size pass is only cheap per-pixel
arithmetic on tiled textures, so all of the demo's images take a few seconds.
"""

from __future__ import annotations

import hashlib
import math
import random
import tempfile
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyvips

if TYPE_CHECKING:
    from vernissage.core.services import Actor

CAPTION = "{title}, demo image"
CREDIT = "Generated for the Vernissage demo"
RIGHTS = "https://creativecommons.org/publicdomain/zero/1.0/"
JPEG_QUALITY = 90

#: Long side in pixels of the works shown for deep zoom, and of all the others.
LARGE = 6000
SMALL = 2400
DEEP_ZOOM = frozenset({"JK-2014-001", "RK-2003-001", "AKVP-2019-001"})

Colour = tuple[int, int, int]
Progress = Callable[[int, int, str], Any]


# ---------------------------------------------------------------- shared helpers


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


# ---------------------------------------------------------------- shapes


def figure(
    x: float,
    feet: float,
    height: float,
    fill: str,
    *,
    head: str | None = None,
    hat: str | None = None,
    outline: str = "none",
    outline_width: float = 0,
    lean: float = 0,
    arms: str = "down",
    build: float = 1.0,
    hem: float = 0.3,
    sheen: str | None = None,
) -> str:
    """A standing person in a coat, as an SVG group; drawn 1 unit high, then scaled.

    ``build`` widens or narrows them, ``hem`` is how far above the feet the coat ends,
    ``arms="up"`` raises the right arm, ``sheen`` is a paint laid over the whole figure
    (a gradient, for light from above).
    """
    w = build

    def points(*pairs: tuple[float, float]) -> str:
        return " ".join(f"{px * w:.4f},{py:.4f}" for px, py in pairs)

    right_arm = (
        ((0.112, -0.68), (0.125, -0.46), (0.165, -0.47), (0.135, -0.79))
        if arms == "down"
        else ((0.112, -0.68), (0.13, -0.79))
    )
    body = points(
        (-0.03, -0.855),
        (-0.105, -0.835),
        (-0.135, -0.79),
        (-0.165, -0.47),
        (-0.125, -0.46),
        (-0.112, -0.68),
        (-0.15 - hem * 0.08, -hem),
        (0.15 + hem * 0.08, -hem),
        *right_arm,
        (0.105, -0.835),
        (0.03, -0.855),
    )
    legs = (
        points((-0.095, -hem), (-0.012, -hem), (-0.03, -0.015), (-0.085, -0.015)),
        points((0.012, -hem), (0.095, -hem), (0.085, -0.015), (0.03, -0.015)),
    )
    shapes = [
        f'<polygon points="{legs[0]}"/><polygon points="{legs[1]}"/>',
        '<ellipse cx="-0.06" cy="-0.012" rx="0.045" ry="0.014"/>'
        '<ellipse cx="0.06" cy="-0.012" rx="0.045" ry="0.014"/>',
        f'<polygon points="{body}"/>',
        '<rect x="-0.025" y="-0.875" width="0.05" height="0.04"/>',
    ]
    if arms == "up":
        shapes.append(
            f'<polygon points="{points((0.1, -0.77), (0.27, -1.06), (0.31, -1.04), (0.15, -0.7))}"'
            "/>"
        )
    head_shape = '<ellipse cx="0" cy="-0.925" rx="0.055" ry="0.068"/>'
    hat_shape = '<rect x="-0.068" y="-1.0" width="0.136" height="0.06" rx="0.025"/>' if hat else ""
    group = f'<g fill="{fill}">{"".join(shapes)}</g><g fill="{head or fill}">{head_shape}</g>' + (
        f'<g fill="{hat}">{hat_shape}</g>' if hat else ""
    )
    if sheen:
        group += f'<g fill="{sheen}">{"".join(shapes)}{head_shape}{hat_shape}</g>'
    return (
        f'<g transform="translate({x:.1f} {feet:.1f}) rotate({lean:.1f}) scale({height:.1f})" '
        f'stroke="{outline}" stroke-width="{outline_width / max(height, 1):.4f}" '
        f'stroke-linejoin="round">{group}</g>'
    )


def chair(x: float, floor: float, size: float, fill: str, *, outline: str = "none") -> str:
    """A plain wooden chair seen a little from the side."""
    s = size
    seat_y = floor - 0.5 * s
    return (
        f'<g fill="{fill}" stroke="{outline}" stroke-width="{0.02 * s:.1f}">'
        f'<rect x="{x - 0.25 * s:.1f}" y="{seat_y - 0.75 * s:.1f}" width="{0.07 * s:.1f}" '
        f'height="{1.25 * s:.1f}"/>'
        f'<rect x="{x + 0.22 * s:.1f}" y="{seat_y - 0.7 * s:.1f}" width="{0.07 * s:.1f}" '
        f'height="{0.7 * s:.1f}"/>'
        f'<rect x="{x - 0.25 * s:.1f}" y="{seat_y - 0.72 * s:.1f}" width="{0.54 * s:.1f}" '
        f'height="{0.14 * s:.1f}"/>'
        f'<rect x="{x - 0.25 * s:.1f}" y="{seat_y - 0.42 * s:.1f}" width="{0.54 * s:.1f}" '
        f'height="{0.08 * s:.1f}"/>'
        f'<path d="M{x - 0.3 * s:.1f},{seat_y:.1f} L{x + 0.3 * s:.1f},{seat_y - 0.06 * s:.1f} '
        f"L{x + 0.42 * s:.1f},{seat_y + 0.06 * s:.1f} L{x - 0.18 * s:.1f},{seat_y + 0.12 * s:.1f} "
        f'Z"/>'
        f'<rect x="{x - 0.18 * s:.1f}" y="{seat_y + 0.1 * s:.1f}" width="{0.06 * s:.1f}" '
        f'height="{0.4 * s:.1f}"/>'
        f'<rect x="{x + 0.35 * s:.1f}" y="{seat_y + 0.05 * s:.1f}" width="{0.06 * s:.1f}" '
        f'height="{0.38 * s:.1f}"/>'
        f'<rect x="{x + 0.2 * s:.1f}" y="{seat_y:.1f}" width="{0.05 * s:.1f}" '
        f'height="{0.33 * s:.1f}"/>'
        "</g>"
    )


def onion_dome(x: float, base: float, width: float, fill: str) -> str:
    """A Russian onion dome on a drum, with its spire."""
    w = width
    return (
        f'<rect x="{x - 0.32 * w:.1f}" y="{base - 0.55 * w:.1f}" width="{0.64 * w:.1f}" '
        f'height="{0.6 * w:.1f}" fill="{fill}"/>'
        f'<path d="M{x - 0.38 * w:.1f},{base - 0.55 * w:.1f} '
        f"C{x - 0.75 * w:.1f},{base - 0.95 * w:.1f} {x - 0.1 * w:.1f},{base - 1.2 * w:.1f} "
        f"{x:.1f},{base - 1.55 * w:.1f} "
        f"C{x + 0.1 * w:.1f},{base - 1.2 * w:.1f} {x + 0.75 * w:.1f},{base - 0.95 * w:.1f} "
        f'{x + 0.38 * w:.1f},{base - 0.55 * w:.1f} Z" fill="{fill}"/>'
        f'<rect x="{x - 0.02 * w:.1f}" y="{base - 1.85 * w:.1f}" width="{0.04 * w:.1f}" '
        f'height="{0.35 * w:.1f}" fill="{fill}"/>'
    )


def spruce(x: float, base: float, height: float, fill: str, rng: random.Random) -> str:
    """A dark Siberian spruce: a ragged narrow cone."""
    h = height
    points = [(x, base - h)]
    tiers = 7
    for side in (1, -1):
        tier_points = []
        for tier in range(1, tiers + 1):
            y = base - h + h * tier / tiers
            spread = 0.16 * h * (tier / tiers) * rng.uniform(0.8, 1.2)
            tier_points.append((x + side * spread, y - 0.05 * h))
            tier_points.append((x + side * spread * 0.45, y - 0.02 * h))
        points.extend(tier_points if side == 1 else reversed(tier_points))
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polygon points="{path}" fill="{fill}"/>'


# ---------------------------------------------------------------- paintings

PALETTES: dict[str, dict[str, Colour]] = {
    # Jacques: bold, vivid — cadmium reds, ochres, ultramarine and cobalt.
    "jacques": {
        "red": (205, 38, 30),
        "crimson": (140, 18, 36),
        "ochre": (214, 146, 42),
        "yellow": (240, 196, 60),
        "blue": (28, 52, 156),
        "cobalt": (52, 106, 188),
        "dark": (24, 26, 52),
        "light": (240, 226, 196),
        "green": (22, 116, 92),
        "flesh": (226, 160, 118),
    },
    # Ana: softer, greyed colours, realism dissolving into fields of light.
    "ana": {
        "red": (184, 112, 102),
        "crimson": (150, 96, 110),
        "ochre": (204, 168, 110),
        "yellow": (232, 214, 160),
        "blue": (96, 124, 168),
        "cobalt": (130, 156, 186),
        "dark": (70, 72, 86),
        "light": (238, 230, 214),
        "green": (132, 156, 132),
        "flesh": (220, 184, 160),
    },
}


@dataclass(frozen=True)
class BrushStyle:
    #: (spacing, width, length) of each layer of strokes, in drawing units (1000 = height).
    layers: tuple[tuple[float, float, float], ...]
    colour_jitter: float
    opacity: float
    #: How much a stroke's colour may jump to another colour of the palette, 0–1.
    wild: float
    #: Where the painting dissolves into abstraction: "none", "right", "top", "out".
    dissolve: str
    bristles: float
    outline: str


STYLES = {
    "jacques": BrushStyle(
        layers=((70, 70, 170), (32, 30, 90), (16, 14, 48)),
        colour_jitter=26,
        opacity=0.92,
        wild=0.08,
        dissolve="none",
        bristles=0.11,
        outline="dark",
    ),
    "ana": BrushStyle(
        layers=((80, 90, 150), (30, 24, 70), (12, 9, 32)),
        colour_jitter=12,
        opacity=0.8,
        wild=0.25,
        dissolve="right",
        bristles=0.06,
        outline="",
    ),
}


#: Where each of Ana's pictures gives way to abstraction.
DISSOLVE = {"rooftops": "top", "figure_light": "out", "interior": "out", "still_life": "right"}


def _room(svg: Svg, pal: dict[str, Colour], wall: str, floor: str, horizon: float) -> None:
    svg.add(f'<rect width="{svg.width:.1f}" height="1000" fill="{_hex(pal[wall])}"/>')
    svg.add(
        f'<path d="M0,{horizon:.1f} L{svg.width:.1f},{horizon - 20:.1f} L{svg.width:.1f},1000 '
        f'L0,1000 Z" fill="{_hex(pal[floor])}"/>'
    )


def _paint_queue(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{_hex(pal["cobalt"])}"/>')
    svg.add(f'<rect y="120" width="{w:.1f}" height="560" fill="{_hex(pal["ochre"])}"/>')
    for column in range(int(w // 150) + 1):
        svg.add(
            f'<rect x="{40 + column * 150:.1f}" y="200" width="70" height="130" '
            f'fill="{_hex(pal["dark"])}"/>'
        )
    svg.add(f'<rect y="640" width="{w:.1f}" height="360" fill="{_hex(pal["light"])}"/>')
    coats = ["red", "blue", "dark", "crimson", "green", "ochre", "red", "dark"]
    count = 7
    for index in range(count):
        t = index / (count - 1)
        x = w * (0.18 + 0.72 * t) + rng.uniform(-15, 15)
        height = 620 - 330 * t
        feet = 960 - 260 * t
        svg.add(
            figure(
                x,
                feet,
                height,
                _hex(pal[coats[(index + rng.randrange(3)) % len(coats)]]),
                head=_hex(pal["flesh"]),
                hat=_hex(pal[rng.choice(["dark", "crimson", "blue"])]),
                outline=outline,
                outline_width=6,
                lean=rng.uniform(-4, 4),
            )
        )


def _paint_empty_chair(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    _room(svg, pal, "red", "dark", 700)
    svg.add(
        f'<rect x="{w * 0.12:.1f}" y="120" width="{w * 0.42:.1f}" height="420" fill="#f4f2ea"/>'
    )
    svg.add(
        f'<rect x="{w * 0.14:.1f}" y="140" width="{w * 0.38:.1f}" height="380" '
        f'fill="{_hex(_mix(pal["cobalt"], pal["light"], 0.6))}"/>'
    )
    svg.add(
        f'<path d="M{w * 0.33:.1f},140 v380 M{w * 0.14:.1f},330 h{w * 0.38:.1f}" '
        f'stroke="{_hex(pal["light"])}" stroke-width="16"/>'
    )
    svg.add(f'<rect x="0" y="690" width="{w:.1f}" height="22" fill="{_hex(pal["crimson"])}"/>')
    svg.add(chair(w * 0.6, 930, 420, _hex(pal["blue"]), outline=outline or "none"))


def _paint_red_room(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    _room(svg, pal, "red", "crimson", 680)
    svg.add(
        f'<rect x="{w * 0.68:.1f}" y="140" width="{w * 0.2:.1f}" height="540" '
        f'fill="{_hex(pal["blue"])}"/>'
    )
    svg.add(
        f'<rect x="{w * 0.06:.1f}" y="180" width="{w * 0.22:.1f}" height="160" '
        f'fill="{_hex(pal["ochre"])}"/>'
    )
    svg.add(
        figure(
            w * 0.4,
            930,
            640,
            _hex(pal["blue"]),
            head=_hex(pal["flesh"]),
            outline=outline,
            outline_width=7,
            lean=6,
        )
    )
    svg.add(
        figure(
            w * 0.58,
            940,
            600,
            _hex(pal["yellow"]),
            head=_hex(pal["flesh"]),
            outline=outline,
            outline_width=7,
            lean=-7,
        )
    )


def _paint_letters(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{_hex(pal["blue"])}"/>')
    svg.add(
        f'<path d="M0,560 L{w:.1f},520 L{w:.1f},1000 L0,1000 Z" fill="{_hex(pal["crimson"])}"/>'
    )
    svg.add(
        f'<circle cx="{w * 0.2:.1f}" cy="230" r="150" fill="{_hex(pal["yellow"])}" opacity="0.85"/>'
    )
    for _ in range(16):
        x, y = rng.uniform(0.05, 0.7) * w, rng.uniform(580, 930)
        angle = rng.uniform(-40, 40)
        paper = _hex(_mix(pal["light"], pal["ochre"], rng.uniform(0, 0.3)))
        ink = _hex(pal["dark"])
        lines = "".join(
            f'<path d="M{x - 55:.1f},{y - 40 + 16 * k:.1f} h{rng.uniform(60, 110):.1f}" '
            f'stroke="{ink}" stroke-width="4"/>'
            for k in range(5)
        )
        svg.add(
            f'<g transform="rotate({angle:.1f} {x:.1f} {y:.1f})">'
            f'<rect x="{x - 70:.1f}" y="{y - 55:.1f}" width="140" height="105" fill="{paper}"/>'
            f"{lines}</g>"
        )
    svg.add(
        figure(
            w * 0.82,
            990,
            820,
            _hex(pal["dark"]),
            head=_hex(pal["ochre"]),
            outline=outline,
            outline_width=8,
            lean=-3,
        )
    )


def _paint_assembly(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{_hex(pal["cobalt"])}"/>')
    svg.add(f'<rect y="150" width="{w:.1f}" height="330" fill="{_hex(pal["ochre"])}"/>')
    svg.add(
        f'<rect x="{w * 0.3:.1f}" y="180" width="{w * 0.4:.1f}" height="200" '
        f'fill="{_hex(pal["red"])}"/>'
    )
    for column in range(int(w // 110) + 1):
        svg.add(
            f'<rect x="{20 + column * 110:.1f}" y="400" width="50" height="70" '
            f'fill="{_hex(pal["dark"])}"/>'
        )
    svg.add(f'<rect y="470" width="{w:.1f}" height="530" fill="{_hex(pal["dark"])}"/>')
    coats = ["red", "blue", "ochre", "crimson", "green", "yellow", "cobalt", "light"]
    rows = 6
    for row in range(rows):
        t = row / (rows - 1)
        size = 190 + 330 * t
        y = 520 + 470 * t
        count = int(w / (size * 0.36)) + 2
        for index in range(count):
            x = (index + rng.uniform(-0.3, 0.3) + (row % 2) * 0.5) * size * 0.36 - 20
            svg.add(
                figure(
                    x,
                    y + size * 0.55,
                    size,
                    _hex(pal[rng.choice(coats)]),
                    head=_hex(_mix(pal["flesh"], pal["ochre"], rng.random() * 0.5)),
                    outline=outline,
                    outline_width=5,
                )
            )


def _paint_interior(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    _room(svg, pal, "cobalt", "ochre", 640)
    svg.add(
        f'<rect x="{w * 0.58:.1f}" y="110" width="{w * 0.3:.1f}" height="400" '
        f'fill="{_hex(pal["light"])}"/>'
    )
    svg.add(
        f'<rect x="{w * 0.6:.1f}" y="130" width="{w * 0.26:.1f}" height="360" '
        f'fill="{_hex(_mix(pal["yellow"], pal["light"], 0.5))}"/>'
    )
    svg.add(
        f'<rect x="{w * 0.08:.1f}" y="520" width="{w * 0.34:.1f}" height="26" '
        f'fill="{_hex(pal["red"])}"/>'
    )
    svg.add(f'<rect x="{w * 0.1:.1f}" y="540" width="18" height="260" fill="{_hex(pal["red"])}"/>')
    svg.add(f'<rect x="{w * 0.38:.1f}" y="540" width="18" height="230" fill="{_hex(pal["red"])}"/>')
    svg.add(f'<ellipse cx="{w * 0.22:.1f}" cy="500" rx="50" ry="26" fill="{_hex(pal["light"])}"/>')
    svg.add(chair(w * 0.55, 900, 420, _hex(pal["blue"])))


def _paint_figure_light(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    svg.defs.append(
        '<radialGradient id="light" cx="0.55" cy="0.4" r="0.6">'
        f'<stop offset="0" stop-color="{_hex(pal["light"])}"/>'
        f'<stop offset="0.5" stop-color="{_hex(pal["yellow"])}"/>'
        f'<stop offset="1" stop-color="{_hex(pal["cobalt"])}"/></radialGradient>'
    )
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="url(#light)"/>')
    svg.add(figure(w * 0.4, 960, 820, _hex(pal["dark"]), head=_hex(pal["flesh"]), lean=2))
    for _ in range(22):
        x, y = rng.uniform(0.38, 1.0) * w, rng.uniform(80, 920)
        size = rng.uniform(60, 220)
        colour = _hex(pal[rng.choice(["light", "yellow", "cobalt", "ochre", "red"])])
        svg.add(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size * 0.6:.1f}" '
            f'fill="{colour}" opacity="0.7" '
            f'transform="rotate({rng.uniform(-30, 30):.1f} {x:.1f} {y:.1f})"/>'
        )


def _paint_rooftops(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{_hex(pal["cobalt"])}"/>')
    svg.add(f'<rect width="{w:.1f}" height="260" fill="{_hex(pal["light"])}" opacity="0.6"/>')
    x = -40.0
    while x < w:
        width = rng.uniform(180, 320)
        top = rng.uniform(330, 480)
        facade = _hex(_mix(pal["light"], pal["ochre"], rng.uniform(0.1, 0.6)))
        roof = _hex(_mix(pal["blue"], pal["dark"], rng.uniform(0, 0.4)))
        svg.add(
            f'<rect x="{x:.1f}" y="{top + 110:.1f}" width="{width:.1f}" '
            f'height="{1000 - top:.1f}" fill="{facade}"/>'
        )
        svg.add(
            f'<path d="M{x:.1f},{top + 115:.1f} L{x + 30:.1f},{top:.1f} L{x + width - 30:.1f},'
            f'{top:.1f} L{x + width:.1f},{top + 115:.1f} Z" fill="{roof}"/>'
        )
        for chimney in range(rng.randint(1, 3)):
            cx = x + 40 + chimney * 70
            svg.add(
                f'<rect x="{cx:.1f}" y="{top - 70:.1f}" width="40" height="80" '
                f'fill="{_hex(pal["red"])}"/>'
            )
        for row in range(3):
            for column in range(int(width // 70)):
                svg.add(
                    f'<rect x="{x + 25 + column * 70:.1f}" y="{top + 160 + row * 150:.1f}" '
                    f'width="32" height="80" fill="{_hex(pal["dark"])}"/>'
                )
        x += width


def _paint_still_life(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    w = svg.width
    grey = _hex(_mix(pal["dark"], pal["light"], 0.55))
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{grey}"/>')
    svg.add(f'<rect y="600" width="{w:.1f}" height="400" fill="{_hex(pal["ochre"])}"/>')
    svg.add(
        f'<rect x="{w * 0.18:.1f}" y="250" width="90" height="380" rx="30" '
        f'fill="{_hex(pal["dark"])}"/>'
    )
    svg.add(
        f'<rect x="{w * 0.18 + 30:.1f}" y="170" width="30" height="100" '
        f'fill="{_hex(pal["dark"])}"/>'
    )
    svg.add(
        f'<ellipse cx="{w * 0.42:.1f}" cy="520" rx="120" ry="130" fill="{_hex(pal["ochre"])}"/>'
    )
    svg.add(
        f'<rect x="{w * 0.42 - 60:.1f}" y="330" width="120" height="100" '
        f'fill="{_hex(pal["ochre"])}"/>'
    )
    svg.add(
        f'<ellipse cx="{w * 0.42:.1f}" cy="640" rx="150" ry="22" fill="{_hex(pal["dark"])}" '
        f'opacity="0.5"/>'
    )
    svg.add(f'<path d="M{w * 0.55:.1f},600 q110,110 220,0 Z" fill="{_hex(pal["light"])}"/>')
    for _ in range(3):
        svg.add(
            f'<ellipse cx="{w * 0.62 + rng.uniform(-60, 60):.1f}" '
            f'cy="{rng.uniform(570, 600):.1f}" rx="45" ry="32" fill="{_hex(pal["yellow"])}"/>'
        )


def _paint_fields(svg: Svg, rng: random.Random, pal: dict[str, Colour], outline: str) -> None:
    """Any other painting: a few broad fields of colour."""
    w = svg.width
    names = list(pal)
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{_hex(pal[rng.choice(names)])}"/>')
    for _ in range(7):
        x, y = rng.uniform(-0.1, 0.9) * w, rng.uniform(-100, 900)
        svg.add(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{rng.uniform(0.2, 0.6) * w:.1f}" '
            f'height="{rng.uniform(150, 500):.1f}" fill="{_hex(pal[rng.choice(names)])}" '
            f'transform="rotate({rng.uniform(-12, 12):.1f} {x:.1f} {y:.1f})"/>'
        )


PaintingScene = Callable[[Svg, random.Random, dict[str, Colour], str], None]
PAINTING_SCENES: dict[str, PaintingScene] = {
    "queue": _paint_queue,
    "empty_chair": _paint_empty_chair,
    "red_room": _paint_red_room,
    "letters": _paint_letters,
    "assembly": _paint_assembly,
    "interior": _paint_interior,
    "figure_light": _paint_figure_light,
    "rooftops": _paint_rooftops,
    "still_life": _paint_still_life,
    "fields": _paint_fields,
}

#: Directions of brushstrokes are kept in this many steps, each with its bristle texture.
_DIRECTIONS = 8


def _dissolve(style: BrushStyle, u: float, v: float) -> float:
    """0 where the painting is exact, 1 where it has become abstract (u, v in 0–1)."""
    if style.dissolve == "right":
        return max(0.0, min(1.0, (u - 0.35) / 0.6))
    if style.dissolve == "top":
        return max(0.0, min(1.0, (0.7 - v) / 0.6))
    if style.dissolve == "out":
        return max(0.0, min(1.0, (math.hypot(u - 0.5, v - 0.5) - 0.15) / 0.45))
    return 0.0


def _strokes(
    scene: pyvips.Image, svg: Svg, style: BrushStyle, palette: dict[str, Colour], rng: random.Random
) -> tuple[Svg, Svg]:
    """Brushstrokes that repaint ``scene``: one drawing in colour, one of their directions."""
    data, sw, sh, bands = _pixels(scene)

    def at(px: int, py: int) -> Colour:
        px, py = max(0, min(sw - 1, px)), max(0, min(sh - 1, py))
        offset = (py * sw + px) * bands
        return data[offset], data[offset + 1], data[offset + 2]

    def luminance(px: int, py: int) -> float:
        r, g, b = at(px, py)
        return 0.3 * r + 0.59 * g + 0.11 * b

    colours = list(palette.values())
    flow = rng.uniform(0, math.pi)
    wobble = rng.uniform(2, 5)
    painted, directions = Svg(svg.width / svg.height), Svg(svg.width / svg.height)
    for depth, (spacing, width, length) in enumerate(style.layers):
        strokes: list[tuple[str, str]] = []
        finest = depth == len(style.layers) - 1
        for gy in range(int(1000 / spacing) + 2):
            for gx in range(int(svg.width / spacing) + 2):
                x = (gx + rng.uniform(-0.5, 0.5)) * spacing
                y = (gy + rng.uniform(-0.5, 0.5)) * spacing
                u, v = x / svg.width, y / 1000
                px, py = int(u * sw), int(v * sh)
                gxl = luminance(px + 1, py) - luminance(px - 1, py)
                gyl = luminance(px, py + 1) - luminance(px, py - 1)
                edge = math.hypot(gxl, gyl)
                abstract = _dissolve(style, u, v)
                if depth > 0 and edge < 6 and rng.random() < 0.55 + 0.4 * abstract:
                    continue  # fine strokes go where there is something to draw
                if finest and rng.random() < abstract:
                    continue
                if edge > 6:
                    angle = math.atan2(gyl, gxl) + math.pi / 2
                else:
                    angle = flow + 0.6 * math.sin(wobble * u + 3 * v) + rng.uniform(-0.3, 0.3)
                colour = at(px, py)
                if not finest and rng.random() < style.wild * (0.3 + abstract):
                    colour = _mix(colour, rng.choice(colours), rng.uniform(0.4, 0.9))
                jitter = style.colour_jitter * (1 + abstract) * (0.5 if finest else 1)
                shade = rng.uniform(-jitter, jitter)
                colour = (
                    round(colour[0] + shade + rng.uniform(-jitter, jitter) / 3),
                    round(colour[1] + shade + rng.uniform(-jitter, jitter) / 3),
                    round(colour[2] + shade + rng.uniform(-jitter, jitter) / 3),
                )
                grow = 1 + 0.8 * abstract
                half = length * grow * rng.uniform(0.6, 1.2) / 2
                dx, dy = math.cos(angle) * half, math.sin(angle) * half
                bend = rng.uniform(-0.3, 0.3) * half
                path = (
                    f"M{x - dx:.1f},{y - dy:.1f} Q{x - dy * bend / half:.1f},"
                    f"{y + dx * bend / half:.1f} {x + dx:.1f},{y + dy:.1f}"
                )
                stroke_width = width * grow * rng.uniform(0.7, 1.2)
                step = round((angle % math.pi) / math.pi * _DIRECTIONS) % _DIRECTIONS
                strokes.append(
                    (
                        f'<path d="{path}" stroke="{_hex(colour)}" '
                        f'stroke-width="{stroke_width:.1f}"/>',
                        f'<path d="{path}" stroke="{_grey(step * 32 + 16)}" '
                        f'stroke-width="{stroke_width:.1f}"/>',
                    )
                )
        rng.shuffle(strokes)
        painted.add(
            f'<g fill="none" stroke-linecap="round" opacity="{style.opacity}">'
            + "".join(colour for colour, _ in strokes)
            + "</g>"
        )
        directions.add(
            '<g fill="none" stroke-linecap="round" shape-rendering="crispEdges">'
            + "".join(step for _, step in strokes)
            + "</g>"
        )
    return painted, directions


def painting(
    width: int, height: int, *, seed: int, scene: str = "fields", palette: str = "jacques"
) -> Any:
    """An oil painting: brushstrokes over an underpainting, bristle marks and canvas weave."""
    rng = _random(seed)
    style = STYLES.get(palette, STYLES["jacques"])
    if style.dissolve != "none":
        style = replace(style, dissolve=DISSOLVE.get(scene, style.dissolve))
    colours = PALETTES.get(palette, PALETTES["jacques"])
    svg = Svg(width / height)
    PAINTING_SCENES.get(scene, _paint_fields)(
        svg, rng, colours, _hex(colours[style.outline]) if style.outline else "none"
    )
    long_side = max(width, height)
    work_w, work_h = _fit(width, height, max(600, min(1400, round(long_side / 2.2))))
    flat = svg.render_rgb(work_w, work_h)
    sample = _resize_to(flat, *_fit(width, height, 200), kernel="linear")
    painted, directions = _strokes(sample, svg, style, colours, rng)
    under = flat.gaussblur(max(work_w, work_h) / 120)
    base = under.composite2(painted.render(work_w, work_h), "over").flatten()
    # Which way each stroke runs, at half the working size: enough for textures to follow.
    steps = (directions.render(*_fit(width, height, max(work_w, work_h) // 2))[0] / 32).cast(
        "uchar"
    )
    steps_work = _resize_to(steps, work_w, work_h, kernel="nearest")
    # Paint is uneven along a stroke and ragged at its edges.
    streaks = steps_work.case(
        [
            _tiled(
                _streak_tile(128, 25, math.pi * k / _DIRECTIONS, seed_of("streaks") + k),
                work_w,
                work_h,
            )
            for k in range(_DIRECTIONS)
        ]
    )
    wobble = pyvips.Image.perlin(work_w, work_h, cell_size=10, seed=seed).bandjoin(
        pyvips.Image.perlin(work_w, work_h, cell_size=10, seed=seed + 1)
    )
    index = pyvips.Image.xyz(work_w, work_h) + wobble * 3
    base = (base * (1 + 0.06 * streaks)).mapim(index, extend="copy")
    steps = steps_work.mapim(
        index, extend="copy", interpolate=pyvips.Interpolate.new("nearest")
    ).copy_memory()
    # Paint catches the light at the edges of strokes: a little relief from the luminance.
    relief = base.colourspace("b-w")[0].conv(
        pyvips.Image.new_from_array([[-1, -1, 0], [-1, 0, 1], [0, 1, 1]], scale=1),
        precision="float",
    )
    base = (base + relief * 0.25).cast("uchar").copy_memory()
    # Full size: the painting enlarged, with bristle marks along each stroke and the canvas.
    colour = _resize_to(base, width, height, kernel="linear")
    steps = _resize_to(steps, width, height, kernel="nearest")
    bristle_seed = seed_of(f"bristles-{palette}")
    bristles = [
        _tiled(
            _streak_tile(256, 41, math.pi * k / _DIRECTIONS, bristle_seed + k, blur=0.8),
            width,
            height,
        )
        for k in range(_DIRECTIONS)
    ]
    marks = steps.case(bristles)
    canvas = _tiled(_canvas_tile(), width, height)
    lit = colour * (1 + style.bristles * marks + 0.025 * canvas)
    return lit.cast("uchar").copy(interpretation="srgb")


@cache
def _canvas_tile() -> Any:
    """A linen canvas weave, period 6 px: float, about −1 to 1."""
    size = 6 * 40
    xy = pyvips.Image.xyz(size, size)
    weave = (xy[0] * (360 / 6)).sin() * (xy[1] * (360 / 6)).sin()  # libvips counts degrees
    noise = pyvips.Image.gaussnoise(size, size, mean=0, sigma=0.3, seed=7)
    return (weave + noise).copy_memory()


# ---------------------------------------------------------------- photographs


def _photo_ground(svg: Svg, rng: random.Random, horizon: float, near: int, far: int) -> None:
    """Paving of Red Square going off to the horizon, lighter far away."""
    svg.defs.append(
        f'<linearGradient id="ground" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{_grey(far)}"/>'
        f'<stop offset="1" stop-color="{_grey(near)}"/></linearGradient>'
    )
    w = svg.width
    svg.add(
        f'<rect y="{horizon:.1f}" width="{w:.1f}" height="{1000 - horizon:.1f}" '
        f'fill="url(#ground)"/>'
    )
    joints = []
    y, gap = horizon + 4, 3.0
    row = 0
    while y < 1000:
        joints.append(f"M0,{y:.1f} H{w:.1f}")
        brick = gap * 3.2
        x = (row % 2) * brick / 2 - rng.uniform(0, brick)
        while x < w:
            joints.append(f"M{x:.1f},{y:.1f} v{gap:.1f}")
            x += brick * rng.uniform(0.8, 1.2)
        y += gap
        gap *= 1.12
        row += 1
    svg.add(
        f'<path d="{" ".join(joints)}" stroke="{_grey(near * 0.6)}" stroke-width="1.2" '
        f'fill="none" opacity="0.55"/>'
    )


def _kremlin(svg: Svg, rng: random.Random, horizon: float, tone: int) -> None:
    """The Kremlin wall with a tower, and the domes of St Basil's at the far end."""
    w = svg.width
    fill = _grey(tone)
    top = horizon - 90
    svg.add(f'<rect y="{top:.1f}" width="{w * 0.72:.1f}" height="92" fill="{fill}"/>')
    merlons = "".join(
        f'<path d="M{x:.1f},{top:.1f} v-18 l6,8 l6,-8 v18 Z"/>'
        for x in [i * 26.0 for i in range(int(w * 0.72 / 26))]
    )
    svg.add(f'<g fill="{fill}">{merlons}</g>')
    tx = w * rng.uniform(0.25, 0.4)
    svg.add(
        f'<g fill="{fill}"><rect x="{tx - 45:.1f}" y="{horizon - 300:.1f}" width="90" '
        f'height="300"/><rect x="{tx - 32:.1f}" y="{horizon - 380:.1f}" width="64" height="90"/>'
        f'<path d="M{tx - 34:.1f},{horizon - 378:.1f} L{tx:.1f},{horizon - 520:.1f} '
        f'L{tx + 34:.1f},{horizon - 378:.1f} Z"/></g>'
    )
    bx = w * 0.86
    darker = _grey(tone * 0.9)
    svg.add(
        f'<rect x="{bx - 150:.1f}" y="{horizon - 160:.1f}" width="300" height="162" '
        f'fill="{darker}"/>'
    )
    for offset, base, size in ((-110, 165, 60), (110, 165, 60), (-55, 215, 55), (55, 215, 55)):
        svg.add(onion_dome(bx + offset, horizon - base, size, darker))
    svg.add(
        f'<rect x="{bx - 22:.1f}" y="{horizon - 330:.1f}" width="44" height="175" fill="{darker}"/>'
    )
    svg.add(onion_dome(bx, horizon - 330, 48, darker))


def _crowd(svg: Svg, rng: random.Random, feet: float, size: float, tone: float, count: int) -> None:
    """People standing about at one distance, in winter coats, lit from above."""
    for _ in range(count):
        x = rng.uniform(-0.05, 1.05) * svg.width
        s = size * rng.uniform(0.85, 1.15)
        level = tone * rng.uniform(0.7, 1.3)
        svg.add(
            figure(
                x,
                feet + rng.uniform(-0.05, 0.05) * s,
                s,
                _grey(level),
                head=_grey(level * 1.4 + 10),
                hat=_grey(level * 0.7) if rng.random() < 0.6 else None,
                lean=rng.uniform(-3, 3),
                build=rng.uniform(0.85, 1.25),
                hem=rng.uniform(0.22, 0.4),
                sheen="url(#sheen)",
            )
        )


def _photo_sky(svg: Svg, top: int, bottom: int) -> None:
    svg.defs.append(
        f'<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{_grey(top)}"/>'
        f'<stop offset="1" stop-color="{_grey(bottom)}"/></linearGradient>'
        # Light from above on people, in their own one-unit-high drawing space.
        '<linearGradient id="sheen" gradientUnits="userSpaceOnUse" x1="0" y1="-1" x2="0" y2="0">'
        '<stop offset="0" stop-color="#fff" stop-opacity="0.3"/>'
        '<stop offset="0.6" stop-color="#fff" stop-opacity="0"/></linearGradient>'
    )
    svg.add(f'<rect width="{svg.width:.1f}" height="1000" fill="url(#sky)"/>')


def _front(svg: Svg) -> Svg:
    """A layer in front of ``svg``, sharing its gradients, kept sharper than the background."""
    front = Svg(svg.width / svg.height)
    front.defs = svg.defs
    return front


def _photo_fire_eater(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    _photo_sky(svg, 6, 30)
    _kremlin(svg, rng, 520, 42)
    _photo_ground(svg, rng, 520, 14, 34)
    _crowd(svg, rng, 730, 330, 24, 14)
    x = w * 0.4
    svg.defs.append(
        '<radialGradient id="flame"><stop offset="0" stop-color="#fff" stop-opacity="1"/>'
        '<stop offset="0.35" stop-color="#f4f4f4" stop-opacity="0.9"/>'
        '<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>'
    )
    front = _front(svg)
    front.add(figure(x, 1420, 1150, _grey(34), head=_grey(150), build=1.25, sheen="url(#sheen)"))
    mouth_x, mouth_y = x + 45, 372
    front.add(
        f'<ellipse cx="{mouth_x + 180:.1f}" cy="{mouth_y - 170:.1f}" rx="520" ry="420" '
        f'fill="url(#flame)" opacity="0.45"/>'
    )
    for k in range(9):
        cx = mouth_x + 38 * k + rng.uniform(-15, 15)
        cy = mouth_y - 40 * k - rng.uniform(0, 20)
        front.add(
            f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{28 + 9 * k:.1f}" ry="{50 + 12 * k:.1f}" '
            f'fill="url(#flame)" transform="rotate({35 + rng.uniform(-12, 12):.1f} '
            f'{cx:.1f} {cy:.1f})"/>'
        )
    return front


def _photo_accordion(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    _photo_sky(svg, 188, 214)
    _kremlin(svg, rng, 560, 140)
    _photo_ground(svg, rng, 560, 226, 200)
    _crowd(svg, rng, 640, 160, 70, 10)
    x = w * 0.52
    svg.add(
        figure(
            x, 960, 700, _grey(35), head=_grey(140), hat=_grey(25), build=1.2, sheen="url(#sheen)"
        )
    )
    svg.add(
        f'<rect x="{x - 120:.1f}" y="470" width="240" height="150" rx="8" fill="{_grey(170)}"/>'
    )
    svg.add(
        f'<g stroke="{_grey(60)}" stroke-width="5">'
        + "".join(f'<path d="M{x - 50 + 14 * k:.1f},472 v146"/>' for k in range(8))
        + "</g>"
    )
    snow = _front(svg)
    for _ in range(900):
        r = rng.uniform(1.5, 4) if rng.random() < 0.9 else rng.uniform(6, 12)
        snow.add(
            f'<circle cx="{rng.uniform(0, w):.1f}" cy="{rng.uniform(0, 1000):.1f}" '
            f'r="{r:.1f}" fill="#fff" opacity="{rng.uniform(0.6, 1):.2f}"/>'
        )
    return snow


def _photo_living_statue(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    _photo_sky(svg, 150, 200)
    _kremlin(svg, rng, 540, 110)
    _photo_ground(svg, rng, 540, 120, 170)
    _crowd(svg, rng, 720, 330, 45, 12)
    x = w * 0.5
    svg.add(f'<rect x="{x - 130:.1f}" y="780" width="260" height="220" fill="{_grey(200)}"/>')
    svg.add(f'<rect x="{x - 130:.1f}" y="780" width="260" height="22" fill="{_grey(235)}"/>')
    front = _front(svg)
    front.add(
        figure(
            x,
            785,
            620,
            _grey(205),
            head=_grey(225),
            arms="up",
            lean=-4,
            outline=_grey(120),
            outline_width=3,
            sheen="url(#sheen)",
        )
    )
    return front


def _photo_puppeteer(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    _photo_sky(svg, 60, 120)
    _photo_ground(svg, rng, 380, 90, 130)
    _crowd(svg, rng, 620, 380, 40, 10)
    front = _front(svg)
    x = w * 0.5
    bar = _grey(165)
    front.add(f'<rect x="{x - 210:.1f}" y="150" width="420" height="24" rx="6" fill="{bar}"/>')
    front.add(f'<rect x="{x - 12:.1f}" y="70" width="24" height="210" rx="6" fill="{bar}"/>')
    for side in (-1, 1):
        hx = x + side * 195
        sleeve = (
            f"{hx + side * 330:.1f},-10 {hx + side * 120:.1f},-10 "
            f"{hx - side * 40:.1f},140 {hx + side * 60:.1f},215"
        )
        front.add(f'<polygon points="{sleeve}" fill="{_grey(22)}"/>')
        front.add(f'<ellipse cx="{hx:.1f}" cy="165" rx="78" ry="58" fill="{_grey(58)}"/>')
        for finger in range(4):
            fx = hx - side * 45 + side * finger * 30
            front.add(
                f'<ellipse cx="{fx:.1f}" cy="{196 + 6 * finger:.1f}" rx="17" ry="28" '
                f'fill="{_grey(68)}"/>'
            )
        front.add(
            f'<ellipse cx="{hx - side * 70:.1f}" cy="150" rx="20" ry="34" '
            f'fill="{_grey(64)}" transform="rotate({side * 40} {hx - side * 70:.1f} 150)"/>'
        )
    puppet_x, puppet_feet = x + rng.uniform(-40, 40), 900
    strings = "".join(
        f'<path d="M{x + dx:.1f},165 L{puppet_x + px:.1f},{py:.1f}"/>'
        for dx, px, py in (
            (-190, -60, 700),
            (190, 60, 700),
            (0, 0, 620),
            (-90, -25, 880),
            (90, 25, 880),
        )
    )
    front.add(f'<g stroke="{_grey(215)}" stroke-width="1.6">{strings}</g>')
    front.add(
        figure(
            puppet_x,
            puppet_feet,
            300,
            _grey(190),
            head=_grey(225),
            hat=_grey(30),
            build=1.3,
            sheen="url(#sheen)",
        )
    )
    return front


def _siberia_sky(svg: Svg, horizon: float, glow: tuple[float, float] | None) -> None:
    _photo_sky(svg, 120, 225)
    if glow:
        svg.defs.append(
            '<radialGradient id="sun"><stop offset="0" stop-color="#fff" stop-opacity="1"/>'
            '<stop offset="0.15" stop-color="#fff" stop-opacity="0.8"/>'
            '<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>'
        )
        svg.add(
            f'<ellipse cx="{glow[0] * svg.width:.1f}" cy="{glow[1]:.1f}" rx="420" ry="300" '
            f'fill="url(#sun)"/>'
        )


def _treeline(svg: Svg, rng: random.Random, horizon: float, height: float, tone: int) -> None:
    w = svg.width
    points = [f"0,{horizon + 2:.1f}"]
    x = 0.0
    while x < w:
        points.append(f"{x:.1f},{horizon - height * rng.uniform(0.3, 1):.1f}")
        x += rng.uniform(3, 9)
        points.append(f"{x:.1f},{horizon - height * rng.uniform(0, 0.3):.1f}")
        x += rng.uniform(2, 6)
    points.append(f"{w:.1f},{horizon + 2:.1f}")
    svg.add(f'<polygon points="{" ".join(points)}" fill="{_grey(tone)}"/>')


def _drifts(svg: Svg, rng: random.Random, top: float, count: int) -> None:
    """Wind-blown ridges in the snow, wider towards the viewer."""
    w = svg.width
    for _ in range(count):
        y = top + (1000 - top) * rng.random() ** 1.5
        near = (y - top) / (1000 - top)
        amplitude = 4 + 30 * near
        points = [f"M{-20:.1f},{y:.1f}"]
        for k in range(1, 7):
            points.append(
                f"S{(k - 0.5) * w / 6:.1f},{y + rng.uniform(-amplitude, amplitude):.1f} "
                f"{k * w / 6 + 20:.1f},{y + rng.uniform(-amplitude, amplitude):.1f}"
            )
        tone = 255 if rng.random() < 0.5 else 170
        svg.add(
            f'<path d="{" ".join(points)}" stroke="{_grey(tone)}" fill="none" '
            f'stroke-width="{2 + 22 * near * rng.uniform(0.5, 1.2):.1f}" '
            f'opacity="{rng.uniform(0.12, 0.3):.2f}" stroke-linecap="round"/>'
        )


def _reeds(svg: Svg, rng: random.Random, x: float, base: float, size: float) -> None:
    """Dry grass standing out of the snow."""
    stalks = []
    for _ in range(rng.randint(8, 22)):
        bx = x + rng.uniform(-0.3, 0.3) * size
        length = size * rng.uniform(0.4, 1.0)
        tip_x = bx + rng.uniform(-0.35, 0.35) * length
        stalks.append(
            f"M{bx:.1f},{base:.1f} Q{bx:.1f},{base - length * 0.6:.1f} "
            f"{tip_x:.1f},{base - length:.1f}"
        )
    svg.add(
        f'<path d="{" ".join(stalks)}" stroke="{_grey(rng.uniform(35, 75))}" fill="none" '
        f'stroke-width="{max(0.8, size / 70):.1f}" stroke-linecap="round"/>'
    )


def _birch(svg: Svg, rng: random.Random, x: float, base: float, height: float) -> None:
    """A bare birch: a pale trunk with dark marks, and thin dark branches."""
    width = height * 0.025
    branches = []
    for _ in range(40):
        y = base - height * rng.uniform(0.4, 1.0)
        side = rng.choice((-1, 1))
        length = height * rng.uniform(0.04, 0.16)
        end_x, end_y = x + side * length, y + length * rng.uniform(-0.2, 0.6)
        branches.append(
            f"M{x:.1f},{y:.1f} Q{x + side * length * 0.6:.1f},"
            f"{y - length * 0.2:.1f} {end_x:.1f},{end_y:.1f}"
        )
        for _twig in range(3):
            t = rng.uniform(0.3, 1.0)
            tx, ty = x + side * length * t, y + (end_y - y) * t
            branches.append(
                f"M{tx:.1f},{ty:.1f} l{side * length * 0.25:.1f},"
                f"{length * rng.uniform(0.1, 0.5):.1f}"
            )
    svg.add(
        f'<path d="{" ".join(branches)}" stroke="{_grey(60)}" fill="none" '
        f'stroke-width="{width * 0.12:.2f}" opacity="0.8"/>'
    )
    svg.add(
        f'<path d="M{x - width:.1f},{base:.1f} L{x - width * 0.3:.1f},{base - height:.1f} '
        f'L{x + width * 0.3:.1f},{base - height:.1f} L{x + width:.1f},{base:.1f} Z" '
        f'fill="{_grey(222)}"/>'
    )
    marks = "".join(
        f'<rect x="{x - width * 0.9:.1f}" y="{base - height * rng.uniform(0, 0.9):.1f}" '
        f'width="{width * rng.uniform(0.6, 1.6):.1f}" height="{width * 0.25:.1f}"/>'
        for _ in range(14)
    )
    svg.add(f'<g fill="{_grey(40)}">{marks}</g>')


def _photo_frozen_river(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    horizon = 560.0
    _siberia_sky(svg, horizon, (rng.uniform(0.55, 0.75), horizon - 60))
    _treeline(svg, rng, horizon, 40, 70)
    svg.add(
        f'<rect y="{horizon:.1f}" width="{w:.1f}" height="{1000 - horizon:.1f}" '
        f'fill="{_grey(232)}"/>'
    )
    _drifts(svg, rng, horizon, 40)
    svg.defs.append(
        '<linearGradient id="ice" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{_grey(200)}"/><stop offset="1" stop-color="{_grey(120)}"/>'
        "</linearGradient>"
    )
    svg.add(
        f'<path d="M{w * 0.45:.1f},{horizon:.1f} C{w * 0.6:.1f},{horizon + 80:.1f} '
        f"{w * 0.1:.1f},{horizon + 180:.1f} {w * 0.2:.1f},1000 L{w * 0.85:.1f},1000 "
        f"C{w * 0.55:.1f},{horizon + 200:.1f} {w * 0.75:.1f},{horizon + 60:.1f} "
        f'{w * 0.5:.1f},{horizon:.1f} Z" fill="url(#ice)"/>'
    )
    cracks = []
    for _ in range(40):
        x, y = rng.uniform(0.2, 0.8) * w, rng.uniform(horizon + 80, 1000)
        points = [f"M{x:.1f},{y:.1f}"]
        for _step in range(rng.randint(3, 7)):
            x += rng.uniform(-40, 40)
            y += rng.uniform(-12, 12)
            points.append(f"L{x:.1f},{y:.1f}")
        cracks.append(" ".join(points))
    svg.add(
        f'<path d="{" ".join(cracks)}" stroke="{_grey(240)}" stroke-width="1.5" '
        f'fill="none" opacity="0.8"/>'
    )
    front = _front(svg)
    for _ in range(9):
        side = rng.choice((0.08, 0.92))
        _reeds(
            front,
            rng,
            (side + rng.uniform(-0.08, 0.08)) * w,
            rng.uniform(870, 1010),
            rng.uniform(60, 180),
        )
    return front


def _photo_village(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    horizon = 520.0
    _siberia_sky(svg, horizon, None)
    _treeline(svg, rng, horizon, 25, 95)
    svg.add(
        f'<rect y="{horizon:.1f}" width="{w:.1f}" height="{1000 - horizon:.1f}" '
        f'fill="{_grey(228)}"/>'
    )
    _drifts(svg, rng, horizon, 30)
    x = w * 0.04
    while x < w * 0.9:
        size = rng.uniform(130, 220)
        base = horizon + rng.uniform(60, 180)
        sag = rng.uniform(-12, 12)
        wall = _grey(rng.uniform(35, 60))
        svg.add(
            f'<g transform="rotate({rng.uniform(-3, 3):.1f} {x:.1f} {base:.1f})">'
            f'<rect x="{x:.1f}" y="{base - size * 0.6:.1f}" width="{size:.1f}" '
            f'height="{size * 0.6:.1f}" fill="{wall}"/>'
            f'<path d="M{x - 12:.1f},{base - size * 0.58:.1f} L{x + size / 2 + sag:.1f},'
            f'{base - size * 1.05:.1f} L{x + size + 12:.1f},{base - size * 0.58:.1f} Z" '
            f'fill="{_grey(238)}"/>'
            f'<rect x="{x + size * 0.2:.1f}" y="{base - size * 0.45:.1f}" '
            f'width="{size * 0.18:.1f}" '
            f'height="{size * 0.2:.1f}" fill="{_grey(15)}"/>'
            f'<rect x="{x + size * 0.6:.1f}" y="{base - size * 0.45:.1f}" '
            f'width="{size * 0.18:.1f}" '
            f'height="{size * 0.2:.1f}" fill="{_grey(15)}"/>'
            f'<rect x="{x - 10:.1f}" y="{base - 8:.1f}" width="{size + 20:.1f}" height="30" '
            f'fill="{_grey(236)}"/></g>'
        )
        x += size * rng.uniform(1.3, 1.9)
    posts = "".join(
        f'<path d="M{px:.1f},{905 + rng.uniform(-10, 10):.1f} l{rng.uniform(-15, 15):.1f},-90"/>'
        for px in [k * 60.0 + rng.uniform(-10, 10) for k in range(int(w / 60) + 1)]
    )
    svg.add(f'<g stroke="{_grey(40)}" stroke-width="9">{posts}</g>')
    svg.add(f'<path d="M0,850 L{w:.1f},830" stroke="{_grey(50)}" stroke-width="5"/>')
    front = _front(svg)
    for _ in range(2):
        _birch(
            front, rng, rng.uniform(0.75, 0.97) * w, rng.uniform(960, 1000), rng.uniform(700, 900)
        )
    for _ in range(6):
        _reeds(front, rng, rng.uniform(0, w), rng.uniform(930, 1010), rng.uniform(50, 120))
    return front


def _photo_taiga_road(svg: Svg, rng: random.Random) -> Svg:
    w = svg.width
    horizon = 470.0
    vanish = w * rng.uniform(0.45, 0.55)
    _siberia_sky(svg, horizon, None)
    svg.add(
        f'<rect y="{horizon:.1f}" width="{w:.1f}" height="{1000 - horizon:.1f}" '
        f'fill="{_grey(215)}"/>'
    )
    _drifts(svg, rng, horizon + 20, 16)
    svg.add(
        f'<path d="M{vanish - 4:.1f},{horizon:.1f} L{vanish + 4:.1f},{horizon:.1f} '
        f'L{w * 0.95:.1f},1000 L{w * 0.05:.1f},1000 Z" fill="{_grey(150)}"/>'
    )
    for side in (-1, 1):
        svg.add(
            f'<path d="M{vanish + side * 1.5:.1f},{horizon:.1f} '
            f'L{vanish + side * w * 0.2:.1f},1000" '
            f'stroke="{_grey(95)}" stroke-width="26"/>'
        )
    for side in (-1, 1):
        for k in range(60):
            t = (k / 60) ** 1.6
            x = vanish + side * (25 + t * w * 0.75) + rng.uniform(-8, 8)
            base = horizon + 10 + t * 330
            svg.add(
                spruce(x, base, 60 + t * 700 * rng.uniform(0.8, 1.2), _grey(28 + 20 * (1 - t)), rng)
            )
    return _front(svg)


PhotoScene = Callable[[Svg, random.Random], Svg]
PHOTO_SCENES: dict[str, PhotoScene] = {
    "fire_eater": _photo_fire_eater,
    "accordion": _photo_accordion,
    "living_statue": _photo_living_statue,
    "puppeteer": _photo_puppeteer,
    "frozen_river": _photo_frozen_river,
    "village": _photo_village,
    "taiga_road": _photo_taiga_road,
}


def photograph(width: int, height: int, *, seed: int, scene: str = "frozen_river") -> Any:
    """A gelatin silver print: grey scene, soft focus, vignette and heavy film grain, b-w."""
    rng = _random(seed)
    svg = Svg(width / height)
    front = PHOTO_SCENES.get(scene, _photo_frozen_river)(svg, rng)
    work_w, work_h = _fit(width, height, 1800)
    long_side = max(work_w, work_h)
    back = svg.render_rgb(work_w, work_h)[1].gaussblur(long_side / 900)
    layer = front.render(work_w, work_h)
    near = layer[1].gaussblur(long_side / 1400)
    alpha = layer[3].gaussblur(long_side / 1400) / 255
    scene_image = back * (1 - alpha) + near * alpha
    # Vignette: darker towards the corners, as from an old lens and the enlarger.
    xy = pyvips.Image.xyz(work_w, work_h)
    dx = (xy[0] - work_w / 2) / (work_w / 2)
    dy = (xy[1] - work_h / 2) / (work_h / 2)
    vignette = 1 - 0.32 * ((dx * dx + dy * dy) / 2) ** 1.3
    # Uneven development and paper: broad, faint mottling.
    mottle = pyvips.Image.perlin(work_w, work_h, cell_size=max(16, long_side // 5), seed=seed)
    tone = (scene_image * vignette * (1 + 0.06 * mottle) / 255).clamp(min=0, max=1)
    # A print's contrast: a gentle S-curve.
    curved = tone * tone * (3 - 2 * tone) * 0.6 + tone * 0.4
    full = _resize_to(curved, width, height)
    grain_a = _tiled(_grain_tile(509, 0.8, seed_of("grain-a")), width, height, seed % 509)
    grain_b = _tiled(_grain_tile(431, 1.6, seed_of("grain-b")), width, height, seed % 431)
    midtones = 0.35 + 2.6 * full * (1 - full)
    grainy = full * 255 + (grain_a * 16 + grain_b * 9) * midtones
    return grainy.cast("uchar").copy(interpretation="b-w")


# ---------------------------------------------------------------- tapestries

#: Ana and Viktor's yarns: wool in earth colours, silk in jewel colours, a metallic thread.
YARNS: tuple[Colour, ...] = (
    (32, 30, 52),
    (46, 58, 110),
    (74, 104, 168),
    (150, 176, 206),
    (236, 226, 200),
    (208, 168, 92),
    (176, 110, 52),
    (150, 52, 48),
    (204, 80, 70),
    (226, 142, 150),
    (92, 120, 70),
    (48, 84, 58),
    (142, 170, 96),
    (112, 84, 66),
    (200, 190, 170),
    (196, 180, 120),
)


def _border(svg: Svg, band: float, ground: str, motif: str) -> None:
    w = svg.width
    svg.add(
        f'<path d="M0,0 H{w:.1f} V1000 H0 Z M{band:.1f},{band:.1f} V{1000 - band:.1f} '
        f'H{w - band:.1f} V{band:.1f} Z" fill="{ground}" fill-rule="evenodd"/>'
    )
    diamonds = []
    step = band * 1.4
    for edge_y in (band / 2, 1000 - band / 2):
        x = step / 2
        while x < w:
            diamonds.append(
                f"M{x:.1f},{edge_y - band * 0.3:.1f} l{band * 0.3:.1f},{band * 0.3:.1f} "
                f"l{-band * 0.3:.1f},{band * 0.3:.1f} l{-band * 0.3:.1f},"
                f"{-band * 0.3:.1f} Z"
            )
            x += step
    for edge_x in (band / 2, w - band / 2):
        y = step / 2
        while y < 1000:
            diamonds.append(
                f"M{edge_x:.1f},{y - band * 0.3:.1f} l{band * 0.3:.1f},{band * 0.3:.1f} "
                f"l{-band * 0.3:.1f},{band * 0.3:.1f} l{-band * 0.3:.1f},"
                f"{-band * 0.3:.1f} Z"
            )
            y += step
    svg.add(f'<path d="{" ".join(diamonds)}" fill="{motif}"/>')


def _star(x: float, y: float, r: float, fill: str) -> str:
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.42
        angle = -math.pi / 2 + k * math.pi / 5
        points.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return f'<polygon points="{" ".join(points)}" fill="{fill}"/>'


def _flower(x: float, y: float, r: float, petal: str, heart: str) -> str:
    petals = "".join(
        f'<ellipse cx="{x + r * 0.6 * math.cos(a):.1f}" cy="{y + r * 0.6 * math.sin(a):.1f}" '
        f'rx="{r * 0.45:.1f}" ry="{r * 0.3:.1f}" fill="{petal}" '
        f'transform="rotate({math.degrees(a):.1f} {x + r * 0.6 * math.cos(a):.1f} '
        f'{y + r * 0.6 * math.sin(a):.1f})"/>'
        for a in [k * math.pi / 3 for k in range(6)]
    )
    return petals + f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r * 0.3:.1f}" fill="{heart}"/>'


def _weave_threshold(svg: Svg, rng: random.Random) -> None:
    w = svg.width
    y = YARNS
    svg.add(f'<rect width="{w / 2:.1f}" height="1000" fill="{_hex(y[5])}"/>')
    svg.add(f'<rect x="{w / 2:.1f}" width="{w / 2:.1f}" height="1000" fill="{_hex(y[1])}"/>')
    for row in range(14):
        for column in range(int(w / 2 / 60) + 1):
            svg.add(
                f'<rect x="{column * 60 + (row % 2) * 30:.1f}" y="{row * 30 + 60:.1f}" '
                f'width="56" height="26" fill="{_hex(y[6])}"/>'
            )
    svg.add(f'<rect y="760" width="{w / 2:.1f}" height="240" fill="{_hex(y[13])}"/>')
    svg.add(chair(w * 0.2, 900, 300, _hex(y[7])))
    for _ in range(18):
        svg.add(
            _star(
                rng.uniform(0.55, 0.95) * w, rng.uniform(80, 900), rng.uniform(10, 28), _hex(y[15])
            )
        )
    svg.add(f'<circle cx="{w * 0.78:.1f}" cy="230" r="90" fill="{_hex(y[4])}"/>')
    svg.add(f'<circle cx="{w * 0.81:.1f}" cy="210" r="80" fill="{_hex(y[1])}"/>')
    svg.add(
        f'<path d="M{w * 0.36:.1f},1000 V360 A{w * 0.14:.1f},{w * 0.14:.1f} 0 0 1 '
        f'{w * 0.64:.1f},360 V1000 Z" fill="{_hex(y[0])}"/>'
    )
    svg.add(
        f'<path d="M{w * 0.4:.1f},1000 V380 A{w * 0.1:.1f},{w * 0.1:.1f} 0 0 1 '
        f'{w * 0.6:.1f},380 V1000 Z" fill="{_hex(y[2])}"/>'
    )
    svg.add(
        f'<path d="M{w * 0.5:.1f},1000 V380 A{w * 0.1:.1f},{w * 0.1:.1f} 0 0 1 '
        f'{w * 0.6:.1f},380 V1000 Z" fill="{_hex(y[3])}"/>'
    )
    _border(svg, 45, _hex(y[7]), _hex(y[5]))


def _weave_forest(svg: Svg, rng: random.Random) -> None:
    w = svg.width
    y = YARNS
    svg.defs.append(
        '<linearGradient id="canopy" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{_hex(y[11])}"/><stop offset="0.6" '
        f'stop-color="{_hex(y[10])}"/><stop offset="1" stop-color="{_hex(y[12])}"/>'
        "</linearGradient>"
    )
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="url(#canopy)"/>')
    for _ in range(30):
        svg.add(
            f'<circle cx="{rng.uniform(0, w):.1f}" cy="{rng.uniform(0, 400):.1f}" '
            f'r="{rng.uniform(40, 110):.1f}" fill="{_hex(rng.choice(y[10:13]))}"/>'
        )
    bright = [y[8], y[9], y[5], y[2], y[15], y[4]]
    for k in range(9):
        x = (k + 0.5) / 9 * w + rng.uniform(-30, 30)
        trunk = _hex(rng.choice([y[13], y[6], y[0]]))
        svg.add(
            f'<path d="M{x - 22:.1f},0 L{x + 22:.1f},0 L{x + 30:.1f},620 L{x - 30:.1f},620 Z" '
            f'fill="{trunk}"/>'
        )
        for _thread in range(7):
            colour = _hex(rng.choice(bright))
            tx = x + rng.uniform(-25, 25)
            end_x = tx + rng.uniform(-160, 160)
            svg.add(
                f'<path d="M{tx:.1f},600 C{tx + rng.uniform(-80, 80):.1f},700 '
                f'{end_x + rng.uniform(-80, 80):.1f},800 {end_x:.1f},{rng.uniform(880, 1000):.1f}" '
                f'stroke="{colour}" stroke-width="{rng.uniform(5, 11):.1f}" fill="none"/>'
            )
    svg.add(
        f'<ellipse cx="{w * 0.5:.1f}" cy="880" rx="{w * 0.2:.1f}" ry="55" fill="{_hex(y[3])}"/>'
    )
    svg.add(f'<circle cx="{w * 0.33:.1f}" cy="860" r="42" fill="{_hex(y[9])}"/>')
    svg.add(f'<path d="M{w * 0.33:.1f},840 a42,42 0 0 1 42,-10 l-30,30 Z" fill="{_hex(y[13])}"/>')
    _border(svg, 40, _hex(y[0]), _hex(y[15]))


def _weave_garden(svg: Svg, rng: random.Random) -> None:
    w = svg.width
    y = YARNS
    svg.add(f'<rect width="{w / 2:.1f}" height="1000" fill="{_hex(y[0])}"/>')
    svg.add(f'<rect x="{w / 2:.1f}" width="{w / 2:.1f}" height="1000" fill="{_hex(y[3])}"/>')
    svg.add(f'<rect y="640" width="{w / 2:.1f}" height="360" fill="{_hex(y[11])}"/>')
    svg.add(
        f'<rect x="{w / 2:.1f}" y="640" width="{w / 2:.1f}" height="360" fill="{_hex(y[12])}"/>'
    )
    svg.add(f'<circle cx="{w * 0.22:.1f}" cy="220" r="90" fill="{_hex(y[14])}"/>')
    svg.add(f'<circle cx="{w * 0.78:.1f}" cy="220" r="100" fill="{_hex(y[5])}"/>')
    for _ in range(14):
        x, top = rng.uniform(0.05, 0.45), rng.uniform(420, 760)
        r = rng.uniform(30, 60)
        for side, (stem, petal, heart) in ((0.0, (y[1], y[3], y[15])), (0.5, (y[10], y[8], y[5]))):
            fx = (x + side) * w
            svg.add(
                f'<path d="M{fx:.1f},1000 Q{fx + 30:.1f},{(top + 1000) / 2:.1f} {fx:.1f},'
                f'{top:.1f}" stroke="{_hex(stem)}" stroke-width="10" fill="none"/>'
            )
            svg.add(_flower(fx, top, r, _hex(petal), _hex(heart)))
    for _ in range(14):
        svg.add(
            _star(
                rng.uniform(0.03, 0.47) * w, rng.uniform(40, 380), rng.uniform(8, 16), _hex(y[15])
            )
        )
    _border(svg, 40, _hex(y[13]), _hex(y[15]))


def _weave_sleep_morning(svg: Svg, rng: random.Random) -> None:
    w = svg.width
    y = YARNS
    svg.defs.append(
        '<linearGradient id="dawn" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{_hex(y[1])}"/><stop offset="0.5" '
        f'stop-color="{_hex(y[9])}"/><stop offset="1" stop-color="{_hex(y[5])}"/>'
        "</linearGradient>"
    )
    svg.add(f'<rect width="{w:.1f}" height="1000" fill="{_hex(y[14])}"/>')
    svg.add(
        f'<rect x="{w * 0.5:.1f}" y="120" width="{w * 0.38:.1f}" height="440" fill="url(#dawn)"/>'
    )
    svg.add(
        f'<path d="M{w * 0.69:.1f},120 v440 M{w * 0.5:.1f},340 h{w * 0.38:.1f}" '
        f'stroke="{_hex(y[4])}" stroke-width="16"/>'
    )
    svg.add(f'<rect y="700" width="{w:.1f}" height="300" fill="{_hex(y[13])}"/>')
    svg.add(
        f'<rect x="{w * 0.08:.1f}" y="600" width="{w * 0.6:.1f}" height="200" rx="30" '
        f'fill="{_hex(y[4])}"/>'
    )
    svg.add(
        f'<rect x="{w * 0.08:.1f}" y="660" width="{w * 0.6:.1f}" height="140" fill="{_hex(y[2])}"/>'
    )
    svg.add(f'<ellipse cx="{w * 0.16:.1f}" cy="630" rx="70" ry="40" fill="{_hex(y[14])}"/>')
    spiral = []
    cx, cy = w * 0.25, 320
    for k in range(90):
        a = k * 0.25
        r = 6 + k * 2.2
        spiral.append(f"{cx + r * math.cos(a):.1f},{cy + r * math.sin(a):.1f}")
    svg.add(
        f'<polyline points="{" ".join(spiral)}" stroke="{_hex(y[7])}" stroke-width="18" '
        f'fill="none"/>'
    )
    for _ in range(6):
        x, fy = rng.uniform(0.1, 0.5) * w, rng.uniform(100, 520)
        svg.add(
            f'<path d="M{x:.1f},{fy:.1f} q40,-30 80,0 q-40,30 -80,0 l-25,-18 v36 Z" '
            f'fill="{_hex(y[rng.choice([2, 8, 15])])}"/>'
        )
    _border(svg, 40, _hex(y[1]), _hex(y[5]))


WovenScene = Callable[[Svg, random.Random], None]
WOVEN_SCENES: dict[str, WovenScene] = {
    "threshold": _weave_threshold,
    "forest": _weave_forest,
    "garden": _weave_garden,
    "sleep_morning": _weave_sleep_morning,
}


def _quantise(image: pyvips.Image, yarns: tuple[Colour, ...], noise: pyvips.Image) -> Any:
    """Each pixel to its nearest yarn: the index; noise makes boundaries interlock (hatching)."""
    best: Any = None
    index: Any = None
    for number, yarn in enumerate(yarns):
        distance = ((image - list(yarn)) ** 2).bandmean() ** 0.5 + noise
        if best is None:
            best, index = distance, distance * 0
        else:
            closer = distance < best
            best = closer.ifthenelse(distance, best)
            index = closer.ifthenelse(number, index)
    return index.cast("uchar")


def _yarn_lut(yarns: tuple[Colour, ...]) -> Any:
    """A 256-entry colour lookup table for ``maplut``: index → yarn colour."""
    bands = [
        pyvips.Image.new_from_array([[yarns[i][band] if i < len(yarns) else 0 for i in range(256)]])
        for band in range(3)
    ]
    return bands[0].bandjoin(bands[1:]).cast("uchar")


@cache
def _weave_tile(pitch: int, pick: int, seed: int) -> Any:
    """The light on weft-faced tapestry: bumps of yarn over each warp, twisted, with fibres.

    ``pitch`` px between warps, ``pick`` px per weft pass; two passes a tile, slanting
    opposite ways as the weft goes over and under.
    """
    repeat_x, repeat_y = max(1, 256 // pitch), max(1, 128 // pick)
    width, height = pitch * repeat_x, 2 * pick * repeat_y
    xy = pyvips.Image.xyz(width, height).cast("float")
    fx = (xy[0] % pitch + 0.5) / pitch
    row = (xy[1] / pick).floor()
    fy = (xy[1] % pick + 0.5) / pick
    slant = (row % 2) * 2 - 1
    # libvips counts angles in degrees.
    dome = (fx * 180).sin() ** 0.55 * (fy * 180).sin() ** 0.8
    twist = ((fx + fy * slant * 1.6) * 720).sin()
    fibres = pyvips.Image.gaussnoise(width, height, mean=0, sigma=1, seed=seed).conv(
        _line_kernel(max(3, pitch // 2), 0.0), precision="float"
    )
    shade = 0.3 + 0.75 * dome * (0.86 + 0.14 * twist) + 0.05 * fibres
    # Keep the yarn's own colour on average: the light only models the threads.
    return (shade * (1.05 / shade.avg())).copy_memory()


def tapestry(width: int, height: int, *, seed: int, scene: str = "garden") -> Any:
    """A handwoven tapestry: yarn colours on the thread grid, each thread shaded and hairy."""
    rng = _random(seed)
    svg = Svg(width / height)
    WOVEN_SCENES.get(scene, _weave_garden)(svg, rng)
    pitch = max(4, round(max(width, height) / 500))
    pick = max(3, pitch // 2)
    columns, rows = math.ceil(width / pitch), math.ceil(height / pick)
    design = svg.render_rgb(columns, rows)
    dither = pyvips.Image.gaussnoise(columns, rows, mean=0, sigma=4, seed=seed)
    index = _quantise(design, YARNS, dither.abs())
    colours = index.maplut(_yarn_lut(YARNS))
    # Each pass of each yarn is a little lighter or darker, as dyed wool is.
    vary = pyvips.Image.gaussnoise(columns, rows, mean=1, sigma=0.05, seed=seed + 1)
    threads = (colours * vary).zoom(pitch, pick).crop(0, 0, width, height)
    weave = _tiled(_weave_tile(pitch, pick, seed_of("weave")), width, height)
    fibre = _tiled(_streak_tile(384, max(5, pitch), 0.0, seed_of("fibre")), width, height)
    woven = threads * (weave * (1 + 0.06 * fibre))
    return woven.cast("uchar").copy(interpretation="srgb")


# ---------------------------------------------------------------- the demo world

#: What each work of the world looks like; works not named here get a kind's default.
SCENES: dict[str, str] = {
    "JK-2010-001": "queue",
    "JK-2010-002": "empty_chair",
    "JK-2012-001": "red_room",
    "JK-2014-001": "letters",
    "JK-2016-001": "assembly",
    "RK-1996-001": "fire_eater",
    "RK-1998-001": "accordion",
    "RK-1990-001": "living_statue",
    "RK-1999-001": "puppeteer",
    "RK-2003-001": "frozen_river",
    "RK-2005-001": "village",
    "RK-2007-001": "taiga_road",
    "AK-2013-001": "interior",
    "AK-2015-001": "figure_light",
    "AK-2016-001": "rooftops",
    "AK-2017-001": "still_life",
    "AKVP-2018-001": "threshold",
    "AKVP-2019-001": "forest",
    "AKVP-2019-002": "garden",
    "AKVP-2021-001": "sleep_morning",
}
DEFAULT_SCENES = {"painting": "fields", "photograph": "frozen_river", "tapestry": "garden"}


@dataclass(frozen=True)
class PicturePlan:
    """The picture one work gets: which generator, which scene, what size, which seed."""

    inventory_number: str
    title: str
    kind: str
    scene: str
    palette: str
    width: int
    height: int
    seed: int

    def render(self) -> Any:
        if self.kind == "photograph":
            return photograph(self.width, self.height, seed=self.seed, scene=self.scene)
        if self.kind == "tapestry":
            return tapestry(self.width, self.height, seed=self.seed, scene=self.scene)
        return painting(
            self.width, self.height, seed=self.seed, scene=self.scene, palette=self.palette
        )


def picture_plan(
    *, record: dict[str, Any], aspect: float | None, scale: float = 1.0
) -> PicturePlan:
    """The plan for one work of the world file; ``aspect`` is its width / height."""
    number = record["inventory_number"]
    classification = record.get("classification", "")
    kind = classification if classification in DEFAULT_SCENES else "painting"
    long_side = LARGE if number in DEEP_ZOOM else SMALL
    long_side = max(64, round(long_side * scale))
    aspect = aspect if aspect and aspect > 0 else 0.8
    if aspect >= 1:
        width, height = long_side, max(8, round(long_side / aspect))
    else:
        width, height = max(8, round(long_side * aspect)), long_side
    artist = record["makers"][0]["person"] if record.get("makers") else ""
    return PicturePlan(
        inventory_number=number,
        title=record["title"],
        kind=kind,
        scene=SCENES.get(number, DEFAULT_SCENES[kind]),
        palette="ana" if artist == "ana" else "jacques",
        width=width,
        height=height,
        seed=seed_of(number),
    )


def demo_images_plan(*, scale: float = 1.0, missing_only: bool = False) -> list[PicturePlan]:
    """The pictures of the works of the demo world that are in the database."""
    from vernissage.demo.loader import world_data
    from vernissage.works.models import Artwork

    records = world_data()["works"]
    artworks = Artwork.objects.filter(
        inventory_number__in=[record["inventory_number"] for record in records]
    )
    if missing_only:
        artworks = artworks.filter(images__isnull=True)
    by_number = {artwork.inventory_number: artwork for artwork in artworks}
    plans = []
    for record in records:
        artwork = by_number.get(record["inventory_number"])
        if artwork is None:
            continue
        aspect = float(artwork.width / artwork.height) if artwork.width and artwork.height else None
        plans.append(picture_plan(record=record, aspect=aspect, scale=scale))
    return plans


def _write(plan: PicturePlan, folder: Path) -> Path:
    path = folder / f"{plan.inventory_number}.jpg"
    plan.render().jpegsave(
        str(path), Q=JPEG_QUALITY, subsample_mode="on", keep=pyvips.enums.ForeignKeep.NONE
    )
    return path


def _ahead(
    plans: list[PicturePlan], folder: Path
) -> Generator[tuple[PicturePlan, Path], None, None]:
    """Render the pictures one ahead of the caller, who attaches them in the meantime."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-pictures") as pool:
        futures: list[Future[Path]] = [pool.submit(_write, plan, folder) for plan in plans]
        try:
            for plan, future in zip(plans, futures, strict=True):
                yield plan, future.result()
        finally:
            for future in futures:
                future.cancel()


def demo_images_make(
    *, acting_user: Actor = None, progress: Progress | None = None, scale: float = 1.0
) -> int:
    """Give each work of the demo world that has no image one made for it; returns how many.

    Pyramids are built on the spot. ``scale`` shrinks every picture (for the tests).
    """
    from vernissage.images.services import image_add
    from vernissage.works.models import Artwork

    plans = demo_images_plan(scale=scale, missing_only=True)
    made = 0
    with (
        tempfile.TemporaryDirectory(prefix="vernissage-demo-") as folder,
        closing(_ahead(plans, Path(folder))) as pictures,  # done with before the folder goes
    ):
        for plan, path in pictures:
            artwork = Artwork.objects.get(inventory_number=plan.inventory_number)
            image_add(
                artwork=artwork,
                path=path,
                acting_user=acting_user,
                original_name=f"{plan.inventory_number}.jpg",
                caption=CAPTION.format(title=plan.title),
                credit=CREDIT,
                rights=RIGHTS,
                build_now=True,
            )
            path.unlink(missing_ok=True)
            made += 1
            if progress is not None:
                progress(made, len(plans), plan.title)
    return made
