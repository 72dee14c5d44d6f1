"""'Make a note for the call' over HTTP: offered after advice of "soon" or above, built from what
the person said in this conversation, and nothing they did not say."""

from actions.notes import NOTE_INTRO
from bot.clinician_note import TITLE

OFFER = "Make a note for the call"


def _offered(reply) -> bool:
    return any(b["title"] == OFFER and b["payload"] == "/make_note" for b in reply.buttons)


def _note(reply) -> str:
    (text,) = [(m.get("custom") or {})["clinician_note"]["text"] for m in reply.messages if "custom" in m]
    return text


def test_the_note_is_offered_after_urgent_advice_and_quotes_the_person(new_conversation):
    chat = new_conversation()
    first = "temp 38.6 since this morning and a sore throat, I'm on 150mg aza a day"
    reply = chat.send(first)
    assert reply.triage["level"] == "urgent" and _offered(reply)
    note = chat.send("/make_note")
    (message,) = [m for m in note.messages if (m.get("custom") or {}).get("clinician_note")]
    text = message["custom"]["clinician_note"]["text"]
    assert note.texts == [NOTE_INTRO]
    assert text.startswith(TITLE)
    assert f'"{first}"' in text  # their own words, exactly
    assert "Temperature given: 38.6°C (101.5°F)" in text
    assert f'What they said about the dose: "{first}"' in text
    assert "Advice the assistant gave: urgent" in text and "a sore throat" in text
    assert "UTC" in text


def test_the_note_never_adds_a_dose_or_temperature_that_was_not_given(new_conversation):
    chat = new_conversation()
    chat.send("my gums keep bleeding when I brush")
    text = _note(chat.send("make a note for the call"))
    assert "Dose: not given in the chat." in text
    assert "Temperature given" not in text
    assert '"my gums keep bleeding when I brush"' in text


def test_the_note_is_not_offered_for_routine_advice_or_questions(new_conversation):
    assert not _offered(new_conversation().send("my hair is thinning a bit"))
    assert not _offered(new_conversation().send("what should I do if I get a fever?"))
    assert not _offered(new_conversation().send("what is azathioprine"))


def test_with_nothing_reported_the_note_says_so(new_conversation):
    chat = new_conversation()
    chat.send("what is azathioprine")
    reply = chat.send("make a note for the call")
    assert "nothing to put in a note yet" in reply.text and "999" in reply.text


def test_the_symptom_check_answers_go_into_the_note(new_conversation):
    chat = new_conversation()
    chat.send("i feel unwell")
    reply = chat.send("yes")  # the first question is the emergency question
    assert reply.triage["level"] == "emergency" and _offered(reply)
    text = _note(chat.send("/make_note"))
    assert '"i feel unwell"' in text and 'answered "yes"' in text
    assert "Advice the assistant gave: emergency" in text
