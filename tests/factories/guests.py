"""Openings, guests, contacts and invitations to exhibit, for the tests of guest lists, RSVP,
e-mail and invitations.

The venue, exhibition and opening rows are written directly (audited) rather than through
the exhibitions' own creation services, which are written beside these; guests and
invitations go through their services, as every door makes them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from tests.factories.people import PersonFactory
from vernissage.core.services import audited_save, staff_roles_set
from vernissage.exhibitions import guests as guest_services
from vernissage.exhibitions.models import Exhibition, Guest, Opening, Venue
from vernissage.market.models import Contact, ContactTag
from vernissage.people import services as people
from vernissage.people.models import Organization, Person

PARIS = "Europe/Paris"
_numbers = itertools.count(1)


def venue_make(
    name: str = "Galerie Lumière", *, time_zone: str = PARIS, address: str = ""
) -> Venue:
    organization = people.organization_create(
        acting_user=None, name=name, kind=Organization.Kind.GALLERY
    )
    return audited_save(
        instance=Venue(
            organization=organization,
            time_zone=time_zone,
            address=address or "12 rue de Seine\n75006 Paris",
        ),
        acting_user=None,
    )


def exhibition_make(title: str = "Jacques Kalmurzaev: Siberia", **extra: Any) -> Exhibition:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] + f"-{next(_numbers)}"
    return audited_save(
        instance=Exhibition(title=title, slug=slug, kind=Exhibition.Kind.SOLO, **extra),
        acting_user=None,
    )


def opening_make(
    *,
    starts_in: dt.timedelta = dt.timedelta(days=10),
    hours: int = 3,
    capacity: int | None = None,
    rsvp_deadline: dt.datetime | None = None,
    venue: Venue | None = None,
    exhibition: Exhibition | None = None,
    title: str = "",
) -> Opening:
    starts = (timezone.now() + starts_in).replace(microsecond=0)
    return audited_save(
        instance=Opening(
            exhibition=exhibition or exhibition_make(),
            venue=venue or venue_make(),
            title=title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            capacity=capacity,
            rsvp_deadline=rsvp_deadline,
        ),
        acting_user=None,
    )


def guest_make(
    opening: Opening, name: str = "Sophia Petrova", *, email: str = "", party_allowed: int = 1
) -> Guest:
    address = email or re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") + "@guests.example"
    return guest_services.guest_add(
        opening=opening,
        acting_user=None,
        name=name,
        email=address,
        party_allowed=party_allowed,
    )


def contact_make(
    name: str,
    *,
    email: str = "",
    consent: bool = True,
    tags: tuple[ContactTag, ...] = (),
    language: str = "en",
) -> Contact:
    person: Person = PersonFactory(display_name=name, roles=("collector",), is_public=False)
    contact = audited_save(
        instance=Contact(
            person=person,
            email=email
            or re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") + "@contacts.example",
            language=language,
            marketing_consent=consent,
            consent_at=timezone.now() if consent else None,
        ),
        acting_user=None,
    )
    contact.tags.set(tags)
    return contact


def tag_make(name: str = "collectors Paris") -> ContactTag:
    return audited_save(instance=ContactTag(name=name), acting_user=None)


def staff_in(role: str, username: str = "") -> User:
    """A staff account holding one role (``superuser``: a superuser)."""
    if role == "superuser":
        return User.objects.create_superuser(username=username or "root", password="x")
    user = User.objects.create_user(username=username or role.lower(), password="x")
    staff_roles_set(user=user, roles=[role], acting_user=None)
    return user
