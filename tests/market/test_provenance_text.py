"""The provenance text, AAM style, in its staff and public renderings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from tests.factories.exhibitions import place
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.market.provenance import (
    PartyInput,
    provenance_event_add,
    provenance_events,
    provenance_sale_record,
)
from vernissage.market.provenance_text import provenance_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain() -> Any:
    """Made, sold at the show to a buyer who wants no publicity, given to a museum; then a
    gap; possibly a private collection; lost; restituted."""
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    buyer = PersonFactory(display_name="Petrov")
    heir = PersonFactory(display_name="Anna Petrova")
    stranger = PersonFactory(display_name="Somebody Else")
    paris = place("Paris", "FR")
    work = ArtworkFactory(title="Two Figures", makers=[(artist, "artist")])
    add = provenance_event_add
    add(
        artwork=work,
        kind="creation",
        parties=[PartyInput(role="to", person=artist)],
        date="2012",
        source="Artist's studio book",
        acting_user=None,
    )
    provenance_sale_record(
        artwork=work,
        seller_person=artist,
        buyer_person=buyer,
        buyer_private=True,
        date=dt.date(2013, 10, 10),
        place=paris,
        price=Decimal("24000"),
        currency="EUR",
        method="purchased at the exhibition",
        source="Invoice 2013-0001",
        acting_user=None,
    )
    add(
        artwork=work,
        kind="inheritance",
        parties=[PartyInput(role="to", person=heir)],
        date="c. 2030",
        certainty="probable",
        notes="SECRET-NOTE heirs disagree",
        acting_user=None,
    )
    add(
        artwork=work,
        kind="sale",
        parties=[
            PartyInput(role="from", person=stranger),
            PartyInput(role="to", anonymous="private"),
        ],
        date="by 2040",
        certainty="possible",
        source="Invoice 2013-0001",
        acting_user=None,
    )
    add(
        artwork=work,
        kind="loss",
        parties=[PartyInput(role="from", anonymous="private")],
        date="2041",
        acting_user=None,
    )
    add(
        artwork=work,
        kind="restitution",
        parties=[PartyInput(role="to", person=heir)],
        date="2045",
        acting_user=None,
    )
    return work


def test_staff_text_names_everyone_with_prices_and_notes(chain: Any) -> None:
    with translation.override("en"):
        text = provenance_text(
            provenance_events(artwork=chain), names=True, prices=True, notes=True
        )
    assert text.text == (
        "Jacques Kalmurzaev, 2012 [1]; "
        "Petrov, Paris, 2013-10-10, purchased at the exhibition, for €24,000.00 [2]; "
        "probably Anna Petrova, c. 2030, by descent. "
        "Possibly private collection, by 2040, by purchase [2]; "
        "lost or stolen from private collection, 2041; "
        "Anna Petrova, 2045, by restitution."
    )
    assert text.references == [(1, "Artist's studio book"), (2, "Invoice 2013-0001")]
    assert text.notes == [("3. inheritance", "SECRET-NOTE heirs disagree")]


def test_public_text_hides_prices_private_buyers_and_notes(chain: Any) -> None:
    with translation.override("en"):
        text = provenance_text(
            provenance_events(artwork=chain), names=False, prices=False, notes=False
        )
    assert text.text.startswith(
        "Jacques Kalmurzaev, 2012 [1]; private collection, Paris, 2013-10-10, "
        "purchased at the exhibition [2]; probably Anna Petrova"
    )
    assert "Petrov," not in text.text
    assert "24" not in text.text.replace("2045", "")
    assert "€" not in text.text
    assert text.notes == []


def test_a_private_person_is_a_private_collection_in_public(chain: Any) -> None:
    hidden = PersonFactory(display_name="Hidden Collector", is_public=False)
    provenance_event_add(
        artwork=chain,
        kind="gift",
        parties=[PartyInput(role="to", person=hidden)],
        acting_user=None,
    )
    public = provenance_text(
        provenance_events(artwork=chain), names=False, prices=False, notes=False
    )
    staff = provenance_text(provenance_events(artwork=chain), names=True, prices=False, notes=False)
    assert "Hidden Collector" not in public.text
    assert public.text.endswith("; private collection, by gift.")
    assert staff.text.endswith("; Hidden Collector, by gift.")


def test_prices_follow_the_readers_locale(chain: Any) -> None:
    events = provenance_events(artwork=chain)
    french = provenance_text(events, names=True, prices=True, notes=False, language="fr")
    assert "24\u202f000,00\u00a0€" in french.text


def test_an_unknown_seller_breaks_the_chain() -> None:
    artist = PersonFactory(display_name="Romy")
    work = ArtworkFactory(makers=[(artist, "artist")])
    provenance_event_add(
        artwork=work,
        kind="creation",
        parties=[PartyInput(role="to", person=artist)],
        acting_user=None,
    )
    provenance_event_add(
        artwork=work,
        kind="sale",
        parties=[
            PartyInput(role="from", anonymous="unknown"),
            PartyInput(role="to", person=PersonFactory(display_name="Later Owner")),
        ],
        date="1990s",
        acting_user=None,
    )
    text = provenance_text(provenance_events(artwork=work), names=True, prices=True, notes=True)
    assert text.text == "Romy. Later Owner, 1990s, by purchase."
