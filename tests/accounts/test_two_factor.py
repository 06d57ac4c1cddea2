"""TOTP two-factor authentication: optional for staff, required of some roles when asked."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.accounts.logins import PASSWORD, log_in, member_of, totp_code

ACTIVATE = reverse("mfa_activate_totp")
AUTHENTICATE = reverse("mfa_authenticate")


def test_totp_helper_matches_rfc_6238() -> None:
    # RFC 6238 appendix B, SHA-1 secret "12345678901234567890", truncated to six digits.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp_code(secret, at=59, digits=8) == "94287082"
    assert totp_code(secret, at=1111111109, digits=8) == "07081804"
    assert totp_code(secret, at=59) == "287082"


def _enroll(client: Client) -> str:
    """Set up TOTP as a person does: type the password again (allauth asks before a change
    to the account's security), read the secret off the page, type the app's code."""
    page = client.get(ACTIVATE)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    page = client.post(page["Location"], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == ACTIVATE
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content.decode())
    if secret is None:  # the attribute order is the template's business
        secret = re.search(r'value="([A-Z2-7]{32})"', page.content.decode())
    assert secret is not None
    done = client.post(ACTIVATE, {"code": totp_code(secret.group(1))})
    assert done.status_code == 302
    assert done["Location"] == reverse("mfa_view_recovery_codes")
    return secret.group(1)


def test_staff_enroll_totp_then_log_in_with_password_and_code(
    client: Client, registrar: User
) -> None:
    assert log_in(client, "registrar").status_code == 302
    secret = _enroll(client)
    assert Authenticator.objects.filter(user=registrar, type="totp").count() == 1
    client.post(reverse("account_logout"))

    browser = Client()
    first = browser.post(
        "/accounts/login/?next=/admin/", {"login": "registrar", "password": PASSWORD}
    )
    assert first.status_code == 302
    assert first["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in browser.session  # not in yet: the code is missing
    assert browser.get("/admin/").status_code == 302

    wrong = browser.post(AUTHENTICATE, {"code": "000000" if totp_code(secret) != "000000" else "1"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in browser.session

    second = browser.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert second.status_code == 302
    assert second["Location"] == "/admin/"
    assert browser.session["_auth_user_id"] == str(registrar.pk)
    assert browser.get("/admin/").status_code == 200


def test_a_recovery_code_stands_in_for_the_phone(client: Client, registrar: User) -> None:
    log_in(client, "registrar")
    _enroll(client)
    codes = client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"]
    client.post(reverse("account_logout"))

    browser = Client()
    log_in(browser, "registrar")
    used = browser.post(AUTHENTICATE, {"code": codes[0]})

    assert used.status_code == 302
    assert browser.session["_auth_user_id"] == str(registrar.pk)
    browser.post(reverse("account_logout"))
    log_in(browser, "registrar")
    assert browser.post(AUTHENTICATE, {"code": codes[0]}).status_code == 200  # once only


@pytest.fixture
def two_factor_required(settings: Any) -> None:
    settings.VERNISSAGE_REQUIRE_2FA = True


@pytest.mark.parametrize("role_case", ["Owner", "Sales", "superuser"])
def test_owner_sales_and_superusers_are_sent_to_set_up_totp_first(
    client: Client, db: Any, two_factor_required: None, role_case: str
) -> None:
    if role_case == "superuser":
        User.objects.create_superuser("root", "root@gallery.example", PASSWORD)
        login = "root"
    else:
        login = member_of(role_case, "forced").username

    logged_in = log_in(client, login)
    assert logged_in.status_code == 302

    first = client.get("/admin/", follow=True)
    assert first.redirect_chain[0] == (ACTIVATE, 302)
    assert first.status_code == 200
    assert "Your role requires two-factor authentication." in first.content.decode()
    for url in ("/", "/admin/", "/admin/people/person/", "/works/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE, url
    assert client.get(reverse("mfa_index")).status_code == 200  # where setup starts

    _enroll(client)

    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200


def test_a_forced_user_can_still_log_out(client: Client, sales: User, two_factor_required: None):
    log_in(client, "sales")
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_forced_setup_asks_for_the_password_again_first(
    client: Client, sales: User, two_factor_required: None
) -> None:
    log_in(client, "sales")

    response = client.get("/admin/", follow=True)

    assert [url for url, _status in response.redirect_chain] == [
        ACTIVATE,
        f"{reverse('account_reauthenticate')}?next={ACTIVATE.replace('/', '%2F')}",
    ]
    assert response.status_code == 200
    again = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert again.redirect_chain[-1][0] == ACTIVATE
    assert again.status_code == 200


def test_registrars_are_not_forced(client: Client, registrar: User, two_factor_required: None):
    log_in(client, "registrar")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role_case", ["Owner", "Sales", "superuser"])
def test_nobody_is_forced_when_the_setting_is_off(client: Client, db: Any, role_case: str):
    if role_case == "superuser":
        User.objects.create_superuser("root", "root@gallery.example", PASSWORD)
        login = "root"
    else:
        login = member_of(role_case, "free").username
    log_in(client, login)
    assert client.get("/admin/").status_code == 200


def test_anonymous_visitors_are_not_affected(client: Client, db: Any, two_factor_required: None):
    assert client.get("/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
