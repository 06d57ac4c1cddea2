"""Shapes drawn as SVG: people in coats, a chair, an onion dome, a spruce."""

from __future__ import annotations

import random


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
