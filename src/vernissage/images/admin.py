from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vernissage.images.ingest import ImageRefused, inspect_image
from vernissage.images.models import Image
from vernissage.images.services import image_add, image_discard_files


class ImageInline(admin.TabularInline):  # type: ignore[type-arg]
    """The pictures of a work: order, primary image, caption, credit and rights per image.
    New pictures are added with the work's "add images" field, which reads them with libvips."""

    model = Image
    extra = 0
    fields = (
        "preview",
        "identifier",
        "position",
        "is_primary",
        "caption",
        "credit",
        "rights",
        "is_public",
        "facts",
    )
    readonly_fields = ("preview", "identifier", "facts")
    can_delete = True

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    @admin.display(description="")
    def preview(self, image: Image) -> str:
        if not image.is_ready:
            return image.get_pyramid_status_display()
        return format_html(
            '<img src="/iiif/3/{}/full/!120,120/0/default.jpg" alt="" loading="lazy">',
            image.identifier,
        )

    @admin.display(description=gettext_lazy("file"))
    def facts(self, image: Image) -> str:
        return _("%(format)s %(width)d × %(height)d, %(megabytes).1f MB") % {
            "format": image.format.upper(),
            "width": image.width,
            "height": image.height,
            "megabytes": image.bytes / 1e6,
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ImageUploadFormMixin(forms.ModelForm):  # type: ignore[type-arg]
    """Adds an "add images" field to a work's admin form; every file is read with libvips
    while the form is checked, so a bad file is named before anything is saved."""

    add_images = MultipleFileField(
        required=False,
        label=gettext_lazy("Add images"),
        help_text=gettext_lazy(
            "JPEG, PNG, TIFF, WebP or AVIF/HEIF; originals are kept as they are."
        ),
    )

    def clean_add_images(self) -> list[UploadedFile[Any]]:
        files: list[UploadedFile[Any]] = self.cleaned_data.get("add_images") or []
        errors: list[str] = []
        for upload in files:
            path, ours = upload_to_path(upload)
            try:
                inspect_image(path, name=upload.name or "")
            except ImageRefused as refused:
                errors.append(str(refused))
            finally:
                if ours:
                    path.unlink(missing_ok=True)
        if errors:
            raise forms.ValidationError(errors)
        return files


def upload_to_path(upload: UploadedFile[Any]) -> tuple[Path, bool]:
    """A file on disk holding the upload, and whether we made it (and must remove it):
    Django keeps large uploads on disk already, small ones in memory."""
    temporary = getattr(upload, "temporary_file_path", None)
    if temporary is not None:
        return Path(temporary()), False
    with tempfile.NamedTemporaryFile(delete=False, suffix=Path(upload.name or "").suffix) as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return Path(out.name), True


def add_uploaded_images(
    *,
    artwork: Any,
    form: forms.BaseForm,
    acting_user: Any,
    on_refusal: Callable[[Callable[[], None]], None],
) -> int:
    """Add the pictures of the form's "add images" field to ``artwork``; returns how many
    were new. A refusal names the field; the files of pictures already stored on the way
    are handed to ``on_refusal`` for removal should the change be rolled back."""
    added = 0
    for upload in form.cleaned_data.get("add_images") or []:
        path, ours = upload_to_path(upload)
        try:
            image, created = image_add(
                artwork=artwork,
                path=path,
                original_name=upload.name or path.name,
                acting_user=acting_user,
            )
        except ValidationError as error:
            raise ValidationError({"add_images": error.error_list}) from error
        finally:
            if ours:
                path.unlink(missing_ok=True)
        if created:
            on_refusal(partial(image_discard_files, image=image))
            added += 1
    return added
