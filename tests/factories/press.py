"""Publications, critics and reviews made through the services, as every door makes them."""

from __future__ import annotations

from typing import Any

from vernissage.people import services as people
from vernissage.people.models import Organization, Person
from vernissage.press import services
from vernissage.press.models import Review


def publication(name: str = "Le Monde", kind: str = "newspaper", **extra: Any) -> Organization:
    return people.organization_create(acting_user=None, name=name, kind=kind, **extra)


def critic(
    display_name: str = "Sophia Petrova", sort_name: str = "", is_public: bool = True
) -> Person:
    return people.person_create(
        acting_user=None,
        display_name=display_name,
        sort_name=sort_name,
        roles=["critic"],
        is_public=is_public,
    )


def review(title: str = "A painter from Moscow", **extra: Any) -> Review:
    return services.review_create(acting_user=None, title=title, **extra)
