"""Writes and reads of a work's provenance.

Every write is one transaction, validated and audited (``audited_save``); the positions of a
work's events stay 0, 1, 2... in order, whatever is added, moved or deleted. A refusal is a
``ValidationError`` naming what is wrong, and nothing is written.

The sales code calls :func:`provenance_sale_record` when a sale is confirmed: a sale writes
the provenance, and the provenance proves the sale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer, can_see_contacts, can_see_prices, can_see_private
from vernissage.core.services import Actor, audited_delete, audited_save
from vernissage.market.money import Money
from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty
from vernissage.market.provenance_text import (
    EventRecord,
    PartyRecord,
    ProvenanceText,
    event_parties,
    party_label,
    provenance_text,
)
from vernissage.market.sales_models import Sale
from vernissage.people.models import Organization, Person, Place
from vernissage.works.models import Artwork
from vernissage.works.selectors import artwork_get


@dataclass(frozen=True)
class PartyInput:
    """A party as the doors give it: a person, an organization, or nobody named."""

    role: str
    person: Person | None = None
    organization: Organization | None = None
    anonymous: str = ""
    name_public: bool = True


# --- checks ---------------------------------------------------------------------------------


def _work_check(artwork: Artwork) -> None:
    if artwork.deleted_at is not None:
        raise ValidationError(
            _("“%(work)s” is deleted: restore it before writing its provenance.")
            % {"work": artwork.title}
        )


def provenance_price_check(*, price: Decimal | None, currency: str) -> str:
    """The currency as stored (“eur” → “EUR”), or a refusal: a price needs its currency and
    is never negative, a currency needs a price."""
    currency = currency.strip().upper()
    errors: dict[str, str] = {}
    if price is not None and price < 0:
        errors["price"] = _("A price cannot be negative.")
    if currency and (len(currency) != 3 or not currency.isalpha()):
        errors["currency"] = _(
            "Write the currency as its three-letter ISO 4217 code, such as EUR or USD."
        )
    elif price is not None and not currency:
        errors["currency"] = _("Give the currency of the price, such as EUR or USD.")
    if price is None and currency:
        errors["price"] = _("A currency without a price: give the price, or clear the currency.")
    if errors:
        raise ValidationError(errors)
    return currency


def _party_check(party: PartyInput) -> None:
    given = [party.person is not None, party.organization is not None, bool(party.anonymous)]
    if sum(given) != 1:
        raise ValidationError(
            _(
                "Name each party as one person, one organization, or “unknown” / "
                "“private collection”: not several, not none."
            )
        )
    if party.role not in ProvenanceParty.Role.values:
        raise ValidationError(_("“%(role)s” is not a party's role.") % {"role": party.role})
    if party.anonymous and party.anonymous not in ProvenanceParty.Anonymous.values:
        raise ValidationError(
            _("“%(value)s” is neither “unknown” nor “private collection”.")
            % {"value": party.anonymous}
        )


def _parties_check(kind: str, parties: Sequence[PartyInput]) -> None:
    for party in parties:
        _party_check(party)
    if kind in ProvenanceEvent.PARTY_KINDS and not any(
        party.role == ProvenanceParty.Role.TO for party in parties
    ):
        label = ProvenanceEvent.Kind(kind).label
        raise ValidationError(
            _(
                "A %(kind)s needs the party the work went to (a name, “unknown” or “private "
                "collection”)."
            )
            % {"kind": label}
        )


# --- writes ---------------------------------------------------------------------------------


def _locked_events(artwork: Artwork) -> list[ProvenanceEvent]:
    """The work's events in order, with the work locked so that two writers queue."""
    Artwork.all_objects.select_for_update().filter(pk=artwork.pk).first()
    return list(ProvenanceEvent.objects.filter(artwork=artwork).order_by("position", "id"))


def _renumber(events: list[ProvenanceEvent], acting_user: Actor) -> None:
    for index, event in enumerate(events):
        if event.position != index:
            event.position = index
            audited_save(instance=event, acting_user=acting_user)


def provenance_event_save(*, event: ProvenanceEvent, acting_user: Actor) -> ProvenanceEvent:
    """Save an event as edited (its own fields; its parties are set apart)."""
    with transaction.atomic():
        _work_check(event.artwork)
        event.currency = provenance_price_check(price=event.price, currency=event.currency)
        event.method = " ".join(event.method.split())
        event.source = event.source.strip()
        return audited_save(instance=event, acting_user=acting_user)


def provenance_parties_set(
    *, event: ProvenanceEvent, parties: Iterable[PartyInput], acting_user: Actor
) -> list[ProvenanceParty]:
    """Give an event exactly these parties (the others are removed, each change audited)."""
    wanted = list(parties)
    with transaction.atomic():
        _parties_check(event.kind, wanted)
        for old in list(event.parties.all()):
            audited_delete(instance=old, acting_user=acting_user)
        return [
            audited_save(
                instance=ProvenanceParty(
                    event=event,
                    role=party.role,
                    person=party.person,
                    organization=party.organization,
                    anonymous=party.anonymous,
                    name_public=party.name_public,
                ),
                acting_user=acting_user,
            )
            for party in wanted
        ]


def provenance_event_add(
    *,
    artwork: Artwork,
    kind: str,
    acting_user: Actor,
    parties: Iterable[PartyInput] = (),
    date: str = "",
    place: Place | None = None,
    method: str = "",
    price: Decimal | None = None,
    currency: str = "",
    certainty: str = ProvenanceEvent.Certainty.CERTAIN,
    source: str = "",
    notes: str = "",
    position: int | None = None,
    sale: Sale | None = None,
) -> ProvenanceEvent:
    """Add an event to a work's provenance, at the end or at ``position``."""
    wanted = list(parties)
    with transaction.atomic():
        _work_check(artwork)
        _parties_check(kind, wanted)
        events = _locked_events(artwork)
        at = len(events) if position is None else max(0, min(position, len(events)))
        event = provenance_event_save(
            event=ProvenanceEvent(
                artwork=artwork,
                position=at,
                kind=kind,
                date=date,
                place=place,
                method=method,
                price=price,
                currency=currency,
                certainty=certainty,
                source=source,
                notes=notes,
                sale=sale,
            ),
            acting_user=acting_user,
        )
        provenance_parties_set(event=event, parties=wanted, acting_user=acting_user)
        events.insert(at, event)
        _renumber(events, acting_user)
    return event


def provenance_event_move(
    *, event: ProvenanceEvent, position: int, acting_user: Actor
) -> ProvenanceEvent:
    """Move an event to ``position`` (0 is first) in its work's provenance."""
    with transaction.atomic():
        _work_check(event.artwork)
        events = [other for other in _locked_events(event.artwork) if other.pk != event.pk]
        events.insert(max(0, min(position, len(events))), event)
        _renumber(events, acting_user)
    return event


def provenance_events_reorder(
    *, artwork: Artwork, order: Sequence[int], acting_user: Actor
) -> list[ProvenanceEvent]:
    """Put a work's events in the order of ``order`` (their ids, every one exactly once)."""
    with transaction.atomic():
        _work_check(artwork)
        events = {event.pk: event for event in _locked_events(artwork)}
        if sorted(order) != sorted(events):
            raise ValidationError(
                _("Give every event of the work's provenance exactly once to reorder them.")
            )
        ordered = [events[pk] for pk in order]
        _renumber(ordered, acting_user)
    return ordered


def provenance_event_delete(*, event: ProvenanceEvent, acting_user: Actor) -> None:
    """Erase an event (its values stay in the audit log); the others close ranks."""
    with transaction.atomic():
        _work_check(event.artwork)
        events = [other for other in _locked_events(event.artwork) if other.pk != event.pk]
        for party in list(event.parties.all()):
            audited_delete(instance=party, acting_user=acting_user)
        audited_delete(instance=event, acting_user=acting_user)
        _renumber(events, acting_user)


def provenance_sale_record(
    *,
    artwork: Artwork,
    seller_person: Person | None = None,
    seller_organization: Organization | None = None,
    buyer_person: Person | None = None,
    buyer_organization: Organization | None = None,
    buyer_private: bool = False,
    date: dt.date,
    place: Place | None = None,
    price: Decimal | None,
    currency: str = "",
    method: str = "",
    source: str = "",
    sale: Sale | None = None,
    acting_user: Actor,
) -> ProvenanceEvent:
    """Append the sale of a work to its provenance (called when a sale is confirmed; the
    house's ``sale`` is kept on the event, so that cancelling the sale takes it back).

    ``buyer_private`` keeps the buyer's name off public pages (“private collection”); a sale
    without a named buyer is recorded as to a private collection.
    """
    parties: list[PartyInput] = []
    if seller_person is not None or seller_organization is not None:
        parties.append(
            PartyInput(
                role=ProvenanceParty.Role.FROM,
                person=seller_person,
                organization=seller_organization,
            )
        )
    if buyer_person is not None or buyer_organization is not None:
        parties.append(
            PartyInput(
                role=ProvenanceParty.Role.TO,
                person=buyer_person,
                organization=buyer_organization,
                name_public=not buyer_private,
            )
        )
    else:
        parties.append(
            PartyInput(
                role=ProvenanceParty.Role.TO,
                anonymous=ProvenanceParty.Anonymous.PRIVATE_COLLECTION,
            )
        )
    return provenance_event_add(
        artwork=artwork,
        kind=ProvenanceEvent.Kind.SALE,
        parties=parties,
        date=date.isoformat(),
        place=place,
        method=method,
        price=price,
        currency=currency,
        source=source,
        sale=sale,
        acting_user=acting_user,
    )


def provenance_sale_withdraw(*, sale: Sale, acting_user: Actor) -> int:
    """Take back the events a cancelled sale wrote; returns how many."""
    events = list(ProvenanceEvent.objects.filter(sale=sale).select_related("artwork"))
    for event in events:
        provenance_event_delete(event=event, acting_user=acting_user)
    return len(events)


# --- reads ----------------------------------------------------------------------------------


def provenance_events(*, artwork: Artwork) -> list[ProvenanceEvent]:
    """A work's events in order, with their parties (as ``party_list``) and places: two
    queries, any length. The parties are a plain list: a prefetched queryset per event cost
    more than the text itself."""
    parties = (
        ProvenanceParty.objects.select_related("person", "organization")
        .only(
            *("event_id", "role", "person_id", "organization_id", "anonymous", "name_public"),
            *("person__display_name", "person__slug", "person__is_public"),
            *("organization__name", "organization__slug", "organization__is_public"),
        )
        .order_by("role", "id")
    )
    return list(
        ProvenanceEvent.objects.filter(artwork=artwork)
        .select_related("place")
        .prefetch_related(Prefetch("parties", queryset=parties, to_attr="party_list"))
        .order_by("position", "id")
    )


def party_record_from_columns(
    role: str,
    anonymous: str,
    name_public: bool,
    person: tuple[int | None, str | None, bool | None],
    organization: tuple[int | None, str | None, bool | None],
) -> PartyRecord:
    """A party read as columns: its person's and organization's (id, name, is public)."""
    if anonymous:
        return PartyRecord(
            role=role, anonymous=anonymous, name="", publicly_named=True, same_as_key=None
        )
    if person[0] is not None:
        key, name, public = ("person", person[0]), person[1], person[2]
    else:
        key, name, public = ("organization", organization[0] or 0), organization[1], organization[2]
    return PartyRecord(
        role=role,
        anonymous="",
        name=name or "",
        publicly_named=bool(name_public and public),
        same_as_key=key,
    )


def provenance_records(*, artwork: Artwork) -> list[EventRecord]:
    """What the provenance text needs of a work's events, in order, as plain records: one
    ``values_list()`` query (the events joined to their parties, people and organizations, a
    row per party) and no model instance: building the ~150 instances of 30 events cost more
    than the text itself. The text is the same as from ``provenance_events``."""
    rows = (
        ProvenanceEvent.objects.filter(artwork=artwork)
        .order_by("position", "id", "parties__role", "parties__id")
        .values_list(
            *("id", "kind", "date", "place__name", "method", "price", "currency"),
            *("certainty", "source", "notes"),
            *("parties__id", "parties__role", "parties__anonymous", "parties__name_public"),
            *("parties__person_id", "parties__person__display_name"),
            "parties__person__is_public",
            *("parties__organization_id", "parties__organization__name"),
            "parties__organization__is_public",
        )
    )
    events: dict[int, EventRecord] = {}
    parties: dict[int, list[PartyRecord]] = {}
    for (
        pk,
        kind,
        date,
        place_name,
        method,
        price,
        currency,
        certainty,
        source,
        notes,
        party_id,
        role,
        anonymous,
        name_public,
        *people,
    ) in rows:
        if pk not in events:
            events[pk] = EventRecord(
                kind=kind,
                date=date,
                place_name=place_name,
                method=method,
                price=price,
                currency=currency,
                certainty=certainty,
                source=source,
                notes=notes,
                parties=(),
            )
            parties[pk] = []
        if party_id is not None:
            parties[pk].append(
                party_record_from_columns(
                    role, anonymous, name_public, tuple(people[:3]), tuple(people[3:])
                )
            )
    return [replace(event, parties=tuple(parties[pk])) for pk, event in events.items()]


def provenance_current_owner(*, artwork: Artwork) -> ProvenanceParty | None:
    """Who owns the work now as the provenance tells it: the “to” party of the latest event
    that changed its ownership (a loss or theft does not), or nobody known."""
    for event in reversed(provenance_events(artwork=artwork)):
        if event.kind not in ProvenanceEvent.OWNERSHIP_KINDS:
            continue
        for party in event_parties(event):
            if party.role == ProvenanceParty.Role.TO:
                return party
    return None


def provenance_for(*, artwork: Artwork, viewer: Viewer) -> ProvenanceText:
    """The provenance text of a work as ``viewer`` may read it: names of private owners only
    for viewers who may see contacts, prices only with ``view_prices``, notes only for viewers
    who may see private records. ``artwork`` comes from a selector that checked the viewer may
    see it."""
    return provenance_text(
        provenance_records(artwork=artwork),
        names=can_see_contacts(viewer),
        prices=can_see_prices(viewer),
        notes=can_see_private(viewer),
    )


def artwork_for_provenance(*, slug: str, viewer: Viewer) -> Artwork:
    """A work whose whole provenance the viewer may read (private owners named: viewers who may
    see contacts); anyone else gets the 404 of an unknown page."""
    if not can_see_contacts(viewer):
        raise Http404
    return artwork_get(slug=slug, viewer=viewer)


@dataclass(frozen=True)
class ProvenanceRow:
    """One event as the staff page lists it, with what the viewer may read of it."""

    number: int
    event: ProvenanceEvent
    #: ``(role, name)`` of each party, names as the viewer may see them.
    parties: list[tuple[str, str]]
    price: Money | None
    notes: str


@dataclass(frozen=True)
class ProvenancePage:
    rows: list[ProvenanceRow]
    text: ProvenanceText


def provenance_page(*, artwork: Artwork, viewer: Viewer) -> ProvenancePage:
    """A work's events listed for staff, and its text, as ``viewer`` may read them (prices
    with ``view_prices``, notes with private records): two queries. ``artwork`` comes from
    :func:`artwork_for_provenance`."""
    names, prices, notes = can_see_contacts(viewer), can_see_prices(viewer), can_see_private(viewer)
    events = provenance_events(artwork=artwork)
    rows = [
        ProvenanceRow(
            number=index,
            event=event,
            parties=[
                (str(party.get_role_display()), party_label(party, names=names))
                for party in event_parties(event)
            ],
            price=Money(event.price, event.currency)
            if prices and event.price is not None
            else None,
            notes=event.notes if notes else "",
        )
        for index, event in enumerate(events, start=1)
    ]
    return ProvenancePage(
        rows=rows, text=provenance_text(events, names=names, prices=prices, notes=notes)
    )


def provenance_party_save(*, party: ProvenanceParty, acting_user: Actor) -> ProvenanceParty:
    """Save one party of an event as edited (the admin's inline rows)."""
    with transaction.atomic():
        _work_check(party.event.artwork)
        _party_check(
            PartyInput(
                role=party.role,
                person=party.person,
                organization=party.organization,
                anonymous=party.anonymous,
                name_public=party.name_public,
            )
        )
        return audited_save(instance=party, acting_user=acting_user)


def provenance_party_delete(*, party: ProvenanceParty, acting_user: Actor) -> None:
    with transaction.atomic():
        _work_check(party.event.artwork)
        audited_delete(instance=party, acting_user=acting_user)
