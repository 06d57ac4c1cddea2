from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from vernissage.demo.loader import WorldSummary, world_load

pytest_plugins = ["tests.ci_guard"]


@pytest.fixture
def owner(db: Any) -> User:
    """The house's owner: a superuser."""
    return User.objects.create_superuser(username="owner", password="owner-pass-1")


@pytest.fixture
def staff(db: Any) -> User:
    """Gallery staff: may use the admin, with the catalogue permissions."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user(username="staff", password="staff-pass-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["people", "works", "core"])
    )
    return user


@pytest.fixture
def staff_without_permissions(db: Any) -> User:
    return User.objects.create_user(username="clerk", password="clerk-pass-1", is_staff=True)


@pytest.fixture
def stranger(db: Any) -> User:
    """A logged-in person with no staff rights: sees only what the public sees."""
    return User.objects.create_user(username="stranger", password="stranger-pass-1")


@pytest.fixture
def world(db: Any) -> WorldSummary:
    """The Kalmurzaev world of the seed stories, built through the services."""
    return world_load()


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    """Per-process caches key on the catalogue's generation, which moves on commit; tests
    run in transactions that never commit, so each test starts with empty caches."""
    from vernissage.images import selectors
    from vernissage.site.page_cache import pages

    selectors.public_images.clear()
    pages.clear()
