"""A real SMTP server (aiosmtpd) for the tests, that can also refuse: a fixture plugin.

``mail_server`` starts one on 127.0.0.1 (a port the system picks), points Django's SMTP
backend at it and hands the test a :class:`MailServer`: what it received, parsed, and knobs to
make it answer as real servers do when things go wrong (refuse a message with 550 a number of
times, refuse an address at RCPT, be down).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class MailServer:
    """What the server received, and how it will answer next."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        #: Answer the next this many messages (at the end of DATA) with ``refusal``.
        self.refuse_messages = 0
        self.refusal = "550 5.7.1 Message refused by policy"
        #: Addresses refused at RCPT TO, as a mail server refuses a mailbox that is not there.
        self.unknown_addresses: set[str] = set()
        self.refused = 0
        self.port = 0
        self._controller: Controller | None = None

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.unknown_addresses:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.refuse_messages > 0:
            self.refuse_messages -= 1
            self.refused += 1
            return self.refusal
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        self.messages.append(message)  # type: ignore[arg-type]
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]

    def stop(self) -> None:
        """The server goes down: connections to its port are refused from now on."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


class _AnyPortController(Controller):  # type: ignore[misc]
    """aiosmtpd's threaded server on a port the system picks (port 0)."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def _use(settings: Any, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def mail_server(settings: Any) -> Iterator[MailServer]:
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    server = MailServer()
    controller = _AnyPortController(server, hostname="127.0.0.1", port=0)
    controller.start()
    server._controller = controller
    server.port = controller.port
    _use(settings, controller.port)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail_server_down(settings: Any) -> int:
    """No SMTP server at all: Django's SMTP backend points at a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    _use(settings, port)
    return port
