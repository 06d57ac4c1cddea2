"""The provenance services: events in order, their parties, and what is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.core.services import soft_delete
from vernissage.market.provenance import (
    PartyInput,
    provenance_current_owner,
    provenance_event_add,
    provenance_event_delete,
    provenance_event_move,
    provenance_events,
    provenance_events_reorder,
    provenance_sale_record,
)
from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty

pytestmark = pytest.mark.django_db


def _to(person: Any) -> PartyInput:
    return PartyInput(role="to", person=person)


@pytest.fixture
def artist() -> Any:
    return PersonFactory(display_name="Jacques Kalmurzaev")


@pytest.fixture
def work(artist: Any) -> Any:
    return ArtworkFactory(title="Two Figures", makers=[(artist, "artist")])


def test_events_keep_their_order_when_added_moved_and_deleted(work: Any, artist: Any) -> None:
    buyer = PersonFactory(display_name="Petrov")
    heir = PersonFactory(display_name="Heir")
    creation = provenance_event_add(
        artwork=work, kind="creation", parties=[_to(artist)], acting_user=None
    )
    sale = provenance_event_add(artwork=work, kind="sale", parties=[_to(buyer)], acting_user=None)
    gift = provenance_event_add(
        artwork=work, kind="gift", parties=[_to(heir)], position=1, acting_user=None
    )
    assert [e.pk for e in provenance_events(artwork=work)] == [creation.pk, gift.pk, sale.pk]

    provenance_event_move(event=gift, position=5, acting_user=None)
    assert [(e.pk, e.position) for e in provenance_events(artwork=work)] == [
        (creation.pk, 0),
        (sale.pk, 1),
        (gift.pk, 2),
    ]

    sale_pk = sale.pk
    provenance_event_delete(event=sale, acting_user=None)
    assert [(e.pk, e.position) for e in provenance_events(artwork=work)] == [
        (creation.pk, 0),
        (gift.pk, 1),
    ]
    assert not ProvenanceParty.objects.filter(event_id=sale_pk).exists()
    deleted = AuditLog.objects.filter(
        action="delete", object_id=str(sale_pk), content_type__model="provenanceevent"
    )
    assert deleted.get().changes["kind"] == ["sale", None]

    provenance_events_reorder(artwork=work, order=[gift.pk, creation.pk], acting_user=None)
    assert [e.pk for e in provenance_events(artwork=work)] == [gift.pk, creation.pk]


def test_reorder_refuses_a_partial_order(work: Any, artist: Any) -> None:
    first = provenance_event_add(
        artwork=work, kind="creation", parties=[_to(artist)], acting_user=None
    )
    provenance_event_add(artwork=work, kind="transfer", acting_user=None)
    with pytest.raises(ValidationError, match="exactly once"):
        provenance_events_reorder(artwork=work, order=[first.pk], acting_user=None)


@pytest.mark.parametrize(
    ("_case", "changes", "message"),
    [
        ("sale without a buyer", {"kind": "sale", "parties": []}, "needs the party"),
        ("price without currency", {"price": Decimal("100")}, "currency of the price"),
        ("negative price", {"price": Decimal("-1"), "currency": "EUR"}, "cannot be negative"),
        ("bad currency", {"price": Decimal("1"), "currency": "EURO"}, "ISO 4217"),
        ("currency without price", {"currency": "EUR"}, "without a price"),
        ("party with no one", {"parties": [PartyInput(role="to")]}, "not several, not none"),
    ],
)
def test_nonsense_is_refused_and_nothing_written(
    work: Any, artist: Any, _case: str, changes: dict[str, Any], message: str
) -> None:
    arguments: dict[str, Any] = {"kind": "transfer", "parties": [_to(artist)], **changes}
    logged = AuditLog.objects.count()
    with pytest.raises(ValidationError, match=message):
        provenance_event_add(artwork=work, acting_user=None, **arguments)
    assert not ProvenanceEvent.objects.exists()
    assert not ProvenanceParty.objects.exists()
    assert AuditLog.objects.count() == logged


def test_a_party_both_named_and_unknown_is_refused(work: Any, artist: Any) -> None:
    both = PartyInput(role="to", anonymous="unknown", person=artist)
    with pytest.raises(ValidationError, match="not several"):
        provenance_event_add(artwork=work, kind="gift", parties=[both], acting_user=None)
    assert not ProvenanceEvent.objects.exists()


def test_an_event_on_a_deleted_work_is_refused(work: Any, artist: Any) -> None:
    soft_delete(instance=work, acting_user=None)
    with pytest.raises(ValidationError, match="is deleted"):
        provenance_event_add(artwork=work, kind="creation", parties=[_to(artist)], acting_user=None)
    assert not ProvenanceEvent.objects.exists()


def test_current_owner_is_the_latest_owner_and_a_theft_changes_nothing(
    work: Any, artist: Any
) -> None:
    assert provenance_current_owner(artwork=work) is None
    provenance_event_add(artwork=work, kind="creation", parties=[_to(artist)], acting_user=None)
    buyer = PersonFactory(display_name="Petrov")
    provenance_sale_record(
        artwork=work,
        seller_person=artist,
        buyer_person=buyer,
        date=dt.date(2013, 10, 10),
        price=Decimal("24000"),
        currency="eur",
        acting_user=None,
    )
    provenance_event_add(
        artwork=work,
        kind="loss",
        parties=[PartyInput(role="from", person=buyer)],
        acting_user=None,
    )
    owner = provenance_current_owner(artwork=work)
    assert owner is not None
    assert owner.person == buyer


def test_sale_record_appends_an_audited_sale(work: Any, artist: Any) -> None:
    buyer = PersonFactory(display_name="Quiet Buyer")
    event = provenance_sale_record(
        artwork=work,
        seller_person=artist,
        buyer_person=buyer,
        buyer_private=True,
        date=dt.date(2024, 3, 1),
        price=Decimal("1500.50"),
        currency="usd",
        method="purchased at the exhibition",
        acting_user=None,
    )
    event.refresh_from_db()
    assert (event.kind, event.date, event.date_earliest, event.price, event.currency) == (
        "sale",
        "2024-03-01",
        dt.date(2024, 3, 1),
        Decimal("1500.50"),
        "USD",
    )
    parties = {(p.role, p.person_id, p.name_public) for p in event.parties.all()}
    assert parties == {("from", artist.pk, True), ("to", buyer.pk, False)}
    created = AuditLog.objects.filter(
        object_id=str(event.pk), action="create", content_type__model="provenanceevent"
    )
    assert created.get().changes["price"] == [None, "1500.50"]


def test_sale_record_without_a_buyer_goes_to_a_private_collection(work: Any) -> None:
    event = provenance_sale_record(
        artwork=work, date=dt.date(2024, 3, 1), price=None, acting_user=None
    )
    assert [(p.role, p.anonymous) for p in event.parties.all()] == [("to", "private")]
