from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.models import unreadable_dates
from vernissage.core.text import fold

if TYPE_CHECKING:
    from vernissage.people.models import LifeEvent, Person, Place, Relationship  # noqa: F401


class PersonQuerySet(models.QuerySet["Person"]):
    def alive(self) -> PersonQuerySet:
        return self.filter(deleted_at__isnull=True)

    def public(self) -> PersonQuerySet:
        return self.alive().filter(is_public=True)

    def visible_to(self, viewer: Viewer) -> PersonQuerySet:
        return self.alive() if can_see_private(viewer) else self.public()

    def with_role(self, role: str) -> PersonQuerySet:
        return self.filter(roles__code=role)

    def search(self, query: str) -> PersonQuerySet:
        """Any name of the person, in any script, any case, accents or not."""
        words = fold(query).split()
        result = self
        for word in words:
            result = result.filter(search_names__contains=word)
        return result

    def dates_to_check(self) -> PersonQuerySet:
        """People whose birth or death date was written but could not be read."""
        return self.filter(unreadable_dates(self.model.fuzzy_date_fields))


class PlaceQuerySet(models.QuerySet["Place"]):
    def search(self, query: str) -> PlaceQuerySet:
        """Any name of the place (its own, the gazetteer's, the variants staff added), in any
        script, any case, accents or not."""
        result = self
        for word in fold(query).split():
            result = result.filter(search_names__contains=word)
        return result


class RelationshipQuerySet(models.QuerySet["Relationship"]):
    def visible_to(self, viewer: Viewer) -> RelationshipQuerySet:
        """Ties between people the viewer may see; for the public, public ties between
        public, living records only (a public tie to a private person stays hidden)."""
        ties = self.filter(person__deleted_at__isnull=True).exclude(
            other_person__deleted_at__isnull=False
        )
        if can_see_private(viewer):
            return ties
        return (
            ties.filter(is_public=True, person__is_public=True)
            .exclude(other_person__is_public=False)
            .exclude(organization__is_public=False)
        )

    def visible_ends(
        self, viewer: Viewer
    ) -> tuple[RelationshipQuerySet, frozenset[int], frozenset[int]]:
        """The ties of :meth:`visible_to` in two halves, for reading tens of thousands of them:
        a query on the ties' own columns, and the people and organizations (ids) a tie may not
        end at, read once, for the reader to drop the ties that do. SQLite's joins to both
        people cost twice the reading of 50,000 ties; a test holds the two forms to the same
        ties."""
        from vernissage.people.models import Organization, Person

        hidden_people = frozenset(
            Person.all_objects.exclude(pk__in=Person.objects.visible_to(viewer).values("pk"))
            .order_by()
            .values_list("id", flat=True)
        )
        if can_see_private(viewer):
            return self.all(), hidden_people, frozenset()
        hidden_organizations = frozenset(
            Organization.objects.exclude(
                pk__in=Organization.objects.visible_to(viewer).values("pk")
            )
            .order_by()
            .values_list("id", flat=True)
        )
        return self.filter(is_public=True), hidden_people, hidden_organizations


class LifeEventQuerySet(models.QuerySet["LifeEvent"]):
    def visible_to(self, viewer: Viewer) -> LifeEventQuerySet:
        if can_see_private(viewer):
            return self
        return self.filter(is_public=True).exclude(organization__is_public=False)
