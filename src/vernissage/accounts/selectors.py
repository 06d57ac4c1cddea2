"""Reads of the sign-in area."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from vernissage.core.roles import TWO_FACTOR_ROLES


def user_needs_two_factor(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this user's role asks for a second factor (superusers always do)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    groups = getattr(user, "groups", None)
    names = [role.value for role in TWO_FACTOR_ROLES]
    return groups is not None and groups.filter(name__in=names).exists()


def user_has_totp(*, user: AbstractBaseUser) -> bool:
    totp = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP)
    return bool(totp.exists())
