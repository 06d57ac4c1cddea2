"""Handwoven tapestries: a design in a few yarn colours on the thread grid, each thread
shaded."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from functools import cache
from typing import Any

import pyvips

from vernissage.demo.pictures.drawing import (
    Colour,
    Svg,
    _hex,
    _line_kernel,
    _random,
    _streak_tile,
    _tiled,
    seed_of,
)
from vernissage.demo.pictures.shapes import chair

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
