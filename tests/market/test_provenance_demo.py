"""The demo world's provenance: the painting Petrov acquired at Jacques' Paris exhibition."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from vernissage.demo.loader import WorldSummary
from vernissage.market.models import Sale
from vernissage.market.provenance import (
    provenance_current_owner,
    provenance_events,
    provenance_for,
)
from vernissage.market.provenance_text import provenance_text
from vernissage.works.models import Artwork


def test_petrov_owns_the_painting_he_acquired_at_the_exhibition(world: WorldSummary) -> None:
    painting = Artwork.objects.get(inventory_number="JK-2012-001")
    # Bought through the house's sale, which marked it sold and wrote its provenance.
    assert painting.status == Artwork.Status.SOLD
    sale = Sale.objects.get(lines__artwork=painting)
    assert (str(sale.buyer), sale.state, sale.invoice_number) == ("Petrov", "paid", "2013-0001")
    assert [event.sale_id for event in provenance_events(artwork=painting)] == [None, sale.pk]
    owner = provenance_current_owner(artwork=painting)
    assert owner is not None
    assert owner.person is not None
    assert owner.person.display_name == "Petrov"
    with translation.override("en"):
        public = provenance_for(artwork=painting, viewer=None)
        staff = provenance_text(
            provenance_events(artwork=painting), names=True, prices=True, notes=True
        )
    # Petrov's own record is private in the world: the public reads “private collection”.
    assert public.text == (
        "Jacques Kalmurzaev, 2012 [1]; private collection, Paris, 2013-10-10, "
        "acquired at the exhibition [2]."
    )
    assert staff.text == (
        "Jacques Kalmurzaev, 2012 [1]; Petrov, Paris, 2013-10-10, "
        "acquired at the exhibition, for €24,000.00 [2]."
    )
    assert all("“" in source for _number, source in public.references)  # cites its sentences
    assert "high-profile exhibition in Paris" in public.references[1][1]


def test_the_demo_painting_page_shows_its_provenance(client: Any, world: WorldSummary) -> None:
    painting = Artwork.objects.get(inventory_number="JK-2012-001")
    painting.is_public = True  # the demo keeps it private; the page is the same for a public one
    painting.save(update_fields=["is_public"])
    page = client.get(painting.get_absolute_url()).content.decode()
    assert "acquired at the exhibition" in page
    assert "24,000" not in page
    assert "Petrov, Paris" not in page
