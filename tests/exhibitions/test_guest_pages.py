"""The staff guest list page, its CSV and its forms; the public RSVP, calendar and answer
pages: who may see and do what (the permission matrix), htmx partials, the CSV export and
the constant number of queries of the list."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.guests import contact_make, guest_make, opening_make, staff_in, tag_make
from tests.factories.people import PersonFactory
from vernissage.core.models import AuditLog
from vernissage.exhibitions import invitations
from vernissage.exhibitions.guests import guest_rsvp, invitations_send
from vernissage.exhibitions.links import link_token
from vernissage.exhibitions.mail import guest_token, invitation_token
from vernissage.exhibitions.models import Guest, GuestMessage, Opening

pytestmark = pytest.mark.django_db

#: Strings only the guest list holds; none may reach a viewer who may not read it.
SECRETS = ("Sophia Petrova", "sophia.secret@", "SECRET-ACCESS-NEED", "SECRET-NOTE", "550 5.7.1")
#: viewer → (reads guest lists, keeps them)
VIEWERS: dict[str, tuple[bool, bool]] = {
    "anonymous": (False, False),
    "signed in, no role": (False, False),
    "staff, no permission": (False, False),
    "Viewer": (False, False),
    "Registrar": (False, False),
    "Press": (True, True),
    "Sales": (True, False),
    "Owner": (True, True),
    "superuser": (True, True),
}


@dataclass
class World:
    opening: Opening
    sophia: Guest
    message: GuestMessage
    rsvp_token: str
    other_token: str
    invitation_token: str


@pytest.fixture
def world(db: Any) -> World:
    opening = opening_make(capacity=40)
    sophia = guest_make(opening, "Sophia Petrova", email="sophia.secret@guests.example")
    Guest.objects.filter(pk=sophia.pk).update(note="SECRET-NOTE")
    viktor = guest_make(opening, "Viktor Petrov")
    invitations_send(opening=opening, acting_user=None)  # queued, never sent: no server here
    for guest in (sophia, viktor):
        guest.refresh_from_db()
    guest_rsvp(guest=sophia, response="attending", party_size=1, access_needs="SECRET-ACCESS-NEED")
    message = GuestMessage.objects.get(guest=sophia)
    GuestMessage.objects.filter(pk=message.pk).update(
        status="failed", attempts=1, last_error="550 5.7.1 refused"
    )
    invitation = invitations.invitation_create(
        acting_user=None,
        artist=PersonFactory(display_name="Jacques Kalmurzaev"),
        from_person=PersonFactory(display_name="Viktor Collector"),
        proposal="a show in Paris",
        email="jacques@studio.example",
        deadline=timezone.now() + dt.timedelta(days=5),
    )
    invitations.invitation_send(invitation=invitation, acting_user=None)
    invitation.refresh_from_db()
    return World(
        opening=opening,
        sophia=sophia,
        message=message,
        rsvp_token=guest_token(viktor),
        other_token=guest_token(sophia),
        invitation_token=invitation_token(invitation),
    )


def _viewer(client: Client, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name in {"signed in, no role", "staff, no permission"}:
        user = User.objects.create_user(
            username="someone", password="x", is_staff=name == "staff, no permission"
        )
    else:
        user = staff_in(name, "someone")
    client.force_login(user)
    return user


def _leaks(response: Any) -> list[str]:
    text = b"".join(response.streaming_content) if response.streaming else response.content
    text = text.decode(errors="replace") + " ".join(f"{k}: {v}" for k, v in response.items())
    return [secret for secret in SECRETS if secret in text]


def _changes() -> tuple[int, int, int]:
    return (AuditLog.objects.count(), Guest.objects.count(), GuestMessage.objects.count())


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_guest_list_permission_matrix(client: Client, world: World, viewer: str) -> None:
    reads, keeps = VIEWERS[viewer]
    _viewer(client, viewer)
    pk = world.opening.pk
    before = _changes()

    pages = {
        f"/openings/{pk}/guests/": "/openings/999999/guests/",
        f"/openings/{pk}/guests/?answer=attending": "/openings/999999/guests/?answer=attending",
        f"/openings/{pk}/guests.csv": "/openings/999999/guests.csv",
    }
    for url, unknown in pages.items():
        response = client.get(url)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif reads:
            assert response.status_code == 200, url
            assert _leaks(response) != [], url  # the test can fail: readers do see the list
        else:
            assert response.status_code == 404, url
            assert response.content == client.get(unknown).content
            assert _leaks(response) == [], url
    assert _changes() == before  # looking changed nothing

    forms = {
        f"/openings/{pk}/guests/add/": {"name": "Ana K.", "party_allowed": "1", "language": "en"},
        f"/openings/{pk}/guests/add-tag/": {"tag": str(tag_make("press").pk)},
        f"/openings/{pk}/guests/import/": {"file": SimpleUploadedFile("g.csv", b"name\nRomy\n")},
        f"/openings/{pk}/guests/send/": {},
        f"/openings/{pk}/messages/{world.message.pk}/send-again/": {},
    }  # fmt: skip
    for url, data in forms.items():
        before = _changes()
        response = client.post(url, data)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif keeps:
            assert response.status_code == 302, url
            assert response["Location"] == f"/openings/{pk}/guests/"
            continue
        elif reads:
            assert response.status_code == 403, url
            assert "You may read this guest list but not change it" in response.content.decode()
        else:
            assert response.status_code == 404, url
            assert response.content == client.post(url.replace(str(pk), "999999"), {}).content
            assert _leaks(response) == [], url
        assert _changes() == before, url
        assert GuestMessage.objects.get(pk=world.message.pk).status == "failed"
    if keeps:
        names = set(Guest.objects.filter(opening=world.opening).values_list("name", flat=True))
        assert {"Ana K.", "Romy"} <= names


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_the_public_pages_of_a_link_are_the_same_for_everyone_and_show_only_their_guest(
    client: Client, world: World, viewer: str
) -> None:
    _viewer(client, viewer)
    before = _changes()

    rsvp = client.get(f"/rsvp/{world.rsvp_token}/")
    ics = client.get(f"/rsvp/{world.rsvp_token}/opening.ics")
    answer = client.get(f"/invitations/{world.invitation_token}/")
    forged = client.get(f"/rsvp/{link_token(purpose='rsvp', pk=1, issued=timezone.now())}/")
    forged_answer = client.get("/invitations/AAAAAAAAAAAAAAAAAAAAAAAA/")

    assert rsvp.status_code == 200
    assert "Dear Viktor Petrov" in rsvp.content.decode()
    assert _leaks(rsvp) == []  # not a word of the other guests
    assert ics.status_code == 200
    assert _leaks(ics) == []
    assert answer.status_code == 200
    assert "Viktor Collector invites you to exhibit: a show in Paris" in answer.content.decode()
    assert "jacques@studio.example" not in answer.content.decode()
    for response in (forged, forged_answer):
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert _changes() == before


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", (302, 302, 302)),
        ("staff, no permission", (403, 403, 403)),
        ("Viewer", (403, 403, 200)),
        ("Registrar", (403, 403, 200)),
        ("Press", (200, 200, 200)),
        ("Sales", (200, 200, 200)),
        ("Owner", (200, 200, 200)),
        ("superuser", (200, 200, 200)),
    ],
)
def test_admin_matrix(
    client: Client, world: World, viewer: str, expected: tuple[int, int, int]
) -> None:
    _viewer(client, viewer)

    got = tuple(
        client.get(f"/admin/exhibitions/{model}/").status_code
        for model in ("guest", "guestmessage", "invitation")
    )

    assert got == expected
    if expected[0] == 200:
        change = client.get(f"/admin/exhibitions/guest/{world.sophia.pk}/change/")
        assert change.status_code == 200
        text = change.content.decode()
        # Those who may read guest lists see the whole guest, private fields included.
        assert "sophia.secret@guests.example" in text
        assert "SECRET-ACCESS-NEED" in text
        messages = client.get("/admin/exhibitions/guestmessage/").content.decode()
        assert "550 5.7.1 refused" in messages


def test_staff_send_a_failed_message_again_from_the_admin(
    client: Client, world: World, mail_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _viewer(client, "Press")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/exhibitions/guestmessage/",
            {"action": "send_again", "_selected_action": [str(world.message.pk)]},
        )

    assert response.status_code == 302
    world.message.refresh_from_db()
    assert (world.message.status, world.message.attempts) == ("sent", 2)
    assert [m["To"] for m in mail_server.messages] == ["sophia.secret@guests.example"]


def test_sales_may_read_messages_in_the_admin_but_not_send_them_again(
    client: Client, world: World
) -> None:
    _viewer(client, "Sales")

    page = client.get("/admin/exhibitions/guestmessage/").content.decode()

    assert "send_again" not in page
    client.post(
        "/admin/exhibitions/guestmessage/",
        {"action": "send_again", "_selected_action": [str(world.message.pk)]},
    )
    assert GuestMessage.objects.get(pk=world.message.pk).status == "failed"


def test_adding_a_guest_with_htmx_answers_with_the_panel(client: Client, world: World) -> None:
    _viewer(client, "Press")

    response = client.post(
        f"/openings/{world.opening.pk}/guests/add/",
        {"name": "Ana Kalmurzaeva", "email": "ana@studio.example", "party_allowed": "2",
         "language": "en"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip

    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text
    assert "Ana Kalmurzaeva is on the list." in text
    assert re.search(r'<tr id="guest-\d+" class="guest-row">\s*<td><strong>Ana Kalmurzaeva', text)
    assert '<dd data-count="guests">3</dd>' in text
    guest = Guest.objects.get(email="ana@studio.example")
    assert (guest.party_allowed, guest.language) == (2, "en")


def test_a_refused_guest_comes_back_on_the_form_with_the_reason(
    client: Client, world: World
) -> None:
    _viewer(client, "Press")

    response = client.post(
        f"/openings/{world.opening.pk}/guests/add/",
        {"name": "Sophia again", "email": "SOPHIA.secret@guests.example", "party_allowed": "1",
         "language": "en"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip

    assert response.status_code == 200
    assert "SOPHIA.secret@guests.example is on this guest list already." in (
        response.content.decode()
    )
    assert Guest.objects.filter(opening=world.opening).count() == 2


def test_without_javascript_a_form_posts_and_the_page_says_what_happened(
    client: Client, world: World
) -> None:
    _viewer(client, "Press")

    response = client.post(
        f"/openings/{world.opening.pk}/guests/add/",
        {"name": "Ana Kalmurzaeva", "party_allowed": "1", "language": "en"},
        follow=True,
    )

    assert response.redirect_chain == [(f"/openings/{world.opening.pk}/guests/", 302)]
    assert "Ana Kalmurzaeva is on the list." in response.content.decode()


def test_an_import_with_a_bad_row_lists_it_on_the_page_and_imports_nothing(
    client: Client, world: World
) -> None:
    _viewer(client, "Press")
    upload = SimpleUploadedFile(
        "guests.csv", b"name,email\nAna,ana@studio.example\nRomy,romy@@studio\n", "text/csv"
    )

    response = client.post(f"/openings/{world.opening.pk}/guests/import/", {"file": upload})

    assert response.status_code == 400
    text = response.content.decode()
    assert "1 row is wrong; nothing was imported." in text
    assert "Row 3: “romy@@studio” is not an e-mail address." in text
    assert Guest.objects.filter(opening=world.opening).count() == 2


def test_a_tag_added_on_the_page_says_who_was_left_out(client: Client, world: World) -> None:
    _viewer(client, "Press")
    friends = tag_make("friends of the gallery")
    contact_make("Ana Kalmurzaeva", tags=(friends,))
    contact_make("Romy Kalmurzaeva", tags=(friends,), consent=False)

    response = client.post(
        f"/openings/{world.opening.pk}/guests/add-tag/", {"tag": friends.pk}, follow=True
    )

    text = response.content.decode()
    assert "Added 1 guest. 1 contact with this tag did not agree to invitations" in text
    assert not Guest.objects.filter(name="Romy Kalmurzaeva").exists()


def test_sending_from_the_page_invites_those_not_invited_yet(
    client: Client, world: World, mail_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    guest_make(world.opening, "Ana Kalmurzaeva")
    guest_make(world.opening, "Romy Kalmurzaeva")
    _viewer(client, "Press")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/openings/{world.opening.pk}/guests/send/", follow=True)

    assert "Sending 2 invitations. 2 guests were invited already." in response.content.decode()
    assert sorted(m["To"] for m in mail_server.messages) == [
        "ana.kalmurzaeva@guests.example",
        "romy.kalmurzaeva@guests.example",
    ]


def test_the_csv_holds_the_list_and_no_formula_runs(client: Client, world: World) -> None:
    guest_make(world.opening, '=HYPERLINK("http://evil.example")', email="x@guests.example")
    _viewer(client, "Sales")

    response = client.get(f"/openings/{world.opening.pk}/guests.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="guests-opening-{world.opening.pk}.csv"'
    )
    text = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == {
        "Sophia Petrova",
        "Viktor Petrov",
        '\'=HYPERLINK("http://evil.example")',
    }
    sophia = by_name["Sophia Petrova"]
    assert (sophia["email"], sophia["answer"], sophia["party_size"]) == (
        "sophia.secret@guests.example",
        "attending",
        "1",
    )
    assert (sophia["access_needs"], sophia["note"]) == ("SECRET-ACCESS-NEED", "SECRET-NOTE")
    assert sophia["last_message"] == "invitation failed"


@pytest.mark.parametrize("role", ["Press", "Sales"])
def test_the_guest_list_costs_the_same_queries_for_3_and_60_guests(
    client: Client, world: World, django_assert_num_queries: Any, role: str
) -> None:
    _viewer(client, role)
    url = f"/openings/{world.opening.pk}/guests/"
    guest_make(world.opening, "Ana Kalmurzaeva")
    client.get(url)  # the session and the kept permissions warm up
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.content.decode().count('class="guest-row"') == 3
    for number in range(57):
        guest = guest_make(world.opening, f"Guest Number{number}", party_allowed=2)
        if number % 3 == 0:
            guest_rsvp(guest=guest, response="attending", party_size=2)
    invitations_send(opening=world.opening, acting_user=None)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('class="guest-row"') == 60
    print(f"guest_list_queries={len(few.captured_queries)}")  # noqa: T201 - read by the bench
