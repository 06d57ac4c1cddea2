"""Building a guest list from people, contacts and tags, respecting marketing consent; and
importing one from a CSV file, whole or not at all."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories.guests import contact_make, guest_make, opening_make, staff_in, tag_make
from tests.factories.people import PersonFactory
from vernissage.core.models import AuditLog
from vernissage.exhibitions import guests as services
from vernissage.exhibitions.models import Guest, Opening

pytestmark = pytest.mark.django_db


def _names(opening: Opening) -> list[str]:
    return sorted(Guest.objects.filter(opening=opening).values_list("name", flat=True))


def test_a_tag_brings_only_the_contacts_who_agreed(db: Any) -> None:
    opening = opening_make()
    collectors = tag_make("collectors Paris")
    contact_make("Viktor Petrov", tags=(collectors,), language="ru")
    contact_make("Sophia Petrova", tags=(collectors,))
    contact_make("Hidden Collector", tags=(collectors,), consent=False)
    contact_make("Someone Else", tags=(tag_make("press"),))
    press = staff_in("Press")

    report = services.guest_list_add_tag(opening=opening, tag=collectors, acting_user=press)

    assert _names(opening) == ["Sophia Petrova", "Viktor Petrov"]
    assert report.without_consent == ["Hidden Collector"]
    assert report.summary() == (
        "Added 2 guests. 1 contact with this tag did not agree to invitations and was left out; "
        "add them by name if they asked to come."
    )
    viktor = Guest.objects.get(name="Viktor Petrov")
    assert (viktor.email, viktor.language) == ("viktor.petrov@contacts.example", "ru")
    assert viktor.person == viktor.contact.person  # type: ignore[union-attr]
    assert viktor.search_name == "viktor petrov"
    again = services.guest_list_add_tag(opening=opening, tag=collectors, acting_user=press)
    assert (len(again.added), len(again.already_listed)) == (0, 2)


def test_a_contact_named_by_hand_is_added_without_consent_and_the_log_says_who(
    db: Any,
) -> None:
    opening = opening_make()
    hidden = contact_make("Hidden Collector", consent=False)
    press = staff_in("Press")

    report = services.guest_list_add_contacts(opening=opening, contacts=[hidden], acting_user=press)

    guest = report.added[0]
    assert guest.contact == hidden
    entry = AuditLog.objects.get(content_type__model="guest", object_id=str(guest.pk))
    assert (entry.action, entry.actor, entry.record_id) == ("create", press, str(opening.pk))


def test_people_come_with_their_contacts_address_and_once_only(db: Any) -> None:
    opening = opening_make()
    ana = PersonFactory(display_name="Ana Kalmurzaeva")
    viktor = contact_make("Viktor Petrov").person

    report = services.guest_list_add_people(
        opening=opening, people=[ana, viktor, ana], acting_user=None
    )

    assert [g.name for g in report.added] == ["Ana Kalmurzaeva", "Viktor Petrov"]
    assert report.already_listed == ["Ana Kalmurzaeva"]
    assert Guest.objects.get(person=viktor).email == "viktor.petrov@contacts.example"
    assert Guest.objects.get(person=ana).email == ""


def test_an_address_is_on_a_list_once_whatever_its_case(db: Any) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova", email="sophia@example.org")

    with pytest.raises(ValidationError) as refused:
        services.guest_add(
            opening=opening, acting_user=None, name="S. Petrova", email="Sophia@Example.org"
        )

    assert refused.value.message_dict == {
        "email": ["Sophia@Example.org is on this guest list already."]
    }
    assert _names(opening) == ["Sophia Petrova"]


def test_the_list_of_an_opening_that_is_over_no_longer_changes(db: Any) -> None:
    opening = opening_make(starts_in=-dt.timedelta(days=2))

    with pytest.raises(ValidationError) as refused:
        services.guest_add(opening=opening, acting_user=None, name="Late Comer")

    assert refused.value.messages == ["This opening is over; its guest list can no longer change."]


def test_the_door_finds_a_person_by_the_names_of_the_catalogue(db: Any) -> None:
    opening = opening_make()
    from vernissage.people.services import person_name_add

    viktor = PersonFactory(display_name="Viktor Petrov")
    person_name_add(person=viktor, acting_user=None, name="Виктор Петров", kind="variant")
    viktor.refresh_from_db()

    guest = services.guest_add(opening=opening, acting_user=None, person=viktor)

    assert guest.search_name.startswith("viktor petrov")
    assert "петров" in guest.search_name


# --- import ---------------------------------------------------------------------------------

GOOD = (
    "\ufeffName;E-mail;Party allowed;Language;Note\n"
    "Viktor Petrov;viktor@collectors.example;2;ru;\n"
    "Sophia Petrova;sophia@collectors.example;;;met at the fair\n"
    "\n"
    "Ana Kalmurzaeva;;1;fr;\n"
)


def test_an_import_adds_every_row_and_links_known_contacts(db: Any) -> None:
    opening = opening_make()
    known = contact_make("Viktor Petrov", email="Viktor@Collectors.example")
    press = staff_in("Press")

    report = services.guest_list_import_csv(
        opening=opening, data=GOOD.encode("utf-8"), acting_user=press
    )

    assert (report.added, report.ignored_columns) == (3, [])
    rows = list(
        Guest.objects.filter(opening=opening)
        .order_by("name")
        .values_list("name", "email", "party_allowed", "language", "note", "contact_id")
    )
    assert rows == [
        ("Ana Kalmurzaeva", "", 1, "fr", "", None),
        ("Sophia Petrova", "sophia@collectors.example", 1, "en", "met at the fair", None),
        ("Viktor Petrov", "viktor@collectors.example", 2, "ru", "", known.pk),
    ]
    assert (
        AuditLog.objects.filter(content_type__model="guest", action="create", actor=press).count()
        == 3
    )


@pytest.mark.parametrize(
    ("_case", "text", "expected"),
    [
        (
            "malformed address",
            "name,email\nViktor Petrov,viktor@collectors.example\nAna,ana@\n",
            ["Row 3: “ana@” is not an e-mail address."],
        ),
        (
            "the same address twice",
            "name,email\nA,a@x.example\nB,b@x.example\nC,A@X.example\n",
            ["Row 4: A@X.example is also on row 2."],
        ),
        (
            "already on the list",
            "name,email\nSophia,sophia.petrova@guests.example\n",
            ["Row 2: sophia.petrova@guests.example is on the guest list already (Sophia Petrova)."],
        ),
        (
            "several bad rows",
            "name,email,party\n,x@y.example,1\nB,b@y.example,zero\nC,c@y.example,40\n",
            [
                "Row 2: the name is missing.",
                "Row 3: the party allowed “zero” should be a number from 1 to 20.",
                "Row 4: the party allowed “40” should be a number from 1 to 20.",
            ],
        ),
        (
            "a bad language",
            "name,language\nA,français\n",
            ["Row 2: “français” is not a language code (such as en, fr, de, ru)."],
        ),
    ],
)  # fmt: skip
def test_a_bad_row_is_reported_by_number_and_nothing_is_imported(
    db: Any, _case: str, text: str, expected: list[str]
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    logged = AuditLog.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.guest_list_import_csv(opening=opening, data=text, acting_user=None)

    messages = refused.value.messages
    n = len(expected)
    assert messages[0] == (
        "1 row is wrong; nothing was imported. Correct it and import the whole file again."
        if n == 1
        else f"{n} rows are wrong; nothing was imported. Correct them and import the whole "
        "file again."
    )
    assert messages[1:] == expected
    assert _names(opening) == ["Sophia Petrova"]
    assert AuditLog.objects.count() == logged


@pytest.mark.parametrize(
    ("_case", "data", "expected"),
    [
        ("no name column", b"email\na@b.example\n", "The first row must name the columns"),
        ("empty", b"", "The file is empty"),
        ("not UTF-8", "name\nJos\xe9\n".encode("latin-1"), "The file is not UTF-8 text."),
        ("only a header", b"name,email\n", "The file has no guests"),
    ],
)
def test_a_file_that_is_no_guest_list_is_refused_clearly(
    db: Any, _case: str, data: bytes, expected: str
) -> None:
    opening = opening_make()

    with pytest.raises(ValidationError) as refused:
        services.guest_list_import_csv(opening=opening, data=data, acting_user=None)

    assert refused.value.messages[0].startswith(expected)
    assert Guest.objects.count() == 0


def test_unknown_columns_are_named_and_left_aside(db: Any) -> None:
    opening = opening_make()

    report = services.guest_list_import_csv(
        opening=opening, data="Name,Email,Company\nA,a@b.example,ACME\n", acting_user=None
    )

    assert (report.added, report.ignored_columns) == (1, ["Company"])


def test_an_answer_keeps_the_party_within_what_is_allowed_when_staff_edit(db: Any) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova", party_allowed=3)
    services.guest_rsvp(guest=guest, response="attending", party_size=3)
    guest.refresh_from_db()
    guest.party_allowed = 2

    with pytest.raises(ValidationError) as refused:
        services.guest_save(guest=guest, acting_user=None)

    assert refused.value.message_dict == {
        "party_allowed": ["Sophia Petrova already said 3 will come; allow at least that many."]
    }
    assert Guest.objects.get(pk=guest.pk).party_allowed == 3


def test_removing_a_coming_guest_gives_their_places_to_the_waiting_list(db: Any) -> None:
    opening = opening_make(capacity=2)
    coming = guest_make(opening, "Ana Kalmurzaeva", party_allowed=2)
    waiting = guest_make(opening, "Viktor Petrov")
    services.guest_rsvp(guest=coming, response="attending", party_size=2)
    result = services.guest_rsvp(guest=waiting, response="attending", party_size=1)
    assert result.outcome == "waiting"

    services.guest_remove(guest=coming, acting_user=None)

    waiting.refresh_from_db()
    assert waiting.waitlisted_at is None


def test_a_yes_behind_a_party_too_large_for_the_free_places_comes_in_at_once(db: Any) -> None:
    opening = opening_make(capacity=3)
    first, big, small = (
        guest_make(opening, name, party_allowed=3) for name in ("First", "Big Party", "Small")
    )
    services.guest_rsvp(guest=first, response="attending", party_size=2)
    assert services.guest_rsvp(guest=big, response="attending", party_size=3).outcome == "waiting"

    result = services.guest_rsvp(guest=small, response="attending", party_size=1)

    assert result.outcome == "saved"
    assert result.promoted == []
    big.refresh_from_db()
    assert big.waitlisted_at is not None
    assert services.taken_places(opening) == 3


def test_a_coming_guest_cannot_grow_their_party_past_the_places_left(db: Any) -> None:
    opening = opening_make(capacity=3)
    ana, viktor = guest_make(opening, "Ana", party_allowed=3), guest_make(opening, "Viktor")
    services.guest_rsvp(guest=ana, response="attending", party_size=2)
    services.guest_rsvp(guest=viktor, response="attending", party_size=1)

    with pytest.raises(ValidationError) as refused:
        services.guest_rsvp(guest=ana, response="attending", party_size=3)

    assert refused.value.message_dict == {
        "party_size": ["Only 2 places are left for your party; your answer was not changed."]
    }
    ana.refresh_from_db()
    assert ana.party_size == 2


def test_answers_close_at_the_start_when_there_is_no_deadline(db: Any) -> None:
    opening = opening_make(starts_in=dt.timedelta(hours=-1))
    guest = Guest.objects.create(opening=opening, name="Late", search_name="late")

    with pytest.raises(ValidationError) as refused:
        services.guest_rsvp(guest=guest, response="attending", party_size=1)

    assert refused.value.messages[0].startswith("Answers closed on ")
    assert timezone.now() > opening.starts_at


@pytest.mark.may_skip_in_ci(reason="row locks are PostgreSQL's; SQLite has one writer at once")
def test_two_yeses_for_the_last_place_at_the_same_moment_seat_one(
    transactional_db: Any,
) -> None:
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes every write: no two answers can race there")
    opening = opening_make(capacity=1)
    guests = [guest_make(opening, "Ana Kalmurzaeva"), guest_make(opening, "Viktor Petrov")]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(guest: Guest) -> None:
        try:
            start.wait()
            outcomes.append(
                services.guest_rsvp(guest=guest, response="attending", party_size=1).outcome
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(guest,)) for guest in guests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved", "waiting"]
    assert services.taken_places(opening) == 1
    assert Guest.objects.filter(opening=opening).waiting().count() == 1


def test_who_came_to_an_evening_that_is_over_is_recorded_as_checked_in(db: Any) -> None:
    opening = opening_make(starts_in=-dt.timedelta(days=400))
    critic = PersonFactory(display_name="Sophia Petrova", roles=("critic",))
    arrived = opening.starts_at + dt.timedelta(minutes=40)

    guest = services.guest_record_attendance(
        opening=opening, person=critic, party=2, arrived_at=arrived, acting_user=None
    )

    guest.refresh_from_db()
    assert (guest.name, guest.response, guest.party_size) == ("Sophia Petrova", "attending", 2)
    assert (guest.checked_in_at, guest.checked_in_party) == (arrived, 2)
    checkin = guest.checkins.get()
    assert (checkin.at, checkin.party, checkin.duplicate) == (arrived, 2, False)
    with pytest.raises(ValidationError, match="already"):
        services.guest_record_attendance(opening=opening, person=critic, acting_user=None)


@pytest.mark.parametrize(
    ("starts_in", "minutes", "message"),
    [
        (dt.timedelta(days=3), 0, "not over"),
        (-dt.timedelta(days=3), 600, "between the opening's start and its end"),
    ],
    ids=["evening still to come", "arrival after the end"],
)
def test_attendance_is_recorded_only_for_an_evening_over_and_within_it(
    db: Any, starts_in: dt.timedelta, minutes: int, message: str
) -> None:
    opening = opening_make(starts_in=starts_in)
    rows = AuditLog.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.guest_record_attendance(
            opening=opening,
            name="Late Comer",
            arrived_at=opening.starts_at + dt.timedelta(minutes=minutes),
            acting_user=None,
        )
    assert not Guest.objects.filter(opening=opening).exists()
    assert AuditLog.objects.count() == rows
