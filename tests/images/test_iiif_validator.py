"""The official IIIF Image API validator against a live server, at levels 0, 1 and 2.

``iiif-validate.py`` exits with the number of failed tests. It checks the colours of the
squares of its own test picture, so the picture is served under its own file name.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from tests.factories.works import ArtworkFactory

from vernissage.images import services

CONFORMANCE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "iiif-image-test"
    / "67352ccc-d1b0-11e1-89ae-279075081939.png"
)
VALIDATOR = Path(sys.executable).parent / "iiif-validate.py"
#: Level 3 tests of features served beyond level 2 (size_up is left out: it expects ^max to
#: be the region's size, where the spec makes it the largest size within maxWidth/maxArea;
#: format_webp is left out: it calls Python 2's urllib.urlopen and cannot pass anywhere).
EXTRA_TESTS = (
    "rot_mirror",
    "rot_mirror_180",
    "rot_full_non90",
    "rot_region_non90",
    "linkheader_profile",
    "linkheader_canonical",
)


@pytest.fixture
def conformance_image(settings: Any, tmp_path: Path) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"
    image, _ = services.image_add(
        artwork=ArtworkFactory(is_public=True),
        path=CONFORMANCE,
        acting_user=None,
        identifier=CONFORMANCE.name,
        build_now=True,
    )
    assert image.is_ready
    return image.identifier


def _validate(live_server: Any, identifier: str, *options: str) -> subprocess.CompletedProcess[str]:
    server = f"127.0.0.1:{urlsplit(live_server.url).port}"
    return subprocess.run(
        [
            sys.executable,
            str(VALIDATOR),
            "-s",
            server,
            "-p",
            "iiif/3",
            "-i",
            identifier,
            "--version=3.0",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("level", [0, 1, 2])
def test_the_official_validator_passes_at_level(
    live_server: Any, conformance_image: str, level: int
) -> None:
    result = _validate(live_server, conformance_image, f"--level={level}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout + result.stderr


@pytest.mark.django_db(transaction=True)
def test_the_validator_passes_the_level_3_features_we_serve(
    live_server: Any, conformance_image: str
) -> None:
    options = [f"--test={name}" for name in EXTRA_TESTS]
    result = _validate(live_server, conformance_image, *options)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.count("PASS") == len(EXTRA_TESTS), result.stderr
