"""One staff account per role for the demo, so that a newcomer can see what each sees."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from vernissage.core.roles import StaffRole
from vernissage.core.services import staff_roles_set


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: StaffRole
    password: str  # empty when the account was made earlier: its password is not known


def demo_accounts_make() -> list[DemoAccount]:
    """An account named after each role (``owner``, ``registrar``, ...) holding that role,
    with a one-time password; accounts that exist already are left as they are."""
    user_model = get_user_model()
    accounts = []
    for role in StaffRole:
        username = role.value.lower()
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            accounts.append(DemoAccount(username, role, ""))
            continue
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_user(username=username, password=password)
        staff_roles_set(user=user, roles=[role], acting_user=None)
        accounts.append(DemoAccount(username, role, password))
    return accounts
