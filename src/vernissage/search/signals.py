"""The index follows every write, in the writer's transaction.

Signals, not service calls: the admin, the services, the demo loader and the importers all
save through the models, and a record whose document lags behind (a work found by a title it
no longer has, a maker's new name that finds nothing) is the search's bug whoever wrote it.
The index is derived data, like a cache: it is the one kind of thing our signals do.
Bulk ``QuerySet.update()`` bypasses signals; nothing changes searchable fields that way (the
bench writes around them on purpose and rebuilds the index after).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from vernissage.search.indexing import (
    EXHIBITION,
    ORGANIZATION,
    PERSON,
    REVIEW,
    WORK,
    index_records,
    unindex_records,
)


def _works_of_people(person_ids: list[int]) -> list[int]:
    from vernissage.works.models import Creation

    return list(
        Creation.objects.filter(person_id__in=person_ids)
        .values_list("artwork_id", flat=True)
        .distinct()
    )


def _reviews_of_people(person_ids: list[int]) -> list[int]:
    from vernissage.press.models import ReviewAuthor

    return list(
        ReviewAuthor.objects.filter(person_id__in=person_ids)
        .values_list("review_id", flat=True)
        .distinct()
    )


def _person_changed(person_ids: list[int]) -> None:
    index_records(PERSON, person_ids)
    index_records(WORK, _works_of_people(person_ids))
    index_records(REVIEW, _reviews_of_people(person_ids))


def _on_artwork(instance: Any, **_: Any) -> None:
    index_records(WORK, [instance.pk])


def _on_work_part(instance: Any, **_: Any) -> None:
    index_records(WORK, [instance.artwork_id])


def _on_themes(instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # a term's works
        index_records(WORK, list(pk_set or ()))
    else:
        index_records(WORK, [instance.pk])


def _on_series(instance: Any, **_: Any) -> None:
    from vernissage.works.models import Artwork

    index_records(WORK, Artwork.all_objects.filter(series=instance).values_list("pk", flat=True))


def _on_term(instance: Any, **_: Any) -> None:
    from vernissage.works.models import Artwork

    index_records(WORK, Artwork.all_objects.filter(themes=instance).values_list("pk", flat=True))


def _on_person(instance: Any, **_: Any) -> None:
    _person_changed([instance.pk])


def _on_person_part(instance: Any, **_: Any) -> None:
    _person_changed([instance.person_id])


def _on_roles(instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any) -> None:
    if action.startswith("post_") and not reverse:
        index_records(PERSON, [instance.pk])


def _on_place(place_id: int) -> None:
    from vernissage.exhibitions.models import Exhibition
    from vernissage.people.models import Organization, Person

    people = Person.all_objects.filter(birth_place_id=place_id) | Person.all_objects.filter(
        death_place_id=place_id
    )
    index_records(PERSON, people.values_list("pk", flat=True))
    index_records(
        ORGANIZATION,
        Organization.objects.filter(place_id=place_id).values_list("pk", flat=True),
    )
    index_records(
        EXHIBITION,
        Exhibition.all_objects.filter(stops__venue__place_id=place_id).values_list("pk", flat=True),
    )


def _on_place_saved(instance: Any, created: bool = False, **_: Any) -> None:
    if not created:
        _on_place(instance.pk)


def _on_place_name(instance: Any, **_: Any) -> None:
    _on_place(instance.place_id)


def _on_organization(instance: Any, **_: Any) -> None:
    from vernissage.exhibitions.models import Exhibition
    from vernissage.press.models import Review

    index_records(ORGANIZATION, [instance.pk])
    shows = Exhibition.all_objects.filter(organizer=instance).values_list("pk", flat=True)
    stops = Exhibition.all_objects.filter(stops__venue__organization=instance)
    index_records(EXHIBITION, [*shows, *stops.values_list("pk", flat=True)])
    index_records(REVIEW, Review.objects.filter(publication=instance).values_list("pk", flat=True))


def _on_exhibition(instance: Any, **_: Any) -> None:
    index_records(EXHIBITION, [instance.pk])


def _on_exhibition_stop(instance: Any, **_: Any) -> None:
    index_records(EXHIBITION, [instance.exhibition_id])


def _on_review(instance: Any, **_: Any) -> None:
    index_records(REVIEW, [instance.pk])


def _on_review_part(instance: Any, **_: Any) -> None:
    index_records(REVIEW, [instance.review_id])


def _gone(kind: str) -> Any:
    def handler(instance: Any, **_: Any) -> None:
        unindex_records(kind, [instance.pk])

    return handler


_GONE = {kind: _gone(kind) for kind in (WORK, PERSON, ORGANIZATION, EXHIBITION, REVIEW)}


def connect() -> None:
    from vernissage.exhibitions.models import Exhibition, ExhibitionVenue
    from vernissage.people.models import Organization, Person, PersonName, Place, PlaceName
    from vernissage.press.models import Review, ReviewAuthor
    from vernissage.works.models import Artwork, ArtworkTitle, Creation, Series, Term

    saved: list[tuple[Any, Any]] = [
        (Artwork, _on_artwork),
        (Series, _on_series),
        (Term, _on_term),
        (Person, _on_person),
        (Place, _on_place_saved),
        (Organization, _on_organization),
        (Exhibition, _on_exhibition),
        (Review, _on_review),
    ]
    parts: list[tuple[Any, Any]] = [
        (ArtworkTitle, _on_work_part),
        (Creation, _on_work_part),
        (PersonName, _on_person_part),
        (PlaceName, _on_place_name),
        (ExhibitionVenue, _on_exhibition_stop),
        (ReviewAuthor, _on_review_part),
    ]
    for model, handler in saved:
        post_save.connect(handler, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    for model, handler in parts:
        post_save.connect(handler, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for model, kind in (
        (Artwork, WORK),
        (Person, PERSON),
        (Organization, ORGANIZATION),
        (Exhibition, EXHIBITION),
        (Review, REVIEW),
    ):
        post_delete.connect(_GONE[kind], sender=model, dispatch_uid=f"search-del-{kind}")
    m2m_changed.connect(_on_themes, sender=Artwork.themes.through, dispatch_uid="search-themes")
    m2m_changed.connect(_on_roles, sender=Person.roles.through, dispatch_uid="search-roles")
