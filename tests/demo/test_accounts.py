"""The demo's staff accounts: one per role, each seeing what its role may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from vernissage.demo.accounts import demo_accounts_make
from vernissage.demo.loader import WorldSummary

PRIVATE_WORK = "/works/the-waiting-line-jk-2010-001/"


def test_one_account_per_role_each_seeing_what_its_role_may(
    client: Client, world: WorldSummary
) -> None:
    accounts = demo_accounts_make()
    assert [(a.username, a.role.value) for a in accounts] == [
        ("owner", "Owner"),
        ("registrar", "Registrar"),
        ("sales", "Sales"),
        ("press", "Press"),
        ("viewer", "Viewer"),
    ]
    seen = {}
    for account in accounts:
        assert len(account.password) >= 16
        assert client.login(username=account.username, password=account.password)
        seen[account.username] = client.get(PRIVATE_WORK).status_code
        client.logout()
    assert seen == {"owner": 200, "registrar": 200, "sales": 200, "press": 404, "viewer": 404}


def test_accounts_made_earlier_keep_their_passwords(db: Any) -> None:
    demo_accounts_make()
    before = User.objects.get(username="owner").password
    again = demo_accounts_make()
    assert all(account.password == "" for account in again)
    assert User.objects.get(username="owner").password == before
