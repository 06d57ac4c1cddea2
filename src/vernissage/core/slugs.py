from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def slug_base(text: str) -> str:
    """The slug ``text`` gives before any number is added to tell it from another."""
    return slugify(text, allow_unicode=False)[:80].strip("-") or "record"


def unique_slug(*, model: type[models.Model], text: str, exclude_pk: object = None) -> str:
    """A slug made of ``text`` that no other row of ``model`` has (deleted rows included)."""
    base = slug_base(text)
    manager = model._base_manager
    taken = set(
        manager.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
