"""The provenance text museums write (AAM style), from a work's events.

Each owner in turn, with place, date and how the work came to them (“by descent”,
“purchased at the exhibition”); direct transfers joined by semicolons, breaks in the chain
(an owner not known to follow the one before) by periods; “possibly” before an owner that is
only possible, “probably” before a probable one; bracketed references to the sources ([1]),
listed after the text.

One function writes both renderings: staff's (private owners named, prices for viewers with
``view_prices``, private notes) and the public one (no price, “private collection” for an
owner whose name is not to be shown). It reads only what it is given: events with their
parties and places prefetched (see ``provenance_events``), so it costs no query. Pages read
plain records instead (``provenance_records``: one ``values_list()`` query, no instance),
which is what keeps a 30-event text under 5 ms; model instances are turned into the same
records first, so both give the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django.utils import translation
from django.utils.translation import gettext as _

from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty


@dataclass(frozen=True)
class ProvenanceText:
    text: str
    #: ``(number, source)`` for each bracketed reference of the text.
    references: list[tuple[int, str]] = field(default_factory=list)
    #: Private notes, ``(entry label, note)``: only in staff's rendering.
    notes: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.text)


@lru_cache(maxsize=32)
def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def money_label(amount: Decimal, currency: str, language: str | None = None) -> str:
    """An amount in its currency as the reader's locale writes it (“€24,000.00”,
    “24 000,00 €”)."""
    locale = _babel_locale(language or translation.get_language() or "en")
    return str(format_currency(amount, currency, locale=locale))


def event_parties(event: ProvenanceEvent) -> list[ProvenanceParty]:
    """An event's parties: as read by ``provenance_events`` (``party_list``), or asked for."""
    read: list[ProvenanceParty] | None = getattr(event, "party_list", None)
    return read if read is not None else list(event.parties.all())


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """What the text needs of a party, read without building a model instance."""

    role: str
    anonymous: str
    #: The name as staff who may see it read it ("" for nobody named).
    name: str
    #: Whether the name may be shown publicly (see ``ProvenanceParty.publicly_named``).
    publicly_named: bool
    #: Who the party is (see ``ProvenanceParty.same_as_key``).
    same_as_key: tuple[str, int] | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """What the text needs of an event, with its parties in order (role, then id)."""

    kind: str
    date: str
    place_name: str | None
    method: str
    price: Decimal | None
    currency: str
    certainty: str
    source: str
    notes: str
    parties: tuple[PartyRecord, ...]


def party_record(party: ProvenanceParty) -> PartyRecord:
    return PartyRecord(
        role=party.role,
        anonymous=party.anonymous,
        name="" if party.anonymous else party.name,
        publicly_named=party.publicly_named,
        same_as_key=party.same_as_key,
    )


def event_record(event: ProvenanceEvent) -> EventRecord:
    """The record of an event read as a model instance (its parties as ``event_parties``)."""
    return EventRecord(
        kind=event.kind,
        date=event.date,
        place_name=event.place.name if event.place is not None else None,
        method=event.method,
        price=event.price,
        currency=event.currency,
        certainty=event.certainty,
        source=event.source,
        notes=event.notes,
        parties=tuple(party_record(party) for party in event_parties(event)),
    )


def _phrases() -> dict[str, str]:
    """The words of the text in the active language, translated once per text (not once per
    event: a 30-event text would otherwise ask the catalogue hundreds of times)."""
    return {
        ProvenanceEvent.Kind.SALE: _("by purchase"),
        ProvenanceEvent.Kind.GIFT: _("by gift"),
        ProvenanceEvent.Kind.INHERITANCE: _("by descent"),
        ProvenanceEvent.Kind.AUCTION: _("by purchase at auction"),
        ProvenanceEvent.Kind.TRANSFER: _("by transfer"),
        ProvenanceEvent.Kind.EXCHANGE: _("by exchange"),
        ProvenanceEvent.Kind.RESTITUTION: _("by restitution"),
        "unknown": _("unknown owner"),
        "private": _("private collection"),
        "and": _(" and "),
        "lost": _("lost or stolen"),
        "lost from": _("lost or stolen from %(owner)s"),
        "through": _("through %(agent)s"),
        "for": _("for %(price)s"),
        "possibly": _("possibly %(entry)s"),
        "probably": _("probably %(entry)s"),
    }


def party_label(
    party: ProvenanceParty | PartyRecord, *, names: bool, phrases: dict[str, str] | None = None
) -> str:
    """A party's name as the reader may see it: “private collection” for a name not to be
    shown (unless ``names``), “unknown owner” for nobody known."""
    if party.anonymous == ProvenanceParty.Anonymous.UNKNOWN:
        return phrases["unknown"] if phrases else _("unknown owner")
    if party.anonymous or not (names or party.publicly_named):
        return phrases["private"] if phrases else _("private collection")
    return party.name


def _names(
    parties: Sequence[PartyRecord], role: str, *, names: bool, phrases: dict[str, str]
) -> str:
    return phrases["and"].join(
        party_label(p, names=names, phrases=phrases) for p in parties if p.role == role
    )


_UNKNOWN = ProvenanceParty.Anonymous.UNKNOWN.value
_TO = ProvenanceParty.Role.TO.value
_FROM = ProvenanceParty.Role.FROM.value
_AGENT = ProvenanceParty.Role.AGENT.value
_LOSS = ProvenanceEvent.Kind.LOSS.value
_RESTITUTION = ProvenanceEvent.Kind.RESTITUTION.value
_CREATION = ProvenanceEvent.Kind.CREATION.value
_POSSIBLE = ProvenanceEvent.Certainty.POSSIBLE.value
_PROBABLE = ProvenanceEvent.Certainty.PROBABLE.value


def _follows(before: EventRecord, after: EventRecord) -> bool:
    """Whether ``after`` is known to take the work from the owner ``before`` left it with."""
    if before.kind == _LOSS:
        return after.kind == _RESTITUTION
    owners = [p for p in before.parties if p.role == _TO]
    if not owners or any(p.anonymous == _UNKNOWN for p in owners):
        return False
    sellers = [p for p in after.parties if p.role == _FROM]
    if not sellers:
        return True  # from whoever had it: the owner before
    if any(p.anonymous == _UNKNOWN for p in sellers):
        return False
    known = {p.same_as_key for p in owners}
    return all(p.same_as_key in known or p.anonymous for p in sellers)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def provenance_text(
    events: Sequence[ProvenanceEvent] | Sequence[EventRecord],
    *,
    names: bool,
    prices: bool,
    notes: bool,
    language: str | None = None,
) -> ProvenanceText:
    """The text of ``events`` (in order; records from ``provenance_records``, or model
    instances from ``provenance_events``): ``names`` shows private owners' names, ``prices``
    the prices, ``notes`` collects the private notes. All three off is the public text."""
    records = [event if isinstance(event, EventRecord) else event_record(event) for event in events]
    phrases = _phrases()
    kinds: dict[str, str] = {}
    sources: dict[str, int] = {}
    kept_notes: list[tuple[str, str]] = []
    entries: list[str] = []
    before: EventRecord | None = None
    for index, event in enumerate(records):
        parties = event.parties
        pieces: list[str] = []
        if event.kind == _LOSS:
            lost_from = _names(parties, _FROM, names=names, phrases=phrases)
            pieces.append(
                phrases["lost from"] % {"owner": lost_from} if lost_from else phrases["lost"]
            )
        else:
            owner = _names(parties, _TO, names=names, phrases=phrases)
            pieces.append(owner or phrases["unknown"])
        if event.place_name is not None:
            pieces.append(event.place_name)
        if event.date:
            pieces.append(event.date)
        if event.kind != _CREATION and event.kind != _LOSS:
            method = event.method or phrases.get(event.kind, "")
            if method:
                pieces.append(method)
        agents = _names(parties, _AGENT, names=names, phrases=phrases)
        if agents:
            pieces.append(phrases["through"] % {"agent": agents})
        if prices and event.price is not None:
            pieces.append(
                phrases["for"] % {"price": money_label(event.price, event.currency, language)}
            )
        entry = ", ".join(pieces)
        if event.certainty == _POSSIBLE:
            entry = phrases["possibly"] % {"entry": entry}
        elif event.certainty == _PROBABLE:
            entry = phrases["probably"] % {"entry": entry}
        if event.source:
            number = sources.setdefault(event.source, len(sources) + 1)
            entry = f"{entry} [{number}]"
        if before is None:
            entries.append(_capitalized(entry))
        elif _follows(before, event):
            entries.append("; " + entry)
        else:
            entries.append(". " + _capitalized(entry))
        before = event
        if notes and event.notes:
            if event.kind not in kinds:
                label = dict(ProvenanceEvent.Kind.choices).get(event.kind, event.kind)
                kinds[event.kind] = str(label)
            kept_notes.append((f"{index + 1}. {kinds[event.kind]}", event.notes))
    text = "".join(entries)
    if text:
        text += "."
    return ProvenanceText(
        text=text,
        references=[(number, source) for source, number in sources.items()],
        notes=kept_notes,
    )
