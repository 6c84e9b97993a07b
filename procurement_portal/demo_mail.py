"""The demo's mailbox: every email the demo sends is kept as one .eml file in a folder
(`.demo/mail/` by default) instead of being printed on the console, and the demo mailbox page
(demo mode only) lists and shows them. Never used in production (settings.py picks it only
when DEMO_MODE is on and no EMAIL_BACKEND is given)."""

import email
import email.policy
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


def mail_folder() -> Path:
    options: dict = dict(settings.MAILERS["default"].get("OPTIONS", {}))
    return Path(options.get("folder") or settings.DEMO_DIR / "mail")


class DemoMailboxBackend(BaseEmailBackend):
    def __init__(self, *args, folder: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(folder or settings.DEMO_DIR / "mail")

    def send_messages(self, email_messages):
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            # Write under a temporary name and rename: the page never reads half a file.
            final = self.folder / f"{stamp}-{os.getpid()}-{sent}.eml"
            partial = final.with_suffix(".part")
            partial.write_bytes(message.message().as_bytes())
            partial.rename(final)
            sent += 1
        return sent


NAME = re.compile(r"^[0-9T]+-[0-9]+-[0-9]+\.eml$")


@dataclass
class StoredMail:
    name: str
    subject: str
    to: str
    sent_at: datetime
    language: str
    text: str
    html: str

    @classmethod
    def read(cls, path: Path) -> "StoredMail":
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        return cls(
            name=path.name,
            subject=str(message.get("Subject", "")),
            to=str(message.get("To", "")),
            sent_at=datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
            language=str(message.get("Content-Language", "")),
            text=text.get_content() if text else "",
            html=html.get_content() if html else "",
        )


def stored_mail(*, to: str = "") -> list[StoredMail]:
    """The newest messages first, optionally only those to one address."""
    folder = mail_folder()
    if not folder.is_dir():
        return []
    messages = [
        StoredMail.read(path)
        for path in sorted(folder.glob("*.eml"), reverse=True)
        if NAME.match(path.name)
    ]
    return [m for m in messages if not to or to.lower() in m.to.lower()]


def stored_message(name: str) -> StoredMail | None:
    if not NAME.match(name):
        return None  # never a path outside the folder
    path = mail_folder() / name
    return StoredMail.read(path) if path.is_file() else None
