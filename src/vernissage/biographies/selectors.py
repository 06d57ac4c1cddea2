"""Reads the reader needs from the catalogue."""

from __future__ import annotations

from django.db import DatabaseError


def catalogue_place_names() -> frozenset[str]:
    """The names of the catalogue's places (and their variants), which the reader takes as
    places even where the gazetteer does not know them; none when there is no database yet."""
    from vernissage.people.models import Place

    try:
        return frozenset(Place.objects.values_list("name", flat=True))
    except DatabaseError:
        return frozenset()
