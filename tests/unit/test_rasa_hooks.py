"""The Rasa server settings applied by the web channel (bot/rasa_hooks.py)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.actions.action import RemoteAction

from bot import rasa_hooks
from bot.channels import WebChatInput

SCHEMA = RemoteAction.action_response_format_spec()

# What the action server answers: the triage detail with its card and a take-back button, a
# form's slots, nothing at all; then answers Rasa must refuse.
ANSWERS_RASA_ACCEPTS: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {},
    {
        "events": [],
        "responses": [
            {
                "text": "This could be an emergency. Call 999 now.",
                "buttons": [{"title": "That's not right", "payload": "That's not right"}],
                "custom": {"triage": {"level": "emergency", "emergency_number": "999"}},
                "elements": [],
                "attachment": None,
                "image": None,
                "response": None,
                "template": None,
            },
            {"response": "utter_offer_note", "text": None, "buttons": []},
        ],
    },
    {"events": [{"event": "slot", "name": "fever", "value": True, "timestamp": None}], "responses": []},
    {"events": [{"event": "slot", "name": "requested_slot", "value": None}], "responses": [{"text": "Any bleeding?"}]},
]
ANSWERS_RASA_REFUSES: list[dict[str, Any]] = [
    {"events": "slot"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"name": "fever", "value": True}]},
    {"events": [{"event": "slot", "value": True}]},
    {"responses": ["This could be an emergency."]},
    {"responses": {"text": "hello"}},
]


@pytest.fixture(scope="module")
def validate() -> Any:
    rasa_hooks.validate_action_results_with_one_validator()
    action = RemoteAction("action_triage_reply", None)
    return action._validate_action_result


@pytest.mark.parametrize("answer", ANSWERS_RASA_ACCEPTS)
def test_the_action_servers_answers_are_accepted(validate: Any, answer: dict[str, Any]) -> None:
    jsonschema.validate(answer, SCHEMA)  # the check Rasa makes on its own
    assert validate(answer) is True


@pytest.mark.parametrize("answer", ANSWERS_RASA_REFUSES)
def test_a_malformed_answer_is_refused_with_rasas_own_message(validate: Any, answer: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(answer, SCHEMA)
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        validate(answer)


WORDS = st.sampled_from(["event", "name", "value", "text", "slot", "bot", "user"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | WORDS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WORDS, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None)
@given(st.fixed_dictionaries({}, optional={"events": JSON, "responses": JSON}))
def test_any_answer_is_judged_as_rasa_judges_it(validate: Any, answer: dict[str, Any]) -> None:
    try:
        jsonschema.validate(answer, SCHEMA)
        rasa_says_valid = True
    except jsonschema.ValidationError:
        rasa_says_valid = False
    if rasa_says_valid:
        assert validate(answer) is True
    else:
        with pytest.raises(jsonschema.ValidationError):
            validate(answer)


def test_the_web_channel_applies_it_once() -> None:
    WebChatInput()
    first = RemoteAction._validate_action_result
    assert getattr(first, "built_once", False)
    WebChatInput()
    assert RemoteAction._validate_action_result is first
