"""The demo world's pictures: which work gets which picture, made and attached on the
spot (:func:`demo_images_make`)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Collection, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyvips

from vernissage.demo.pictures.drawing import seed_of
from vernissage.demo.pictures.paintings import painting
from vernissage.demo.pictures.photographs import photograph
from vernissage.demo.pictures.tapestries import tapestry

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

Progress = Callable[[int, int, str], Any]

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
    *,
    acting_user: Actor = None,
    progress: Progress | None = None,
    scale: float = 1.0,
    build_now: bool = True,
    numbers: Collection[str] | None = None,
) -> int:
    """Give each work of the demo world that has no image one made for it; returns how many.

    Pyramids are built on the spot, or with ``build_now=False`` by the background worker
    (the demo's first start: each card says "preparing" until its pyramid is ready).
    ``scale`` shrinks every picture (for the tests); ``numbers`` limits them to the works
    with these inventory numbers.
    """
    from vernissage.images.services import image_add
    from vernissage.works.models import Artwork

    plans = demo_images_plan(scale=scale, missing_only=True)
    if numbers is not None:
        plans = [plan for plan in plans if plan.inventory_number in numbers]
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
                build_now=build_now,
            )
            path.unlink(missing_ok=True)
            made += 1
            if progress is not None:
                progress(made, len(plans), plan.title)
    return made
