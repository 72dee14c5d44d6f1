"""The first conversation over HTTP: every message gets a sensible reply."""

import pytest
import requests


def test_welcome_says_what_it_does_that_it_is_not_a_doctor_and_the_emergency_number(conversation):
    reply = conversation.send("/start_conversation")
    assert "azathioprine" in reply.text.lower()
    assert "not a doctor" in reply.text
    assert "999" in reply.text


def test_the_welcome_buttons_get_what_they_promise(stack, new_conversation):
    welcome = new_conversation().send("/start_conversation")
    payloads = {b["title"]: b["payload"] for b in welcome.buttons}
    unwell = new_conversation().send(payloads["I feel unwell"])
    # The symptom check, not a guess at a finding ("i feel unwell" once read as an overdose).
    assert "quick yes or no questions" in unwell.text and unwell.triage is None
    for title in ("Side effects", "Blood tests"):
        reply = new_conversation().send(payloads[title])
        assert reply.answered and "didn't understand" not in reply.text and reply.triage is None


def test_greeting_gets_a_greeting(conversation):
    reply = conversation.send("hello")
    assert any(word in reply.text for word in ("Hello", "Hi")), reply.messages


@pytest.mark.parametrize("text", ["thank you so much", "cheers, that helped"])
def test_thanks_gets_youre_welcome(conversation, text):
    assert "welcome" in conversation.send(text).text.lower()


def test_asking_if_it_is_a_bot_gets_an_honest_answer(conversation):
    reply = conversation.send("am i talking to a real person?")
    assert "not a person" in reply.text and "not a doctor" in reply.text


def test_what_can_you_do_lists_topics(conversation):
    reply = conversation.send("what sort of things can you help with?")
    assert "side effects" in reply.text and "symptom" in reply.text


def test_out_of_scope_question_is_declined_politely(conversation):
    reply = conversation.send("can you book me a table at an italian restaurant")
    assert "can't help with that" in reply.text


def test_goodbye(conversation):
    assert "Goodbye" in conversation.send("bye for now").text


def test_empty_message_gets_a_prompt(conversation):
    assert "empty" in conversation.send("   ").text


def test_very_long_message_gets_a_friendly_limit_reply(conversation):
    reply = conversation.send("I have a question about my tablets. " * 300)
    assert "shorter message" in reply.text and "999" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "😀😀😀",
        "🤒💊",
        "¿Puedo tomar azatioprina con alcohol?",
        "Ich habe eine Frage zu meinen Tabletten",
        "アザチオプリンについて教えてください",
        "asdkjh qwpoeiru zmxncb",
        "?",
        "<script>alert(1)</script>",
    ],
)
def test_unusual_input_still_gets_a_reply(conversation, text):
    reply = conversation.send(text)
    assert reply.answered, f"no real reply to {text!r}"


def test_malformed_request_is_rejected_not_crashed(stack):
    url = f"{stack.settings.rasa_url}/webhooks/rest/webhook"
    assert requests.post(url, json={"message": "hi"}, timeout=10).status_code == 400
    assert requests.post(url, json={"sender": "x", "message": 42}, timeout=10).status_code == 400
    assert requests.post(url, data="not json", timeout=10).status_code in (400, 415)


def test_conversations_survive_a_restart_of_the_rasa_server(stack, new_conversation):
    conversation = new_conversation()
    conversation.send("what is azathioprine")
    stack.restart(stack.rasa_server, timeout=300)
    tracker = requests.get(
        f"{stack.settings.rasa_url}/conversations/{conversation.sender}/tracker",
        params={"token": stack.settings.api_token},
        timeout=10,
    ).json()
    assert any(e.get("text") == "what is azathioprine" for e in tracker["events"] if e["event"] == "user")
