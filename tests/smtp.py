"""A REAL SMTP server for the e-mail tests: aiosmtpd on 127.0.0.1 at a free port, in a thread, keeping
every message it accepts. `refuse_next(n)` makes it answer the next n messages with 550, as a mail server
that will not take them."""

import email
import socket
import threading
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage

    @property
    def to(self) -> str:
        return self.message["To"]

    @property
    def subject(self) -> str:
        # A long encoded subject is folded after «Subject:»; the reader sees it without the fold.
        return self.message["Subject"].strip()

    def part(self, content_type: str) -> str:
        found = [p for p in self.message.walk() if p.get_content_type() == content_type]
        assert len(found) == 1, f"{len(found)} parts of type {content_type}"
        return found[0].get_content()

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")


class Collector:
    def __init__(self):
        self.messages: list[Received] = []
        self.refused = 0
        self._refuse = 0
        self._lock = threading.Lock()

    def refuse_next(self, count: int) -> None:
        with self._lock:
            self._refuse = count

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self._refuse:
                self._refuse -= 1
                self.refused += 1
                return "550 5.7.1 Message refused by the test server"
            message = email.message_from_bytes(envelope.content, policy=policy.default)
            self.messages.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.envelope_to]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server, and Django's e-mail pointed at it through the real SMTP backend."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    collector.host, collector.port = controller.hostname, controller.port
    try:
        yield collector
    finally:
        controller.stop()
