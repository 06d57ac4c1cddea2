"""Ingest: what is kept, what is refused, and that refused files leave nothing behind."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.core.exceptions import ValidationError
from django.test import override_settings
from tests.factories.works import ArtworkFactory

from vernissage.images import services
from vernissage.images.models import Image

CONFORMANCE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "iiif-image-test"
    / "67352ccc-d1b0-11e1-89ae-279075081939.png"
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def _jpeg(path: Path, width: int = 640, height: int = 480, **save: Any) -> Path:
    image = pyvips.Image.xyz(width, height).extract_band(0).cast("uchar")
    image = image.bandjoin([image, image]).copy(interpretation="srgb")
    image.jpegsave(str(path), **save)
    return path


def test_a_jpeg_is_kept_byte_for_byte_with_its_facts(db: Any, media: Path, tmp_path: Path) -> None:
    source = _jpeg(tmp_path / "painting.jpg")
    image, created = services.image_add(
        artwork=ArtworkFactory(), path=source, acting_user=None, build_now=True
    )
    assert created
    assert (image.format, image.width, image.height) == ("jpeg", 640, 480)
    assert image.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert image.original_path.read_bytes() == source.read_bytes()
    assert image.is_primary
    assert image.is_ready
    pyramid = pyvips.Image.new_from_file(str(image.pyramid_path))
    assert (pyramid.width, pyramid.height) == (640, 480)
    assert pyramid.get("n-pages") >= 2 or pyramid.get_typeof("n-pages") == 0


def test_the_same_file_twice_is_one_image(db: Any, media: Path, tmp_path: Path) -> None:
    artwork = ArtworkFactory()
    source = _jpeg(tmp_path / "a.jpg")
    first, _ = services.image_add(artwork=artwork, path=source, acting_user=None)
    again, created = services.image_add(artwork=artwork, path=source, acting_user=None)
    assert not created
    assert again.pk == first.pk
    assert Image.objects.count() == 1


def test_the_conformance_png_keeps_its_identifier(db: Any, media: Path) -> None:
    image, _ = services.image_add(
        artwork=ArtworkFactory(),
        path=CONFORMANCE,
        acting_user=None,
        identifier=CONFORMANCE.name,
        build_now=True,
    )
    assert image.identifier == "67352ccc-d1b0-11e1-89ae-279075081939.png"
    assert image.format == "png"
    assert image.is_ready


@pytest.mark.parametrize(
    ("content", "message", "_case"),
    [
        (b"", "the file is empty", "empty"),
        (b"Dear Ana, the opening is on Friday.\n", "not an image that can be read", "text"),
    ],
)
def test_files_that_are_not_images_are_refused(
    db: Any, media: Path, tmp_path: Path, content: bytes, message: str, _case: str
) -> None:
    source = tmp_path / "letter.jpg"
    source.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        services.image_add(artwork=ArtworkFactory(), path=source, acting_user=None)
    assert not Image.objects.exists()
    assert not any(media.rglob("*.*")) if media.exists() else True


def test_a_truncated_jpeg_is_refused_and_nothing_is_stored(
    db: Any, media: Path, tmp_path: Path
) -> None:
    whole = _jpeg(tmp_path / "whole.jpg", 2000, 1500).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError, match="corrupt or truncated"):
        services.image_add(artwork=ArtworkFactory(), path=cut, acting_user=None)
    assert not Image.objects.exists()
    assert not media.exists() or not any(media.rglob("*.jpg"))


@override_settings(VERNISSAGE_IMAGE_MAX_PIXELS=1_000_000)
def test_an_image_beyond_the_pixel_limit_is_refused_from_its_header(
    db: Any, media: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.png"
    pyvips.Image.black(2000, 1000).cast("uchar").pngsave(str(big))
    with pytest.raises(ValidationError, match="2000 × 1000 pixels is beyond the limit"):
        services.image_add(artwork=ArtworkFactory(), path=big, acting_user=None)
    assert not Image.objects.exists()


def test_a_png_decompression_bomb_is_refused(db: Any, media: Path, tmp_path: Path) -> None:
    # 30,000 × 30,000 black pixels compress to a few hundred kilobytes.
    bomb = tmp_path / "bomb.png"
    pyvips.Image.black(30_000, 30_000).cast("uchar").pngsave(str(bomb), compression=9)
    assert bomb.stat().st_size < 5_000_000
    with (
        override_settings(VERNISSAGE_IMAGE_MAX_PIXELS=500_000_000),
        pytest.raises(ValidationError, match="beyond the limit"),
    ):
        services.image_add(artwork=ArtworkFactory(), path=bomb, acting_user=None)


def test_gps_and_camera_exif_never_reach_the_pyramid(db: Any, media: Path, tmp_path: Path) -> None:
    base = pyvips.Image.black(800, 600, bands=3).cast("uchar").copy(interpretation="srgb")
    base = base.copy()
    base.set_type(pyvips.GValue.gstr_type, "exif-ifd0-Make", "Leica (Leica, ASCII, 6 components)")
    base.set_type(
        pyvips.GValue.gstr_type,
        "exif-ifd3-GPSLatitude",
        "55/1 45/1 13/1 (55, Rational, 3 components)",
    )
    source = tmp_path / "with-gps.jpg"
    base.jpegsave(str(source), keep=pyvips.enums.ForeignKeep.ALL)
    assert b"Leica" in source.read_bytes()
    image, _ = services.image_add(
        artwork=ArtworkFactory(), path=source, acting_user=None, build_now=True
    )
    assert image.original_path.read_bytes() == source.read_bytes()  # the original is untouched
    pyramid_bytes = image.pyramid_path.read_bytes()
    assert b"Leica" not in pyramid_bytes
    assert b"Exif" not in pyramid_bytes
