from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.accounts.logins import member_of


@pytest.fixture
def registrar(db: Any) -> User:
    return member_of("Registrar", "registrar")


@pytest.fixture
def sales(db: Any) -> User:
    return member_of("Sales", "sales")


@pytest.fixture
def house_owner(db: Any) -> User:
    """A member of the Owner role (not a superuser)."""
    return member_of("Owner", "patron")
