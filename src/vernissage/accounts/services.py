"""Writes of the sign-in area."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from vernissage.accounts.models import LoginFailure

logger = logging.getLogger(__name__)


def login_failure_record(
    *, login: str, ip_address: str, user_agent: str, refused: bool
) -> LoginFailure:
    """Record (and log) one failed login; ``login`` is the user name or e-mail typed."""
    login = login.strip()[:254]
    user_model = get_user_model()
    user = (
        user_model._default_manager.filter(
            Q(**{f"{user_model.USERNAME_FIELD}__iexact": login}) | Q(email__iexact=login)
        )
        .order_by("pk")
        .first()
        if login
        else None
    )
    with transaction.atomic():
        failure = LoginFailure.objects.create(
            login=login,
            user=user,
            ip_address=ip_address,
            user_agent=user_agent[:300],
            refused=refused,
        )
    logger.warning(
        "Failed login%s for %r (%s) from %s",
        " refused by the rate limit" if refused else "",
        login,
        f"account {user.pk}" if user is not None else "no such account",
        ip_address,
    )
    return failure
