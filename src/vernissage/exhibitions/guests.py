"""Opening nights' guest lists: building them, inviting the guests, their answers (RSVP), the
waiting list and the reminders. Services and selectors of guests live here.

* A list is built from people, contacts and contact tags. A tag brings only the contacts who
  agreed to hear from the house (``Contact.marketing_consent``); naming someone by hand (a
  person, a contact, a row of an imported file) is allowed whatever their consent, and the
  audit log records who added them.
* An import from CSV lands whole or not at all: every bad row is reported by its number.
* Each guest gets a personal invitation e-mail with an unguessable RSVP link (and its QR code,
  and the evening as a calendar file). The link works until the evening ends; answers close at
  the opening's RSVP deadline (or when it starts).
* With a capacity, a yes that does not fit goes on the waiting list; when places free up (a
  no, a smaller party, a guest removed) the next guests who fit are promoted, in the order they
  said yes, and told by e-mail.
* The day before, those coming (and those who said maybe) get a reminder, once: a task queued
  with ``run_after`` when the invitations go out; ``Opening.reminders_sent_at`` makes it
  idempotent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vernissage.core.access import Viewer, can_see_guest_lists
from vernissage.core.models import AuditLog
from vernissage.core.services import (
    Actor,
    audit_record,
    audited_delete,
    audited_save,
    snapshot,
)
from vernissage.core.text import fold
from vernissage.exhibitions import links
from vernissage.exhibitions.calendar import opening_title
from vernissage.exhibitions.mail import message_queue, messages_send_on_commit
from vernissage.exhibitions.models import CheckIn, Guest, GuestMessage, Opening
from vernissage.market.models import Contact, ContactTag
from vernissage.people.models import Person

Response = Guest.Response

#: The most rows one import may hold.
IMPORT_MAX_ROWS = 10_000
#: The most people one guest may bring in all (themselves included) from an import.
PARTY_MAX = 20
#: How long before an opening its reminders go out.
REMINDER_AHEAD = dt.timedelta(days=1)
#: What an import's header may call each column (folded, spaces and dashes as ``_``).
IMPORT_COLUMNS = {
    "name": "name",
    "full_name": "name",
    "guest": "name",
    "email": "email",
    "e_mail": "email",
    "mail": "email",
    "email_address": "email",
    "party_allowed": "party_allowed",
    "party": "party_allowed",
    "party_size": "party_allowed",
    "party_size_allowed": "party_allowed",
    "guests": "party_allowed",
    "language": "language",
    "lang": "language",
    "note": "note",
    "notes": "note",
}
LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
#: Kinds of message whose last status the guest list shows.
LIST_KINDS = (
    GuestMessage.Kind.INVITATION,
    GuestMessage.Kind.REMINDER,
    GuestMessage.Kind.PROMOTED,
)


# --- small reads ---------------------------------------------------------------------------


def guest_search_name(name: str, person: Person | None = None) -> str:
    """The folded text the door searches: the name as written on the list, and the person's
    other names (other scripts) when the guest is a person of the catalogue."""
    text = fold(name)
    if person is not None and person.search_names:
        words = set(re.findall(r"\w+", text))
        extra = [
            w for w in dict.fromkeys(re.findall(r"\w+", person.search_names)) if w not in words
        ]
        text = " ".join([text, *extra])
    return text[:300]


def answers_close_at(opening: Opening) -> dt.datetime:
    """When answers close: the RSVP deadline, or the start of the evening."""
    return opening.rsvp_deadline or opening.starts_at


def answers_are_open(opening: Opening) -> bool:
    return timezone.now() < answers_close_at(opening)


def local_moment(moment: dt.datetime, opening: Opening) -> str:
    """A moment as the venue reads it, with its zone: "12 June 2026, 18:30 CEST
    (Europe/Paris)"."""
    local = timezone.localtime(moment, opening.venue.zone)
    return _("%(date)s, %(time)s %(abbreviation)s (%(zone)s)") % {
        "date": date_format(local, "DATE_FORMAT"),
        "time": date_format(local, "TIME_FORMAT"),
        "abbreviation": local.tzname(),
        "zone": opening.venue.time_zone,
    }


def taken_places(opening: Opening, *, excluding: Guest | None = None) -> int:
    """Places taken by confirmed yeses (the waiting list takes none)."""
    guests = Guest.objects.filter(opening=opening).attending()
    if excluding is not None:
        guests = guests.exclude(pk=excluding.pk)
    total: int = guests.aggregate(total=Coalesce(Sum("party_size"), 0))["total"]
    return total


# --- building the list ---------------------------------------------------------------------


@dataclass
class AddReport:
    """What adding to a guest list did: who was added, and who was left out and why."""

    added: list[Guest] = field(default_factory=list)
    without_consent: list[str] = field(default_factory=list)
    already_listed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            ngettext("Added %(n)d guest.", "Added %(n)d guests.", len(self.added))
            % {"n": len(self.added)}
        ]
        if self.already_listed:
            parts.append(
                ngettext(
                    "%(n)d was on the list already.",
                    "%(n)d were on the list already.",
                    len(self.already_listed),
                )
                % {"n": len(self.already_listed)}
            )
        if self.without_consent:
            parts.append(
                ngettext(
                    "%(n)d contact with this tag did not agree to invitations and was left "
                    "out; add them by name if they asked to come.",
                    "%(n)d contacts with this tag did not agree to invitations and were left "
                    "out; add them by name if they asked to come.",
                    len(self.without_consent),
                )
                % {"n": len(self.without_consent)}
            )
        return " ".join(parts)


class _Listed:
    """Who is on a list already (addresses folded, people, contacts), read once and kept up
    to date while guests are added."""

    def __init__(self, opening: Opening) -> None:
        self.emails: set[str] = set()
        self.people: set[int] = set()
        self.contacts: set[int] = set()
        for email, person_id, contact_id in Guest.objects.filter(opening=opening).values_list(
            "email", "person_id", "contact_id"
        ):
            self.add(email, person_id, contact_id)

    def add(self, email: str, person_id: int | None, contact_id: int | None) -> None:
        if email:
            self.emails.add(email.casefold())
        if person_id:
            self.people.add(person_id)
        if contact_id:
            self.contacts.add(contact_id)

    def refusal(self, guest: Guest) -> ValidationError | None:
        if guest.email and guest.email.casefold() in self.emails:
            return ValidationError(
                {"email": [_("%(email)s is on this guest list already.") % {"email": guest.email}]}
            )
        if guest.person_id is not None and guest.person_id in self.people:
            return ValidationError(
                _("%(name)s is on this guest list already.") % {"name": guest.person}
            )
        if guest.contact_id is not None and guest.contact_id in self.contacts:
            return ValidationError(
                _("%(name)s is on this guest list already.") % {"name": guest.contact}
            )
        return None


def _new_guest(
    opening: Opening,
    *,
    name: str = "",
    email: str = "",
    person: Person | None = None,
    contact: Contact | None = None,
    party_allowed: int = 1,
    language: str = "",
    note: str = "",
) -> Guest:
    """A guest as named by hand: a person or contact brings their name, address and language
    unless given."""
    if contact is None and person is not None:
        contact = Contact.objects.filter(person=person).first()
    if person is None and contact is not None and contact.person_id is not None:
        person = contact.person
    fallback = str(person) if person else str(contact) if contact else ""
    name = " ".join((name or fallback).split())
    email = (email or (contact.email if contact else "")).strip()
    language = language or (contact.language if contact else "") or settings.LANGUAGE_CODE
    if not name:
        raise ValidationError({"name": [_("Write the guest's name.")]})
    return Guest(
        opening=opening,
        person=person,
        contact=contact,
        name=name,
        search_name=guest_search_name(name, person),
        email=email,
        language=language.strip(),
        party_allowed=party_allowed,
        note=note,
    )


def _add(guest: Guest, listed: _Listed, acting_user: Actor) -> Guest:
    refusal = listed.refusal(guest)
    if refusal is not None:
        raise refusal
    audited_save(instance=guest, acting_user=acting_user)
    listed.add(guest.email, guest.person_id, guest.contact_id)
    return guest


def _locked_open(opening: Opening) -> Opening:
    locked = Opening.objects.select_for_update().get(pk=opening.pk)
    if locked.ends_at <= timezone.now():
        raise ValidationError(_("This opening is over; its guest list can no longer change."))
    return locked


def guest_add(
    *,
    opening: Opening,
    acting_user: Actor,
    name: str = "",
    email: str = "",
    person: Person | None = None,
    contact: Contact | None = None,
    party_allowed: int = 1,
    language: str = "",
    note: str = "",
) -> Guest:
    """Put one named guest on the list, by hand: allowed whatever their marketing consent
    (they were chosen, not swept in by a tag); the audit log records who added them.

    A person or contact brings their name, address and language unless given; an address
    already on the list, or the same person or contact twice, is refused."""
    with transaction.atomic():
        locked = _locked_open(opening)
        guest = _new_guest(
            locked,
            name=name,
            email=email,
            person=person,
            contact=contact,
            party_allowed=party_allowed,
            language=language,
            note=note,
        )
        return _add(guest, _Listed(locked), acting_user)


def guest_record_attendance(
    *,
    opening: Opening,
    acting_user: Actor,
    name: str = "",
    person: Person | None = None,
    contact: Contact | None = None,
    party: int = 1,
    arrived_at: dt.datetime | None = None,
    note: str = "",
) -> Guest:
    """Record, after the evening, that someone came to an opening that is over (a guest book
    typed in, an archive of past evenings): a guest who said yes and was checked in when they
    arrived (the opening's start when not known), with their check-in. Live openings take
    their guests and check-ins through the guest list and the door instead."""
    with transaction.atomic():
        locked = Opening.objects.select_for_update().get(pk=opening.pk)
        if locked.ends_at > timezone.now():
            raise ValidationError(
                _("This opening is not over; check its guests in at the door instead.")
            )
        arrived = arrived_at or locked.starts_at
        if not locked.starts_at <= arrived <= locked.ends_at:
            raise ValidationError(
                {"arrived_at": [_("A guest arrives between the opening's start and its end.")]}
            )
        guest = _new_guest(
            locked, name=name, person=person, contact=contact, party_allowed=party, note=note
        )
        guest.response = Response.ATTENDING
        guest.party_size = party
        guest.answered_at = arrived
        guest.checked_in_at = arrived
        guest.checked_in_party = party
        _add(guest, _Listed(locked), acting_user)
        CheckIn.objects.create(
            guest=guest,
            at=arrived,
            received_at=timezone.now(),
            by=acting_user if isinstance(acting_user, User) else None,
            party=party,
            client_id=uuid.uuid4(),
        )
        return guest


def _add_many(
    opening: Opening, chosen: Iterable[Person | Contact], acting_user: Actor, *, by_tag: bool
) -> AddReport:
    report = AddReport()
    with transaction.atomic():
        locked = _locked_open(opening)
        listed = _Listed(locked)
        for record in chosen:
            if isinstance(record, Contact):
                if by_tag and not record.marketing_consent:
                    report.without_consent.append(str(record))
                    continue
                guest = _new_guest(locked, contact=record)
            else:
                guest = _new_guest(locked, person=record)
            if listed.refusal(guest) is not None:
                report.already_listed.append(guest.name)
                continue
            report.added.append(_add(guest, listed, acting_user))
    return report


def guest_list_add_people(
    *, opening: Opening, people: Iterable[Person], acting_user: Actor
) -> AddReport:
    """Named people, chosen by hand (their contact's address and language come along)."""
    return _add_many(opening, people, acting_user, by_tag=False)


def guest_list_add_contacts(
    *, opening: Opening, contacts: Iterable[Contact], acting_user: Actor
) -> AddReport:
    """Contacts chosen by hand: named, so added whatever their consent."""
    return _add_many(opening, contacts, acting_user, by_tag=False)


def guest_list_add_tag(*, opening: Opening, tag: ContactTag, acting_user: Actor) -> AddReport:
    """Every contact with this tag who agreed to invitations; the others are counted, named
    in the report, and left out."""
    contacts = (
        Contact.objects.filter(tags=tag).select_related("person", "organization").order_by("pk")
    )
    return _add_many(opening, contacts, acting_user, by_tag=True)


def guest_save(*, guest: Guest, acting_user: Actor) -> Guest:
    """Save a guest written by hand (as :func:`guest_add`), or staff's edits of one (name,
    address, party allowed, language, note)."""
    if guest.pk is None:
        with transaction.atomic():
            opening = _locked_open(guest.opening)
            guest.name = " ".join(guest.name.split())
            guest.search_name = guest_search_name(guest.name, guest.person)
            guest.language = guest.language or settings.LANGUAGE_CODE
            return _add(guest, _Listed(opening), acting_user)
    with transaction.atomic():
        stored = Guest.objects.select_for_update().get(pk=guest.pk)
        # Answers, the waiting list, links and the door belong to their own services.
        for name in (
            "opening_id",
            "response",
            "party_size",
            "answered_at",
            "waitlisted_at",
            "token_hash",
            "token_expires_at",
            "checked_in_at",
            "checked_in_party",
        ):
            setattr(guest, name, getattr(stored, name))
        guest.name = " ".join(guest.name.split())
        guest.search_name = guest_search_name(guest.name, guest.person)
        if guest.party_size > guest.party_allowed:
            raise ValidationError(
                {
                    "party_allowed": [
                        _("%(name)s already said %(size)d will come; allow at least that many.")
                        % {"name": guest.name, "size": guest.party_size}
                    ]
                }
            )
        duplicate = (
            Guest.objects.filter(opening_id=guest.opening_id)
            .exclude(pk=guest.pk)
            .annotate(lower=Lower("email"))
            .filter(lower=guest.email.casefold())
            .exists()
            if guest.email
            else False
        )
        if duplicate:
            raise ValidationError(
                {"email": [_("%(email)s is on this guest list already.") % {"email": guest.email}]}
            )
        audited_save(instance=guest, acting_user=acting_user)
    return guest


def guest_remove(*, guest: Guest, acting_user: Actor) -> None:
    """Take a guest off the list; their places, if they had any, go to the waiting list."""
    with transaction.atomic():
        opening = Opening.objects.select_for_update().get(pk=guest.opening_id)
        if guest.checked_in_at is not None:
            raise ValidationError(
                _("%(name)s came to the opening; they stay on its list.") % {"name": guest.name}
            )
        audited_delete(instance=guest, acting_user=acting_user)
        _promote_waiting(opening, acting_user=acting_user)


# --- import --------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: int
    ignored_columns: list[str]


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8” and "
                "import it again."
            )
        ) from error


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", fold(name or "")).strip("_")
    return IMPORT_COLUMNS.get(key, "")


def guest_list_import_csv(
    *, opening: Opening, data: bytes | str, acting_user: Actor
) -> ImportReport:
    """Add the guests of a CSV file (columns: name, email, party allowed, language, note; the
    first row names them). Every bad row is reported by its number, as the spreadsheet
    counts rows (the header is row 1), and then nothing is imported."""
    text = _decode(data)
    rows = list(csv.reader(io.StringIO(text), _dialect(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValidationError(_("The file is empty: its first row should name the columns."))
    header = [_column(cell) for cell in rows[0]]
    ignored = [cell.strip() for cell, known in zip(rows[0], header, strict=True) if not known]
    if "name" not in header:
        raise ValidationError(
            _(
                "The first row must name the columns, with at least “name” (and usually "
                "“email”, “party allowed”, “language”)."
            )
        )
    body = rows[1:]
    if len(body) > IMPORT_MAX_ROWS:
        raise ValidationError(
            _("The file has %(n)d rows; import at most %(max)d at a time.")
            % {"n": len(body), "max": IMPORT_MAX_ROWS}
        )
    errors: list[str] = []
    seen: dict[str, int] = {}
    parsed: list[tuple[int, dict[str, str]]] = []
    with transaction.atomic():
        opening = _locked_open(opening)
        listed = {
            email.casefold(): name
            for email, name in Guest.objects.filter(opening=opening)
            .exclude(email="")
            .values_list("email", "name")
        }
        for number, cells in enumerate(body, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                column: cell.strip()
                for column, cell in zip(header, cells, strict=False)
                if column and cell.strip()
            }
            row_errors = _row_errors(number, values, seen, listed)
            errors.extend(row_errors)
            if not row_errors:
                parsed.append((number, values))
            email = values.get("email", "").casefold()
            if email and email not in seen:
                seen[email] = number
        if errors:
            raise ValidationError(
                [
                    ngettext(
                        "%(n)d row is wrong; nothing was imported. Correct it and import the "
                        "whole file again.",
                        "%(n)d rows are wrong; nothing was imported. Correct them and import "
                        "the whole file again.",
                        len({message.split(":")[0] for message in errors}),
                    )
                    % {"n": len({message.split(":")[0] for message in errors})},
                    *errors,
                ]
            )
        if not parsed:
            raise ValidationError(_("The file has no guests: only its header row."))
        guests = _guests_from_rows(opening, parsed)
        try:
            created = Guest.objects.bulk_create(guests)
        except IntegrityError as error:  # a guest added meanwhile by someone else
            raise ValidationError(
                _("The guest list changed while importing; import the file again.")
            ) from error
        _audit_created(created, acting_user=acting_user)
    return ImportReport(added=len(created), ignored_columns=ignored)


def _row_errors(
    number: int, values: dict[str, str], seen: dict[str, int], listed: dict[str, str]
) -> list[str]:
    errors: list[str] = []

    def wrong(text: str) -> None:
        errors.append(_("Row %(row)d: %(problem)s") % {"row": number, "problem": text})

    if not values.get("name"):
        wrong(_("the name is missing."))
    elif len(values["name"]) > Guest._meta.get_field("name").max_length:  # type: ignore[operator]
        wrong(_("the name is longer than 300 characters."))
    email = values.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            wrong(_("“%(email)s” is not an e-mail address.") % {"email": email})
        else:
            key = email.casefold()
            if key in seen:
                wrong(
                    _("%(email)s is also on row %(other)d.") % {"email": email, "other": seen[key]}
                )
            elif key in listed:
                wrong(
                    _("%(email)s is on the guest list already (%(name)s).")
                    % {"email": email, "name": listed[key]}
                )
    party = values.get("party_allowed", "")
    if party and (not party.isdigit() or not 1 <= int(party) <= PARTY_MAX):
        wrong(
            _("the party allowed “%(party)s” should be a number from 1 to %(max)d.")
            % {"party": party, "max": PARTY_MAX}
        )
    language = values.get("language", "")
    if language and not LANGUAGE_CODE.match(language):
        wrong(
            _("“%(language)s” is not a language code (such as en, fr, de, ru).")
            % {"language": language}
        )
    return errors


def _guests_from_rows(opening: Opening, rows: Sequence[tuple[int, dict[str, str]]]) -> list[Guest]:
    """The guests of valid rows, linked to the contact (and person) of their address."""
    emails = {values["email"].casefold() for _number, values in rows if values.get("email")}
    contacts: dict[str, Contact] = {}
    if emails:
        for known in (
            Contact.objects.annotate(lower=Lower("email"))
            .filter(lower__in=emails)
            .select_related("person")
            .order_by("pk")
        ):
            contacts.setdefault(known.email.casefold(), known)
    taken_people = set(
        Guest.objects.filter(opening=opening, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    taken_contacts = set(
        Guest.objects.filter(opening=opening, contact__isnull=False).values_list(
            "contact_id", flat=True
        )
    )
    guests = []
    now = timezone.now()
    for _number, values in rows:
        name = " ".join(values["name"].split())
        contact: Contact | None = contacts.get(values.get("email", "").casefold())
        if contact is not None and contact.pk in taken_contacts:
            contact = None
        person = contact.person if contact is not None else None
        if person is not None and person.pk in taken_people:
            person = None
        if contact is not None:
            taken_contacts.add(contact.pk)
        if person is not None:
            taken_people.add(person.pk)
        guests.append(
            Guest(
                opening=opening,
                contact=contact,
                person=person,
                name=name,
                search_name=guest_search_name(name, person),
                email=values.get("email", ""),
                party_allowed=int(values.get("party_allowed") or 1),
                language=values.get("language", "") or settings.LANGUAGE_CODE,
                note=values.get("note", ""),
                created_at=now,
            )
        )
    return guests


def _audit_created(guests: Sequence[Guest], *, acting_user: Actor) -> None:
    """One audit row per guest created in bulk (what :func:`audited_save` writes for one)."""
    if not guests:
        return
    actor_id = acting_user.pk if acting_user is not None and acting_user.is_authenticated else None
    guest_type = ContentType.objects.get_for_model(Guest)
    opening_type = ContentType.objects.get_for_model(Opening)
    now = timezone.now()
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                at=now,
                actor_id=actor_id,
                action=AuditLog.Action.CREATE,
                content_type=guest_type,
                object_id=str(guest.pk),
                object_repr=str(guest)[:300],
                changes={key: [None, value] for key, value in snapshot(guest).items()},
                record_type=opening_type,
                record_id=str(guest.opening_id),
            )
            for guest in guests
        ],
        batch_size=500,
    )


# --- inviting ------------------------------------------------------------------------------


@dataclass
class SendReport:
    queued: int = 0
    without_email: list[str] = field(default_factory=list)
    already_invited: int = 0

    def summary(self) -> str:
        parts = [
            ngettext("Sending %(n)d invitation.", "Sending %(n)d invitations.", self.queued)
            % {"n": self.queued}
        ]
        if self.already_invited:
            parts.append(
                ngettext(
                    "%(n)d guest was invited already.",
                    "%(n)d guests were invited already.",
                    self.already_invited,
                )
                % {"n": self.already_invited}
            )
        if self.without_email:
            parts.append(
                ngettext(
                    "%(n)d guest has no e-mail address: %(names)s.",
                    "%(n)d guests have no e-mail address: %(names)s.",
                    len(self.without_email),
                )
                % {"n": len(self.without_email), "names": ", ".join(self.without_email[:20])}
            )
        return " ".join(parts)


def guest_subject(kind: GuestMessage.Kind, opening: Opening, language: str) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        local = timezone.localtime(opening.starts_at, opening.venue.zone)
        values = {"title": opening_title(opening), "date": date_format(local, "DATE_FORMAT")}
        if kind == GuestMessage.Kind.REMINDER:
            return _("Tomorrow: %(title)s") % values
        if kind == GuestMessage.Kind.PROMOTED:
            return _("A place is yours: %(title)s, %(date)s") % values
        if kind == GuestMessage.Kind.CONFIRMATION:
            return _("Your answer: %(title)s") % values
        return _("Invitation: %(title)s, %(date)s") % values


def _issue_links(guests: Sequence[Guest], opening: Opening) -> None:
    """Give these guests a (new) RSVP link, alive until the evening ends; audited."""
    expires = links.issue_moment(opening.ends_at)
    changed = []
    for guest in guests:
        before = guest.token_expires_at
        token = links.link_token(purpose="rsvp", pk=guest.pk, issued=expires)
        new_hash = links.token_hash(token)
        if guest.token_hash == new_hash:
            continue
        guest.token_hash = new_hash
        guest.token_expires_at = expires
        changed.append((guest, before))
    if not changed:
        return
    # One statement run for every guest: bulk_update's CASE expressions took 4.5 s of Python
    # for 5,000 guests; this takes a few milliseconds on either database.
    table = connection.ops.quote_name(Guest._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET token_hash = %s, token_expires_at = %s WHERE id = %s",  # noqa: S608 - our own table name
            [
                (guest.token_hash, connection.ops.adapt_datetimefield_value(expires), guest.pk)
                for guest, _before in changed
            ],
        )
    guest_type = ContentType.objects.get_for_model(Guest)
    opening_type = ContentType.objects.get_for_model(Opening)
    now = timezone.now()
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                at=now,
                action=AuditLog.Action.UPDATE,
                content_type=guest_type,
                object_id=str(guest.pk),
                object_repr=str(guest)[:300],
                # The hash is no secret, but there is nothing to read in it either.
                changes={
                    "token_expires_at": [
                        before.isoformat() if before else None,
                        expires.isoformat(),
                    ]
                },
                record_type=opening_type,
                record_id=str(opening.pk),
            )
            for guest, before in changed
        ],
        batch_size=500,
    )


def invitations_send(
    *,
    opening: Opening,
    acting_user: Actor,
    guests: Iterable[Guest] | None = None,
    again: bool = False,
) -> SendReport:
    """E-mail each guest (all of the list, or those given) their personal invitation. Guests
    invited already are left alone unless ``again`` (their new link replaces the old one).

    The reminders of the day before are queued at the same time, to run by themselves."""
    from vernissage.exhibitions.tasks import enqueue_at, opening_reminders_task

    report = SendReport()
    with transaction.atomic():
        opening = (
            Opening.objects.select_for_update()
            .select_related("venue__organization", "exhibition")
            .get(pk=opening.pk)
        )
        if not answers_are_open(opening):
            raise ValidationError(
                _("Answers to this opening closed on %(when)s; it is too late to invite.")
                % {"when": local_moment(answers_close_at(opening), opening)}
            )
        chosen = Guest.objects.filter(opening=opening).order_by("pk")
        if guests is not None:
            chosen = chosen.filter(pk__in=[guest.pk for guest in guests])
        invited = set(
            GuestMessage.objects.filter(guest__opening=opening, kind=GuestMessage.Kind.INVITATION)
            .exclude(status=GuestMessage.Status.BOUNCED)
            .values_list("guest_id", flat=True)
        )
        to_invite: list[Guest] = []
        for guest in chosen:
            if not guest.email:
                report.without_email.append(guest.name)
            elif guest.pk in invited and not again:
                report.already_invited += 1
            else:
                to_invite.append(guest)
        _issue_links(to_invite, opening)
        subjects: dict[str, str] = {}
        messages = []
        for guest in to_invite:
            language = guest.language or settings.LANGUAGE_CODE
            if language not in subjects:
                subjects[language] = guest_subject(GuestMessage.Kind.INVITATION, opening, language)
            messages.append(
                GuestMessage(
                    guest=guest,
                    kind=GuestMessage.Kind.INVITATION,
                    to=guest.email,
                    subject=subjects[language][:300],
                )
            )
        created = GuestMessage.objects.bulk_create(messages, batch_size=500)
        report.queued = len(created)
        messages_send_on_commit([message.pk for message in created])
        if created:
            remind_at, pk = opening.starts_at - REMINDER_AHEAD, opening.pk
            transaction.on_commit(lambda: enqueue_at(opening_reminders_task, remind_at, pk))
    return report


# --- answers -------------------------------------------------------------------------------


class Outcome:
    """What an answer did, for the page to say."""

    SAVED = "saved"
    WAITING = "waiting"
    UNCHANGED = "unchanged"


@dataclass
class RsvpResult:
    guest: Guest
    outcome: str
    promoted: list[Guest] = field(default_factory=list)


def guest_rsvp(
    *,
    guest: Guest,
    response: str,
    party_size: int,
    access_needs: str = "",
    acting_user: Actor = None,
) -> RsvpResult:
    """Record a guest's answer (on their RSVP page, or staff writing down an answer given
    another way).

    Refused after answers close, for a party larger than allowed, or for more places than
    are left when changing a yes. A yes that does not fit (or finds others waiting) goes on
    the waiting list; places a guest gives up go to those waiting. The same answer sent
    twice (a form posted twice) changes nothing the second time."""
    if response not in {Response.ATTENDING, Response.NOT_ATTENDING, Response.MAYBE}:
        raise ValidationError({"response": [_("Choose whether you will come.")]})
    access_needs = access_needs.strip()
    with transaction.atomic():
        # The opening's row serializes every answer of the evening: places are counted once.
        opening = (
            Opening.objects.select_for_update()
            .select_related("venue", "exhibition")
            .get(pk=guest.opening_id)
        )
        locked = Guest.objects.select_for_update().get(pk=guest.pk)
        locked.opening = opening
        if not answers_are_open(opening):
            raise ValidationError(
                _("Answers closed on %(when)s; your answer was not changed.")
                % {"when": local_moment(answers_close_at(opening), opening)}
            )
        if response == Response.NOT_ATTENDING:
            party_size = 0
        elif not 1 <= party_size <= locked.party_allowed:
            raise ValidationError(
                {
                    "party_size": [
                        ngettext(
                            "This invitation is for %(n)d person: you.",
                            "This invitation is for up to %(n)d people, you included.",
                            locked.party_allowed,
                        )
                        % {"n": locked.party_allowed}
                    ]
                }
            )
        if (
            locked.response == response
            and locked.party_size == party_size
            and locked.access_needs == access_needs
        ):
            return RsvpResult(guest=locked, outcome=Outcome.UNCHANGED)
        was_confirmed = locked.response == Response.ATTENDING and locked.waitlisted_at is None
        outcome = Outcome.SAVED
        if response == Response.ATTENDING:
            outcome = _place(locked, opening, party_size, was_confirmed)
        else:
            locked.waitlisted_at = None
        locked.response = response
        locked.party_size = party_size
        locked.access_needs = access_needs
        locked.answered_at = timezone.now()
        audited_save(instance=locked, acting_user=acting_user)
        promoted = _promote_waiting(opening, acting_user=acting_user, answering=locked)
        if any(candidate.pk == locked.pk for candidate in promoted):
            # Those ahead in line did not fit the places free: this yes takes them at once.
            locked.waitlisted_at = None
            outcome = Outcome.SAVED
            promoted = [candidate for candidate in promoted if candidate.pk != locked.pk]
    return RsvpResult(guest=locked, outcome=outcome, promoted=promoted)


def _place(guest: Guest, opening: Opening, party_size: int, was_confirmed: bool) -> str:
    """Where a yes of ``party_size`` goes: confirmed, or the waiting list."""
    if opening.capacity is None:
        guest.waitlisted_at = None
        return Outcome.SAVED
    room = opening.capacity - taken_places(opening, excluding=guest)
    if was_confirmed:
        if party_size > room:
            raise ValidationError(
                {
                    "party_size": [
                        ngettext(
                            "Only %(n)d place is left for your party; your answer was not changed.",
                            "Only %(n)d places are left for your party; your answer was not "
                            "changed.",
                            max(room, 0),
                        )
                        % {"n": max(room, 0)}
                    ]
                }
            )
        return Outcome.SAVED
    others_waiting = Guest.objects.filter(opening=opening).waiting().exclude(pk=guest.pk).exists()
    if party_size <= room and not others_waiting:
        guest.waitlisted_at = None
        return Outcome.SAVED
    if guest.waitlisted_at is None:
        guest.waitlisted_at = timezone.now()
    return Outcome.WAITING


def _promote_waiting(
    opening: Opening, *, acting_user: Actor, answering: Guest | None = None
) -> list[Guest]:
    """Give freed places to those waiting, in the order they said yes; a party too large for
    what is free keeps its place in line while smaller ones behind it come in. Each promoted
    guest is told by e-mail (not ``answering``, who is reading the page that says so). Call
    with the opening's row locked."""
    if opening.capacity is None:
        waiting = list(Guest.objects.filter(opening=opening).waiting())
    else:
        room = opening.capacity - taken_places(opening)
        if room <= 0:
            return []
        waiting = []
        for candidate in (
            Guest.objects.filter(opening=opening).waiting().order_by("waitlisted_at", "pk")
        ):
            if candidate.party_size <= room:
                waiting.append(candidate)
                room -= candidate.party_size
            if room <= 0:
                break
    message_ids = []
    for candidate in waiting:
        candidate.waitlisted_at = None
        audited_save(instance=candidate, acting_user=acting_user)
        if answering is not None and candidate.pk == answering.pk:
            continue
        if candidate.email and candidate.token_hash:
            message_ids.append(
                message_queue(
                    kind=GuestMessage.Kind.PROMOTED,
                    to=candidate.email,
                    subject=guest_subject(GuestMessage.Kind.PROMOTED, opening, candidate.language),
                    guest=candidate,
                ).pk
            )
    messages_send_on_commit(message_ids)
    return waiting


# --- reminders -----------------------------------------------------------------------------


def opening_reminders_send(*, opening: Opening, acting_user: Actor = None) -> int:
    """E-mail a reminder to everyone coming (or maybe coming), once per opening: the number
    queued, 0 when they went out already."""
    with transaction.atomic():
        locked = (
            Opening.objects.select_for_update()
            .select_related("venue", "exhibition")
            .get(pk=opening.pk)
        )
        if locked.reminders_sent_at is not None:
            return 0
        before = snapshot(locked)
        locked.reminders_sent_at = timezone.now()
        locked.save(update_fields=["reminders_sent_at", "updated_at"])
        audit_record(
            instance=locked,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=snapshot(locked),
        )
        guests = list(
            Guest.objects.filter(opening=locked)
            .filter(
                Q(response=Response.ATTENDING, waitlisted_at__isnull=True)
                | Q(response=Response.MAYBE)
            )
            .exclude(email="")
            .order_by("pk")
        )
        _issue_links([guest for guest in guests if not guest.token_hash], locked)
        subjects: dict[str, str] = {}
        messages = []
        for guest in guests:
            language = guest.language or settings.LANGUAGE_CODE
            if language not in subjects:
                subjects[language] = guest_subject(GuestMessage.Kind.REMINDER, locked, language)
            messages.append(
                GuestMessage(
                    guest=guest,
                    kind=GuestMessage.Kind.REMINDER,
                    to=guest.email,
                    subject=subjects[language][:300],
                )
            )
        created = GuestMessage.objects.bulk_create(messages, batch_size=500)
        messages_send_on_commit([message.pk for message in created])
    opening.reminders_sent_at = locked.reminders_sent_at
    return len(created)


def opening_reminders_if_due(*, opening_id: int) -> str:
    """The reminder task: send them if the evening is less than a day away; queue itself again
    if the opening was moved later; nothing once it has begun or they went out."""
    from vernissage.exhibitions.tasks import enqueue_at, opening_reminders_task

    opening = Opening.objects.filter(pk=opening_id).first()
    if opening is None:
        return "gone"
    if opening.reminders_sent_at is not None:
        return "sent already"
    now = timezone.now()
    if opening.starts_at <= now:
        return "too late"
    due = opening.starts_at - REMINDER_AHEAD
    if now < due:
        enqueue_at(opening_reminders_task, due, opening.pk)
        return "not due"
    return f"sent {opening_reminders_send(opening=opening)}"


def openings_remind_due() -> int:
    """Send the reminders of every opening less than a day away whose guests were invited
    and not yet reminded (the catch-up command): the number of openings."""
    now = timezone.now()
    due = (
        Opening.objects.filter(
            reminders_sent_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_AHEAD,
            guests__messages__kind=GuestMessage.Kind.INVITATION,
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    return sum(opening_reminders_if_due(opening_id=pk).startswith("sent") for pk in due)


# --- selectors -----------------------------------------------------------------------------


def guest_for_token(*, token: str) -> Guest | None:
    """The guest an RSVP link (or its QR code) opens, whatever the state of the link; ``None``
    for a link that is none of ours."""
    if not links.looks_like_token(token):
        return None
    return (
        Guest.objects.select_related("opening__venue__organization", "opening__exhibition")
        .filter(token_hash=links.token_hash(token))
        .first()
    )


def rsvp_link_is_expired(guest: Guest) -> bool:
    return guest.token_expires_at is None or guest.token_expires_at <= timezone.now()


def opening_get_for_guest_list(*, pk: int, viewer: Viewer) -> Opening:
    """An opening whose guest list the viewer may read; for anyone else (and an unknown one)
    the same 404."""
    if not can_see_guest_lists(viewer):
        raise Http404
    opening = (
        Opening.objects.select_related("venue__organization", "exhibition")
        .filter(pk=pk, exhibition__deleted_at__isnull=True)
        .first()
    )
    if opening is None:
        raise Http404
    return opening


def guest_list(*, opening: Opening, viewer: Viewer, response: str = "") -> QuerySet[Guest]:
    """The guests of an opening with their last messages, in a fixed number of queries."""
    if not can_see_guest_lists(viewer):
        return Guest.objects.none()
    guests = Guest.objects.filter(opening=opening)
    if response == "waiting":
        guests = guests.waiting()
    elif response in Response.values:
        guests = guests.filter(response=response)
    return guests.prefetch_related(
        Prefetch(
            "messages",
            queryset=GuestMessage.objects.filter(kind__in=LIST_KINDS).order_by(
                "-created_at", "-pk"
            ),
            to_attr="recent_messages",
        )
    ).order_by("search_name", "pk")


@dataclass(frozen=True)
class GuestCounts:
    guests: int
    attending: int
    attending_people: int
    waiting: int
    waiting_people: int
    maybe: int
    not_attending: int
    pending: int
    checked_in_people: int
    capacity: int | None
    messages_failed: int
    messages_queued: int

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.attending_people, 0)


def guest_counts(*, opening: Opening) -> GuestCounts:
    """The figures of a guest list, in two queries."""
    confirmed = Q(response=Response.ATTENDING, waitlisted_at__isnull=True)
    waiting = Q(response=Response.ATTENDING, waitlisted_at__isnull=False)
    figures = Guest.objects.filter(opening=opening).aggregate(
        guests=Count("pk"),
        attending=Count("pk", filter=confirmed),
        attending_people=Coalesce(Sum("party_size", filter=confirmed), 0),
        waiting=Count("pk", filter=waiting),
        waiting_people=Coalesce(Sum("party_size", filter=waiting), 0),
        maybe=Count("pk", filter=Q(response=Response.MAYBE)),
        not_attending=Count("pk", filter=Q(response=Response.NOT_ATTENDING)),
        pending=Count("pk", filter=Q(response=Response.PENDING)),
        checked_in_people=Coalesce(Sum("checked_in_party"), 0),
    )
    messages = GuestMessage.objects.filter(guest__opening=opening).aggregate(
        failed=Count(
            "pk",
            filter=Q(
                status__in=[
                    GuestMessage.Status.FAILED,
                    GuestMessage.Status.GAVE_UP,
                    GuestMessage.Status.BOUNCED,
                ]
            ),
        ),
        queued=Count("pk", filter=Q(status=GuestMessage.Status.QUEUED)),
    )
    return GuestCounts(
        **figures,
        capacity=opening.capacity,
        messages_failed=messages["failed"],
        messages_queued=messages["queued"],
    )


#: The columns of the guest list as CSV, in order.
CSV_COLUMNS = (
    "name",
    "email",
    "language",
    "party_allowed",
    "answer",
    "party_size",
    "waiting_list",
    "access_needs",
    "answered_at",
    "checked_in_party",
    "last_message",
    "note",
)


def _cell(value: Any) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a quote."""
    text = "" if value is None else str(value)
    if text[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + text
    return text


def guest_list_csv_rows(*, opening: Opening, viewer: Viewer) -> Iterable[list[str]]:
    """The guest list as rows of text, header first (for the CSV export)."""
    yield list(CSV_COLUMNS)
    zone = opening.venue.zone
    for guest in guest_list(opening=opening, viewer=viewer):
        last = guest.recent_messages[0] if guest.recent_messages else None  # type: ignore[attr-defined]
        answered = (
            timezone.localtime(guest.answered_at, zone).isoformat(timespec="minutes")
            if guest.answered_at
            else ""
        )
        yield [
            _cell(value)
            for value in (
                guest.name,
                guest.email,
                guest.language,
                guest.party_allowed,
                guest.response,
                guest.party_size,
                "yes" if guest.waitlisted_at else "",
                guest.access_needs,
                answered,
                guest.checked_in_party,
                f"{last.kind} {last.status}" if last else "",
                guest.note,
            )
        ]
