"""The provenance text museums write (AAM style), from a work's events.

Each owner in turn, with place, date and how the work came to them (“by descent”,
“purchased at the exhibition”); direct transfers joined by semicolons, breaks in the chain
(an owner not known to follow the one before) by periods; “possibly” before an owner that is
only possible, “probably” before a probable one; bracketed references to the sources ([1]),
listed after the text.

One function writes both renderings: staff's (private owners named, prices for viewers with
``view_prices``, private notes) and the public one (no price, “private collection” for an
owner whose name is not to be shown). It reads only what it is given: events with their
parties and places prefetched (see ``provenance_events``), so it costs no query.
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
    party: ProvenanceParty, *, names: bool, phrases: dict[str, str] | None = None
) -> str:
    """A party's name as the reader may see it: “private collection” for a name not to be
    shown (unless ``names``), “unknown owner” for nobody known."""
    if party.anonymous == ProvenanceParty.Anonymous.UNKNOWN:
        return phrases["unknown"] if phrases else _("unknown owner")
    if party.anonymous or not (names or party.publicly_named):
        return phrases["private"] if phrases else _("private collection")
    return party.name


def _names(
    parties: Sequence[ProvenanceParty], role: str, *, names: bool, phrases: dict[str, str]
) -> str:
    return phrases["and"].join(
        party_label(p, names=names, phrases=phrases) for p in parties if p.role == role
    )


def _follows(before: ProvenanceEvent, after: ProvenanceEvent) -> bool:
    """Whether ``after`` is known to take the work from the owner ``before`` left it with."""
    if before.kind == ProvenanceEvent.Kind.LOSS:
        return after.kind == ProvenanceEvent.Kind.RESTITUTION
    owners = [p for p in event_parties(before) if p.role == ProvenanceParty.Role.TO]
    if not owners or any(p.anonymous == ProvenanceParty.Anonymous.UNKNOWN for p in owners):
        return False
    sellers = [p for p in event_parties(after) if p.role == ProvenanceParty.Role.FROM]
    if not sellers:
        return True  # from whoever had it: the owner before
    if any(p.anonymous == ProvenanceParty.Anonymous.UNKNOWN for p in sellers):
        return False
    known = {p.same_as_key for p in owners}
    return all(p.same_as_key in known or p.anonymous for p in sellers)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def provenance_text(
    events: Sequence[ProvenanceEvent],
    *,
    names: bool,
    prices: bool,
    notes: bool,
    language: str | None = None,
) -> ProvenanceText:
    """The text of ``events`` (in order): ``names`` shows private owners' names, ``prices``
    the prices, ``notes`` collects the private notes. All three off is the public text."""
    phrases = _phrases()
    sources: dict[str, int] = {}
    kept_notes: list[tuple[str, str]] = []
    entries: list[str] = []
    for index, event in enumerate(events):
        parties = event_parties(event)
        owner = _names(parties, ProvenanceParty.Role.TO, names=names, phrases=phrases)
        pieces: list[str] = []
        if event.kind == ProvenanceEvent.Kind.LOSS:
            lost_from = _names(parties, ProvenanceParty.Role.FROM, names=names, phrases=phrases)
            pieces.append(
                phrases["lost from"] % {"owner": lost_from} if lost_from else phrases["lost"]
            )
        else:
            pieces.append(owner or phrases["unknown"])
        if event.place is not None:
            pieces.append(event.place.name)
        if event.date:
            pieces.append(event.date)
        if event.kind not in {ProvenanceEvent.Kind.CREATION, ProvenanceEvent.Kind.LOSS}:
            method = event.method or phrases.get(event.kind, "")
            if method:
                pieces.append(method)
        agents = _names(parties, ProvenanceParty.Role.AGENT, names=names, phrases=phrases)
        if agents:
            pieces.append(phrases["through"] % {"agent": agents})
        if prices and event.price is not None:
            pieces.append(
                phrases["for"] % {"price": money_label(event.price, event.currency, language)}
            )
        entry = ", ".join(pieces)
        if event.certainty == ProvenanceEvent.Certainty.POSSIBLE:
            entry = phrases["possibly"] % {"entry": entry}
        elif event.certainty == ProvenanceEvent.Certainty.PROBABLE:
            entry = phrases["probably"] % {"entry": entry}
        if event.source:
            number = sources.setdefault(event.source, len(sources) + 1)
            entry = f"{entry} [{number}]"
        if index == 0:
            entries.append(_capitalized(entry))
        elif _follows(events[index - 1], event):
            entries.append("; " + entry)
        else:
            entries.append(". " + _capitalized(entry))
        if notes and event.notes:
            kept_notes.append((f"{index + 1}. {event.get_kind_display()}", event.notes))
    text = "".join(entries)
    if text:
        text += "."
    return ProvenanceText(
        text=text,
        references=[(number, source) for source, number in sources.items()],
        notes=kept_notes,
    )
