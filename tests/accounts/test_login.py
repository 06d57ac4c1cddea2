"""Logging in through allauth: by user name or e-mail, no sign-up, the admin included."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.accounts.logins import PASSWORD, log_in


def _logged_in_as(client: Client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return None if user_id is None else User.objects.get(pk=user_id).username


def test_login_page_is_open_to_anonymous_visitors_and_looks_like_the_site(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a class="brand" href="/">Vernissage</a>' in page  # site/base.html around it
    assert 'name="login"' in page
    assert 'name="password"' in page
    assert reverse("account_reset_password") in page
    assert reverse("account_signup") not in page


@pytest.mark.parametrize(
    ("login_case", "login"),
    [("by user name", "registrar"), ("by e-mail", "registrar@gallery.example")],
)
def test_staff_log_in_by_user_name_or_email(
    client: Client, registrar: User, login_case: str, login: str
) -> None:
    response = log_in(client, login)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_as(client) == "registrar"


def test_login_returns_to_the_page_asked_for(client: Client, registrar: User) -> None:
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": "registrar", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wrong_password_is_refused(client: Client, registrar: User) -> None:
    response = log_in(client, "registrar", "not-the-password")
    assert response.status_code == 200
    assert "The username and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert _logged_in_as(client) is None


def test_nobody_can_sign_up(client: Client, db: Any) -> None:
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert "Sign Up Closed" in page.content.decode()
    client.post(
        reverse("account_signup"),
        {
            "username": "intruder",
            "email": "intruder@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert not User.objects.filter(username="intruder").exists()
    assert _logged_in_as(client) is None


def test_admin_login_goes_through_allauth(client: Client, registrar: User) -> None:
    admin_login = client.get("/admin/login/?next=/admin/")
    assert admin_login.status_code == 302
    assert admin_login["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # The admin's own form is not there to post to: posting logs nobody in.
    client.post("/admin/login/?next=/admin/", {"username": "registrar", "password": PASSWORD})
    assert _logged_in_as(client) is None


def test_admin_login_refuses_a_logged_in_person_who_is_not_staff(
    client: Client, stranger: User
) -> None:
    client.force_login(stranger)
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_logout_through_the_site_menu(client: Client, registrar: User) -> None:
    log_in(client, "registrar")
    home = client.get("/").content.decode()
    assert f'action="{reverse("logout")}"' in home
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert _logged_in_as(client) is None


def test_public_pages_stay_public(client: Client, db: Any) -> None:
    for url in ("/", "/artists/", "/works/", reverse("account_reset_password")):
        assert client.get(url).status_code == 200, url


def test_staff_pages_send_anonymous_visitors_to_the_login_page(client: Client, db: Any) -> None:
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


class CountingMD5Hasher(MD5PasswordHasher):
    """The tests' MD5 hasher, counting the passwords it checks."""

    checked = 0

    def verify(self, password: str, encoded: str) -> bool:
        CountingMD5Hasher.checked += 1
        return bool(super().verify(password, encoded))


def test_a_wrong_password_is_checked_once(client: Client, registrar: User, settings: Any) -> None:
    """One slow hash per attempt: a second authentication backend trying again would double
    the work each guess costs the server."""
    settings.PASSWORD_HASHERS = ["tests.accounts.test_login.CountingMD5Hasher"]
    CountingMD5Hasher.checked = 0

    log_in(client, "registrar", "not-the-password")

    assert CountingMD5Hasher.checked == 1
