"""The web widget's input channel: Rasa's REST channel with guards in front of it.

It keeps the REST channel's URL and JSON (POST /webhooks/rest/webhook), and adds:
- messages over the length limit (MAX_MESSAGE_CHARS) and empty messages get a friendly
  reply without being processed;
- a malformed request gets HTTP 400 instead of an exception;
- the opening "/start_conversation" message is tagged with the deployment region;
- no request ever gets an empty answer: if processing fails or produces nothing, the
  person still sees what to do and the emergency number;
- user text never reaches the logs.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.regions import contacts_for
from bot.settings import max_message_chars_from_env, region_from_env

logger = logging.getLogger(__name__)
MAX_SENDER_ID_CHARS = 128
START_CONVERSATION = "/start_conversation"


def too_long_reply(max_chars: int, emergency_number: str) -> str:
    return (
        f"Your message is longer than {max_chars} characters, so I haven't read it. "
        "Please send a shorter message, with one question or one symptom at a time. "
        f"If you feel very unwell, call {emergency_number} now."
    )


def empty_reply() -> str:
    return "Your message was empty. What would you like to ask about azathioprine?"


def no_answer_reply(emergency_number: str) -> str:
    return (
        "Sorry, I can't answer that right now. If you are worried about a symptom, "
        "contact your specialist team or GP today, and in an emergency "
        f"call {emergency_number}."
    )


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

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("web_chat_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else None
            if body is None:
                return response.json({"error": "expected a JSON object"}, status=400)
            sender = body.get("sender")
            text = body.get("message")
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_ID_CHARS:
                error = f"'sender' must be a non-empty string of at most {MAX_SENDER_ID_CHARS} characters"
                return response.json({"error": error}, status=400)
            if text is not None and not isinstance(text, str):
                return response.json({"error": "'message' must be a string"}, status=400)
            text = (text or "").strip()
            if not text:
                return response.json(self._reply(sender, empty_reply()))
            if len(text) > self.max_chars:
                return response.json(
                    self._reply(sender, too_long_reply(self.max_chars, self.emergency_number))
                )
            if text == START_CONVERSATION:
                # Tag the opening message with the deployment region, so the welcome (and every
                # static reply after it) gives the right emergency number without a custom action.
                text = f'{START_CONVERSATION}{{"region": "{self.region}"}}'
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
                )
            except CancelledError:
                logger.error("Processing a message timed out (conversation %s).", sender)
            except Exception:
                logger.exception("Processing a message failed (conversation %s).", sender)
            if not collector.messages:
                return response.json(self._reply(sender, no_answer_reply(self.emergency_number)))
            return response.json(collector.messages)

        return webhook

    @staticmethod
    def _reply(sender: str, text: str) -> list[dict[str, Any]]:
        return [{"recipient_id": sender, "text": text}]


