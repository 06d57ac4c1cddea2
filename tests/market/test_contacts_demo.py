"""The stories' collectors as the demo's contacts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tests.factories.guests import staff_in
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


def test_the_log_shows_an_evening_at_the_venues_time_and_a_call_at_the_houses(
    client: Any, world: WorldSummary, settings: Any
) -> None:
    settings.TIME_ZONE = "America/New_York"  # the house's zone, for what happened nowhere else
    client.force_login(staff_in("Sales", "irina"))
    petrov = Contact.objects.get(person__slug="petrov")

    page = client.get(f"/contacts/{petrov.pk}/").content.decode()

    # Petrov came to the Paris opening five minutes after 18:00, Paris time (16:05 UTC).
    assert "10 Oct 2013, 18:05 CEST" in page
    # The call was at 11:00 in Paris (+02:00): 05:00 in New York, the house's zone.
    assert "3 Jun 2013, 05:00 EDT" in page
    assert "16:05" not in page
