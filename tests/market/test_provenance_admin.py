"""The provenance and certificate admins write through the services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.market.provenance_models import Certificate, ProvenanceEvent

pytestmark = pytest.mark.django_db


def _party_form(prefix: str = "parties") -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_an_event_and_its_party_are_added_through_the_services(client: Client) -> None:
    owner = User.objects.create_superuser(username="root", password="x")
    client.force_login(owner)
    work = ArtworkFactory()
    buyer = PersonFactory(display_name="Admin Buyer")
    data = {
        "artwork": str(work.pk),
        "kind": "sale",
        "date": "c. 1990",
        "method": "",
        "price": "100",
        "currency": "EUR",
        "certainty": "probable",
        "source": "",
        "notes": "",
        **_party_form(),
        "parties-0-role": "to",
        "parties-0-person": str(buyer.pk),
        "parties-0-anonymous": "",
        "parties-0-name_public": "on",
    }
    response = client.post("/admin/market/provenanceevent/add/", data)
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "errorlist" in line
    ]
    event = ProvenanceEvent.objects.get()
    assert (event.currency, str(event.date_earliest)) == ("EUR", "1985-01-01")
    assert event.parties.get().person == buyer
    assert AuditLog.objects.filter(content_type__model="provenanceparty").count() == 1


def test_a_price_without_currency_is_refused_on_the_form(client: Client) -> None:
    owner = User.objects.create_superuser(username="root", password="x")
    client.force_login(owner)
    work = ArtworkFactory()
    data = {
        "artwork": str(work.pk),
        "kind": "transfer",
        "price": "100",
        "currency": "",
        "certainty": "certain",
        **_party_form(),
    }
    response = client.post("/admin/market/provenanceevent/add/", data)
    assert response.status_code == 200
    assert "Give the currency of the price" in response.content.decode()
    assert not ProvenanceEvent.objects.exists()


def test_a_certificate_is_issued_through_the_service(client: Client) -> None:
    owner = User.objects.create_superuser(username="root", password="x")
    client.force_login(owner)
    work = ArtworkFactory()
    response = client.post(
        "/admin/market/certificate/add/",
        {"artwork": str(work.pk), "issued_on": "2026-01-02", "issued_by": "The Director"},
    )
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "errorlist" in line
    ]
    assert Certificate.objects.get().number == f"COA-{work.inventory_number}-1"
