"""A sale writes the provenance, and the provenance proves the sale: confirming a sale adds
each work's sale event in the same transaction; cancelling it takes the event back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from tests.factories.market import buyer_make, sale_make, work_make
from tests.factories.people import PersonFactory
from vernissage.market import sales
from vernissage.market.provenance import (
    PartyInput,
    provenance_current_owner,
    provenance_event_add,
    provenance_events,
    provenance_for,
)
from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty

pytestmark = pytest.mark.django_db


def test_confirming_a_sale_writes_the_sale_into_the_provenance_from_the_artist() -> None:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    work = work_make(makers=[(artist, "artist")])
    buyer = buyer_make("Hélène Marchand")
    sale = sale_make(buyer=buyer, works=(work,), price=Decimal("24000"), discount=Decimal("10"))

    sales.sale_confirm(sale=sale, acting_user=None)

    [event] = provenance_events(artwork=work)
    assert (event.kind, event.sale_id, event.price, event.currency) == (
        ProvenanceEvent.Kind.SALE,
        sale.pk,
        Decimal("21600.00"),  # the line's net, after the discount
        "EUR",
    )
    parties = {party.role: party for party in event.party_list}
    assert parties[ProvenanceParty.Role.FROM].person == artist
    assert parties[ProvenanceParty.Role.TO].person == buyer.person
    assert parties[ProvenanceParty.Role.TO].name_public is False
    owner = provenance_current_owner(artwork=work)
    assert owner is not None
    assert owner.person == buyer.person
    # The public reads a private collection, and no price.
    public = provenance_for(artwork=work, viewer=AnonymousUser()).text
    assert "Hélène Marchand" not in public
    assert "21" not in public
    assert "private collection" in public.lower()


def test_the_seller_is_the_owner_the_provenance_knows() -> None:
    work = work_make()
    petrov = PersonFactory(display_name="Viktor Petrov")
    provenance_event_add(
        artwork=work,
        kind=ProvenanceEvent.Kind.SALE,
        parties=[PartyInput(role=ProvenanceParty.Role.TO, person=petrov)],
        date="2013",
        acting_user=None,
    )
    sale = sale_make(works=(work,))

    sales.sale_confirm(sale=sale, acting_user=None)

    last = provenance_events(artwork=work)[-1]
    assert {party.role: party.person for party in last.party_list}[ProvenanceParty.Role.FROM] == (
        petrov
    )


def test_cancelling_a_confirmed_sale_takes_its_provenance_back() -> None:
    work = work_make()
    sale = sale_make(works=(work,))
    sales.sale_confirm(sale=sale, acting_user=None)
    assert ProvenanceEvent.objects.filter(artwork=work).count() == 1

    sales.sale_cancel(sale=sale, reason="The buyer changed her mind.", acting_user=None)

    assert ProvenanceEvent.objects.filter(artwork=work).count() == 0
    assert provenance_current_owner(artwork=work) is None


def test_a_refused_confirmation_writes_no_provenance() -> None:
    work = work_make()
    first = sale_make(works=(work,))
    second = sale_make(works=(work,))
    sales.sale_confirm(sale=first, acting_user=None)

    with pytest.raises(ValidationError):
        sales.sale_confirm(sale=second, acting_user=None)

    assert ProvenanceEvent.objects.filter(artwork=work).count() == 1
