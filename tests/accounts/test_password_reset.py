"""Password reset by e-mail, through a real SMTP server."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.accounts.logins import PASSWORD, log_in

NEW_PASSWORD = "a-brand-new-passphrase-77"


def test_reset_by_email_then_log_in_with_the_new_password(
    client: Client, registrar: User, smtp_inbox: Any, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Galerie Lumière <desk@gallery.example>"

    asked = client.post(reverse("account_reset_password"), {"email": "registrar@gallery.example"})

    assert asked.status_code == 302
    assert asked["Location"] == reverse("account_reset_password_done")
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert smtp_inbox.envelopes[0] == ("desk@gallery.example", ["registrar@gallery.example"])
    assert message["To"] == "registrar@gallery.example"
    assert message["Subject"] == "[Vernissage] Password Reset Email"
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", body)
    assert link is not None, body

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    changed = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert changed.status_code == 302
    assert changed["Location"] == reverse("account_reset_password_from_key_done")

    assert log_in(Client(), "registrar", PASSWORD).status_code == 200  # the old one is gone
    fresh = Client()
    assert log_in(fresh, "registrar", NEW_PASSWORD).status_code == 302
    assert fresh.session["_auth_user_id"] == str(registrar.pk)


def test_reset_link_works_once(client: Client, registrar: User, smtp_inbox: Any) -> None:
    client.post(reverse("account_reset_password"), {"email": "registrar@gallery.example"})
    body = smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    path = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", body).group(1)  # type: ignore[union-attr]
    page = client.get(path, follow=True)
    client.post(page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = Client().get(path, follow=True)

    assert "The password reset link was invalid" in again.content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client: Client, registrar: User, smtp_inbox: Any
) -> None:
    asked = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert asked.status_code == 302
    assert asked["Location"] == reverse("account_reset_password_done")
    assert smtp_inbox.messages == []
