"""Staff permissions are kept between requests, and forgotten as soon as access changes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.factories.works import ArtworkFactory

from vernissage.core.services import staff_roles_set


def _permission_queries(captured: CaptureQueriesContext) -> int:
    return sum("auth_permission" in query["sql"] for query in captured.captured_queries)


def test_a_second_request_reads_no_permission_from_the_database(client: Client, db: Any) -> None:
    artwork = ArtworkFactory(title="The Waiting Line", is_public=False)
    clerk = User.objects.create_user(username="clerk")
    staff_roles_set(user=clerk, roles=["Registrar"], acting_user=None)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as first:
        assert client.get(artwork.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(artwork.get_absolute_url()).status_code == 200
    assert _permission_queries(first) == 2
    assert _permission_queries(second) == 0


def test_a_groups_permissions_edited_anywhere_take_effect_on_the_next_request(
    client: Client, db: Any
) -> None:
    """Not through the role services: the group edited directly, as the admin's Groups page
    does."""
    artwork = ArtworkFactory(title="The Waiting Line", is_public=False)
    clerk = User.objects.create_user(username="clerk")
    staff_roles_set(user=clerk, roles=["Registrar"], acting_user=None)
    client.force_login(clerk)
    assert client.get(artwork.get_absolute_url()).status_code == 200
    Group.objects.get(name="Registrar").permissions.remove(
        Permission.objects.get(codename="view_private_records")
    )
    assert client.get(artwork.get_absolute_url()).status_code == 404
    clerk.user_permissions.add(Permission.objects.get(codename="view_private_records"))
    assert client.get(artwork.get_absolute_url()).status_code == 200
    clerk.is_active = False
    clerk.save()
    assert client.get(artwork.get_absolute_url()).status_code == 404


def test_signing_in_keeps_everyone_elses_permissions(client: Client, db: Any) -> None:
    """A sign-in saves the account's last_login: that is no change of access, and moving the
    generation on every sign-in would throw away every staff member's kept permissions."""
    from vernissage.core.generation import access_generation

    clerk = User.objects.create_user(username="clerk", password="a long pass phrase")
    staff_roles_set(user=clerk, roles=["Registrar"], acting_user=None)
    before = access_generation()
    assert client.login(username="clerk", password="a long pass phrase")
    assert access_generation() == before
    clerk.is_active = False
    clerk.save()
    assert access_generation() > before
