"""Unguessable links: the tokens in RSVP links, QR codes and answer links of invitations.

A token is never stored. It is an HMAC (keyed by the site's secret key) of what the record
holds when the link is issued: its id and the moment of issue. The row keeps only the SHA-256
of the token (``token_hash``), which is how an incoming link finds its row; so the database
alone (a backup, a leak) opens no link, and the background task that e-mails the link, which
runs later and may be retried, makes the same token again from the row without it ever
passing through the task queue's table. Issuing again (a new moment) kills the old link.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

#: 144 bits of HMAC, 24 characters in a URL: unguessable, and short enough for a small QR code.
TOKEN_BYTES = 18
#: Longer input is no token of ours; refused before hashing or any query.
TOKEN_MAX_LENGTH = 64


def issue_moment(now: dt.datetime) -> dt.datetime:
    """A moment of issue that survives any database's round trip (whole seconds)."""
    return now.replace(microsecond=0)


def link_token(*, purpose: str, pk: int, issued: dt.datetime) -> str:
    digest = salted_hmac(
        f"vernissage.exhibitions.links.{purpose}",
        f"{pk}:{issued.astimezone(dt.UTC).isoformat()}",
        algorithm="sha256",
    ).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode("ascii")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(token: str) -> bool:
    return 0 < len(token) <= TOKEN_MAX_LENGTH and all(
        char.isascii() and (char.isalnum() or char in "-_=") for char in token
    )


def absolute_url(path: str) -> str:
    """``path`` on this site as reached from outside (e-mails are written by workers, which
    have no request to ask)."""
    return settings.VERNISSAGE_BASE_URL.rstrip("/") + path


def site_domain() -> str:
    return urlsplit(settings.VERNISSAGE_BASE_URL).hostname or "localhost"


def rsvp_path(token: str) -> str:
    return reverse("site:rsvp", kwargs={"token": token})


def rsvp_calendar_path(token: str) -> str:
    return reverse("site:rsvp-calendar", kwargs={"token": token})


def invitation_answer_path(token: str) -> str:
    return reverse("site:invitation-answer", kwargs={"token": token})
