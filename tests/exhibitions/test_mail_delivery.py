"""E-mail that does not go through at once: a server that refuses, a server that is down, an
address that bounces, and the work queued for later (retries, expiry, reminders) run by the
real task worker of ``vernissage serve`` (django-tasks' database backend)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories.guests import guest_make, opening_make, staff_in
from tests.factories.people import PersonFactory
from tests.mailserver import MailServer
from vernissage.exhibitions import invitations
from vernissage.exhibitions.guests import invitations_send
from vernissage.exhibitions.mail import MAX_ATTEMPTS, message_send_again, messages_send
from vernissage.exhibitions.models import GuestMessage, Invitation

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "ENQUEUE_ON_COMMIT": False}
}


def _work() -> None:
    """What the worker beside ``vernissage serve`` does: run every task that is due."""
    call_command(
        "db_worker", "--batch", "--interval", "0", "--no-startup-delay", "--queue-name", "*",
        verbosity=0,
    )  # fmt: skip


def _queued(task_name: str) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            status="READY", task_path=f"vernissage.exhibitions.tasks.{task_name}"
        ).order_by("run_after")
    )


def _near(moment: dt.datetime, expected: dt.datetime, seconds: float = 5) -> bool:
    return abs((moment - expected).total_seconds()) <= seconds


def test_a_refused_message_is_retried_after_its_delay_and_then_delivered(
    transactional_db: Any, mail_server: MailServer, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    mail_server.refuse_messages = 1  # "550 5.7.1 Message refused by policy", once

    invitations_send(opening=opening, acting_user=None)
    _work()

    message = GuestMessage.objects.get()
    assert (message.status, message.attempts) == ("failed", 1)
    assert message.last_error == "550 5.7.1 Message refused by policy"
    assert mail_server.messages == []
    [retry] = _queued("messages_send_task")
    assert _near(retry.run_after, message.updated_at + dt.timedelta(minutes=1))
    assert retry.args_kwargs["args"] == [[message.pk]]
    # Staff see it on the guest list, with the server's answer. (A superuser: tests that
    # commit start from an empty database, without the role groups of the migrations.)
    client = Client()
    client.force_login(staff_in("superuser"))
    page = client.get(f"/openings/{opening.pk}/guests/").content.decode()
    assert "invitation: failed, will retry" in page
    assert "550 5.7.1 Message refused by policy" in page
    assert '<dd data-count="messages-failed">1</dd>' in page

    # A minute passes: the retry is due, and the worker runs it by itself.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    _work()

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")
    assert [m["To"] for m in mail_server.messages] == ["sophia.petrova@guests.example"]
    assert mail_server.refused == 1


def test_a_server_that_is_down_loses_no_guest(
    transactional_db: Any, mail_server_down: int, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    opening = opening_make()
    for name in ("Ana Kalmurzaeva", "Viktor Petrov", "Sophia Petrova"):
        guest_make(opening, name)

    invitations_send(opening=opening, acting_user=None)
    _work()

    messages = list(GuestMessage.objects.order_by("pk"))
    assert [(m.status, m.attempts) for m in messages] == [("failed", 1)] * 3
    assert all("ConnectionRefusedError" in m.last_error for m in messages)
    [retry] = _queued("messages_send_task")
    assert sorted(retry.args_kwargs["args"][0]) == [m.pk for m in messages]

    # The server comes back; when the retry is due, all three go.
    from aiosmtpd.controller import Controller

    from tests.mailserver import MailServer as Server

    server = Server()
    controller = Controller(server, hostname="127.0.0.1", port=mail_server_down)
    controller.start()
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        _work()
    finally:
        controller.stop()
    assert sorted(m["To"] for m in server.messages) == [
        "ana.kalmurzaeva@guests.example",
        "sophia.petrova@guests.example",
        "viktor.petrov@guests.example",
    ]
    assert set(GuestMessage.objects.values_list("status", "attempts")) == {("sent", 2)}


def test_an_address_refused_by_the_server_bounces_and_is_sent_again_once_corrected(
    db: Any, mail_server: MailServer, django_capture_on_commit_callbacks: Any
) -> None:
    opening = opening_make()
    guest = guest_make(opening, "Viktor Petrov", email="viktor@nowhere.example")
    mail_server.unknown_addresses = {"viktor@nowhere.example"}
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(opening=opening, acting_user=None)
    message = GuestMessage.objects.get()
    assert message.status == "bounced"
    assert message.last_error == "viktor@nowhere.example: 550 5.1.1 No such user here"

    from vernissage.exhibitions.guests import guest_save

    guest.email = "viktor@collectors.example"
    guest_save(guest=guest, acting_user=None)
    with django_capture_on_commit_callbacks(execute=True):
        message_send_again(message=message, acting_user=staff_in("Press"))

    message.refresh_from_db()
    assert (message.status, message.to, message.attempts) == (
        "sent",
        "viktor@collectors.example",
        2,
    )
    assert [m["To"] for m in mail_server.messages] == ["viktor@collectors.example"]


def test_after_the_last_retry_a_message_is_given_up_and_shown_as_failed(
    db: Any, mail_server: MailServer
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    invitations_send(opening=opening, acting_user=None)  # queued; sent below, by hand
    message = GuestMessage.objects.get()
    mail_server.refuse_messages = MAX_ATTEMPTS

    statuses = []
    for _attempt in range(MAX_ATTEMPTS):
        messages_send(message_ids=[message.pk])
        message.refresh_from_db()
        statuses.append(message.status)

    assert statuses == ["failed"] * (MAX_ATTEMPTS - 1) + ["gave_up"]
    assert message.attempts == MAX_ATTEMPTS
    assert message.get_status_display() == "failed"
    assert messages_send(message_ids=[message.pk]).skipped == 1  # nothing more, by itself
    assert mail_server.messages == []


def test_a_message_queued_twice_is_sent_once(db: Any, mail_server: MailServer) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    invitations_send(opening=opening, acting_user=None)
    message = GuestMessage.objects.get()

    first = messages_send(message_ids=[message.pk])
    second = messages_send(message_ids=[message.pk])

    assert (first.sent, second.sent, second.skipped) == (1, 0, 1)
    assert len(mail_server.messages) == 1


def test_the_catch_up_command_queues_what_a_stopped_worker_left(
    db: Any, mail_server: MailServer
) -> None:
    opening = opening_make()
    guest_make(opening, "Sophia Petrova")
    invitations_send(opening=opening, acting_user=None)  # its task never ran
    GuestMessage.objects.update(updated_at=timezone.now() - dt.timedelta(minutes=30))

    call_command("messages_retry")

    assert GuestMessage.objects.get().status == "sent"
    assert len(mail_server.messages) == 1


def test_an_invitation_expires_by_itself_at_its_deadline(
    transactional_db: Any, mail_server: MailServer, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    deadline = timezone.now() + dt.timedelta(seconds=2)
    invitation = invitations.invitation_create(
        acting_user=None,
        artist=PersonFactory(display_name="Jacques Kalmurzaev"),
        from_person=PersonFactory(display_name="Viktor Petrov"),
        proposal="a show in Paris",
        email="jacques@studio.example",
        deadline=deadline,
    )

    invitations.invitation_send(invitation=invitation, acting_user=None)

    [expiry] = _queued("invitation_expire_task")
    assert expiry.run_after == deadline
    _work()  # the e-mail goes; the expiry waits for its time
    assert len(mail_server.messages) == 1
    assert Invitation.objects.get().state == "sent"
    time.sleep(max(0.0, (deadline - timezone.now()).total_seconds()) + 0.05)
    _work()
    assert Invitation.objects.get().state == "expired"
    assert [e.to_state for e in Invitation.objects.get().events.all()] == [
        "draft",
        "sent",
        "expired",
    ]


def test_reminders_are_queued_for_the_day_before_and_sent_once(
    transactional_db: Any, mail_server: MailServer, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    opening = opening_make(starts_in=dt.timedelta(days=3))
    coming = guest_make(opening, "Sophia Petrova", party_allowed=2)
    maybe = guest_make(opening, "Viktor Petrov")
    guest_make(opening, "Ana Kalmurzaeva")  # never answers

    invitations_send(opening=opening, acting_user=None)
    _work()
    from vernissage.exhibitions.guests import guest_rsvp

    guest_rsvp(guest=coming, response="attending", party_size=2)
    guest_rsvp(guest=maybe, response="maybe", party_size=1)
    [reminder] = _queued("opening_reminders_task")
    assert reminder.run_after == opening.starts_at - dt.timedelta(days=1)

    # Sending again queues nothing new (everyone is invited). Then the day before comes.
    invitations_send(opening=opening, acting_user=None)  # everyone invited: nothing queued
    DBTaskResult.objects.filter(pk=reminder.pk).update(run_after=timezone.now())
    from vernissage.exhibitions.models import Opening

    Opening.objects.filter(pk=opening.pk).update(
        starts_at=timezone.now() + dt.timedelta(hours=20),
        ends_at=timezone.now() + dt.timedelta(hours=23),
    )
    _work()
    call_command("reminders_send")  # the catch-up finds nothing left to do

    reminders = [m for m in mail_server.messages if m["Subject"].strip().startswith("Tomorrow:")]
    assert sorted(m["To"] for m in reminders) == [coming.email, maybe.email]
    text = {m["To"]: m.get_body(preferencelist=("plain",)).get_content() for m in reminders}  # type: ignore[union-attr]
    assert "We expect 2 of you." in text[coming.email]
    assert "You said you might come" in text[maybe.email]
    assert Opening.objects.get(pk=opening.pk).reminders_sent_at is not None
    assert GuestMessage.objects.filter(kind="reminder").count() == 2
