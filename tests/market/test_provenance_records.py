"""The provenance text read as plain records: the same text as from model instances, in one
query whatever the length."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tests.market.test_provenance_text import chain  # noqa: F401 - the fixture
from vernissage.market.provenance import (
    PartyInput,
    provenance_event_add,
    provenance_events,
    provenance_records,
)
from vernissage.market.provenance_text import provenance_text
from vernissage.people.models import Organization
from vernissage.people.services import organization_create

pytestmark = pytest.mark.django_db


def gallery(name: str, *, is_public: bool = True) -> Organization:
    return organization_create(
        acting_user=None, name=name, kind=Organization.Kind.GALLERY, is_public=is_public
    )


RENDERINGS = [
    pytest.param(True, True, True, id="staff_case"),
    pytest.param(False, False, False, id="public_case"),
    pytest.param(True, False, False, id="names_only_case"),
]


@pytest.mark.parametrize(("names", "prices", "notes"), RENDERINGS)
def test_records_give_the_text_of_model_instances(
    chain: Any,  # noqa: F811 - the fixture imported above
    names: bool,
    prices: bool,
    notes: bool,
) -> None:
    provenance_event_add(
        artwork=chain,
        kind="sale",
        parties=[
            PartyInput(role="to", organization=gallery("Galerie Nord")),
            PartyInput(role="agent", organization=gallery("Hidden Agent", is_public=False)),
        ],
        date="2050",
        acting_user=None,
    )
    with translation.override("en"):
        from_records = provenance_text(
            provenance_records(artwork=chain), names=names, prices=prices, notes=notes
        )
        from_models = provenance_text(
            provenance_events(artwork=chain), names=names, prices=prices, notes=notes
        )
    assert from_records == from_models
    agent = "Hidden Agent" if names else "private collection"
    assert from_records.text.endswith(f"; Galerie Nord, 2050, by purchase, through {agent}.")


def test_records_take_one_query(
    chain: Any,  # noqa: F811 - the fixture imported above
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(1):
        records = provenance_records(artwork=chain)
    assert [record.kind for record in records] == [
        "creation",
        "sale",
        "inheritance",
        "sale",
        "loss",
        "restitution",
    ]
    assert [(p.role, p.name, p.publicly_named) for p in records[1].parties] == [
        ("from", "Jacques Kalmurzaev", True),
        ("to", "Petrov", False),
    ]
