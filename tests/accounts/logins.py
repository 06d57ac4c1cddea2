"""Staff accounts in roles, the log-in form, and TOTP codes as an authenticator app makes them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

PASSWORD = "a-long-gallery-passphrase-1"


def member_of(role: str, username: str) -> User:
    """A staff account in one of the roles (the Django group of that name)."""
    user = User.objects.create_user(
        username=username, email=f"{username}@gallery.example", password=PASSWORD, is_staff=True
    )
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    return user


def log_in(client: Client, login: str, password: str = PASSWORD, **extra: Any) -> Any:
    """Post the log-in form as a browser would."""
    return client.post(reverse("account_login"), {"login": login, "password": password}, **extra)


def totp_code(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1) of a base32 secret: what the phone shows at time ``at``."""
    counter = int((time.time() if at is None else at) // step)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)
