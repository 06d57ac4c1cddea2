"""Staff roles: the groups the migration made, and giving and taking them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.test import Client
from tests.factories.works import ArtworkFactory

from vernissage.core import access
from vernissage.core.models import AuditLog
from vernissage.core.roles import ROLES, StaffRole, role_permissions
from vernissage.core.services import staff_role_grant, staff_role_revoke, staff_roles_set


def _names(permissions: Any) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


@pytest.mark.parametrize("role", list(StaffRole), ids=str)
def test_the_migration_made_each_role_as_defined(db: Any, role: StaffRole) -> None:
    group = Group.objects.get(name=role.value)
    assert _names(group.permissions.select_related("content_type")) == _names(
        role_permissions(ROLES[role]).select_related("content_type")
    )


def test_the_owner_holds_every_permission_there_is(db: Any) -> None:
    """An area that adds models must grant their permissions to the roles in a migration."""
    owner = Group.objects.get(name="Owner")
    assert owner.permissions.count() == Permission.objects.count()


def test_what_each_role_may_see(db: Any) -> None:
    seen = {}
    for role in StaffRole:
        user = User.objects.create_user(username=role.value.lower())
        staff_roles_set(user=user, roles=[role], acting_user=None)
        user = User.objects.get(pk=user.pk)
        seen[role] = (
            access.can_see_private(user),
            access.can_see_prices(user),
            access.can_see_contacts(user),
            access.can_see_history(user),
            user.has_perm("works.change_artwork"),
            user.has_perm("exhibitions.change_exhibition"),
            access.can_see_guest_lists(user),
            access.can_check_in(user),
        )
    assert seen == {
        StaffRole.OWNER: (True, True, True, True, True, True, True, True),
        StaffRole.REGISTRAR: (True, False, False, True, True, True, False, False),
        StaffRole.SALES: (True, True, True, True, False, False, True, False),
        StaffRole.PRESS: (False, False, False, False, False, False, True, True),
        StaffRole.VIEWER: (False, False, False, False, False, False, False, False),
    }


def test_granting_a_role_makes_staff_and_is_audited(db: Any, owner: User) -> None:
    clerk = User.objects.create_user(username="clerk")
    assert staff_role_grant(user=clerk, role="registrar", acting_user=owner) == ["Registrar"]
    clerk.refresh_from_db()
    assert clerk.is_staff
    assert list(clerk.groups.values_list("name", flat=True)) == ["Registrar"]
    row = AuditLog.objects.get(object_id=str(clerk.pk))
    assert row.actor == owner
    assert row.changes == {"is_staff": [False, True], "roles": [[], ["Registrar"]]}


def test_the_last_role_taken_away_ends_staff_access(db: Any) -> None:
    clerk = User.objects.create_user(username="clerk")
    staff_roles_set(user=clerk, roles=["Sales", "Press"], acting_user=None)
    staff_role_revoke(user=clerk, role="Sales", acting_user=None)
    clerk.refresh_from_db()
    assert clerk.is_staff
    staff_role_revoke(user=clerk, role="Press", acting_user=None)
    clerk.refresh_from_db()
    assert not clerk.is_staff
    assert not clerk.groups.exists()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda user: staff_role_grant(user=user, role="Janitor", acting_user=None), "no role"),
        (lambda user: staff_role_revoke(user=user, role="Sales", acting_user=None), "does not"),
    ],
    ids=["unknown role", "role not held"],
)
def test_a_wrong_role_is_refused_and_nothing_changes(db: Any, call: Any, message: str) -> None:
    clerk = User.objects.create_user(username="clerk")
    with pytest.raises(ValidationError, match=message):
        call(clerk)
    clerk.refresh_from_db()
    assert not clerk.is_staff
    assert not clerk.groups.exists()
    assert not AuditLog.objects.exists()


def test_a_role_taken_away_takes_effect_on_the_next_request(client: Client, db: Any) -> None:
    artwork = ArtworkFactory(title="The Waiting Line", is_public=False)
    clerk = User.objects.create_user(username="clerk")
    staff_roles_set(user=clerk, roles=["Registrar"], acting_user=None)
    client.force_login(clerk)
    assert client.get(artwork.get_absolute_url()).status_code == 200
    staff_roles_set(user=clerk, roles=[], acting_user=None)
    assert client.get(artwork.get_absolute_url()).status_code == 404
