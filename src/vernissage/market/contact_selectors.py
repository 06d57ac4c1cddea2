"""Reads of contacts, for viewers who may see contacts only (anyone else gets the 404 of an
unknown page): the list with its search, one contact with everything held on them, and their
log, where the door's check-ins appear beside the interactions staff recorded.

Check-ins are merged in when the log is read, not copied when they happen: the door's hot path
stays as it is, a guest linked to a contact later (a contact made after the evening) shows up
at once, and a check-in is never in the log twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, to_locale

from vernissage.core.access import Viewer, can_see_contacts
from vernissage.core.text import fold
from vernissage.exhibitions.models import CheckIn, Exhibition, Opening
from vernissage.market.contacts_models import Interaction
from vernissage.market.models import Contact

#: The most contacts one page of the list shows.
LIST_LIMIT = 100


def _contacts() -> QuerySet[Contact]:
    return Contact.objects.select_related("person", "organization", "looked_after_by")


def contact_list(*, viewer: Viewer, search: str = "", limit: int = LIST_LIMIT) -> list[Contact]:
    """Contacts whose name (any of a person's names, in any script, with or without accents),
    organization or e-mail address holds every word typed; the newest first."""
    if not can_see_contacts(viewer):
        raise Http404
    contacts = _contacts().prefetch_related("tags")
    for word in fold(search).split():
        contacts = contacts.filter(
            Q(person__search_names__contains=word)
            | Q(organization__name__icontains=word)
            | Q(email__icontains=word)
            | Q(pk__in=Contact.objects.filter(emails__address__icontains=word).values("pk"))
        )
    return list(contacts.order_by("-created_at", "-id")[:limit])


def contact_get(*, pk: int, viewer: Viewer) -> Contact:
    """One contact with everything held on them, or the 404 of an unknown page."""
    if not can_see_contacts(viewer):
        raise Http404
    contact = (
        _contacts()
        .prefetch_related(
            "emails",
            "phones",
            "addresses",
            "tags",
            "interested_in_artists",
            "interested_in_media",
            "interested_in_themes",
        )
        .filter(pk=pk)
        .first()
    )
    if contact is None:
        raise Http404
    return contact


@dataclass(frozen=True)
class LogEntry:
    kind: str
    kind_label: str
    at: dt.datetime
    staff: str
    note: str
    exhibition: Exhibition | None
    opening: Opening | None
    #: Written by the door (a check-in), not by hand.
    from_door: bool = False
    interaction_id: int | None = None

    @property
    def local_at(self) -> dt.datetime:
        """When, at the clock of where it happened: the venue's time zone for an opening (as
        the exhibitions area shows openings), else the house's (``settings.TIME_ZONE``)."""
        zone = self.opening.venue.zone if self.opening is not None else None
        return timezone.localtime(self.at, zone or timezone.get_default_timezone())

    @property
    def at_label(self) -> str:
        """“10 Oct 2013, 18:05 CEST”: the day and time of :attr:`local_at` with its zone (the
        template's ``date`` filter would turn it back into the active time zone)."""
        local = self.local_at
        return f"{date_format(local, 'j M Y, H:i')} {local.tzname()}"


def contact_checkins(*, contact: Contact) -> QuerySet[CheckIn]:
    """The counted check-ins of the guests who are this contact (or their person)."""
    who = Q(guest__contact_id=contact.pk)
    if contact.person_id is not None:
        who |= Q(guest__person_id=contact.person_id)
    return (
        CheckIn.objects.filter(who, duplicate=False)
        .select_related("guest__opening__exhibition", "guest__opening__venue__organization", "by")
        .order_by("-at", "-id")
    )


def _staff_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def contact_log(*, contact: Contact) -> list[LogEntry]:
    """The contact's interactions and the openings they were checked in at, newest first, in
    two queries. An opening already logged by hand is not listed a second time."""
    entries = [
        LogEntry(
            kind=row.kind,
            kind_label=str(row.get_kind_display()),
            at=row.at,
            staff=_staff_name(row.staff),
            note=row.note,
            exhibition=row.exhibition,
            opening=row.opening,
            interaction_id=row.pk,
        )
        for row in Interaction.objects.filter(contact=contact).select_related(
            "staff", "exhibition", "opening__venue__organization"
        )
    ]
    logged = {
        entry.opening.pk
        for entry in entries
        if entry.opening is not None and entry.kind == Interaction.Kind.OPENING_ATTENDED
    }
    seen: set[int] = set()
    for checkin in contact_checkins(contact=contact):
        opening = checkin.guest.opening
        if opening.pk in logged or opening.pk in seen:
            continue
        seen.add(opening.pk)
        entries.append(
            LogEntry(
                kind=Interaction.Kind.OPENING_ATTENDED.value,
                kind_label=str(Interaction.Kind.OPENING_ATTENDED.label),
                at=checkin.at,
                staff=_staff_name(checkin.by),
                note="",
                exhibition=opening.exhibition,
                opening=opening,
                from_door=True,
            )
        )
    entries.sort(key=lambda entry: (entry.at, entry.interaction_id or 0), reverse=True)
    return entries


def money_label(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """An amount as the reader's locale writes it (Babel): 12 000,00 € in French."""
    locale = to_locale(language or get_language() or "en")
    return str(format_currency(amount, currency, locale=locale))


def price_range_label(contact: Contact, *, language: str | None = None) -> str:
    """The range the contact spends in, for the reader's locale; empty when unknown."""
    low, high, currency = contact.price_min, contact.price_max, contact.price_currency
    if not currency or (low is None and high is None):
        return ""
    if low is not None and high is not None:
        return (
            f"{money_label(low, currency, language=language)} – "
            f"{money_label(high, currency, language=language)}"
        )
    if high is None:
        return f"≥ {money_label(low or Decimal(0), currency, language=language)}"
    return f"≤ {money_label(high, currency, language=language)}"
