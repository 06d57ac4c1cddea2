"""Who reads what of a work's provenance, on its page and in its Linked Art export.

A private buyer's name reaches only viewers who may see contacts; prices only viewers with
``view_prices``; notes only viewers who may see private records; a private work is the 404 of
an unknown page for everyone else. Asking writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.core.services import staff_roles_set
from vernissage.market.provenance import PartyInput, provenance_event_add, provenance_sale_record

pytestmark = pytest.mark.django_db

#: viewer → (private records, prices, contacts)
VIEWERS: dict[str, tuple[bool, bool, bool]] = {
    "anonymous": (False, False, False),
    "signed in, no role": (False, False, False),
    "Viewer": (False, False, False),
    "Press": (False, False, False),
    "Registrar": (True, False, False),
    "Sales": (True, True, True),
    "Owner": (True, True, True),
}
NAME = "Quiet Buyer"
PRICES = ("24,000", "€")
NOTE = "NOTE-PROVENANCE-SECRET"


def _viewer(client: Client, name: str) -> None:
    if name == "anonymous":
        return
    user = User.objects.create_user(username="someone", password="x")
    if name != "signed in, no role":
        staff_roles_set(user=user, roles=[name], acting_user=None)
    client.force_login(user)


def _provenance(work: Any, artist: Any, buyer: Any) -> None:
    provenance_event_add(
        artwork=work,
        kind="creation",
        parties=[PartyInput(role="to", person=artist)],
        date="2012",
        notes=NOTE,
        acting_user=None,
    )
    provenance_sale_record(
        artwork=work,
        seller_person=artist,
        buyer_person=buyer,
        buyer_private=True,
        date=dt.date(2013, 10, 10),
        price=Decimal("24000"),
        currency="EUR",
        method="purchased at the exhibition",
        acting_user=None,
    )


@pytest.fixture
def works() -> tuple[Any, Any]:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    buyer = PersonFactory(display_name=NAME)
    public = ArtworkFactory(title="Open Work", makers=[(artist, "artist")])
    private = ArtworkFactory(title="Hidden Work", makers=[(artist, "artist")], is_public=False)
    _provenance(public, artist, buyer)
    _provenance(private, artist, buyer)
    return public, private


@pytest.mark.parametrize("viewer", list(VIEWERS))
@pytest.mark.parametrize("page", ["artwork page", "linked art"])
def test_provenance_reaches_only_whom_it_may(
    client: Client, works: tuple[Any, Any], viewer: str, page: str
) -> None:
    private_records, prices, contacts = VIEWERS[viewer]
    _viewer(client, viewer)
    public, private = works

    def url(work: Any) -> str:
        if page == "artwork page":
            return str(work.get_absolute_url())
        return f"/linked-art/works/{work.slug}/provenance.json"

    logged = AuditLog.objects.count()
    response = client.get(url(public))
    assert response.status_code == 200
    text = response.content.decode()
    assert "purchased at the exhibition" in text
    assert (NAME in text) is contacts
    assert ("private collection" in text) is not contacts
    for price in PRICES if page == "artwork page" else ("24000",):
        assert (price in text) is prices, price
    if page == "artwork page":
        assert (NOTE in text) is private_records
    else:
        assert NOTE not in text  # never exported
    hidden = client.get(url(private))
    assert hidden.status_code == (200 if private_records else 404)
    if not private_records:
        unknown = client.get(url(public).replace(public.slug, "no-such-work"))
        assert hidden.content == unknown.content
    assert AuditLog.objects.count() == logged
