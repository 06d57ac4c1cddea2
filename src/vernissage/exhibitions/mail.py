"""Sending the e-mails of openings and invitations to exhibit, and recording every attempt.

Services never send: they write a :class:`GuestMessage` (queued) in their transaction and,
once it commits, queue the background task that sends it. The task sends through Django's
e-mail (the ``VERNISSAGE_EMAIL_*`` settings: SMTP when ``VERNISSAGE_EMAIL_HOST`` is set, the
console otherwise), in batches over one connection, and records each message's fate:

* sent — the server took it (its Message-ID is kept);
* bounced — the server refused the address itself (RCPT TO answered 5xx): sending again would
  not help, staff must correct the address;
* failed, will retry — the server was down, timed out, or refused the message (a 4xx, or a 5xx
  to the message itself, which spam filters and rate limits also answer): sent again later,
  after 1 min, 5 min, 30 min, 2 h and 6 h;
* failed — still refused after the last retry: staff see it and may send it again.

Nothing is lost: a message is in the table before any attempt, every attempt counts in it with
its error, and ``vernissage manage messages_retry`` queues again whatever a stopped worker left
waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.mime.image import MIMEImage
from email.utils import make_msgid
from typing import Any

import pyvips
import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vernissage.core.services import Actor, audited_save
from vernissage.exhibitions.calendar import calendar_file_name, opening_ics, opening_title
from vernissage.exhibitions.links import (
    absolute_url,
    invitation_answer_path,
    link_token,
    rsvp_calendar_path,
    rsvp_path,
    site_domain,
)
from vernissage.exhibitions.models import Guest, GuestMessage, Invitation

logger = logging.getLogger(__name__)

#: After the n-th failed attempt, the next one waits ``RETRY_DELAYS[n - 1]``.
RETRY_DELAYS: tuple[dt.timedelta, ...] = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
#: Messages sent over one SMTP connection by one task.
BATCH_SIZE = 50
#: Statuses a message may be sent from.
SENDABLE = (GuestMessage.Status.QUEUED, GuestMessage.Status.FAILED)
#: Statuses staff may send a message again from.
AGAIN = (GuestMessage.Status.FAILED, GuestMessage.Status.GAVE_UP, GuestMessage.Status.BOUNCED)

GUEST_TEMPLATES = {
    GuestMessage.Kind.INVITATION: "exhibitions/mail/guest_invitation",
    GuestMessage.Kind.REMINDER: "exhibitions/mail/guest_reminder",
    GuestMessage.Kind.PROMOTED: "exhibitions/mail/guest_promoted",
    GuestMessage.Kind.CONFIRMATION: "exhibitions/mail/guest_confirmation",
}
#: Kinds that carry the evening as a calendar file and the QR code for the door.
WITH_TICKET = frozenset(
    {GuestMessage.Kind.INVITATION, GuestMessage.Kind.REMINDER, GuestMessage.Kind.PROMOTED}
)


# --- links ---------------------------------------------------------------------------------


def guest_token(guest: Guest) -> str:
    """The token of the guest's RSVP link as last issued (see :mod:`.links`)."""
    if guest.token_expires_at is None:
        raise ValueError(f"guest {guest.pk} has no RSVP link yet")
    return link_token(purpose="rsvp", pk=guest.pk, issued=guest.token_expires_at)


def invitation_token(invitation: Invitation) -> str:
    if invitation.sent_at is None:
        raise ValueError(f"invitation {invitation.pk} was never sent")
    return link_token(purpose="invitation", pk=invitation.pk, issued=invitation.sent_at)


#: The QR codes' mask pattern, fixed rather than chosen per code: choosing it means scoring
#: all eight, which was two thirds of the cost of writing an invitation (8 ms of 12). Any mask
#: reads; this one is the one most often chosen for our links (a third of them), whose long
#: fixed start shapes the code more than the random token does.
QR_MASK = 2


def qr_code(data: str) -> segno.QRCode:
    """The QR code of a link: medium error correction (a phone's screen may be scratched or
    dim), never a micro code (phones' readers do not all know them)."""
    return segno.make(data, error="m", micro=False, mask=QR_MASK)


#: Pixels per module of the QR code in e-mails, and the light margin around it, in modules.
QR_SCALE = 6
QR_BORDER = 2


def qr_png(data: str) -> bytes:
    """The QR code as a black-and-white PNG. libvips (which the images already use) writes it:
    segno's own PNG writer, in Python, took more time than everything else of an e-mail."""
    matrix = qr_code(data).matrix
    size = len(matrix) + 2 * QR_BORDER
    light = b"\xff" * QR_BORDER
    pixels = bytearray(light * size * QR_BORDER)
    for row in matrix:
        pixels += light + bytes(0 if dark else 255 for dark in row) + light
    pixels += light * size * QR_BORDER
    image = pyvips.Image.new_from_memory(bytes(pixels), size, size, 1, "uchar")
    return bytes(image.zoom(QR_SCALE, QR_SCALE).pngsave_buffer(bitdepth=1, compression=9))


def qr_svg(data: str) -> str:
    """The QR code as an inline ``<svg>`` for a web page (no file, no JavaScript)."""
    return str(qr_code(data).svg_inline(scale=6, border=2))


# --- queueing ------------------------------------------------------------------------------


def message_queue(
    *,
    kind: GuestMessage.Kind,
    to: str,
    subject: str,
    guest: Guest | None = None,
    invitation: Invitation | None = None,
) -> GuestMessage:
    """Write one message, queued; the caller's transaction sends it once it commits (see
    :func:`messages_send_on_commit`)."""
    message = GuestMessage(
        kind=kind, to=to, subject=subject[:300], guest=guest, invitation=invitation
    )
    message.full_clean()
    message.save()
    return message


def messages_send_on_commit(message_ids: Sequence[int]) -> None:
    """Queue the sending of these messages, in batches, once the transaction commits."""
    ids = list(message_ids)
    if ids:
        transaction.on_commit(lambda: messages_enqueue(ids))


def messages_enqueue(message_ids: Sequence[int], *, when: dt.datetime | None = None) -> int:
    """Queue tasks sending these messages (now, or at ``when``); the number of tasks."""
    from vernissage.exhibitions.tasks import enqueue_at, messages_send_task

    ids = list(message_ids)
    queued = 0
    for start in range(0, len(ids), BATCH_SIZE):
        if enqueue_at(messages_send_task, when, ids[start : start + BATCH_SIZE]):
            queued += 1
    return queued


def message_send_again(*, message: GuestMessage, acting_user: Actor) -> GuestMessage:
    """Staff send a failed, bounced or given-up message again (to the guest's address as it is
    now, corrected perhaps): one more attempt now, the attempts made so far still counted."""
    with transaction.atomic():
        message = GuestMessage.objects.select_for_update().get(pk=message.pk)
        if message.status not in AGAIN:
            raise ValidationError(
                _(
                    "Only a message that failed or bounced can be sent again; this one is "
                    "%(status)s."
                )
                % {"status": message.get_status_display()}
            )
        if message.guest is not None and message.guest.email:
            message.to = message.guest.email
        elif message.invitation is not None and message.invitation.email:
            message.to = message.invitation.email
        message.status = GuestMessage.Status.QUEUED
        audited_save(instance=message, acting_user=acting_user)
        messages_send_on_commit([message.pk])
    return message


# --- building ------------------------------------------------------------------------------


def _message_id(message: GuestMessage) -> str:
    return make_msgid(idstring=f"m{message.pk}", domain=site_domain())


def _language(code: str) -> str:
    known = {language for language, _name in settings.LANGUAGES}
    code = (code or "").lower()
    if code in known:
        return code
    base = code.split("-")[0]
    return base if base in known else settings.LANGUAGE_CODE


def _calendar(guest: Guest, calendars: dict[tuple[int, dt.datetime], str] | None) -> str:
    """The evening's .ics for an e-mail: the same for every guest, so made once per batch."""
    opening = guest.opening
    key = (opening.pk, opening.updated_at)
    if calendars is None or key not in calendars:
        text = opening_ics(opening).decode("utf-8")
        if calendars is None:
            return text
        calendars[key] = text
    return calendars[key]


def build_guest_email(
    message: GuestMessage, *, calendars: dict[tuple[int, dt.datetime], str] | None = None
) -> EmailMultiAlternatives:
    guest = message.guest
    if guest is None:
        raise ValueError(f"message {message.pk} has no guest")
    opening = guest.opening
    token = guest_token(guest)
    rsvp_url = absolute_url(rsvp_path(token))
    calendar_url = absolute_url(rsvp_calendar_path(token))
    context = {
        "guest": guest,
        "opening": opening,
        "title": opening_title(opening),
        "venue": opening.venue,
        "zone": opening.venue.time_zone,
        "rsvp_url": rsvp_url,
        "calendar_url": calendar_url,
        "message": message,
        "with_ticket": message.kind in WITH_TICKET,
        "qr_cid": f"qr-{message.pk}@{site_domain()}",
    }
    base = GUEST_TEMPLATES[GuestMessage.Kind(message.kind)]
    with translation.override(_language(guest.language)):
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"Message-ID": _message_id(message)},
        )
        email.attach_alternative(html, "text/html")
        if message.kind in WITH_TICKET:
            image = MIMEImage(qr_png(rsvp_url), _subtype="png")
            image.add_header("Content-ID", f"<{context['qr_cid']}>")
            image.add_header("Content-Disposition", "inline", filename="qr-code.png")
            email.attach(image)
            email.attach(calendar_file_name(opening), _calendar(guest, calendars), "text/calendar")
    return email


def build_invitation_email(message: GuestMessage) -> EmailMultiAlternatives:
    invitation = message.invitation
    if invitation is None:
        raise ValueError(f"message {message.pk} has no invitation")
    answer_url = absolute_url(invitation_answer_path(invitation_token(invitation)))
    context = {
        "invitation": invitation,
        "inviter": invitation.inviter,
        "answer_url": answer_url,
        "zone": settings.TIME_ZONE,
    }
    base = "exhibitions/mail/invitation_to_exhibit"
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": _message_id(message)},
    )
    email.attach_alternative(html, "text/html")
    return email


def build_email(
    message: GuestMessage, *, calendars: dict[tuple[int, dt.datetime], str] | None = None
) -> EmailMultiAlternatives:
    if message.kind == GuestMessage.Kind.INVITATION_TO_EXHIBIT:
        return build_invitation_email(message)
    return build_guest_email(message, calendars=calendars)


# --- sending -------------------------------------------------------------------------------


@dataclass
class SendSummary:
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    gave_up: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return (
            f"sent={self.sent} failed={self.failed} bounced={self.bounced} "
            f"gave_up={self.gave_up} skipped={self.skipped}"
        )


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _error_text(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        ]
        return "; ".join(parts)[:2000]
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"[:2000]
    return f"{type(error).__name__}: {error}"[:2000]


def _claim(message: GuestMessage) -> bool:
    """Count this attempt, unless another worker took the message first (a task queued twice):
    the count of attempts is the lock."""
    claimed = GuestMessage.objects.filter(
        pk=message.pk, status__in=SENDABLE, attempts=message.attempts
    ).update(attempts=F("attempts") + 1, updated_at=timezone.now())
    if claimed:
        message.attempts += 1
    return bool(claimed)


def _record(message: GuestMessage, **values: Any) -> None:
    GuestMessage.objects.filter(pk=message.pk).update(**values, updated_at=timezone.now())
    for name, value in values.items():
        setattr(message, name, value)


def _failed(
    message: GuestMessage,
    error: BaseException,
    summary: SendSummary,
    retry: dict[dt.timedelta, list[int]],
) -> None:
    if message.attempts >= MAX_ATTEMPTS:
        _record(message, status=GuestMessage.Status.GAVE_UP, last_error=_error_text(error))
        summary.gave_up += 1
        logger.warning("gave up on message %s to %s: %s", message.pk, message.to, error)
        return
    _record(message, status=GuestMessage.Status.FAILED, last_error=_error_text(error))
    retry[RETRY_DELAYS[message.attempts - 1]].append(message.pk)
    summary.failed += 1


def messages_send(*, message_ids: Iterable[int]) -> SendSummary:
    """Send these messages over one connection and record each; failed ones are queued again
    after their delay. Messages sent already, or taken by another worker, are skipped."""
    ids = list(message_ids)
    summary = SendSummary()
    messages = list(
        GuestMessage.objects.filter(pk__in=ids, status__in=SENDABLE)
        .select_related(
            "guest__opening__venue__organization",
            "guest__opening__exhibition",
            "invitation__artist",
            "invitation__exhibition",
            "invitation__from_person",
            "invitation__from_organization",
        )
        .order_by("pk")
    )
    summary.skipped = len(ids) - len(messages)
    retry: dict[dt.timedelta, list[int]] = defaultdict(list)
    connection = get_connection(fail_silently=False)
    is_open = False
    calendars: dict[tuple[int, dt.datetime], str] = {}
    try:
        for index, message in enumerate(messages):
            if not _claim(message):
                summary.skipped += 1
                continue
            try:
                email = build_email(message, calendars=calendars)
            except Exception as error:  # noqa: BLE001 - a broken record is recorded, not lost
                logger.exception("could not write message %s", message.pk)
                _failed(message, error, summary, retry)
                continue
            if not is_open:
                try:
                    connection.open()
                    is_open = True
                except (smtplib.SMTPException, OSError) as error:
                    # The server is down: every message of this batch waits for the next try.
                    for waiting in messages[index:]:
                        if waiting is not message and not _claim(waiting):
                            summary.skipped += 1
                            continue
                        _failed(waiting, error, summary, retry)
                    break
            try:
                connection.send_messages([email])
            except smtplib.SMTPRecipientsRefused as error:
                _record(message, status=GuestMessage.Status.BOUNCED, last_error=_error_text(error))
                summary.bounced += 1
            except (smtplib.SMTPException, OSError) as error:
                _failed(message, error, summary, retry)
                if not isinstance(error, smtplib.SMTPResponseException) or error.smtp_code == 421:
                    connection.close()  # the connection itself broke: a fresh one next
                    is_open = False
            else:
                _record(
                    message,
                    status=GuestMessage.Status.SENT,
                    sent_at=timezone.now(),
                    message_id=str(email.extra_headers.get("Message-ID", ""))[:300],
                    last_error="",
                )
                summary.sent += 1
    finally:
        if is_open:
            try:
                connection.close()
            except (smtplib.SMTPException, OSError):
                logger.warning("could not close the SMTP connection cleanly")
    now = timezone.now()
    for delay, waiting_ids in retry.items():
        messages_enqueue(waiting_ids, when=now + delay)
    return summary


def messages_waiting(*, grace: dt.timedelta) -> list[int]:
    """Messages still to send that should have been tried ``grace`` ago: queued by a
    transaction whose task never ran, or failed with their retry lost with a stopped worker."""
    now = timezone.now()
    waiting = GuestMessage.objects.filter(
        Q(status=GuestMessage.Status.QUEUED) | Q(status=GuestMessage.Status.FAILED),
        updated_at__lte=now - grace,
    ).order_by("pk")
    due = []
    for pk, status, attempts, updated_at in waiting.values_list(
        "pk", "status", "attempts", "updated_at"
    ):
        delay = (
            RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
            if status == GuestMessage.Status.FAILED and attempts
            else dt.timedelta(0)
        )
        if updated_at + delay + grace <= now:
            due.append(pk)
    return due
