"""A record's history page: who changed what, when, before and after, parts included."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.models import AuditLog
from vernissage.core.services import staff_roles_set
from vernissage.people import services as people
from vernissage.people.models import Person


@pytest.fixture
def registrar(db: Any) -> User:
    user = User.objects.create_user(username="mila", first_name="Mila", password="x")
    staff_roles_set(user=user, roles=["Registrar"], acting_user=None)
    return user


def test_history_shows_who_when_and_before_after_of_the_record_and_its_parts(
    client: Client, registrar: User
) -> None:
    moscow = people.place_resolve(name="Moscow", acting_user=None)
    person = people.person_create(
        acting_user=registrar, display_name="Ana Kalmurzaev", is_public=True, notes="quiet"
    )
    person.birth_date = "c. 1990"
    person.birth_place = moscow
    people.person_save(person=person, acting_user=registrar)
    people.person_name_save(
        name=person.names.model(person=person, name="Анна Калмурзаева", language="ru"),
        acting_user=None,
    )
    client.force_login(registrar)
    response = client.get(person.get_history_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "History of Ana Kalmurzaev" in page
    assert "mila" in page
    assert "the system" in page
    assert "c. 1990" in page
    assert '<span class="after">Moscow, RU</span>' in page  # a place by name, not id
    assert "Анна Калмурзаева" in page  # a part of the record: a name added later
    assert "quiet" in page  # the registrar may read private notes


def test_history_pages_cost_the_same_queries_however_long(
    client: Client, registrar: User, django_assert_num_queries: Any
) -> None:
    person = PersonFactory(display_name="Jacques Kalmurzaev")
    client.force_login(registrar)
    client.get(person.get_history_url())  # the kept permissions warm up
    with django_assert_num_queries(5) as short:
        response = client.get(person.get_history_url())
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 2  # the header and one change
    for year in range(1990, 2010):
        person.birth_date = str(year)
        people.person_save(person=person, acting_user=registrar)
    with django_assert_num_queries(len(short.captured_queries)):
        response = client.get(person.get_history_url())
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 22


def test_a_deleted_record_keeps_its_history_for_staff(client: Client, registrar: User) -> None:
    artwork = ArtworkFactory(title="The Assembly")
    from vernissage.works import services as works

    works.artwork_delete(artwork=artwork, acting_user=registrar)
    client.force_login(registrar)
    response = client.get(artwork.get_history_url())
    assert response.status_code == 200
    assert "Deleted" in response.content.decode()


def test_the_admin_history_button_opens_the_history_page(client: Client, registrar: User) -> None:
    person = PersonFactory(display_name="Romy Kalmurzaev")
    client.force_login(registrar)
    response = client.get(f"/admin/people/person/{person.pk}/history/")
    assert response.status_code == 302
    assert response["Location"] == person.get_history_url()


def test_the_staff_view_of_a_page_links_its_history(client: Client, registrar: User) -> None:
    person = PersonFactory(display_name="Romy Kalmurzaev")
    assert person.get_history_url() not in client.get(person.get_absolute_url()).content.decode()
    client.force_login(registrar)
    assert person.get_history_url() in client.get(person.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_rows_their_record() -> None:
    executor = MigrationExecutor(connection)
    before = [("core", "0004_auditlog_record")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    content_type = old.get_model("contenttypes", "ContentType")
    audit = old.get_model("core", "AuditLog")
    person_type = content_type.objects.get(app_label="people", model="person")
    name_type = content_type.objects.get(app_label="people", model="personname")
    audit.objects.create(
        action="create", content_type=person_type, object_id="7", object_repr="Ana"
    )
    audit.objects.create(
        action="delete",
        content_type=name_type,
        object_id="3",
        object_repr="Анна",
        changes={"person_id": [7, None], "name": ["Анна", None]},
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([("core", "0005_auditlog_record_backfill")])
        rows = {
            row.object_repr: (row.record_type.model, row.record_id)
            for row in AuditLog.objects.select_related("record_type")
        }
        assert rows == {"Ana": ("person", "7"), "Анна": ("person", "7")}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Person.objects.count() == 0
