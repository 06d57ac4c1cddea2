"""The pictures the demo world gets: made with libvips on the spot, the same every time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import pyvips

from vernissage.demo.loader import WorldSummary, world_data
from vernissage.demo.pictures import (
    CREDIT,
    DEEP_ZOOM,
    PAINTING_SCENES,
    PHOTO_SCENES,
    RIGHTS,
    WOVEN_SCENES,
    demo_images_make,
    demo_images_plan,
    painting,
    photograph,
    tapestry,
)
from vernissage.images.models import Image
from vernissage.works.models import Artwork


def _sha(image: Any) -> str:
    return hashlib.sha256(image.write_to_memory()).hexdigest()


GENERATORS: list[tuple[Callable[..., Any], dict[str, str], int, str]] = [
    (painting, {"scene": "letters", "palette": "jacques"}, 3, "srgb"),
    (painting, {"scene": "interior", "palette": "ana"}, 3, "srgb"),
    (photograph, {"scene": "fire_eater"}, 1, "b-w"),
    (photograph, {"scene": "frozen_river"}, 1, "b-w"),
    (tapestry, {"scene": "forest"}, 3, "srgb"),
]


@pytest.mark.parametrize(("generator", "options", "bands", "interpretation"), GENERATORS)
def test_a_generator_makes_the_size_and_kind_asked_for(
    generator: Callable[..., Any], options: dict[str, str], bands: int, interpretation: str
) -> None:
    for width, height in ((331, 250), (240, 317)):
        image = generator(width, height, seed=7, **options)
        assert (image.width, image.height) == (width, height)
        assert image.bands == bands
        assert image.interpretation == interpretation
        assert image.format == "uchar"
        assert image.deviate() > 5  # a picture, not a flat field


@pytest.mark.parametrize(("generator", "options", "bands", "interpretation"), GENERATORS)
def test_a_generator_is_deterministic_from_its_seed(
    generator: Callable[..., Any], options: dict[str, str], bands: int, interpretation: str
) -> None:
    first = _sha(generator(300, 240, seed=11, **options))
    assert _sha(generator(300, 240, seed=11, **options)) == first
    assert _sha(generator(300, 240, seed=12, **options)) != first


@pytest.mark.parametrize(
    ("generator", "scenes"),
    [(painting, PAINTING_SCENES), (photograph, PHOTO_SCENES), (tapestry, WOVEN_SCENES)],
)
def test_every_scene_renders(generator: Callable[..., Any], scenes: dict[str, Any]) -> None:
    for scene in scenes:
        image = generator(160, 120, seed=3, scene=scene)
        assert (image.width, image.height) == (160, 120), scene


def test_every_work_of_the_world_file_has_a_scene_of_its_own() -> None:
    from vernissage.demo.pictures import SCENES

    numbers = {record["inventory_number"] for record in world_data()["works"]}
    assert numbers <= set(SCENES)
    assert numbers >= DEEP_ZOOM


def test_the_full_size_plan_gives_deep_zoom_to_each_kind(world: WorldSummary) -> None:
    plans = demo_images_plan()
    assert len(plans) == world.works
    artworks = {artwork.inventory_number: artwork for artwork in Artwork.objects.all()}
    for plan in plans:
        artwork = artworks[plan.inventory_number]
        assert plan.kind == artwork.classification
        assert artwork.width
        assert artwork.height
        # The picture has the work's proportions (height × width as recorded).
        assert plan.width / plan.height == pytest.approx(
            float(artwork.width / artwork.height), rel=0.01
        )
        assert 2000 <= max(plan.width, plan.height) <= 6000
    for kind in ("painting", "photograph", "tapestry"):
        assert any(plan.kind == kind and max(plan.width, plan.height) >= 6000 for plan in plans), (
            kind
        )
    photographs = [plan for plan in plans if plan.kind == "photograph"]
    assert {plan.palette for plan in plans if plan.kind == "painting"} == {"jacques", "ana"}
    assert len({plan.seed for plan in plans}) == len(plans)
    assert photographs


def test_demo_images_make_gives_each_work_one_ready_image(
    world: WorldSummary, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    reports: list[tuple[int, int, str]] = []
    made = demo_images_make(scale=0.1, progress=lambda *report: reports.append(report))
    assert made == world.works
    assert [done for done, _total, _title in reports] == list(range(1, made + 1))
    plans = {plan.inventory_number: plan for plan in demo_images_plan(scale=0.1)}
    for artwork in Artwork.objects.all():
        images = list(artwork.images.all())
        assert len(images) == 1, artwork
        image = images[0]
        plan = plans[artwork.inventory_number]
        assert image.is_ready
        assert image.is_primary
        assert image.pyramid_path.exists()
        assert (image.width, image.height) == (plan.width, plan.height)
        assert image.format == "jpeg"
        assert image.caption == f"{artwork.title}, demo image"
        assert image.credit == CREDIT
        assert image.rights == RIGHTS
        bands = pyvips.Image.new_from_file(str(image.original_path)).bands
        assert bands == (1 if artwork.classification == "photograph" else 3), artwork
    # Run again: every work has its picture, nothing is made twice.
    assert demo_images_make(scale=0.1) == 0
    assert Image.objects.count() == world.works


def test_demo_images_make_only_fills_in_works_without_an_image(
    world: WorldSummary, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    assert demo_images_make(scale=0.05) == world.works
    Image.objects.filter(artwork__inventory_number="RK-2003-001").delete()
    assert demo_images_make(scale=0.05) == 1
    assert Artwork.objects.get(inventory_number="RK-2003-001").images.count() == 1
