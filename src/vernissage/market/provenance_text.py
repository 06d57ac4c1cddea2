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


def _method_default(kind: str) -> str:
    defaults: dict[str, str] = {
        ProvenanceEvent.Kind.SALE: _("by purchase"),
        ProvenanceEvent.Kind.GIFT: _("by gift"),
        ProvenanceEvent.Kind.INHERITANCE: _("by descent"),
        ProvenanceEvent.Kind.AUCTION: _("by purchase at auction"),
        ProvenanceEvent.Kind.TRANSFER: _("by transfer"),
        ProvenanceEvent.Kind.EXCHANGE: _("by exchange"),
        ProvenanceEvent.Kind.RESTITUTION: _("by restitution"),
    }
    return defaults.get(kind, "")


def party_label(party: ProvenanceParty, *, names: bool) -> str:
    if party.anonymous == ProvenanceParty.Anonymous.UNKNOWN:
        return _("unknown owner")
    if party.anonymous or not (names or party.publicly_named):
        return _("private collection")
    return party.name


def _names(parties: Sequence[ProvenanceParty], role: str, *, names: bool) -> str:
    return _(" and ").join(party_label(p, names=names) for p in parties if p.role == role)


def _follows(before: ProvenanceEvent, after: ProvenanceEvent) -> bool:
    """Whether ``after`` is known to take the work from the owner ``before`` left it with."""
    if before.kind == ProvenanceEvent.Kind.LOSS:
        return after.kind == ProvenanceEvent.Kind.RESTITUTION
    owners = [p for p in before.parties.all() if p.role == ProvenanceParty.Role.TO]
    if not owners or any(p.anonymous == ProvenanceParty.Anonymous.UNKNOWN for p in owners):
        return False
    sellers = [p for p in after.parties.all() if p.role == ProvenanceParty.Role.FROM]
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
    sources: dict[str, int] = {}
    kept_notes: list[tuple[str, str]] = []
    entries: list[str] = []
    for index, event in enumerate(events):
        parties = list(event.parties.all())
        owner = _names(parties, ProvenanceParty.Role.TO, names=names)
        pieces: list[str] = []
        if event.kind == ProvenanceEvent.Kind.LOSS:
            lost_from = _names(parties, ProvenanceParty.Role.FROM, names=names)
            pieces.append(
                _("lost or stolen from %(owner)s") % {"owner": lost_from}
                if lost_from
                else _("lost or stolen")
            )
        else:
            pieces.append(owner or _("unknown owner"))
        if event.place is not None:
            pieces.append(event.place.name)
        if event.date:
            pieces.append(event.date)
        if event.kind not in {ProvenanceEvent.Kind.CREATION, ProvenanceEvent.Kind.LOSS}:
            method = event.method or _method_default(event.kind)
            if method:
                pieces.append(method)
        agents = _names(parties, ProvenanceParty.Role.AGENT, names=names)
        if agents:
            pieces.append(_("through %(agent)s") % {"agent": agents})
        if prices and event.price is not None:
            pieces.append(
                _("for %(price)s") % {"price": money_label(event.price, event.currency, language)}
            )
        entry = ", ".join(pieces)
        if event.certainty == ProvenanceEvent.Certainty.POSSIBLE:
            entry = _("possibly %(entry)s") % {"entry": entry}
        elif event.certainty == ProvenanceEvent.Certainty.PROBABLE:
            entry = _("probably %(entry)s") % {"entry": entry}
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
