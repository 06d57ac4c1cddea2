"""Prepared reads: SQL written once per access, the same records as the queryset they stand
for, and never another viewer's rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.access import AskedViewer, Viewer, can_see_private
from vernissage.core.prepared import (
    PreparedRead,
    PreparedReadError,
    PreparedReadMismatch,
    Slots,
    id_list,
    id_list_sql,
)
from vernissage.core.services import staff_roles_set
from vernissage.works.models import Artwork, Creation


def _works_of(viewer: Viewer, slots: Slots) -> QuerySet[Artwork]:
    return (
        Artwork.objects.visible_to(viewer)
        .filter(creations__person_id=slots.id("person"))
        .select_related("series")
        .order_by("title")
    )


def _titles(works: list[Artwork]) -> list[str]:
    return [work.title for work in works]


@pytest.fixture
def registrar(db: Any) -> User:
    user = User.objects.create_user(username="registrar")
    staff_roles_set(user=user, roles=["Registrar"], acting_user=None)
    return user


def test_a_prepared_read_finds_what_its_queryset_finds_for_each_value(db: Any) -> None:
    anna, boris = PersonFactory(display_name="Anna"), PersonFactory(display_name="Boris")
    ArtworkFactory(title="Birch", makers=[(anna, "artist")])
    ArtworkFactory(title="Aspen", makers=[(anna, "artist")])
    ArtworkFactory(title="Cedar", makers=[(boris, "artist")])
    works = PreparedRead("works of", _works_of)

    assert _titles(works.run(viewer=None, person=anna.pk)) == ["Aspen", "Birch"]
    assert _titles(works.run(viewer=None, person=boris.pk)) == ["Cedar"]
    assert works.run(viewer=None, person=0) == []
    # Records as Django makes them: the select_related row attached, no query to reach it.
    (cedar,) = works.run(viewer=None, person=boris.pk)
    with CaptureQueriesContext(connection) as captured:
        assert cedar.series is None
    assert captured.captured_queries == []


def test_each_viewer_gets_the_sql_their_access_answers_for(
    db: Any, registrar: User, staff_without_permissions: User
) -> None:
    """Given one read run for the public, a registrar and a clerk without rights: the
    registrar sees the private work, the clerk and the public do not, and the clerk reuses
    the public's SQL (their answers are the same)."""
    anna = PersonFactory(display_name="Anna")
    ArtworkFactory(title="Aspen", makers=[(anna, "artist")])
    ArtworkFactory(title="Secret", makers=[(anna, "artist")], is_public=False)
    works = PreparedRead("works of", _works_of)

    assert _titles(works.run(viewer=None, person=anna.pk)) == ["Aspen"]
    assert _titles(works.run(viewer=registrar, person=anna.pk)) == ["Aspen", "Secret"]
    assert _titles(works.run(viewer=staff_without_permissions, person=anna.pk)) == ["Aspen"]
    assert _titles(works.run(viewer=None, person=anna.pk)) == ["Aspen"]
    assert len(works._variants["default"]) == 2


def test_a_list_of_ids_is_one_parameter_of_any_length(db: Any) -> None:
    made = [ArtworkFactory(title=f"Work {number:03}") for number in range(30)]
    lines = PreparedRead(
        "makers of",
        lambda viewer, slots: (
            Creation.objects.filter(artwork_id__in=slots.ids("works"))
            .order_by("artwork_id")
            .values_list("artwork_id", "person__display_name")
        ),
    )
    wanted = [work.pk for work in made[::3]]

    rows = lines.run(viewer=None, works=wanted)
    assert [row[0] for row in rows] == wanted
    assert lines.run(viewer=None, works=[]) == []
    with CaptureQueriesContext(connection) as captured:
        lines.run(viewer=None, works=[work.pk for work in made])
    (query,) = [q for q in captured.captured_queries if "works_creation" in q["sql"]]
    assert str(made[-1].pk) in query["sql"]  # the ids, as one value


def test_an_id_list_reads_back_as_the_ids_given_and_takes_only_integers(db: Any) -> None:
    made = [ArtworkFactory(title=f"Work {number}") for number in range(4)]
    wanted = [made[2].pk, made[0].pk]
    assert sorted(Artwork.objects.filter(pk__in=id_list(wanted)).values_list("pk", flat=True)) == (
        sorted(wanted)
    )
    assert not Artwork.objects.filter(pk__in=id_list([])).exists()
    with pytest.raises(ValueError, match="invalid literal"):
        id_list_sql(["1}'; DROP TABLE works_artwork; --"], vendor="postgresql")  # type: ignore[list-item]


def test_a_builder_may_not_read_the_viewer_but_through_the_access_rules(db: Any) -> None:
    def staff_only(viewer: Viewer, slots: Slots) -> QuerySet[Artwork]:
        works = Artwork.objects.filter(pk=slots.id("work"))
        return works if viewer.is_staff else works.none()  # type: ignore[union-attr]

    with pytest.raises(AttributeError, match="only the access rules"):
        PreparedRead("staff only", staff_only).run(viewer=None, work=1)


def test_the_check_catches_a_builder_that_reads_what_its_key_does_not_hold(db: Any) -> None:
    """The tests run with ``VERNISSAGE_PREPARED_CHECK``: a builder that reads a value other
    than its slots (here a title held outside) fails on the run after it changed."""
    wanted = {"title": "Aspen"}
    read = PreparedRead(
        "by a title held outside",
        lambda viewer, slots: Artwork.objects.filter(
            title=wanted["title"], creations__person_id=slots.id("person")
        ),
    )
    read.run(viewer=None, person=1)
    wanted["title"] = "Birch"
    with pytest.raises(PreparedReadMismatch, match="by a title held outside"):
        read.run(viewer=None, person=1)


def test_a_builder_that_prefetches_or_leaves_a_slot_out_is_refused(db: Any) -> None:
    prefetching = PreparedRead(
        "prefetching",
        lambda viewer, slots: Artwork.objects.filter(pk=slots.id("work")).prefetch_related(
            "themes"
        ),
    )
    with pytest.raises(PreparedReadError, match="does not prefetch"):
        prefetching.run(viewer=None, work=1)

    def forgetful(viewer: Viewer, slots: Slots) -> QuerySet[Artwork]:
        slots.id("person")
        return Artwork.objects.filter(pk=slots.id("work"))

    with pytest.raises(PreparedReadError, match="person"):
        PreparedRead("forgetful", forgetful).run(viewer=None, work=1, person=2)


def test_an_asked_viewer_answers_as_the_viewer_and_remembers(registrar: User) -> None:
    asked = AskedViewer(registrar)
    assert can_see_private(asked) is True
    assert asked.answers == {"core.view_private_records": True}
    assert can_see_private(AskedViewer(None)) is False


def test_a_slot_on_a_positive_integer_field_reaches_the_sql(db: Any) -> None:
    """Django drops a condition whose value is out of its field's range: the stand-ins are
    within the range of a positive field (a citation's record id), so the slot stays."""
    from vernissage.biographies.models import Citation

    cited = PreparedRead(
        "citations of a record",
        lambda viewer, slots: Citation.objects.filter(object_id=slots.id("record")),
    )
    assert cited.run(viewer=None, record=1) == []
