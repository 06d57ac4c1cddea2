"""What the IIIF tests share: a media folder of their own and a public image built in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pyvips
from tests.factories.works import ArtworkFactory

from vernissage.images import services
from vernissage.images.models import Image


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def image_built(tmp_path: Path, identifier: str, **image: Any) -> Image:
    """A 600 × 400 picture added to a work (a new public one unless ``artwork`` is given),
    its pyramid built now."""
    source = tmp_path / f"{identifier}.png"
    picture = pyvips.Image.xyz(600, 400)
    picture = (picture[0] % 256).cast("uchar").bandjoin([(picture[1] % 256).cast("uchar"), 90])
    picture.copy(interpretation="srgb").pngsave(str(source))
    added, _ = services.image_add(
        artwork=image.pop("artwork", None) or ArtworkFactory(),
        path=source,
        acting_user=None,
        identifier=identifier,
        build_now=True,
        **image,
    )
    return added


@pytest.fixture
def public_image(db: Any, media: Path, tmp_path: Path) -> Image:
    return image_built(tmp_path, "nocturne-1")
