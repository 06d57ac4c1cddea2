"""Reads about people: what a viewer may see, fetched in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from vernissage.core.access import Viewer, can_see_private
from vernissage.people.models import LifeEvent, Person, Relationship, Role


def person_list(*, viewer: Viewer, role: str = "", query: str = "") -> QuerySet[Person]:
    people = Person.objects.visible_to(viewer)
    if role:
        people = people.with_role(role)
    if query:
        people = people.search(query)
    return people.select_related("birth_place").prefetch_related("roles").distinct()


def artist_list(*, viewer: Viewer, query: str = "") -> QuerySet[Person]:
    return person_list(viewer=viewer, role=Role.Code.ARTIST, query=query)


def person_get(*, slug: str, viewer: Viewer) -> Person:
    """A person the viewer may see; anyone else is 404, with no hint that it exists."""
    people = (
        Person.objects.visible_to(viewer)
        .select_related("birth_place", "death_place")
        .prefetch_related("roles", "names", "media", "themes")
    )
    person: Person = get_object_or_404(people, slug=slug)
    return person


def person_get_for_history(*, slug: str, viewer: Viewer) -> Person:
    """A person whose history the viewer may read: one they may see, or a deleted one for
    viewers who may see private records (a deletion is part of the history)."""
    people = Person.all_objects.all() if can_see_private(viewer) else Person.objects.public()
    person: Person = get_object_or_404(people, slug=slug)
    return person


def relationships_for(*, person: Person, viewer: Viewer) -> list[Relationship]:
    """The person's ties from both ends; the public sees public ties to public records only."""
    ties = (
        Relationship.objects.filter(Q(person=person) | Q(other_person=person))
        .visible_to(viewer)
        .select_related("person", "other_person", "organization", "organization__place")
    )
    return list(ties.order_by("start_date_earliest", "kind", "id"))


def life_events_for(*, person: Person, viewer: Viewer) -> QuerySet[LifeEvent]:
    events = person.events.visible_to(viewer).select_related("place", "organization")
    return events.order_by("date_earliest", "id")
