"""Invitations to exhibit: draft → sent → accepted / declined / withdrawn / expired, one service
per transition; the e-mail through a real SMTP server, and the artist's answer page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories.guests import exhibition_make, staff_in
from tests.factories.people import PersonFactory
from tests.mailserver import MailServer
from vernissage.core.models import AuditLog
from vernissage.exhibitions import invitations as services
from vernissage.exhibitions.models import GuestMessage, Invitation

State = Invitation.State
pytestmark = pytest.mark.django_db


def _draft(**extra: Any) -> Invitation:
    values: dict[str, Any] = {
        "acting_user": None,
        "artist": PersonFactory(display_name="Jacques Kalmurzaev"),
        "from_person": PersonFactory(display_name="Viktor Petrov", roles=("collector",)),
        "exhibition": exhibition_make("Siberian Landscapes"),
        "email": "jacques@studio.example",
        "message": "Would you show the Siberian landscapes in Paris this spring?",
        "deadline": timezone.now() + dt.timedelta(days=14),
    }
    values.update(extra)
    return services.invitation_create(**values)


def _sent(capture: Any, **extra: Any) -> Invitation:
    invitation = _draft(**extra)
    with capture(execute=True):
        services.invitation_send(invitation=invitation, acting_user=None)
    return invitation


def _answer_path(mail_server: MailServer) -> str:
    body = mail_server.messages[-1].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    found = re.search(r"https?://[^/\s]+(/invitations/[A-Za-z0-9_\-]+/)", body)
    assert found is not None, body
    return found.group(1)


def test_the_artist_gets_the_invitation_by_email_and_accepting_adds_them_to_the_show(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    registrar = staff_in("Registrar")
    invitation = _draft(acting_user=registrar)

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(invitation=invitation, acting_user=registrar)

    assert len(mail_server.messages) == 1
    message = mail_server.messages[0]
    assert mail_server.envelopes[0][1] == ["jacques@studio.example"]
    assert message["Subject"] == "Viktor Petrov invites you to exhibit: Siberian Landscapes"
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Would you show the Siberian landscapes in Paris this spring?" in body
    record = GuestMessage.objects.get(invitation=invitation)
    assert (record.status, record.attempts, record.kind) == ("sent", 1, "exhibit")
    assert record.message_id == message["Message-ID"]
    invitation.refresh_from_db()
    assert invitation.state == State.SENT
    token = _answer_path(mail_server).split("/")[2]
    assert token not in invitation.token_hash  # only the hash is kept
    assert len(invitation.token_hash) == 64

    path = _answer_path(mail_server)
    page = client.get(path)
    assert page.status_code == 200
    assert "Viktor Petrov invites you to show your work in “Siberian Landscapes”" in (
        page.content.decode()
    )
    assert page["Referrer-Policy"] == "same-origin"
    answered = client.post(path, {"decision": "accept", "answer": "With joy. Jacques"})

    assert answered.status_code == 302
    assert answered["Location"] == f"{path}?done=accepted"
    invitation.refresh_from_db()
    assert invitation.state == State.ACCEPTED
    assert invitation.answer == "With joy. Jacques"
    assert list(invitation.exhibition.artists.all()) == [invitation.artist]  # type: ignore[union-attr]
    assert [(e.from_state, e.to_state, e.actor) for e in invitation.events.all()] == [
        ("", "draft", registrar),
        ("draft", "sent", registrar),
        ("sent", "accepted", None),
    ]
    assert (
        AuditLog.objects.filter(
            content_type__model="exhibition", object_id=str(invitation.exhibition_id)
        )
        .filter(changes__has_key="artists")
        .exists()
    )
    thanks = client.get(answered["Location"]).content.decode()
    assert "you accepted the invitation" in thanks


def test_declining_with_a_message_keeps_the_artist_out_of_the_show(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = _sent(django_capture_on_commit_callbacks)

    client.post(_answer_path(mail_server), {"decision": "decline", "answer": "Not this year."})

    invitation.refresh_from_db()
    assert (invitation.state, invitation.answer) == (State.DECLINED, "Not this year.")
    assert invitation.exhibition.artists.count() == 0  # type: ignore[union-attr]


def test_an_answer_sent_twice_is_refused_the_second_time_with_a_clear_message(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = _sent(django_capture_on_commit_callbacks)
    path = _answer_path(mail_server)
    client.post(path, {"decision": "accept"})

    again = client.post(path, {"decision": "decline"})

    assert again.status_code == 409
    assert "This invitation is accepted; it cannot be declined." in again.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == State.ACCEPTED
    assert invitation.events.count() == 3


@pytest.mark.parametrize(
    ("_case", "state", "transition", "expected"),
    [
        ("accept a draft", State.DRAFT, "accept", "is draft; it cannot be accepted."),
        ("decline a draft", State.DRAFT, "decline", "is draft; it cannot be declined."),
        ("send twice", State.SENT, "send", "is sent; it cannot be sent."),
        (
            "withdraw after a yes",
            State.ACCEPTED,
            "withdraw",
            "is accepted; it cannot be withdrawn.",
        ),
        ("expire a draft", State.DRAFT, "expire", "is draft; it cannot be expired."),
        (
            "answer a withdrawn one",
            State.WITHDRAWN,
            "accept",
            "is withdrawn; it cannot be accepted.",
        ),
    ],
)
def test_each_transition_refuses_the_states_it_may_not_come_from(
    db: Any, _case: str, state: str, transition: str, expected: str
) -> None:
    invitation = _draft()
    if state != State.DRAFT:
        services.invitation_send(invitation=invitation, acting_user=None)
    if state == State.ACCEPTED:
        services.invitation_accept(invitation=invitation, acting_user=None)
    if state == State.WITHDRAWN:
        services.invitation_withdraw(invitation=invitation, acting_user=None)
    events = invitation.events.count()
    service = getattr(services, f"invitation_{transition}")

    with pytest.raises(ValidationError) as refused:
        service(invitation=invitation, acting_user=None)

    assert refused.value.messages == [f"This invitation {expected}"]
    assert Invitation.objects.get(pk=invitation.pk).state == state
    assert invitation.events.count() == events


def test_sending_needs_an_address_and_a_deadline_to_come(db: Any) -> None:
    invitation = _draft(email="", deadline=timezone.now() - dt.timedelta(minutes=1))

    with pytest.raises(ValidationError) as refused:
        services.invitation_send(invitation=invitation, acting_user=None)

    assert refused.value.message_dict == {
        "email": ["Write the artist's e-mail address (or add it to the artist's contact) first."],
        "deadline": ["The deadline has passed: choose a later one."],
    }
    assert Invitation.objects.get(pk=invitation.pk).state == State.DRAFT


def test_an_invitation_needs_an_inviter_and_an_exhibition_or_a_proposal(db: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        _draft(from_person=None, exhibition=None)

    assert set(refused.value.message_dict) == {"from_person", "proposal"}
    assert Invitation.objects.count() == 0


def test_an_open_proposal_from_a_gallery_is_accepted_without_an_exhibition(
    mail_server: MailServer, django_capture_on_commit_callbacks: Any, client: Client
) -> None:
    from vernissage.people.services import organization_create

    gallery = organization_create(acting_user=None, name="Galerie du Marais", kind="gallery")
    invitation = _sent(
        django_capture_on_commit_callbacks,
        from_person=None,
        from_organization=gallery,
        exhibition=None,
        proposal="a solo show of the Red Square photographs",
        artist=PersonFactory(display_name="Romy Kalmurzaeva"),
        email="romy@studio.example",
    )
    assert mail_server.messages[0]["Subject"] == (
        "Galerie du Marais invites you to exhibit: a solo show of the Red Square photographs"
    )

    client.post(_answer_path(mail_server), {"decision": "accept"})

    assert Invitation.objects.get(pk=invitation.pk).state == State.ACCEPTED


def test_a_forged_link_gets_a_friendly_page_that_names_nobody(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    _sent(django_capture_on_commit_callbacks)
    real = _answer_path(mail_server)
    forged = real[:-3] + ("AA/" if not real.endswith("AA/") else "BB/")

    for path in (forged, "/invitations/not-a-token/", "/invitations/" + "x" * 80 + "/"):
        response = client.get(path)
        assert response.status_code == 404, path
        text = response.content.decode()
        assert "This link does not work" in text
        for secret in ("Jacques", "Petrov", "Siberian"):
            assert secret not in text
    refused = client.post(forged, {"decision": "accept"})
    assert refused.status_code == 404
    assert Invitation.objects.get().state == State.SENT


def test_after_the_deadline_the_link_is_expired_and_an_answer_is_refused(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = _sent(django_capture_on_commit_callbacks)
    path = _answer_path(mail_server)
    # The deadline passes (the expiry task has not run yet).
    Invitation.objects.filter(pk=invitation.pk).update(
        deadline=timezone.now() - dt.timedelta(seconds=1)
    )

    page = client.post(path, {"decision": "accept"})

    assert page.status_code == 410
    assert "This link has expired" in page.content.decode()
    assert "Siberian" not in page.content.decode()
    invitation.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(invitation=invitation, acting_user=None)
    assert refused.value.messages == [
        "The deadline to answer this invitation has passed; it can no longer be accepted."
    ]
    assert Invitation.objects.get(pk=invitation.pk).state == State.SENT


def test_a_withdrawn_invitation_says_so_and_takes_no_answer(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = _sent(django_capture_on_commit_callbacks)
    services.invitation_withdraw(invitation=invitation, acting_user=None, note="Show cancelled")

    page = client.get(_answer_path(mail_server))

    assert "This invitation was withdrawn by the inviter" in page.content.decode()
    assert 'value="accept"' not in page.content.decode()
    assert invitation.events.last().note == "Show cancelled"  # type: ignore[union-attr]


def test_a_sent_invitation_cannot_be_rewritten(db: Any) -> None:
    invitation = _draft()
    services.invitation_send(invitation=invitation, acting_user=None)
    invitation.message = "Something else entirely"

    with pytest.raises(ValidationError) as refused:
        services.invitation_save(invitation=invitation, acting_user=None)

    assert "what the artist received cannot be changed (message)" in refused.value.messages[0]
    assert Invitation.objects.get(pk=invitation.pk).message.startswith("Would you show")


def test_the_catch_up_command_expires_what_is_due_and_nothing_else(db: Any) -> None:
    due, later, answered = _draft(), _draft(), _draft()
    for invitation in (due, later, answered):
        services.invitation_send(invitation=invitation, acting_user=None)
    services.invitation_accept(invitation=answered, acting_user=None)
    past = timezone.now() - dt.timedelta(minutes=1)
    Invitation.objects.filter(pk__in=[due.pk, answered.pk]).update(deadline=past)

    call_command("invitations_expire")
    call_command("invitations_expire")  # again: nothing more

    states = dict(Invitation.objects.values_list("pk", "state"))
    assert states == {due.pk: "expired", later.pk: "sent", answered.pk: "accepted"}
    assert [e.to_state for e in due.events.all()] == ["draft", "sent", "expired"]


def test_staff_write_and_send_an_invitation_in_the_admin(
    client: Client, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    registrar = staff_in("Registrar")
    client.force_login(registrar)
    artist = PersonFactory(display_name="Romy Kalmurzaeva")
    petrov = PersonFactory(display_name="Viktor Petrov")
    deadline = (timezone.localtime() + dt.timedelta(days=7)).replace(microsecond=0)

    added = client.post(
        "/admin/exhibitions/invitation/add/",
        {
            "artist": artist.pk,
            "email": "romy@studio.example",
            "from_person": petrov.pk,
            "proposal": "the Red Square series in Paris",
            "message": "Paris in May?",
            "deadline_0": deadline.strftime("%Y-%m-%d"),
            "deadline_1": deadline.strftime("%H:%M:%S"),
            "source": "",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "messages-TOTAL_FORMS": "0",
            "messages-INITIAL_FORMS": "0",
        },
    )
    assert added.status_code == 302, re.findall(r"errorlist.*?</ul>", added.content.decode())
    invitation = Invitation.objects.get()
    assert (invitation.state, invitation.deadline) == (State.DRAFT, deadline)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/admin/exhibitions/invitation/",
            {"action": "send_selected", "_selected_action": [str(invitation.pk)]},
        )

    assert sent.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == State.SENT
    assert [e.actor for e in invitation.events.all()] == [registrar, registrar]
    assert [m["To"] for m in mail_server.messages] == ["romy@studio.example"]
    refused = client.post(
        "/admin/exhibitions/invitation/",
        {"action": "send_selected", "_selected_action": [str(invitation.pk)]},
        follow=True,
    )
    assert "This invitation is sent; it cannot be sent." in refused.content.decode()
    assert len(mail_server.messages) == 1


def test_an_invitation_answered_outside_vernissage_is_recorded_after_the_fact() -> None:
    invitation = _draft(deadline=None)
    answered = timezone.now() - dt.timedelta(days=4000)
    services.invitation_record_answer(
        invitation=invitation, accepted=True, answered_at=answered, acting_user=None
    )
    invitation.refresh_from_db()
    assert (invitation.state, invitation.answered_at, invitation.sent_at) == (
        State.ACCEPTED,
        answered,
        None,
    )
    assert invitation.exhibition is not None
    assert invitation.exhibition.artists.filter(pk=invitation.artist_id).exists()
    event = invitation.events.last()
    assert event is not None
    assert (event.from_state, event.to_state) == (State.DRAFT, State.ACCEPTED)
    assert "recorded" in event.note
    assert not GuestMessage.objects.exists()  # nothing is sent


@pytest.mark.parametrize(
    ("case", "message"),
    [("future", "cannot be in the future"), ("not a draft", "cannot be")],
)
def test_recording_an_answer_refuses_a_future_date_or_a_sent_invitation(
    case: str, message: str
) -> None:
    invitation = _draft()
    if case == "not a draft":
        Invitation.objects.filter(pk=invitation.pk).update(state=State.SENT)
        invitation.refresh_from_db()
    rows = AuditLog.objects.count()
    answered = timezone.now() + dt.timedelta(days=1 if case == "future" else -1)
    with pytest.raises(ValidationError, match=message):
        services.invitation_record_answer(
            invitation=invitation, accepted=False, answered_at=answered, acting_user=None
        )
    assert AuditLog.objects.count() == rows
    assert Invitation.objects.get(pk=invitation.pk).answered_at is None
