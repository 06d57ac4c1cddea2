"""The personal invitation e-mail (real SMTP), its RSVP link, QR code and calendar file, and
the guest's answers: party size, the deadline, the waiting list, a form sent twice, forged and
expired links."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from email.message import EmailMessage
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories.guests import guest_make, opening_make, venue_make
from tests.mailserver import MailServer
from tests.qrcodes import qr_texts_of_png, qr_texts_of_svg
from vernissage.core.models import AuditLog
from vernissage.exhibitions.guests import invitations_send
from vernissage.exhibitions.models import Guest, GuestMessage, Opening

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _paris_evening(**extra: Any) -> Opening:
    """An opening at 18:30 Paris time, ten days from now."""
    day = (timezone.now() + dt.timedelta(days=10)).astimezone(PARIS).date()
    starts = dt.datetime.combine(day, dt.time(18, 30), tzinfo=PARIS)
    opening = opening_make(**extra)
    Opening.objects.filter(pk=opening.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=3)
    )
    opening.refresh_from_db()
    return opening


def _invite(capture: Any, opening: Opening) -> None:
    with capture(execute=True):
        invitations_send(opening=opening, acting_user=None)


def _rsvp_path(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    found = re.search(r"https?://[^/\s]+(/rsvp/[A-Za-z0-9_\-]+/)", body)
    assert found is not None, body
    return found.group(1)


def _parts(message: EmailMessage) -> dict[str, Any]:
    return {part.get_content_type(): part for part in message.walk()}


def test_each_guest_gets_a_personal_invitation_with_link_qr_code_and_calendar(
    mail_server: MailServer, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.VERNISSAGE_BASE_URL = "https://gallery.example"
    opening = _paris_evening(title="Siberian Landscapes — the opening")
    sophia = guest_make(opening, "Sophia Petrova", party_allowed=2)
    viktor = guest_make(opening, "Viktor Petrov")

    _invite(django_capture_on_commit_callbacks, opening)

    assert sorted(e[1][0] for e in mail_server.envelopes) == [
        "sophia.petrova@guests.example",
        "viktor.petrov@guests.example",
    ]
    message = mail_server.to("sophia.petrova@guests.example")[0]
    day = opening.starts_at.astimezone(PARIS)
    # (Python's parser keeps the space of the folded, encoded header; mail programs do not.)
    assert message["Subject"].strip() == (
        f"Invitation: Siberian Landscapes — the opening, {date_format(day, 'DATE_FORMAT')}"
    )
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Dear Sophia Petrova," in text
    assert "This invitation is for up to 2 people, you included." in text
    assert re.search(r"6:30 p\.m\.–9:30 p\.m\. CES?T \(Europe/Paris time\)", text), text
    path = _rsvp_path(message)
    assert f"https://gallery.example{path}" in text
    assert f"https://gallery.example{path}opening.ics" in text
    parts = _parts(message)
    html = parts["text/html"].get_content()
    qr = parts["image/png"]
    assert f'src="cid:{qr["Content-ID"][1:-1]}"' in html
    # The QR code, read as a phone reads it, is the RSVP link.
    assert qr_texts_of_png(qr.get_content()) == [f"https://gallery.example{path}"]
    calendar = icalendar.Calendar.from_ical(parts["text/calendar"].get_content())
    event = calendar.events[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.start == day
    assert event.start.tzinfo.key == "Europe/Paris"  # type: ignore[union-attr]
    assert [tz["TZID"] for tz in calendar.timezones] == ["Europe/Paris"]
    assert "URL" not in event  # one file for every guest (their link is in the e-mail)
    assert event["LOCATION"] == "Galerie Lumière, 12 rue de Seine, 75006 Paris"
    for guest in (sophia, viktor):
        guest.refresh_from_db()
        assert guest.token_expires_at == opening.ends_at
        record = GuestMessage.objects.get(guest=guest)
        assert (record.kind, record.status, record.attempts) == ("invitation", "sent", 1)
    # Two guests, two different links.
    assert _rsvp_path(mail_server.to("viktor.petrov@guests.example")[0]) != path


def test_sending_twice_invites_only_those_not_invited_yet(
    mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    _invite(django_capture_on_commit_callbacks, opening)
    guest_make(opening, "Viktor Petrov")
    guest_services_report = None
    with django_capture_on_commit_callbacks(execute=True):
        guest_services_report = invitations_send(opening=opening, acting_user=None)

    assert (guest_services_report.queued, guest_services_report.already_invited) == (1, 1)
    assert [m["To"] for m in mail_server.messages] == [
        "sophia.petrova@guests.example",
        "viktor.petrov@guests.example",
    ]


def test_the_rsvp_page_shows_the_evening_in_the_venues_time_whatever_the_servers(
    client: Client,
    mail_server: MailServer,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.TIME_ZONE = "America/New_York"
    opening = _paris_evening()
    guest_make(opening, "Sophia Petrova")
    _invite(django_capture_on_commit_callbacks, opening)

    page = client.get(_rsvp_path(mail_server.messages[0]))

    assert page.status_code == 200
    text = page.content.decode()
    assert re.search(r"6:30 p\.m\.–9:30 p\.m\. CES?T", text), text
    assert "Europe/Paris time" in text
    assert "12:30 p.m." not in text  # New York's time is never shown
    assert page["Cache-Control"].startswith("max-age=0, no-cache, no-store")
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_a_guest_answers_with_their_party_and_access_needs(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova", party_allowed=3)
    _invite(django_capture_on_commit_callbacks, opening)
    path = _rsvp_path(mail_server.messages[0])

    answered = client.post(
        path, {"response": "attending", "party_size": "2", "access_needs": " A wheelchair "}
    )

    assert answered.status_code == 302
    assert answered["Location"] == f"{path}?done=saved"
    guest.refresh_from_db()
    assert (guest.response, guest.party_size, guest.access_needs) == (
        "attending",
        2,
        "A wheelchair",
    )
    assert guest.answered_at is not None
    page = client.get(answered["Location"]).content.decode()
    assert "Thank you: your answer is saved." in page
    assert "You are coming. We expect 2 of you." in page
    svg = re.search(r"<svg.*?</svg>", page, re.DOTALL)
    assert svg is not None  # the QR code for the door, the link itself
    assert qr_texts_of_svg(svg.group(0)) == [f"http://127.0.0.1:8000{path}"]


def test_a_party_larger_than_allowed_is_refused_clearly(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova", party_allowed=2)
    _invite(django_capture_on_commit_callbacks, opening)
    rows = AuditLog.objects.count()

    refused = client.post(
        _rsvp_path(mail_server.messages[0]), {"response": "attending", "party_size": "5"}
    )

    assert refused.status_code == 400
    assert "This invitation is for up to 2 people, you included." in refused.content.decode()
    guest.refresh_from_db()
    assert (guest.response, guest.party_size) == ("pending", 0)
    assert AuditLog.objects.count() == rows


def test_the_same_answer_sent_twice_changes_nothing_the_second_time(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova", party_allowed=2)
    _invite(django_capture_on_commit_callbacks, opening)
    path = _rsvp_path(mail_server.messages[0])
    form = {"response": "attending", "party_size": "2", "access_needs": ""}
    client.post(path, form)
    rows = AuditLog.objects.count()

    again = client.post(path, form)

    assert again["Location"] == f"{path}?done=unchanged"
    assert AuditLog.objects.count() == rows
    assert (
        "We already had this answer; nothing changed."
        in client.get(again["Location"]).content.decode()
    )


def test_an_answer_after_the_deadline_is_refused_and_the_page_says_answers_are_closed(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = _paris_evening(rsvp_deadline=timezone.now() + dt.timedelta(days=2))
    guest = guest_make(opening, "Sophia Petrova")
    _invite(django_capture_on_commit_callbacks, opening)
    path = _rsvp_path(mail_server.messages[0])
    client.post(path, {"response": "maybe", "party_size": "1"})
    closed_at = timezone.now() - dt.timedelta(minutes=5)
    Opening.objects.filter(pk=opening.pk).update(rsvp_deadline=closed_at)

    refused = client.post(path, {"response": "attending", "party_size": "1"})

    assert refused.status_code == 409
    text = refused.content.decode()
    assert "Answers closed on" in text
    assert "your answer was not changed" in text
    assert "(Europe/Paris)" in text
    guest.refresh_from_db()
    assert guest.response == "maybe"
    page = client.get(path).content.decode()
    assert "Answers closed on" in page
    assert 'name="response"' not in page
    assert "You said you might come." in page


def test_a_forged_link_gets_a_friendly_page_with_no_hint_of_any_guest(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    _invite(django_capture_on_commit_callbacks, opening)
    real = _rsvp_path(mail_server.messages[0])

    for path in (real.replace(real[7:10], "zzz"), "/rsvp/guess/", "/rsvp/%E2%80%94/"):
        for response in (client.get(path), client.post(path, {"response": "attending"})):
            assert response.status_code == 404, path
            text = response.content.decode()
            assert "This link does not work" in text
            assert "Sophia" not in text
            assert "Siberia" not in text
        assert client.get(f"{path}opening.ics").status_code == 404
    assert Guest.objects.get().response == "pending"


def test_after_the_evening_the_link_has_expired(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Sophia Petrova")
    _invite(django_capture_on_commit_callbacks, opening)
    path = _rsvp_path(mail_server.messages[0])
    Guest.objects.filter(pk=guest.pk).update(token_expires_at=timezone.now())

    for response in (
        client.get(path),
        client.post(path, {"response": "attending", "party_size": "1"}),
        client.get(f"{path}opening.ics"),
    ):
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        assert "Sophia" not in response.content.decode()
    assert Guest.objects.get().response == "pending"


def test_inviting_again_replaces_the_old_link(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    _invite(django_capture_on_commit_callbacks, opening)
    old = _rsvp_path(mail_server.messages[0])
    Opening.objects.filter(pk=opening.pk).update(ends_at=opening.ends_at + dt.timedelta(hours=1))
    opening.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(opening=opening, acting_user=None, again=True)

    new = _rsvp_path(mail_server.messages[1])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_calendar_link_gives_the_evening_in_the_venues_zone(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = _paris_evening(venue=venue_make("Galerie Berlin", time_zone="Europe/Berlin"))
    guest_make(opening, "Ana Kalmurzaeva")
    _invite(django_capture_on_commit_callbacks, opening)

    path = _rsvp_path(mail_server.messages[0])
    response = client.get(path + "opening.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="opening-{opening.pk}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    event = calendar.events[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.start == opening.starts_at
    assert event.start.strftime("%H:%M") == opening.starts_at.astimezone(
        zoneinfo.ZoneInfo("Europe/Berlin")
    ).strftime("%H:%M")
    assert b"BEGIN:VTIMEZONE" in response.content
    assert b"TZID:Europe/Berlin" in response.content
    assert event["URL"] == f"http://127.0.0.1:8000{path}"  # back to the guest's own page


def test_a_full_evening_puts_yeses_on_the_waiting_list_and_a_no_promotes_the_next(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make(capacity=3)
    first = guest_make(opening, "Ana Kalmurzaeva", party_allowed=2)
    second = guest_make(opening, "Viktor Petrov", party_allowed=2)
    third = guest_make(opening, "Sophia Petrova", party_allowed=2)
    _invite(django_capture_on_commit_callbacks, opening)
    paths = {m["To"]: _rsvp_path(m) for m in mail_server.messages}
    yes = {"response": "attending", "party_size": "2"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(paths[first.email], yes)
        waiting = client.post(paths[second.email], yes)
        also_waiting = client.post(paths[third.email], yes)

    assert waiting["Location"].endswith("?done=waiting")
    assert also_waiting["Location"].endswith("?done=waiting")
    page = client.get(waiting["Location"]).content.decode()
    assert "you are on the waiting list" in page
    assert "<svg" not in page  # no ticket for the door while waiting
    for guest in (first, second, third):
        guest.refresh_from_db()
    assert [
        first.waitlisted_at is None,
        second.waitlisted_at is None,
        third.waitlisted_at is None,
    ] == [True, False, False]
    assert len(mail_server.messages) == 3  # the invitations only

    with django_capture_on_commit_callbacks(execute=True):
        client.post(paths[first.email], {"response": "not_attending"})

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.waitlisted_at is None  # first in line
    assert third.waitlisted_at is not None
    told = mail_server.messages[3]
    assert told["To"] == second.email
    assert told["Subject"].startswith("A place is yours: ")
    body = told.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "we expect the 2 of you" in body
    assert GuestMessage.objects.get(guest=second, kind="promoted").status == "sent"
    assert "You are coming. We expect 2 of you." in client.get(paths[second.email]).content.decode()
