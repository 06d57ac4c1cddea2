"""Failed logins: the ninth in a row is refused, and every one is recorded and logged."""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

import pytest
import redis
from django.contrib.auth.models import Permission, User
from django.db import connection as db_connection
from django.test import Client

from tests.accounts.logins import PASSWORD, log_in, member_of
from vernissage.accounts.models import LoginFailure

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
REFUSED = "Too many failed login attempts. Try again later."


def _fail(client: Client, login: str, times: int, ip: str = "192.0.2.10") -> None:
    for _ in range(times):
        response = log_in(client, login, "wrong-password", REMOTE_ADDR=ip)
        assert response.status_code == 200
        assert REFUSED not in response.content.decode()


def test_ninth_attempt_after_eight_failures_is_refused_even_with_the_right_password(
    client: Client, registrar: User
) -> None:
    _fail(client, "registrar", 8)

    response = log_in(client, "registrar", PASSWORD, REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session
    failures = list(LoginFailure.objects.order_by("at", "id"))
    assert [(f.login, f.user, f.ip_address, f.refused) for f in failures] == [
        ("registrar", registrar, "192.0.2.10", False)
    ] * 8 + [("registrar", registrar, "192.0.2.10", True)]


def test_failures_count_per_account_whichever_name_is_typed(
    client: Client, registrar: User
) -> None:
    for number in range(8):
        login = "registrar" if number % 2 else "registrar@gallery.example"
        _fail(client, login, 1, ip=f"198.51.100.{number + 1}")

    response = log_in(client, "REGISTRAR", PASSWORD, REMOTE_ADDR="203.0.113.99")

    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_count_per_address_across_accounts(client: Client, registrar: User) -> None:
    for number in range(8):
        _fail(client, f"guess{number}", 1, ip="192.0.2.77")

    refused = log_in(client, "registrar", PASSWORD, REMOTE_ADDR="192.0.2.77")
    elsewhere = Client()
    allowed = log_in(elsewhere, "registrar", PASSWORD, REMOTE_ADDR="192.0.2.78")

    assert REFUSED in refused.content.decode()
    assert allowed.status_code == 302
    assert LoginFailure.objects.filter(user=None).count() == 8


def test_a_successful_login_does_not_wipe_the_count(client: Client, registrar: User) -> None:
    _fail(client, "registrar", 7)
    assert log_in(Client(), "registrar", PASSWORD, REMOTE_ADDR="192.0.2.10").status_code == 302
    _fail(client, "registrar", 1)

    response = log_in(client, "registrar", PASSWORD, REMOTE_ADDR="192.0.2.10")

    assert REFUSED in response.content.decode()


def test_seven_failures_still_let_the_right_password_in(client: Client, registrar: User) -> None:
    _fail(client, "registrar", 7)
    assert log_in(client, "registrar", PASSWORD, REMOTE_ADDR="192.0.2.10").status_code == 302


def test_each_failure_is_logged(
    client: Client, registrar: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="vernissage.accounts"):
        _fail(client, "registrar", 1)
        _fail(client, "nobody-here", 1)
    assert [record.getMessage() for record in caplog.records] == [
        f"Failed login for 'registrar' (account {registrar.pk}) from 192.0.2.10",
        "Failed login for 'nobody-here' (no such account) from 192.0.2.10",
    ]


def test_failed_logins_show_in_the_admin_to_staff_with_the_permission(
    client: Client, registrar: User, staff_without_permissions: User
) -> None:
    _fail(client, "registrar", 2)
    url = "/admin/accounts/loginfailure/"
    watcher = member_of("Owner", "watcher")
    watcher.user_permissions.add(Permission.objects.get(codename="view_loginfailure"))

    client.force_login(staff_without_permissions)
    assert client.get(url).status_code == 403
    client.force_login(watcher)
    page = client.get(url)
    detail = client.get(f"{url}{LoginFailure.objects.first().pk}/change/")  # type: ignore[union-attr]

    assert page.status_code == 200
    assert page.content.decode().count('<td class="field-ip_address">192.0.2.10</td>') == 2
    assert detail.status_code == 200
    assert client.get(f"{url}add/").status_code == 403


@pytest.mark.parametrize("cache_case", ["database", "redis"])
def test_the_limit_holds_in_the_shared_cache(
    client: Client, registrar: User, settings: Any, cache_case: str
) -> None:
    """Whichever shared cache is configured (so that every server worker sees the same
    count), the ninth attempt is refused."""
    prefix = f"vernissage-test-{secrets.token_hex(8)}"
    settings.CACHES = {
        "default": (
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": prefix,
            }
            if cache_case == "redis"
            else {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "vernissage_cache",
                "KEY_PREFIX": prefix,
            }
        )
    }
    try:
        _fail(client, "registrar", 8)
        response = log_in(client, "registrar", PASSWORD, REMOTE_ADDR="192.0.2.10")
        assert REFUSED in response.content.decode()
        assert any(prefix in key for key in _stored_keys(cache_case, prefix))
    finally:
        if cache_case == "redis":
            connection = redis.Redis.from_url(REDIS_URL)
            for key in connection.scan_iter(f"{prefix}:*"):
                connection.delete(key)


def _stored_keys(cache_case: str, prefix: str) -> list[str]:
    if cache_case == "redis":
        connection = redis.Redis.from_url(REDIS_URL)
        return [key.decode() for key in connection.scan_iter(f"{prefix}:*")]
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM vernissage_cache")
        return [row[0] for row in cursor.fetchall()]
