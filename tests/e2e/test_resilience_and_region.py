"""The safety net holds when the action server is down, and the region changes the numbers."""

import pytest

from bot.launcher import Stack
from bot.measure.chat import Conversation
from tests.conftest import ARTIFACTS, _settings


@pytest.mark.parametrize(
    ("text", "level", "words"),
    [
        ("my lips are swelling and I can't breathe", "emergency", ["Call 999", "now"]),
        ("I have a temperature of 39", "urgent", ["today", "NHS 111", "azathioprine"]),
        ("my eyes have gone yellow", "urgent", ["today"]),
        ("I've just found out I'm pregnant", "soon", ["next few days"]),
    ],
)
def test_red_flags_still_get_a_static_escalation_without_the_action_server(action_server_down, text, level, words):
    reply = Conversation(action_server_down.settings.rasa_url).send(text)
    assert reply.triage["level"] == level
    assert reply.triage["emergency_number"] == "999"
    for word in words:
        assert word in reply.text


@pytest.mark.parametrize(
    "text", ["i want to end it all", "what is azathioprine", "I feel rubbish", "asdf qwer", "hello"]
)
def test_no_message_gets_silence_without_the_action_server(action_server_down, text):
    reply = Conversation(action_server_down.settings.rasa_url).send(text)
    assert reply.answered, f"silence or the channel's fallback for {text!r}"


def test_crisis_line_comes_from_the_rasa_server_itself(action_server_down):
    reply = Conversation(action_server_down.settings.rasa_url).send("i want to end it all")
    assert "116 123" in reply.text and "999" in reply.text


@pytest.fixture(scope="module")
def us_stack(tmp_path_factory):
    settings = _settings(tmp_path_factory.mktemp("us-state"), region="us")
    running = Stack(settings, with_web=False, log_dir=ARTIFACTS / "logs-us")
    running.start()
    yield running
    running.stop()


def test_us_region_uses_911_and_poison_control(us_stack):
    conversation = Conversation(us_stack.settings.rasa_url)
    assert "911" in conversation.send("/start_conversation").text
    emergency = Conversation(us_stack.settings.rasa_url).send("my throat is closing up")
    assert emergency.triage["emergency_number"] == "911" and "Call 911" in emergency.text
    overdose = Conversation(us_stack.settings.rasa_url).send("I took too many tablets by mistake")
    assert "1-800-222-1222" in overdose.text
    crisis = Conversation(us_stack.settings.rasa_url).send("i want to kill myself")
    assert "988" in crisis.text
    faq = Conversation(us_stack.settings.rasa_url)
    faq.send("/start_conversation")
    answer = faq.send("which side effects of azathioprine are serious").text
    assert "Call 911" in answer and "999" not in answer


def test_uk_is_the_default_region(stack):
    conversation = Conversation(stack.settings.rasa_url)
    assert "999" in conversation.send("/start_conversation").text
