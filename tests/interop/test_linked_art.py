"""The Linked Art export of a work's provenance validates against the Linked Art schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from tests.factories.exhibitions import place
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.services import staff_roles_set
from vernissage.market.provenance import PartyInput, provenance_event_add, provenance_sale_record

SCHEMAS = Path(__file__).parent.parent / "data" / "linked-art-schema"
BASE = "https://linked.art/api/1.0/schema/"

pytestmark = pytest.mark.django_db


def _validator() -> Draft202012Validator:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in SCHEMAS.glob("*.json")
    ]
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / "provenance.json").read_text(encoding="utf-8"))
    return Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def work() -> Any:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    buyer = PersonFactory(display_name="Quiet Buyer", is_public=False)
    work = ArtworkFactory(title="Two Figures", makers=[(artist, "artist")])
    provenance_event_add(
        artwork=work,
        kind="creation",
        parties=[PartyInput(role="to", person=artist)],
        date="2012",
        place=place("Moscow", "RU"),
        source="Studio book",
        acting_user=None,
    )
    provenance_sale_record(
        artwork=work,
        seller_person=artist,
        buyer_person=buyer,
        date=dt.date(2013, 10, 10),
        price=Decimal("24000.50"),
        currency="EUR",
        method="purchased at the exhibition",
        acting_user=None,
    )
    provenance_event_add(
        artwork=work,
        kind="loss",
        parties=[PartyInput(role="from", person=buyer)],
        date="c. 2020",
        certainty="possible",
        acting_user=None,
    )
    provenance_event_add(
        artwork=work,
        kind="gift",
        parties=[
            PartyInput(role="to", anonymous="private"),
            PartyInput(role="agent", anonymous="unknown"),
        ],
        acting_user=None,
    )
    return work


def _export(client: Client, work: Any) -> tuple[list[dict[str, Any]], str]:
    response = client.get(f"/linked-art/works/{work.slug}/provenance.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    text = response.content.decode()
    return json.loads(text, parse_float=Decimal), text


def test_the_export_validates_against_the_provenance_schema(client: Client, work: Any) -> None:
    owner = User.objects.create_superuser(username="root", password="x")
    client.force_login(owner)
    activities, text = _export(client, work)
    validator = _validator()
    for activity in activities:
        errors = [error.message for error in validator.iter_errors(activity)]
        assert errors == [], errors
    assert [a["classified_as"][0]["id"] for a in activities] == [
        "http://vocab.getty.edu/aat/300055863"
    ] * 4
    payment = activities[1]["part"][1]
    assert payment["paid_amount"]["value"] == Decimal("24000.50")
    assert '"value": 24000.50' in text  # the digits as stored, never through a float
    assert activities[1]["part"][0]["transferred_title_to"][0]["_label"] == "Quiet Buyer"
    assert activities[2]["part"][0]["type"] == "TransferOfCustody"
    assert activities[1]["timespan"]["begin_of_the_begin"] == "2013-10-10T00:00:00Z"


def test_a_broken_document_fails_the_validator() -> None:
    errors = list(_validator().iter_errors({"type": "Activity", "id": "not a uri"}))
    assert errors


def test_the_public_export_has_no_price_and_no_private_name(client: Client, work: Any) -> None:
    activities, text = _export(client, work)
    for activity in activities:
        assert not list(_validator().iter_errors(activity))
    assert "24000" not in text
    assert "Payment" not in text
    assert "Quiet Buyer" not in text
    assert activities[1]["part"][0]["transferred_title_to"][0]["_label"] == "private collection"


def test_registrar_sees_no_price(client: Client, work: Any) -> None:
    user = User.objects.create_user(username="registrar", password="x")
    staff_roles_set(user=user, roles=["Registrar"], acting_user=None)
    client.force_login(user)
    _activities, text = _export(client, work)
    assert "24000" not in text
    assert "Quiet Buyer" not in text
