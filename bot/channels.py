"""The web widget's input channel: Rasa's REST channel with guards in front of it.

It keeps the REST channel's URL and JSON (POST /webhooks/rest/webhook), and adds:
- only `application/json` bodies of at most MAX_BODY_BYTES (a cross-site form or text POST
  gets 415, which a browser cannot send without a CORS preflight);
- messages over the length limit (MAX_MESSAGE_CHARS) and empty messages get a friendly
  reply without being processed; invalid code points and control characters are removed;
- the "/intent" command syntax only for the payloads the assistant offers (bot/web_input.py):
  "/I have a fever" is read as "I have a fever", and nobody sets entities or slots by typing;
- the client's `metadata` is never stored: every message's metadata is the Rasa server's region,
  which the replies (bot/nlg.py) and the actions read;
- no request ever gets an empty answer: if processing fails or produces nothing, the
  person still sees what to do and the emergency number;
- user text never reaches the logs.
Loading it also applies the Rasa server settings in bot/rasa_hooks.py.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import rasa_hooks
from bot.regions import REGION_METADATA_KEY, contacts_for
from bot.settings import (
    PROJECT_ROOT,
    action_timeout_from_env,
    max_message_chars_from_env,
    region_from_env,
    retention_days_from_env,
)
from bot.triage.replies import emergency_line
from bot.web_input import as_user_text, clean_text, no_answer_reply, offered_payloads

logger = logging.getLogger(__name__)
MAX_SENDER_ID_CHARS = 128
# The widget's requests are a few hundred bytes; a message is at most MAX_MESSAGE_CHARS.
MAX_BODY_BYTES = 16 * 1024


def too_long_reply(max_chars: int, emergency_number: str) -> str:
    return (
        f"Your message is longer than {max_chars} characters, so I haven't read it. "
        "Please send a shorter message, with one question or one symptom at a time. "
        f"If you feel very unwell, call {emergency_number} now."
    )


def empty_reply() -> str:
    return "Your message was empty. What would you like to ask about azathioprine?"


class WebChatInput(RestInput):
    """REST channel for the web widget (same URL as Rasa's own REST channel)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebChatInput:
        return cls()

    def __init__(self) -> None:
        self.max_chars = max_message_chars_from_env()
        self.region = region_from_env()
        self.emergency_number = contacts_for(self.region).emergency_number
        self.retention_days = retention_days_from_env()
        self._offered: frozenset[str] | None = None
        self._intents: frozenset[str] = frozenset()
        rasa_hooks.set_action_timeout(action_timeout_from_env())
        rasa_hooks.validate_action_results_with_one_validator()
        rasa_hooks.silence_user_text_warnings()

    def offered(self, request: Request) -> frozenset[str]:
        """The payloads the assistant's buttons offer, from the loaded model's domain."""
        if self._offered is None:
            agent = getattr(request.app.ctx, "agent", None)
            domain = getattr(agent, "domain", None)
            if domain is None:
                from rasa.shared.core.domain import Domain

                domain = Domain.load(str(PROJECT_ROOT / "domain"))
            self._offered = offered_payloads(domain.responses)
            self._intents = frozenset(domain.intents)
        return self._offered

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("web_chat_webhook", __name__)

        @webhook.listener("before_server_start")
        async def harden(app: Sanic, _loop: Any) -> None:
            app.register_middleware(rasa_hooks.no_cors_credentials, "request")
            app.register_middleware(rasa_hooks.drop_cors_extras, "response")

        @webhook.listener("after_server_start")
        async def start_retention(app: Sanic, _loop: Any) -> None:
            app.add_task(rasa_hooks.delete_old_conversations_daily(app, self.retention_days))

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if content_type != "application/json":
                return response.json({"error": "send JSON with Content-Type: application/json"}, status=415)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": f"the request is over {MAX_BODY_BYTES} bytes"}, status=413)
            try:
                body = request.json if isinstance(request.json, dict) else None
            except Exception:  # Sanic raises on invalid JSON
                body = None
            if body is None:
                return response.json({"error": "expected a JSON object"}, status=400)
            sender = clean_text(body["sender"]) if isinstance(body.get("sender"), str) else None
            text = body.get("message")
            if not sender or len(sender) > MAX_SENDER_ID_CHARS:
                error = f"'sender' must be a non-empty string of at most {MAX_SENDER_ID_CHARS} characters"
                return response.json({"error": error}, status=400)
            if text is not None and not isinstance(text, str):
                return response.json({"error": "'message' must be a string"}, status=400)
            text = clean_text(text or "")
            if len(text) > self.max_chars:
                return response.json(self._reply(sender, too_long_reply(self.max_chars, self.emergency_number)))
            offered = self.offered(request)
            text = as_user_text(text, offered, self._intents)
            if not text:
                return response.json(self._reply(sender, empty_reply()))
            tracker_store = rasa_hooks.watch_tracker_store(request.app)
            collector = CollectingOutputChannel()
            # Never the client's metadata (it would be stored): the region, for every reply.
            metadata = {REGION_METADATA_KEY: self.region}
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            except CancelledError:
                logger.error("Processing a message timed out (conversation %s).", sender)
            except Exception:
                logger.exception("Processing a message failed (conversation %s).", sender)
            if not collector.messages:
                return response.json(self._reply(sender, no_answer_reply(self.emergency_number)))
            if tracker_store.failing() and not any(
                self.emergency_number in (m.get("text") or "") for m in collector.messages
            ):
                # PostgreSQL is down and Rasa answers from memory: the way out on every reply.
                collector.messages.append({"recipient_id": sender, "text": emergency_line(contacts_for(self.region))})
            return response.json(collector.messages)

        return webhook

    @staticmethod
    def _reply(sender: str, text: str) -> list[dict[str, Any]]:
        return [{"recipient_id": sender, "text": text}]
