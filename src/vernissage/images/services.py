"""Writes about images: ingest, pyramid building, order and the primary image."""

from __future__ import annotations

import re
import shutil
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vernissage.core.generation import catalogue_changed
from vernissage.core.services import Actor, audited_delete, audited_save
from vernissage.images.cache import derivative_cache
from vernissage.images.ingest import ImageRefused, build_pyramid, inspect_image
from vernissage.images.models import Image
from vernissage.works.models import Artwork

IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def _store_original(*, source: Path, sha256: str, suffix: str) -> str:
    relative = f"originals/{sha256[:2]}/{sha256}{suffix}"
    target = Path(settings.MEDIA_ROOT) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return relative


def image_add(
    *,
    artwork: Artwork,
    path: Path,
    acting_user: Actor,
    original_name: str = "",
    identifier: str = "",
    caption: str = "",
    credit: str = "",
    rights: str = "",
    is_public: bool = True,
    is_primary: bool | None = None,
    build_now: bool = False,
) -> tuple[Image, bool]:
    """Attach the picture at ``path`` to a work; returns (image, created).

    The original is kept byte for byte under its SHA-256; the same file given twice is one
    image. The pyramid is built in the background (``build_now`` builds it here, for the
    command line). Refused files raise :class:`ValidationError` and leave nothing behind.
    """
    try:
        facts = inspect_image(path, name=original_name or path.name)
    except ImageRefused as refused:
        raise ValidationError(str(refused)) from refused
    existing = Image.objects.filter(sha256=facts.sha256).select_related("artwork").first()
    if existing is not None:
        if existing.artwork_id != artwork.pk:
            raise ValidationError(
                _("%(file)s: this file is already an image of “%(title)s” (%(number)s).")
                % {
                    "file": original_name or path.name,
                    "title": existing.artwork.title,
                    "number": existing.artwork.inventory_number,
                }
            )
        return existing, False
    identifier = identifier or facts.sha256[:32]
    if not IDENTIFIER.match(identifier):
        raise ValidationError(
            _("The identifier %(identifier)s may hold only letters, digits, '.', '-' and '_'.")
            % {"identifier": repr(identifier)}
        )
    if Image.objects.filter(identifier=identifier).exists():
        raise ValidationError(
            _("The identifier %(identifier)s is already taken by another image.")
            % {"identifier": identifier}
        )
    with transaction.atomic():
        has_primary = artwork.images.filter(is_primary=True).exists()
        image = Image(
            artwork=artwork,
            identifier=identifier,
            sha256=facts.sha256,
            original=_store_original(source=path, sha256=facts.sha256, suffix=facts.suffix),
            original_name=(original_name or path.name)[:300],
            format=facts.format,
            width=facts.width,
            height=facts.height,
            bytes=facts.bytes,
            position=artwork.images.count(),
            is_primary=(not has_primary) if is_primary is None else is_primary,
            caption=caption,
            credit=credit,
            rights=rights,
            is_public=is_public,
        )
        if image.is_primary and has_primary:
            artwork.images.filter(is_primary=True).update(is_primary=False)
        audited_save(instance=image, acting_user=acting_user)
        if not build_now:
            from vernissage.images.tasks import pyramid_build_task

            # After the commit: a worker of a broker-backed queue could otherwise pick the
            # task up before the image's row exists.
            transaction.on_commit(partial(pyramid_build_task.enqueue, image.pk))
    if build_now:
        image_build_pyramid(image_id=image.pk)
        image.refresh_from_db()
    return image, True


def image_build_pyramid(*, image_id: int) -> str:
    """Build (or rebuild) the tiled pyramid of one image and mark it ready or failed."""
    image = Image.objects.get(pk=image_id)
    try:
        build_pyramid(image.original_path, image.pyramid_path)
    except Exception as error:  # noqa: BLE001 - any libvips failure is recorded on the image
        Image.objects.filter(pk=image_id).update(
            pyramid_status=Image.Pyramid.FAILED, pyramid_error=str(error)[:2000]
        )
        transaction.on_commit(catalogue_changed)
        return "failed"
    Image.objects.filter(pk=image_id).update(pyramid_status=Image.Pyramid.READY, pyramid_error="")
    # Pages cached while the image was being prepared show the work without it: the
    # catalogue's generation moves on, so the next visitor gets the page with its image.
    transaction.on_commit(catalogue_changed)
    return "ready"


def image_save(*, image: Image, acting_user: Actor) -> Image:
    """Save edits to an image's caption, credit, rights, order or primary flag."""
    with transaction.atomic():
        if image.is_primary:
            Image.objects.filter(artwork_id=image.artwork_id, is_primary=True).exclude(
                pk=image.pk
            ).update(is_primary=False)
        return audited_save(instance=image, acting_user=acting_user)


def image_delete(*, image: Image, acting_user: Actor) -> None:
    """Remove an image from its work; the original and pyramid files go with it."""
    original, pyramid, sha256 = image.original_path, image.pyramid_path, image.sha256
    with transaction.atomic():
        audited_delete(instance=image, acting_user=acting_user)
        transaction.on_commit(lambda: _remove_files(original, pyramid))
        transaction.on_commit(lambda: derivative_cache().forget(sha256=sha256))


def image_discard_files(*, image: Image) -> None:
    """Remove the files stored for an image whose record was not kept (its change was rolled
    back); files that a kept record holds stay."""
    if Image.objects.filter(sha256=image.sha256).exists():
        return
    _remove_files(image.original_path, image.pyramid_path)
    derivative_cache().forget(sha256=image.sha256)


def _remove_files(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
