"""What the web channel lets through: pure functions, no Rasa server needed to test them.

Rasa reads any text that starts with "/" as an intent command ("/intent{json}"), which skips
the classifiers and lets the sender set entities and slots. People type slashes by accident
("/ my lips are swelling") and on purpose ("/report_crisis{"region": "us"}"), so the channel
passes the command syntax only for the exact payloads the assistant itself offers (its
buttons and the widget's opening message). Anything else is ordinary text: the leading
slashes are removed, so the symptom detector and the red-flag safety net read every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

COMMAND_PREFIX = "/"
START_CONVERSATION = "/start_conversation"
# How the channel's own reply begins when processing failed or produced nothing: tests use it to
# tell a real answer from the safety fallback.
NO_ANSWER = "Sorry, I can't answer that right now."

# C0 controls other than tab and newline, DEL, and the lone halves of UTF-16 surrogate pairs
# (JSON can carry "\ud800"; spaCy, SQLite and PostgreSQL cannot store it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LEADING_SLASHES = re.compile(r"^[\s/]+")


def no_answer_reply(emergency_number: str) -> str:
    """The channel's reply when processing failed: never silence, always the way out. nginx sends
    the same words when no Rasa server could answer (deploy/nginx.conf.template)."""
    return (
        f"{NO_ANSWER} If you are worried about a symptom, "
        "contact your specialist team or GP today, and in an emergency "
        f"call {emergency_number}."
    )


def clean_text(text: str) -> str:
    """The text with invalid code points replaced and control characters removed."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def offered_payloads(responses: Mapping[str, Iterable[Mapping[str, Any]]]) -> frozenset[str]:
    """Every intent command the assistant offers: its buttons' "/..." payloads and the opening.

    `responses` is a domain's responses (name -> variations), so the list follows the domain.
    """
    payloads = {START_CONVERSATION}
    for variations in responses.values():
        for variation in variations:
            for button in variation.get("buttons") or ():
                payload = str(button.get("payload") or "").strip()
                if payload.startswith(COMMAND_PREFIX):
                    payloads.add(payload)
    return frozenset(payloads)


# An intent command at the start ("greet", 'report_crisis{"region": "us"}') and the words after it.
# Braces count only when they hold JSON: "/greet{my lips are swelling} help" keeps every word.
_COMMAND_THEN_WORDS = re.compile(r'^(\w+)(?:\{\s*"[^}]*\})?\s+(?=\S)')
# Intent names a person may type as their own first word after a stray slash ("/back pain",
# "/stop taking aza?", "/thank you"): only names no one writes are dropped, snake_case ones and these.
_COMMAND_WORDS = frozenset({"greet", "faq"})


def _is_command_word(name: str, intents: frozenset[str]) -> bool:
    return name in intents and ("_" in name or name in _COMMAND_WORDS)


def as_user_text(text: str, offered: frozenset[str], intents: frozenset[str] = frozenset()) -> str:
    """The text Rasa should see: an offered payload unchanged, anything else without leading slashes.

    An intent name no one writes as a word, typed after the slash before the person's words
    ("/greet i look grey and shattered", "/report_symptom my lips"), is a command, not their words:
    it is dropped too, so the detectors read what the person wrote. Alone ("/greet") it stays.
    """
    if text in offered:
        return text
    if not text.startswith(COMMAND_PREFIX):
        return text
    # Slashes and spaces together: "/ /affirm" must not become "/affirm".
    text = _LEADING_SLASHES.sub("", text)
    command = _COMMAND_THEN_WORDS.match(text)
    if command and _is_command_word(command.group(1), intents):
        return text[command.end() :]
    return text
