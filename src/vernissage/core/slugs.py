from __future__ import annotations

import re

from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
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


#: What Django's ``slug`` path converter accepts: any other slug is left to ``reverse``.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
#: A slug that stands for the real one in a reversed address.
_MARKER = "vernissage-slug-marker"
#: (view name, script prefix, URLconf) → the address's text before and after the slug.
_AROUND_SLUG: dict[tuple[str, str, object], tuple[str, str]] = {}


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})`` for a view whose only argument is a slug,
    without resolving the URLconf each time: the address is reversed once per view (and
    script prefix) around a marker, and the slug put in its place. A list page names some
    170 records, and ``reverse`` takes 12 µs each."""
    key = (name, get_script_prefix(), get_urlconf())
    around = _AROUND_SLUG.get(key)
    if around is None:
        head, marker, tail = reverse(name, kwargs={"slug": _MARKER}).rpartition(_MARKER)
        if not marker:  # a URLconf that rewrites the slug
            return reverse(name, kwargs={"slug": slug})
        around = _AROUND_SLUG[key] = (head, tail)
    if _SLUG.match(slug) is None:
        return reverse(name, kwargs={"slug": slug})  # refuses it as Django does
    return f"{around[0]}{slug}{around[1]}"
