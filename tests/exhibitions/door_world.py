"""Openings and guests for the tests of the door, made as rows directly (the services that
build openings and guest lists are tested in their own files)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from itertools import count

from django.contrib.auth.models import User
from django.utils import timezone

from vernissage.core.services import staff_roles_set
from vernissage.core.text import fold
from vernissage.exhibitions.models import Exhibition, Guest, Opening, Venue
from vernissage.people.services import organization_create

_numbers = count(1)


def opening_make(
    *, title: str = "Opening night", zone: str = "Europe/Paris", capacity: int | None = None
) -> Opening:
    number = next(_numbers)
    gallery = organization_create(acting_user=None, name=f"Galerie {number}", kind="gallery")
    venue = Venue.objects.create(organization=gallery, time_zone=zone, capacity=capacity)
    exhibition = Exhibition.objects.create(
        title=f"Exhibition {number}", slug=f"exhibition-{number}"
    )
    starts = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    return Opening.objects.create(
        exhibition=exhibition,
        venue=venue,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
    )


def guest_make(
    opening: Opening,
    name: str,
    *,
    party_allowed: int = 1,
    party_size: int | None = None,
    response: str = Guest.Response.ATTENDING,
    token: str | None = None,
    **extra: object,
) -> Guest:
    """A guest as the RSVP services leave them: folded name, hashed token."""
    return Guest.objects.create(
        opening=opening,
        name=name,
        search_name=fold(name),
        party_allowed=party_allowed,
        party_size=party_allowed if party_size is None else party_size,
        response=response,
        token_hash=hashlib.sha256(token.encode()).hexdigest() if token else "",
        **extra,
    )


def new_token() -> str:
    return secrets.token_urlsafe(32)


def user_with(role: str, username: str = "door") -> User | None:
    """A user for a row of the permission matrix (None: anonymous)."""
    if role == "anonymous":
        return None
    if role == "superuser":
        return User.objects.create_superuser(username=username, password="door-pass-1")
    user = User.objects.create_user(
        username=username, password="door-pass-1", is_staff=role == "staff, no permission"
    )
    if role not in {"signed in, no role", "staff, no permission"}:
        staff_roles_set(user=user, roles=[role], acting_user=None)
    return user
