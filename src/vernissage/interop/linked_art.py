"""A work's provenance as Linked Art JSON-LD (https://linked.art/model/provenance/).

Each event is one Provenance Activity (an ``Activity`` classified aat:300055863) whose parts
say what happened: an ``Acquisition`` of title from and to its parties, a ``Payment`` of the
price (only for viewers with ``view_prices``), or a ``TransferOfCustody`` for a loss or theft
(the work left its owner's hands, not their ownership). The export of a work is the list of
its activities, in order, each a document of its own with its ``@context``, as the Linked Art
API serves provenance entries.

What a viewer may not see is left out as on the pages: a party whose name is not public is
“private collection” for the public; prices only with ``view_prices``; notes never.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.urls import reverse

from vernissage.core.access import Viewer, can_see_contacts, can_see_prices
from vernissage.market.provenance import provenance_events
from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty
from vernissage.market.provenance_text import event_parties, party_label
from vernissage.works.models import Artwork

CONTEXT = "https://linked.art/ns/v1/linked-art.json"
CONTENT_TYPE = 'application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"'
AAT = "http://vocab.getty.edu/aat/"
#: "provenance activity", as Linked Art classifies provenance entries.
PROVENANCE_ACTIVITY = {"id": f"{AAT}300055863", "type": "Type", "_label": "Provenance Activity"}
#: Getty AAT concepts of the kinds of event, where Linked Art's vocabulary has one.
KIND_TYPES: dict[str, tuple[str, str]] = {
    ProvenanceEvent.Kind.GIFT: ("300417637", "gift (method of acquisition)"),
    ProvenanceEvent.Kind.AUCTION: ("300054751", "auctions"),
    ProvenanceEvent.Kind.LOSS: ("300055292", "theft (social issue)"),
}
#: How statements about an event are classified: its method as written, its certainty and
#: its source, as provenance descriptions.
DESCRIPTION = {"id": f"{AAT}300435438", "type": "Type", "_label": "provenance description"}
_DECIMAL_MARK = re.compile(r'"\\u0000decimal:(-?[0-9.]+)\\u0000"')

Absolute = Callable[[str], str]


def _timespan(event: ProvenanceEvent) -> dict[str, Any] | None:
    if event.date_earliest is None or event.date_latest is None:
        return None
    return {
        "type": "TimeSpan",
        "_label": event.date,
        "begin_of_the_begin": f"{event.date_earliest.isoformat()}T00:00:00Z",
        "end_of_the_end": f"{event.date_latest.isoformat()}T23:59:59Z",
    }


def _party_ref(
    party: ProvenanceParty, *, activity_id: str, index: int, names: bool, absolute: Absolute
) -> dict[str, Any]:
    shown = names or party.publicly_named
    label = party_label(party, names=names)
    if party.person is not None and shown and party.person.is_public:
        return {
            "id": absolute(party.person.get_absolute_url()),
            "type": "Person",
            "_label": label,
        }
    if party.person is not None and shown:
        return {"id": f"{activity_id}/party/{index}", "type": "Person", "_label": label}
    return {"id": f"{activity_id}/party/{index}", "type": "Group", "_label": label}


def _money(value: Decimal) -> str:
    """A placeholder the writer turns into a JSON number digit for digit (never a float)."""
    return f"\u0000decimal:{value}\u0000"


def _activity(
    event: ProvenanceEvent,
    *,
    work: dict[str, Any],
    base: str,
    names: bool,
    prices: bool,
    absolute: Absolute,
) -> dict[str, Any]:
    activity_id = f"{base}/{event.position + 1}"
    classified = [PROVENANCE_ACTIVITY]
    if event.kind in KIND_TYPES:
        number, label = KIND_TYPES[event.kind]
        classified.append({"id": f"{AAT}{number}", "type": "Type", "_label": label})
    refs: dict[str, list[dict[str, Any]]] = {"from": [], "to": [], "agent": []}
    for index, party in enumerate(event_parties(event), start=1):
        refs[party.role].append(
            _party_ref(party, activity_id=activity_id, index=index, names=names, absolute=absolute)
        )
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": activity_id,
        "type": "Activity",
        "_label": f"{event.get_kind_display()}: {work['_label']}",
        "classified_as": classified,
    }
    timespan = _timespan(event)
    if timespan is not None:
        document["timespan"] = timespan
    if event.place is not None:
        document["took_place_at"] = [
            {"id": f"{base}/place/{event.place_id}", "type": "Place", "_label": event.place.name}
        ]
    certainty = {
        ProvenanceEvent.Certainty.POSSIBLE: "possibly",
        ProvenanceEvent.Certainty.PROBABLE: "probably",
    }.get(ProvenanceEvent.Certainty(event.certainty), "")
    statements = [text for text in (event.method, certainty, event.source) if text]
    if statements:
        document["referred_to_by"] = [
            {"type": "LinguisticObject", "content": text, "classified_as": [DESCRIPTION]}
            for text in statements
        ]
    if refs["agent"]:
        document["carried_out_by"] = refs["agent"]
    parts: list[dict[str, Any]] = []
    if event.kind == ProvenanceEvent.Kind.LOSS:
        custody: dict[str, Any] = {"type": "TransferOfCustody", "transferred_custody_of": [work]}
        if refs["from"]:
            custody["transferred_custody_from"] = refs["from"]
        parts.append(custody)
    else:
        acquisition: dict[str, Any] = {"type": "Acquisition", "transferred_title_of": [work]}
        if refs["from"]:
            acquisition["transferred_title_from"] = refs["from"]
        if refs["to"]:
            acquisition["transferred_title_to"] = refs["to"]
        parts.append(acquisition)
    if prices and event.price is not None:
        payment: dict[str, Any] = {
            "type": "Payment",
            "paid_amount": {
                "type": "MonetaryAmount",
                "value": _money(event.price),
                "currency": {
                    "id": f"urn:iso:std:iso:4217:{event.currency}",
                    "type": "Currency",
                    "_label": event.currency,
                },
            },
        }
        if refs["to"]:
            payment["paid_from"] = refs["to"]
        if refs["from"]:
            payment["paid_to"] = refs["from"]
        parts.append(payment)
    document["part"] = parts
    return document


def provenance_activities(
    *, artwork: Artwork, viewer: Viewer, absolute: Absolute
) -> list[dict[str, Any]]:
    """The Linked Art activities of a work's provenance as ``viewer`` may see them.
    ``artwork`` comes from a selector that checked the viewer may see it."""
    base = absolute(reverse("linked-art:artwork-provenance", kwargs={"slug": artwork.slug}))
    base = base.removesuffix(".json")
    work = {
        "id": absolute(artwork.get_absolute_url()),
        "type": "HumanMadeObject",
        "_label": artwork.title,
    }
    names, prices = can_see_contacts(viewer), can_see_prices(viewer)
    return [
        _activity(event, work=work, base=base, names=names, prices=prices, absolute=absolute)
        for event in provenance_events(artwork=artwork)
    ]


def linked_art_json(document: Any) -> str:
    """JSON text of a document, money written exactly as its decimal digits."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _DECIMAL_MARK.sub(lambda match: match.group(1), text)
