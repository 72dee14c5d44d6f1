"""A small REST client for talking to the running assistant in tests and scripts."""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from bot.web_input import NO_ANSWER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Reply:
    """What the assistant sent back for one message."""

    messages: list[dict[str, Any]]

    @property
    def texts(self) -> list[str]:
        return [m["text"] for m in self.messages if m.get("text")]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def answered(self) -> bool:
        """A real answer: something came back, and not the channel's "can't answer" fallback,
        which it sends when processing failed."""
        return bool(self.texts) and not any(t.startswith(NO_ANSWER) for t in self.texts)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for m in self.messages for b in m.get("buttons") or []]

    @property
    def triage(self) -> dict[str, Any] | None:
        """The merged `custom.triage` payloads of the reply (the widget's contract)."""
        merged: dict[str, Any] = {}
        for message in self.messages:
            payload = (message.get("custom") or {}).get("triage")
            if payload:
                merged.update({k: v for k, v in payload.items() if v not in (None, [], "")})
        return merged or None

    @property
    def medicines(self) -> dict[str, Any] | None:
        """The `custom.medicines` payload of a medicine-checker answer: the medicines it covered."""
        for message in self.messages:
            payload = (message.get("custom") or {}).get("medicines")
            if payload:
                return dict(payload)
        return None


@dataclass
class Conversation:
    base_url: str
    sender: str = field(default_factory=lambda: f"test-{uuid.uuid4()}")
    timeout: float = 30

    def send(self, text: str) -> Reply:
        response = requests.post(
            f"{self.base_url}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": text},
            timeout=self.timeout,
        )
        response.raise_for_status()
        return Reply(response.json())
