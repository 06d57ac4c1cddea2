from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from vernissage.core.text import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from vernissage.people.models import Person  # noqa: F401


def is_staff(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and getattr(user, "is_staff", False))


class PersonQuerySet(models.QuerySet["Person"]):
    def alive(self) -> PersonQuerySet:
        return self.filter(deleted_at__isnull=True)

    def public(self) -> PersonQuerySet:
        return self.alive().filter(is_public=True)

    def visible_to(self, user: AbstractBaseUser | AnonymousUser | None) -> PersonQuerySet:
        return self.alive() if is_staff(user) else self.public()

    def with_role(self, role: str) -> PersonQuerySet:
        return self.filter(roles__code=role)

    def search(self, query: str) -> PersonQuerySet:
        """Any name of the person, in any script, any case, accents or not."""
        words = fold(query).split()
        result = self
        for word in words:
            result = result.filter(search_names__contains=word)
        return result


class PublicQuerySet(models.QuerySet[Any]):
    def public(self) -> PublicQuerySet:
        return self.filter(is_public=True)

    def visible_to(self, user: AbstractBaseUser | AnonymousUser | None) -> PublicQuerySet:
        return self if is_staff(user) else self.public()
