"""Gelatin silver prints: Red Square and Siberia in grey, softened, vignetted and grainy."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pyvips

from vernissage.demo.pictures.drawing import (
    Svg,
    _fit,
    _grain_tile,
    _grey,
    _random,
    _resize_to,
    _tiled,
    seed_of,
)
from vernissage.demo.pictures.shapes import figure, onion_dome, spruce


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
