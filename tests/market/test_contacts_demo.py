"""The stories' collectors as the demo's contacts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from vernissage.demo.loader import WorldSummary
from vernissage.exhibitions.guests import guest_list_add_tag
from vernissage.exhibitions.models import Guest, Opening
from vernissage.market.contact_selectors import contact_log
from vernissage.market.models import Contact, ContactTag

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_stories_collectors_as_contacts(world: WorldSummary) -> None:
    assert world.contacts == 7
    names = {str(contact) for contact in Contact.objects.all()}
    assert names == {
        *("Petrov", "Hélène Marchand", "Anton Lebedev", "Claire Whitfield"),
        # the buyers of the demo's sales (section collectors)
        *("Marcus Lindqvist", "Eleanor Whitcombe", "Inês Carvalho"),
        # the critics who sought Ana out (section press_requests): their requests are logged
        *("Léa Fontaine", "Marc Delorme"),
    }
    claire = Contact.objects.get(person__display_name="Claire Whitfield")
    assert (claire.price_min, claire.price_max, claire.price_currency) == (
        Decimal("50000.00"),
        Decimal("250000.00"),
        "USD",
    )
    assert [str(artist) for artist in claire.interested_in_artists.all()] == ["Ana Kalmurzaev"]
    assert "willing to pay top dollar" in claire.notes  # the sentence it comes from


def test_petrovs_evening_at_bold_visions_is_in_his_log(world: WorldSummary) -> None:
    petrov = Contact.objects.get(person__slug="petrov")
    guest = Guest.objects.get(person__slug="petrov")
    assert guest.contact_id == petrov.pk  # the guest list knows him as the contact

    log = contact_log(contact=petrov)

    assert [(entry.kind, entry.from_door) for entry in log] == [
        ("opening_attended", True),
        ("call", False),
    ]
    assert log[0].exhibition is not None
    assert log[0].exhibition.title == "Bold Visions"
    assert petrov.marketing_consent is True
    assert petrov.consent_source == "agreed in person when arranging the Paris exhibition"


def test_a_collector_without_consent_is_left_off_a_guest_list_built_from_tags(
    world: WorldSummary,
) -> None:
    upcoming = Opening.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    assert upcoming is not None

    moscow = guest_list_add_tag(
        opening=upcoming, tag=ContactTag.objects.get(name="collectors Moscow"), acting_user=None
    )
    paris = guest_list_add_tag(
        opening=upcoming, tag=ContactTag.objects.get(name="collectors Paris"), acting_user=None
    )

    assert (moscow.added, moscow.without_consent) == ([], ["Anton Lebedev"])
    assert sorted(guest.name for guest in paris.added) == ["Hélène Marchand", "Petrov"]
    assert {guest.email for guest in paris.added} == {
        "helene.marchand@example.org",
        "petrov@example.org",
    }
