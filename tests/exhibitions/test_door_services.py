"""The door's services and selectors: search in any script, scanned codes, check-ins that are
recorded once however often they are sent, flagged second check-ins, walk-ins and counts."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from tests.exhibitions.door_world import guest_make, new_token, opening_make
from vernissage.core.models import AuditLog
from vernissage.exhibitions.door import (
    door_counts,
    door_find,
    door_guest_by_code,
    door_guest_list,
    door_search,
    guest_check_in,
    walk_in_add,
)
from vernissage.exhibitions.models import CheckIn, Guest

pytestmark = pytest.mark.django_db


def _names(guests: list[Guest]) -> list[str]:
    return [guest.name for guest in guests]


@pytest.mark.parametrize(
    ("typed", "found", "_case"),
    [
        ("petrov", ["Sophia Petrova", "Viktor Petrov"], "a part of the name"),
        ("PETROV viktor", ["Viktor Petrov"], "words in any order and case"),
        ("ВИКТОР", ["Виктор Петров"], "Cyrillic, any case"),
        ("zoe angstrom", ["Zoë Ångström"], "without the accents"),
        ("Zoë", ["Zoë Ångström"], "with the accents"),
        ("  ", [], "nothing typed"),
        ("nobody", [], "no such guest"),
        ("100%", [], "LIKE wildcards are plain text"),
    ],
)
def test_search_folds_names_in_any_script(typed: str, found: list[str], _case: str) -> None:
    opening = opening_make()
    for name in ("Viktor Petrov", "Виктор Петров", "Sophia Petrova", "Zoë Ångström", "Ana K."):
        guest_make(opening, name)
    guest_make(opening_make(), "Viktor Petrov the other")  # another opening's guest

    assert _names(door_search(opening=opening, text=typed)) == found


def test_search_is_limited() -> None:
    opening = opening_make()
    for number in range(30):
        guest_make(opening, f"Guest {number:02d}")

    found = door_search(opening=opening, text="guest", limit=25)

    assert len(found) == 25
    assert found[0].name == "Guest 00"


def test_the_door_shows_ten_and_says_when_there_are_more() -> None:
    opening = opening_make()
    for number in range(10):
        guest_make(opening, f"Anna Petrova {number}")
    guest_make(opening, "Viktor Petrov")

    many = door_find(opening=opening, text="petrov")
    ten = door_find(opening=opening, text="petrova")

    assert (len(many.guests), many.more) == (10, True)
    assert (len(ten.guests), ten.more) == (10, False)


def test_a_scanned_link_or_token_finds_the_guest_of_this_opening_only() -> None:
    opening, other = opening_make(), opening_make()
    token, other_token = new_token(), new_token()
    guest = guest_make(opening, "Sophia Petrova", token=token)
    guest_make(other, "Viktor Petrov", token=other_token)
    expired = new_token()
    guest_make(
        opening,
        "Late Answer",
        token=expired,
        token_expires_at=timezone.now() - dt.timedelta(days=3),
        email="late@example.org",
    )

    assert door_guest_by_code(opening=opening, text=token) == guest
    for link in (
        f"https://gallery.example/rsvp/{token}/",
        f"http://127.0.0.1:8000/openings/rsvp/?token={token}&lang=fr",
        f"https://gallery.example/r/{token}#qr",
    ):
        assert door_guest_by_code(opening=opening, text=link) == guest, link
    assert door_guest_by_code(opening=opening, text=other_token) is None
    assert (
        door_guest_by_code(opening=opening, text=f"https://x.example/rsvp/{other_token}/") is None
    )
    assert door_guest_by_code(opening=opening, text=new_token()) is None  # forged
    assert door_guest_by_code(opening=opening, text="rsvp") is None
    # An expired link still finds its guest at the door, where staff see them.
    assert _names(door_find(opening=opening, text=expired).guests) == ["Late Answer"]
    found = door_find(opening=opening, text=f"https://gallery.example/rsvp/{token}/")
    assert found.scanned is True
    assert _names(found.guests) == ["Sophia Petrova"]
    assert door_find(opening=opening, text="Sophia").scanned is False


def test_check_in_records_the_guest_and_their_party(owner: Any) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova", party_allowed=3, party_size=2)
    client_id = uuid.uuid4()
    tapped = timezone.now() - dt.timedelta(minutes=20)  # queued offline, sent later

    outcome = guest_check_in(
        opening=opening,
        guest_id=guest.pk,
        party=3,
        client_id=client_id,
        at=tapped,
        acting_user=owner,
    )

    assert (outcome.duplicate, outcome.replayed) == (False, False)
    checkin = CheckIn.objects.get()
    assert (checkin.guest_id, checkin.party, checkin.client_id) == (guest.pk, 3, client_id)
    assert (checkin.at, checkin.by_id, checkin.duplicate) == (tapped, owner.pk, False)
    guest.refresh_from_db()
    assert (guest.checked_in_at, guest.checked_in_party) == (tapped, 3)
    counts = door_counts(opening=opening)
    assert (counts.checked_in, counts.inside, counts.duplicates) == (1, 3, 0)
    entry = AuditLog.objects.get(content_type__model="guest", object_id=str(guest.pk))
    assert entry.changes["checked_in_party"] == [0, 3]
    assert entry.actor_id == owner.pk


def test_the_same_check_in_sent_again_is_recorded_once() -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova", party_allowed=2)
    client_id = uuid.uuid4()
    first = guest_check_in(
        opening=opening, guest_id=guest.pk, party=2, client_id=client_id, acting_user=None
    )

    again = guest_check_in(
        opening=opening, guest_id=guest.pk, party=2, client_id=client_id, acting_user=None
    )

    assert again.replayed is True
    assert again.duplicate is False
    assert again.checkin.pk == first.checkin.pk
    assert CheckIn.objects.count() == 1
    counts = door_counts(opening=opening)
    assert (counts.checked_in, counts.inside) == (1, 2)


def test_a_second_check_in_is_flagged_and_not_counted() -> None:
    opening = opening_make()
    guest = guest_make(opening, "Viktor Petrov", party_allowed=2)
    first_at = timezone.now() - dt.timedelta(minutes=30)
    guest_check_in(
        opening=opening,
        guest_id=guest.pk,
        party=2,
        client_id=uuid.uuid4(),
        at=first_at,
        acting_user=None,
    )

    second = guest_check_in(
        opening=opening, guest_id=guest.pk, party=1, client_id=uuid.uuid4(), acting_user=None
    )

    assert (second.duplicate, second.replayed) == (True, False)
    assert second.first_at == first_at
    assert list(CheckIn.objects.values_list("duplicate", flat=True)) == [False, True]
    guest.refresh_from_db()
    assert (guest.checked_in_at, guest.checked_in_party) == (first_at, 2)
    counts = door_counts(opening=opening)
    assert (counts.checked_in, counts.inside, counts.duplicates) == (1, 2, 1)


@pytest.mark.parametrize(
    ("party", "message", "_case"),
    [
        (3, "may bring a party of 2, not 3", "more than allowed"),
        (0, "At least one person", "nobody"),
    ],
)
def test_a_party_out_of_bounds_is_refused(party: int, message: str, _case: str) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova", party_allowed=2)

    with pytest.raises(ValidationError) as refused:
        guest_check_in(
            opening=opening,
            guest_id=guest.pk,
            party=party,
            client_id=uuid.uuid4(),
            acting_user=None,
        )

    assert message in " ".join(refused.value.messages)
    assert CheckIn.objects.count() == 0
    guest.refresh_from_db()
    assert guest.checked_in_at is None


def test_a_guest_of_another_opening_is_refused() -> None:
    opening, other = opening_make(), opening_make()
    stranger = guest_make(other, "Viktor Petrov")

    with pytest.raises(ValidationError, match="not on this opening's list"):
        guest_check_in(
            opening=opening,
            guest_id=stranger.pk,
            party=1,
            client_id=uuid.uuid4(),
            acting_user=None,
        )
    assert CheckIn.objects.count() == 0


def test_a_client_id_of_another_opening_is_refused() -> None:
    opening, other = opening_make(), opening_make()
    client_id = uuid.uuid4()
    guest_check_in(
        opening=other,
        guest_id=guest_make(other, "A").pk,
        party=1,
        client_id=client_id,
        acting_user=None,
    )

    with pytest.raises(ValidationError, match="another opening"):
        guest_check_in(
            opening=opening,
            guest_id=guest_make(opening, "B").pk,
            party=1,
            client_id=client_id,
            acting_user=None,
        )
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("offset", "kept", "_case"),
    [
        (dt.timedelta(minutes=-45), True, "tapped offline before"),
        (dt.timedelta(minutes=10), False, "a clock ahead"),
        (dt.timedelta(days=-3), False, "days old"),
    ],
)
def test_the_tap_time_is_believed_within_reason(
    offset: dt.timedelta, kept: bool, _case: str
) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova")
    before = timezone.now()
    sent = before + offset

    outcome = guest_check_in(
        opening=opening,
        guest_id=guest.pk,
        party=1,
        client_id=uuid.uuid4(),
        at=sent,
        acting_user=None,
    )

    if kept:
        assert outcome.checkin.at == sent
    else:
        assert before <= outcome.checkin.at <= timezone.now()
        assert outcome.checkin.at == outcome.checkin.received_at


def test_a_walk_in_is_added_checked_in_and_found(owner: Any) -> None:
    opening = opening_make()
    client_id = uuid.uuid4()

    outcome = walk_in_add(
        opening=opening,
        name="  Ana   Kalmurzaeva ",
        party=2,
        client_id=client_id,
        acting_user=owner,
    )
    again = walk_in_add(
        opening=opening, name="Ana Kalmurzaeva", party=2, client_id=client_id, acting_user=owner
    )

    guest = Guest.objects.get(walk_in=True)
    assert (guest.name, guest.search_name, guest.opening_id) == (
        "Ana Kalmurzaeva",
        "ana kalmurzaeva",
        opening.pk,
    )
    assert (guest.party_allowed, guest.checked_in_party) == (2, 2)
    assert guest.checked_in_at == outcome.checkin.at
    assert again.replayed is True
    assert again.guest.pk == guest.pk
    assert Guest.objects.count() == 1
    assert CheckIn.objects.count() == 1
    assert _names(door_search(opening=opening, text="kalmurz")) == ["Ana Kalmurzaeva"]
    counts = door_counts(opening=opening)
    assert (counts.checked_in, counts.inside, counts.walk_ins, counts.walk_in_people) == (
        1,
        2,
        1,
        2,
    )
    assert counts.expected_people == 0  # a walk-in was not expected
    assert (
        AuditLog.objects.filter(
            content_type__model="guest", object_id=str(guest.pk), action="create"
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("name", "party", "message"),
    [
        ("   ", 1, "Write the walk-in's name."),
        ("Someone", 0, "1 to 20"),
        ("Someone", 21, "1 to 20"),
    ],
)
def test_a_walk_in_without_name_or_party_is_refused(name: str, party: int, message: str) -> None:
    opening = opening_make()

    with pytest.raises(ValidationError, match=message):
        walk_in_add(
            opening=opening, name=name, party=party, client_id=uuid.uuid4(), acting_user=None
        )
    assert Guest.objects.count() == 0


def test_counts_expect_only_those_who_said_yes() -> None:
    opening = opening_make(capacity=80)
    guest_make(opening, "Coming", party_allowed=3, party_size=3)
    guest_make(opening, "Coming alone", party_allowed=2, party_size=1)
    guest_make(opening, "Waiting", party_allowed=2, waitlisted_at=timezone.now())
    guest_make(opening, "Not coming", response=Guest.Response.NOT_ATTENDING, party_size=0)
    guest_make(opening, "Maybe", response=Guest.Response.MAYBE, party_size=0)
    guest_make(opening, "Silent", response=Guest.Response.PENDING, party_size=0)
    guest_make(opening_make(), "Elsewhere", party_allowed=5)

    counts = door_counts(opening=opening)

    assert (counts.expected_guests, counts.expected_people) == (2, 4)
    assert (counts.checked_in, counts.inside, counts.walk_ins, counts.duplicates) == (0, 0, 0, 0)
    assert counts.capacity == 80


def test_the_guest_list_kept_offline_holds_no_address_or_token() -> None:
    opening = opening_make()
    token = new_token()
    guest_make(opening, "Sophia Petrova", token=token, email="sophia@example.org", note="VIP")

    (row,) = door_guest_list(opening=opening)

    assert row["name"] == "Sophia Petrova"
    assert len(row["token_hash"]) == 64
    text = repr(row)
    for private in ("sophia@example.org", "VIP", token):
        assert private not in text


# Two phones at the same moment, on PostgreSQL, with real threads and real transactions.

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
may_skip = pytest.mark.may_skip_in_ci(reason="CI runs the suite on PostgreSQL as well")


def _in_thread(target: Any, results: list[Any]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(target())
        except Exception as error:  # noqa: BLE001 - handed to the test to assert on
            results.append(error)
        finally:
            connection.close()

    return threading.Thread(target=run)


@on_postgresql
@may_skip
@pytest.mark.django_db(transaction=True)
def test_two_phones_checking_in_the_same_guest_make_one_check_in() -> None:
    opening = opening_make()
    guest = guest_make(opening, "Viktor Petrov", party_allowed=2)
    first_locked = threading.Event()
    results: list[Any] = []

    def first_phone() -> Any:
        # Holds its transaction open after checking in, as a slow request would.
        with transaction.atomic():
            outcome = guest_check_in(
                opening=opening,
                guest_id=guest.pk,
                party=2,
                client_id=uuid.uuid4(),
                acting_user=None,
            )
            first_locked.set()
            threading.Event().wait(0.5)
        return outcome

    def second_phone() -> Any:
        first_locked.wait(5)
        return guest_check_in(
            opening=opening,
            guest_id=guest.pk,
            party=1,
            client_id=uuid.uuid4(),
            acting_user=None,
        )

    threads = [_in_thread(first_phone, results), _in_thread(second_phone, results)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert [type(result).__name__ for result in results] == ["CheckInOutcome"] * 2
    assert sorted(result.duplicate for result in results) == [False, True]
    assert CheckIn.objects.filter(duplicate=False).count() == 1
    guest.refresh_from_db()
    assert guest.checked_in_party == 2
    counts = door_counts(opening=opening)
    assert (counts.checked_in, counts.inside, counts.duplicates) == (1, 2, 1)


@on_postgresql
@may_skip
@pytest.mark.django_db(transaction=True)
def test_the_same_check_in_sent_from_two_threads_at_once_is_recorded_once() -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova")
    client_id = uuid.uuid4()
    start = threading.Barrier(4)
    results: list[Any] = []

    def send() -> Any:
        start.wait(5)
        return guest_check_in(
            opening=opening, guest_id=guest.pk, party=1, client_id=client_id, acting_user=None
        )

    threads = [_in_thread(send, results) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert [type(result).__name__ for result in results] == ["CheckInOutcome"] * 4
    assert sorted(result.replayed for result in results) == [False, True, True, True]
    assert CheckIn.objects.count() == 1
    assert CheckIn.objects.get().duplicate is False


@on_postgresql
@may_skip
@pytest.mark.django_db(transaction=True)
def test_the_same_walk_in_sent_from_two_threads_at_once_is_added_once() -> None:
    opening = opening_make()
    client_id = uuid.uuid4()
    start = threading.Barrier(3)
    results: list[Any] = []

    def send() -> Any:
        start.wait(5)
        return walk_in_add(
            opening=opening, name="Romy K.", party=1, client_id=client_id, acting_user=None
        )

    threads = [_in_thread(send, results) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert [type(result).__name__ for result in results] == ["CheckInOutcome"] * 3
    assert Guest.objects.filter(walk_in=True).count() == 1
    assert CheckIn.objects.count() == 1
