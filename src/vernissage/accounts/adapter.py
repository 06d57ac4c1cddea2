"""Our answers to django-allauth's questions: who may sign up, what a failed login leaves."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest

from vernissage.accounts.services import login_failure_record


def _login_typed(credentials: dict[str, Any]) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Staff accounts are made by the owner; nobody signs up."""
        return False

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Count failures per account, however it was named (user name or e-mail), so that
        switching between the two does not buy more attempts; per name typed otherwise."""
        login = _login_typed(credentials).strip()
        user_model = get_user_model()
        if login:
            user_pk = (
                user_model._default_manager.filter(
                    Q(**{f"{user_model.USERNAME_FIELD}__iexact": login}) | Q(email__iexact=login)
                )
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if user_pk is not None:
                return f"account:{user_pk}"
        return f"login:{login.lower()}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            self._record_failure(request, credentials, refused=True)
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        self._record_failure(request, credentials, refused=False)

    def _record_failure(
        self, request: HttpRequest, credentials: dict[str, Any], *, refused: bool
    ) -> None:
        login_failure_record(
            login=_login_typed(credentials),
            ip_address=self.get_client_ip(request),
            user_agent=self.get_http_user_agent(request),
            refused=refused,
        )
