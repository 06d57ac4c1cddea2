"""Oil paintings: an SVG composition repainted as brushstrokes, with bristle marks and
canvas weave."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import pyvips

from vernissage.demo.pictures.drawing import (
    Colour,
    Svg,
    _fit,
    _grey,
    _hex,
    _mix,
    _pixels,
    _random,
    _resize_to,
    _streak_tile,
    _tiled,
    seed_of,
)
from vernissage.demo.pictures.shapes import chair, figure

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
