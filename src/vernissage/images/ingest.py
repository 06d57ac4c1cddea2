"""Reading a picture someone gives us: what it is, whether it is whole, and its fingerprint.

Nothing here writes to the database; :mod:`vernissage.images.services` stores what passes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyvips
from django.conf import settings
from django.utils.translation import gettext as _

#: libvips loader → the format we record and the suffix we keep the original under.
FORMATS: dict[str, tuple[str, str]] = {
    "jpegload": ("jpeg", ".jpg"),
    "pngload": ("png", ".png"),
    "tiffload": ("tiff", ".tif"),
    "webpload": ("webp", ".webp"),
    "heifload": ("heif", ".heif"),
}


class ImageRefused(ValueError):
    """A file that cannot become an image, with the reason a person can act on."""


@dataclass(frozen=True)
class ImageFacts:
    path: Path
    sha256: str
    format: str
    suffix: str
    width: int
    height: int
    bytes: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _oriented_size(image: pyvips.Image) -> tuple[int, int]:
    orientation = image.get("orientation") if image.get_typeof("orientation") else 1
    if orientation in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height


def inspect_image(path: Path, *, name: str = "") -> ImageFacts:
    """Check that ``path`` is a whole image of a kind we serve, within the limits.

    Raises :class:`ImageRefused` saying which file and why: not an image, a format we do
    not take, too many bytes, too many pixels (decompression bombs are caught from the
    header, before any pixel is decoded), or corrupt or truncated data.
    """
    label = name or path.name
    size = path.stat().st_size
    max_bytes: int = settings.VERNISSAGE_IMAGE_MAX_BYTES
    if size == 0:
        raise ImageRefused(_("%(file)s: the file is empty.") % {"file": label})
    if size > max_bytes:
        raise ImageRefused(
            _("%(file)s: the file is %(size).0f MB; the limit is %(limit).0f MB.")
            % {"file": label, "size": size / 1e6, "limit": max_bytes / 1e6}
        )
    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential", fail_on="warning")
    except pyvips.Error as error:
        raise ImageRefused(
            _("%(file)s: not an image that can be read (JPEG, PNG, TIFF, WebP, AVIF/HEIF).")
            % {"file": label}
        ) from error
    loader = image.get("vips-loader") if image.get_typeof("vips-loader") else ""
    if loader not in FORMATS:
        message = (
            _("%(file)s: %(format)s is not taken; use JPEG, PNG, TIFF, WebP or AVIF/HEIF.")
            if loader
            else _("%(file)s: this format is not taken; use JPEG, PNG, TIFF, WebP or AVIF/HEIF.")
        )
        raise ImageRefused(message % {"file": label, "format": loader})
    max_pixels: int = settings.VERNISSAGE_IMAGE_MAX_PIXELS
    if image.width * image.height > max_pixels:
        raise ImageRefused(
            _(
                "%(file)s: %(width)d × %(height)d pixels is beyond the limit of %(limit).0f "
                "megapixels (a decompression bomb, or a scan too large)."
            )
            % {
                "file": label,
                "width": image.width,
                "height": image.height,
                "limit": max_pixels / 1e6,
            }
        )
    try:
        # Decode every pixel once: a truncated or corrupt file fails here, not in a viewer.
        image.avg()
    except pyvips.Error as error:
        raise ImageRefused(
            _("%(file)s: the image data is corrupt or truncated.") % {"file": label}
        ) from error
    image_format, suffix = FORMATS[loader]
    width, height = _oriented_size(image)
    return ImageFacts(
        path=path,
        sha256=sha256_of(path),
        format=image_format,
        suffix=suffix,
        width=width,
        height=height,
        bytes=size,
    )


def build_pyramid(source: Path, target: Path) -> None:
    """Write the tiled pyramidal TIFF of ``source``: upright, sRGB, no metadata at all.

    Colour is converted from the embedded ICC profile where there is one; GPS and camera
    EXIF never reach a derivative because nothing is kept. Written to a temporary name and
    renamed, so a reader never sees half a pyramid.
    """
    image = pyvips.Image.new_from_file(str(source), access="sequential").autorot()
    if image.get_typeof("icc-profile-data"):
        image = image.icc_transform("srgb", embedded=True, intent="perceptual")
    elif image.interpretation not in ("srgb", "b-w"):
        image = image.colourspace("srgb")
    if image.format != "uchar":
        image = image.cast("uchar") if image.interpretation == "srgb" else image
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    if image.bands == 2:
        image = image[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.tif")
    image.tiffsave(
        str(partial),
        tile=True,
        tile_width=256,
        tile_height=256,
        pyramid=True,
        compression="jpeg",
        Q=85,
        bigtiff=image.width * image.height > 1 << 28,
        keep=pyvips.enums.ForeignKeep.NONE,
    )
    partial.replace(target)
