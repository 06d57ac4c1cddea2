"""The door of an opening night: find a guest, check them and their party in, add walk-ins,
and count who came.

Check-ins come from phones at the door, often queued while the venue's wifi was down and sent
later, perhaps twice. Each carries a ``client_id`` the phone made when the tap happened, so a
check-in sent again is recorded once (:attr:`CheckInOutcome.replayed`). A second check-in of a
guest already in (another phone, a second tap) is kept, flagged ``duplicate`` and never
counted. Two phones checking in the same guest at the same moment are put in line by a lock on
the guest's row: one check-in counts, the other is flagged.

Selectors and services of the door live here together, as the door is one small use-case;
the views in ``site/views/door.py`` ask :func:`door_opening_get` first, which answers only to
viewers who may check guests in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer, can_check_in
from vernissage.core.models import AuditLog
from vernissage.core.services import Actor, audit_record, audited_save, snapshot
from vernissage.core.text import fold
from vernissage.exhibitions.models import CheckIn, Guest, Opening

#: The most guests one search shows: the door looks for one person, not a list.
SEARCH_LIMIT = 10
#: The largest party a walk-in may bring in one entry.
WALK_IN_MAX_PARTY = 20
#: A tap time sent by a phone is believed if it is at most this old (a queue kept offline for
#: the evening) and not in the future; otherwise the time it was received is used.
TAP_TIME_TRUST = dt.timedelta(hours=24)
#: Something scanned from a QR code: a token in the RSVP link, or the link itself.
_TOKEN = re.compile(r"[A-Za-z0-9_\-.~:]{16,}")

#: What the door shows of a guest: enough to recognise and check them in, nothing more.
DOOR_FIELDS = (
    "id",
    "opening_id",
    "name",
    "search_name",
    "party_allowed",
    "party_size",
    "response",
    "waitlisted_at",
    "walk_in",
    "access_needs",
    "checked_in_at",
    "checked_in_party",
)


# Reads ---------------------------------------------------------------------------------------


def door_opening_get(*, opening_id: int, viewer: Viewer) -> Opening:
    """The opening whose door the viewer works, or the 404 of an unknown page for anyone who
    may not check guests in."""
    if not can_check_in(viewer):
        raise Http404
    opening: Opening = get_object_or_404(
        Opening.objects.select_related("exhibition", "venue__organization"),
        pk=opening_id,
        exhibition__deleted_at__isnull=True,
    )
    return opening


def door_openings(*, viewer: Viewer, now: dt.datetime | None = None) -> list[Opening]:
    """Openings whose door may be worked now: those not over for more than half a day."""
    if not can_check_in(viewer):
        raise Http404
    since = (now or timezone.now()) - dt.timedelta(hours=12)
    return list(
        Opening.objects.filter(ends_at__gte=since, exhibition__deleted_at__isnull=True)
        .select_related("exhibition", "venue__organization")
        .order_by("starts_at", "id")[:50]
    )


def door_search(*, opening: Opening, text: str, limit: int = SEARCH_LIMIT) -> list[Guest]:
    """Guests of this opening whose folded name holds every folded word typed, in any order,
    any script, with or without accents: one query, on the opening's index."""
    words = fold(text).split()
    if not words:
        return []
    guests = Guest.objects.filter(opening_id=opening.pk)
    for word in words:
        guests = guests.filter(search_name__contains=word)
    return list(guests.only(*DOOR_FIELDS).order_by("search_name", "id")[:limit])


def scanned_token_hashes(text: str) -> list[str]:
    """The SHA-256 of every part of a scanned text that may be an RSVP token: the text itself,
    or, for a link, each part of its path and each value of its query. The door does not need
    to know the link's shape, only that the token is in it."""
    text = text.strip()
    candidates = [text]
    parts = urlsplit(text)
    if parts.scheme in {"http", "https"}:
        candidates = [segment for segment in parts.path.split("/") if segment]
        candidates += [value for _key, value in parse_qsl(parts.query)]
        candidates += [parts.fragment]
    tokens = dict.fromkeys(item for item in candidates if _TOKEN.fullmatch(item))
    return [hashlib.sha256(token.encode()).hexdigest() for token in tokens]


def looks_scanned(text: str) -> bool:
    """Whether the text is a scanned link or token rather than a name someone typed."""
    text = text.strip()
    return text.startswith(("http://", "https://")) or bool(
        len(text) >= 20 and _TOKEN.fullmatch(text)
    )


def door_guest_by_code(*, opening: Opening, text: str) -> Guest | None:
    """The guest of THIS opening whose RSVP link or token was scanned; a code of another
    opening's guest, or a forged one, finds no one. The token's expiry limits who may change
    an answer from afar; at the door staff see the guest, so an expired token still finds them.
    """
    hashes = scanned_token_hashes(text)
    if not hashes:
        return None
    return (
        Guest.objects.filter(opening_id=opening.pk, token_hash__in=hashes)
        .only(*DOOR_FIELDS)
        .first()
    )


@dataclass(frozen=True)
class DoorFind:
    guests: list[Guest]
    #: The text was a scanned code (a link or a token), not a name.
    scanned: bool = False
    #: More guests match than are shown: type more of the name.
    more: bool = False


def door_find(*, opening: Opening, text: str, limit: int = SEARCH_LIMIT) -> DoorFind:
    """What the door's search box finds: the guest whose code was scanned, or guests by name
    (one more than shown is read, to know whether there are more)."""
    if looks_scanned(text):
        guest = door_guest_by_code(opening=opening, text=text)
        return DoorFind(guests=[guest] if guest else [], scanned=True)
    guests = door_search(opening=opening, text=text, limit=limit + 1)
    return DoorFind(guests=guests[:limit], more=len(guests) > limit)


@dataclass(frozen=True)
class DoorCounts:
    #: Guests who said they come (not on the waiting list), and the people of their parties.
    expected_guests: int
    expected_people: int
    #: Guests checked in (walk-ins included), and the people who came with them.
    checked_in: int
    inside: int
    walk_ins: int
    walk_in_people: int
    #: Second check-ins of guests already in: shown, never counted.
    duplicates: int
    capacity: int | None


def door_counts(*, opening: Opening) -> DoorCounts:
    """The door's live counts, in two queries whatever the size of the list."""
    attending = Q(response=Guest.Response.ATTENDING, waitlisted_at__isnull=True, walk_in=False)
    arrived = Q(checked_in_at__isnull=False)
    totals = Guest.objects.filter(opening_id=opening.pk).aggregate(
        expected_guests=Count("id", filter=attending),
        expected_people=Sum("party_size", filter=attending),
        checked_in=Count("id", filter=arrived),
        inside=Sum("checked_in_party", filter=arrived),
        walk_ins=Count("id", filter=Q(walk_in=True) & arrived),
        walk_in_people=Sum("checked_in_party", filter=Q(walk_in=True) & arrived),
    )
    duplicates = CheckIn.objects.filter(guest__opening_id=opening.pk, duplicate=True).count()
    return DoorCounts(
        **{key: value or 0 for key, value in totals.items()},
        duplicates=duplicates,
        capacity=opening.capacity or opening.venue.capacity,
    )


def door_guest_list(*, opening: Opening) -> list[dict[str, Any]]:
    """The opening's whole list as the door page keeps it in the browser, to search and scan
    while the venue's network is down: one query. The token hashes let a scanned code be
    matched offline; the tokens themselves are never stored."""
    rows = Guest.objects.filter(opening_id=opening.pk).order_by("search_name", "id")
    return list(rows.values(*DOOR_FIELDS, "token_hash"))


def guest_door_status(guest: Guest | dict[str, Any]) -> str:
    """How the guest stands, in a few words for the door: their answer and party."""

    def value(name: str) -> Any:
        return guest[name] if isinstance(guest, dict) else getattr(guest, name)

    if value("walk_in"):
        return _("walk-in")
    response = value("response")
    if response == Guest.Response.ATTENDING and value("waitlisted_at") is not None:
        return _("on the waiting list")
    if response == Guest.Response.ATTENDING:
        return _("attending, party of %(party)s") % {"party": value("party_size") or 1}
    return str(Guest.Response(response).label)


def door_checkins(*, opening: Opening, limit: int = 10) -> list[CheckIn]:
    """The latest check-ins at this door, flagged second check-ins among them."""
    return list(
        CheckIn.objects.filter(guest__opening_id=opening.pk)
        .select_related("guest")
        .order_by("-received_at", "-id")[:limit]
    )


# Writes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInOutcome:
    checkin: CheckIn
    guest: Guest
    #: This ``client_id`` had been recorded already: the phone sent it again, nothing changed.
    replayed: bool

    @property
    def duplicate(self) -> bool:
        return self.checkin.duplicate

    @property
    def first_at(self) -> dt.datetime | None:
        """When the guest was checked in first (the counted check-in)."""
        return self.guest.checked_in_at


def _tap_time(at: dt.datetime | None, received: dt.datetime) -> dt.datetime:
    if at is None or timezone.is_naive(at) or at > received or at < received - TAP_TIME_TRUST:
        return received
    return at


def _replay(*, client_id: uuid.UUID, opening: Opening) -> CheckInOutcome | None:
    """The check-in already recorded under this ``client_id``, if any."""
    checkin = CheckIn.objects.select_related("guest").filter(client_id=client_id).first()
    if checkin is None:
        return None
    if checkin.guest.opening_id != opening.pk:
        raise ValidationError(_("This check-in was recorded for another opening."))
    return CheckInOutcome(checkin=checkin, guest=checkin.guest, replayed=True)


def _actor_id(acting_user: Actor) -> Any:
    if acting_user is None or not acting_user.is_authenticated:
        return None
    return acting_user.pk


def _checked_party(guest: Guest, party: int) -> int:
    if party < 1:
        raise ValidationError(_("At least one person must come in."))
    if party > guest.party_allowed:
        raise ValidationError(
            _(
                "%(name)s may bring a party of %(allowed)s, not %(party)s; "
                "add the others as walk-ins."
            )
            % {"name": guest.name, "allowed": guest.party_allowed, "party": party}
        )
    return party


def guest_check_in(
    *,
    opening: Opening,
    guest_id: int,
    party: int,
    client_id: uuid.UUID,
    at: dt.datetime | None = None,
    acting_user: Actor,
) -> CheckInOutcome:
    """Check a guest of this opening and ``party`` people of their party in.

    Sent again with the same ``client_id``: the first outcome, nothing new. The guest already
    in: a check-in flagged ``duplicate``, not counted, their first time kept. ``at`` is when
    the phone was tapped (perhaps long before it could send); the guest row is locked, so two
    phones at the same moment make one counted check-in and one flagged.
    """
    received = timezone.now()
    tapped = _tap_time(at, received)
    replay = _replay(client_id=client_id, opening=opening)
    if replay is not None:
        return replay
    try:
        with transaction.atomic():
            guest = (
                Guest.objects.select_for_update().filter(opening_id=opening.pk, pk=guest_id).first()
            )
            if guest is None:
                raise ValidationError(_("This guest is not on this opening's list."))
            # Under the lock: the same check-in sent twice at once is seen here.
            replay = _replay(client_id=client_id, opening=opening)
            if replay is not None:
                return replay
            duplicate = guest.checked_in_at is not None
            checkin = CheckIn(
                guest=guest,
                at=tapped,
                received_at=received,
                by_id=_actor_id(acting_user),
                party=_checked_party(guest, party),
                client_id=client_id,
                duplicate=duplicate,
            )
            checkin.full_clean(validate_unique=False)
            checkin.save()
            if not duplicate:
                before = snapshot(guest)
                guest.checked_in_at = tapped
                guest.checked_in_party = checkin.party
                guest.save(update_fields=["checked_in_at", "checked_in_party", "updated_at"])
                audit_record(
                    instance=guest,
                    action=AuditLog.Action.UPDATE,
                    acting_user=acting_user,
                    before=before,
                    after=snapshot(guest),
                )
    except IntegrityError:
        # The same client_id recorded by a request that committed meanwhile.
        replay = _replay(client_id=client_id, opening=opening)
        if replay is None:
            raise
        return replay
    return CheckInOutcome(checkin=checkin, guest=guest, replayed=False)


def walk_in_add(
    *,
    opening: Opening,
    name: str,
    party: int,
    client_id: uuid.UUID,
    at: dt.datetime | None = None,
    acting_user: Actor,
) -> CheckInOutcome:
    """Put someone who came without an invitation on the list, checked in with their party.

    Like a check-in, a walk-in sent again with the same ``client_id`` is added once.
    """
    received = timezone.now()
    tapped = _tap_time(at, received)
    replay = _replay(client_id=client_id, opening=opening)
    if replay is not None:
        return replay
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Write the walk-in's name."))
    if not 1 <= party <= WALK_IN_MAX_PARTY:
        raise ValidationError(
            _("A walk-in comes with 1 to %(most)s people.") % {"most": WALK_IN_MAX_PARTY}
        )
    try:
        with transaction.atomic():
            guest = Guest(
                opening=opening,
                name=name,
                search_name=fold(name),
                walk_in=True,
                response=Guest.Response.ATTENDING,
                party_allowed=party,
                party_size=party,
                answered_at=tapped,
                checked_in_at=tapped,
                checked_in_party=party,
            )
            audited_save(instance=guest, acting_user=acting_user)
            checkin = CheckIn(
                guest=guest,
                at=tapped,
                received_at=received,
                by_id=_actor_id(acting_user),
                party=party,
                client_id=client_id,
            )
            checkin.full_clean(validate_unique=False)
            checkin.save()
    except IntegrityError:
        replay = _replay(client_id=client_id, opening=opening)
        if replay is None:
            raise
        return replay
    return CheckInOutcome(checkin=checkin, guest=guest, replayed=False)
