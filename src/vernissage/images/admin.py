from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html

from vernissage.images.ingest import ImageRefused, inspect_image
from vernissage.images.models import Image
from vernissage.images.services import image_add


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

    @admin.display(description="file")
    def facts(self, image: Image) -> str:
        return f"{image.format.upper()} {image.width} × {image.height}, {image.bytes / 1e6:.1f} MB"


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
        label="Add images",
        help_text="JPEG, PNG, TIFF, WebP or AVIF/HEIF; originals are kept as they are.",
    )

    def clean_add_images(self) -> list[tuple[Path, str, bool]]:
        files: list[UploadedFile[Any]] = self.cleaned_data.get("add_images") or []
        accepted: list[tuple[Path, str, bool]] = []
        errors: list[str] = []
        for upload in files:
            path, ours = upload_to_path(upload)
            try:
                inspect_image(path, name=upload.name or "")
            except ImageRefused as refused:
                errors.append(str(refused))
                if ours:
                    path.unlink(missing_ok=True)
                continue
            accepted.append((path, upload.name or path.name, ours))
        if errors:
            raise forms.ValidationError(errors)
        return accepted


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


def add_uploaded_images(*, artwork: Any, form: forms.BaseForm, acting_user: Any) -> int:
    added = 0
    for path, name, ours in form.cleaned_data.get("add_images") or []:
        try:
            _image, created = image_add(
                artwork=artwork, path=path, original_name=name, acting_user=acting_user
            )
        finally:
            if ours:
                path.unlink(missing_ok=True)
        added += int(created)
    return added
