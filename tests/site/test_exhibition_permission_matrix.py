"""Who sees what on the exhibition pages and in their PDFs, for every kind of viewer.

The pattern of ``test_permission_matrix.py``: private shows, private works on a public show,
their lender and their prices exist; viewers who may not see them get the very 404 an
unknown show gets, and nothing private reaches their page, their PDF or the headers; prices
reach only viewers who may see prices; asking changes nothing.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pypdf import PdfReader
from tests.factories.exhibitions import ExhibitionFactory, venue
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.models import AuditLog
from vernissage.core.services import staff_roles_set
from vernissage.exhibitions import services
from vernissage.exhibitions.models import Exhibition

#: Only in private records: none may reach a viewer who may not see private records.
SECRETS = (
    "Secret Show",
    "secret-show",
    "NOTE-SHOW-SECRET",
    "Private Loan",
    "Hidden Collector",
    "on view",
    "On view",
)
#: Only for viewers who may see prices.
PRICES = ("EUR", "4,500", "99,999", "Price list")

#: viewer → (sees private records, sees prices)
VIEWERS: dict[str, tuple[bool, bool]] = {
    "anonymous": (False, False),
    "signed in, no role": (False, False),
    "staff, no permission": (False, False),
    "Viewer": (False, False),
    "Press": (False, False),
    "Registrar": (True, False),
    "Sales": (True, True),
    "Owner": (True, True),
    "superuser": (True, True),
}


@dataclass
class World:
    artist: Any
    public_work: Any
    public_show: Exhibition
    secret_show: Exhibition


@pytest.fixture
def world(db: Any) -> World:
    artist = PersonFactory(display_name="Romy Open")
    collector = PersonFactory(display_name="Hidden Collector", is_public=False)
    public_work = ArtworkFactory(title="Open Work", makers=[(artist, "artist")])
    loan = ArtworkFactory(title="Private Loan", makers=[(artist, "artist")], is_public=False)
    public_show = ExhibitionFactory(title="Open Show", notes="NOTE-SHOW-SECRET")
    secret_show = ExhibitionFactory(title="Secret Show", is_public=False)
    gallery = venue()
    for show in (public_show, secret_show):
        services.exhibition_stop_add(acting_user=None, exhibition=show, venue=gallery)
    services.checklist_add(
        acting_user=None,
        exhibition=public_show,
        artwork=public_work,
        status="on_view",
        price=Decimal("4500"),
        currency="EUR",
    )
    services.checklist_add(
        acting_user=None,
        exhibition=public_show,
        artwork=loan,
        lender_person=collector,
        status="on_view",
        price=Decimal("99999"),
        currency="EUR",
    )
    services.checklist_add(acting_user=None, exhibition=secret_show, artwork=public_work)
    return World(artist, public_work, public_show, secret_show)


def _viewer(client: Client, name: str) -> None:
    if name == "anonymous":
        return
    if name == "superuser":
        user = User.objects.create_superuser(username="root", password="x")
    else:
        user = User.objects.create_user(
            username="someone", password="x", is_staff=name == "staff, no permission"
        )
        if name not in {"signed in, no role", "staff, no permission"}:
            staff_roles_set(user=user, roles=[name], acting_user=None)
    client.force_login(user)


def _readable(response: Any) -> str:
    """What a person can read of the answer: a PDF's text, a page's HTML, and the headers."""
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    if response.get("Content-Type") == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages) + headers
    return str(response.content.decode(errors="replace")) + headers


def _found(response: Any, words: tuple[str, ...]) -> list[str]:
    """The words that stand as words in the answer: "EUR" inside a random CSRF token or
    session key (as once failed CI) is no price."""
    text = _readable(response)
    return [
        word
        for word in words
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text)
    ]


def _same_404(client: Client, response: Any, unknown: str) -> None:
    assert response.status_code == 404
    assert response.content == client.get(unknown).content


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_exhibition_permission_matrix(client: Client, world: World, viewer: str) -> None:
    sees_private, sees_prices = VIEWERS[viewer]
    _viewer(client, viewer)
    rows_before = AuditLog.objects.count()
    public, secret = world.public_show.get_absolute_url(), world.secret_show.get_absolute_url()

    # Public pages and the public show's checklist: always there, private parts only with
    # the right, prices only with view_prices.
    for url in (
        "/",
        "/exhibitions/",
        public,
        f"{public}checklist.pdf",
        world.public_work.get_absolute_url(),
        world.artist.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if not sees_private:
            assert _found(response, SECRETS) == [], url
        if not sees_prices:
            assert _found(response, PRICES) == [], url
    checklist = client.get(f"{public}checklist.pdf")
    assert _found(checklist, ("EUR",)) == []  # the checklist never has prices
    assert ("Hidden Collector" in _readable(checklist)) is sees_private

    # The private show, its checklist and any price list.
    private_urls = {
        secret: "/exhibitions/no-such-show/",
        f"{secret}checklist.pdf": "/exhibitions/no-such-show/checklist.pdf",
    }
    for url, unknown in private_urls.items():
        response = client.get(url)
        if sees_private:
            assert response.status_code == 200, url
            assert "Secret Show" in _readable(response)
        else:
            _same_404(client, response, unknown)
            assert _found(response, SECRETS) == [], url
    for url in (f"{public}price-list.pdf", f"{secret}price-list.pdf"):
        response = client.get(url)
        if sees_prices:
            assert response.status_code == 200, url
            assert response["Cache-Control"] == "private, no-store"
            assert "Price list" in _readable(response)
            assert ("EUR 4,500" in _readable(response)) is (url.startswith(public))
        else:
            _same_404(client, response, "/exhibitions/no-such-show/price-list.pdf")

    # What a viewer with the right sees, so that the checks above can fail.
    page = client.get(public).content.decode()
    assert ("Private Loan" in page) is sees_private
    assert ("lent by Hidden Collector" in page) is sees_private
    assert ("EUR 4,500" in page) is sees_prices
    work_page = client.get(world.public_work.get_absolute_url()).content.decode()
    assert ("Secret Show" in work_page) is sees_private
    assert ("Secret Show" in client.get("/exhibitions/").content.decode()) is sees_private

    # A deleted show is gone for everyone.
    services.exhibition_delete(exhibition=world.secret_show, acting_user=None)
    rows_before += 1
    _same_404(client, client.get(secret), "/exhibitions/no-such-show/")

    assert AuditLog.objects.count() == rows_before  # looking changed nothing


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_exhibition_admin_matrix(client: Client, world: World, viewer: str) -> None:
    """The admin lists exhibitions to staff who may view them, private ones and notes only to
    those who may see private records, and the checklist's prices only with view_prices."""
    sees_private, sees_prices = VIEWERS[viewer]
    _viewer(client, viewer)
    listing = client.get("/admin/exhibitions/exhibition/")
    change = client.get(f"/admin/exhibitions/exhibition/{world.public_show.pk}/change/")
    secret = client.get(f"/admin/exhibitions/exhibition/{world.secret_show.pk}/change/")
    if viewer in {"anonymous", "signed in, no role"}:
        for response in (listing, change, secret):
            assert response.status_code == 302
            assert "login" in response["Location"]
        return
    if viewer == "staff, no permission":
        for response in (listing, change, secret):
            assert response.status_code == 403
        return
    assert listing.status_code == 200
    assert change.status_code == 200
    listed, form = listing.content.decode(), change.content.decode()
    assert "Open Show" in listed
    assert ("Secret Show" in listed) is sees_private
    assert ("NOTE-SHOW-SECRET" in form) is sees_private
    assert ("4500" in form) is sees_prices
    assert ("Hidden Collector" in form) is sees_private
    assert secret.status_code == (200 if sees_private else 302)
