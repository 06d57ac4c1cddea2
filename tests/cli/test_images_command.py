from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pyvips
from tests.factories.works import ArtworkFactory

from vernissage.cli import main
from vernissage.images.models import Image


def test_images_add_prints_identifier_and_info_url_per_image(
    db: Any, settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERNISSAGE_BASE_URL = "https://gallery.example"
    artwork = ArtworkFactory(inventory_number="RK-1996-001")
    files = []
    for number in range(2):
        path = tmp_path / f"fire-eater-{number}.png"
        (pyvips.Image.xyz(64 + number, 48)[0].cast("uchar")).pngsave(str(path))
        files.append(str(path))
    main(["images", "add", "rk-1996-001", *files])
    lines = capsys.readouterr().out.splitlines()
    images = list(Image.objects.filter(artwork=artwork).order_by("position"))
    assert lines == [
        f"{image.identifier} https://gallery.example/iiif/3/{image.identifier}/info.json"
        for image in images
    ]
    assert [image.is_ready for image in images] == [True, True]
    assert images[0].is_primary


def test_images_add_names_the_bad_file_and_fails(
    db: Any, settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    ArtworkFactory(inventory_number="AK-2013-001")
    letter = tmp_path / "letter.tif"
    letter.write_text("not a picture")
    with pytest.raises(SystemExit) as exit_:
        main(["images", "add", "AK-2013-001", str(letter)])
    assert exit_.value.code == 1
    assert "letter.tif: not an image that can be read" in capsys.readouterr().err
    assert not Image.objects.exists()


def test_images_add_refuses_an_unknown_inventory_number(db: Any) -> None:
    with pytest.raises(SystemExit, match="No work has the inventory number XX-1"):
        main(["images", "add", "XX-1", "whatever.jpg"])
