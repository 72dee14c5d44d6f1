"""Custom actions, run as the action server runs them: rasa-sdk's Tracker and CollectingDispatcher."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.triage
from actions.faq import ActionSuggestTopics, likely_topics, topic_question
from actions.medicines import ActionOtherMedicine
from actions.notes import NOTE_INTRO, ActionClinicianNote
from actions.symptom_check import ActionSymptomCheckResult
from actions.triage import ActionTriageReply
from bot.detect import assess
from bot.nlu.safety_net import ANSWER_TOO_KEY, SAFETY_NET_KEY


def _tracker(text="", intent="report_symptom", slots=None, extra=None):
    """The tracker as the action server gets it: the Rasa server has attached its assessment."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [],
        "triage": assess(text).as_payload(),
        **(extra or {}),
    }
    return Tracker("someone", slots or {}, latest, [], False, None, {}, "action_listen")


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_triage_reply_lists_every_finding_with_why_and_source(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    messages, _ = _run(ActionTriageReply(), _tracker("temp of 38.7, a sore throat and my gums bleed"))
    message, offer = messages
    assert offer["response"] == "utter_offer_note"  # urgent: the note for the call is offered
    assert message["custom"]["triage"] == {
        "level": "urgent",
        "findings": ["fever", "sore_throat", "bleeding_gums"],
        "emergency_number": "999",
        "labels": ["a high temperature (38.7°C)", "a sore throat", "bleeding gums"],
    }
    text = message["text"]
    assert "a high temperature (38.7°C)" in text and "a sore throat" in text and "bleeding gums" in text
    assert "white blood cells" in text and "platelets" in text
    assert text.rstrip().endswith(".") and "Source: NICE neutropenic sepsis guideline" in text


def test_the_faq_answer_the_safety_net_chose_follows_the_advice(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    text = "just found out I'm pregnant, is it safe to stay on aza?"
    chosen = {SAFETY_NET_KEY: {"with": "report_symptom", ANSWER_TOO_KEY: "faq/pregnancy"}}
    messages, _ = _run(ActionTriageReply(), _tracker(text, extra=chosen))
    assert messages[0]["custom"]["triage"]["level"] == "soon"
    assert [m.get("response") for m in messages[1:]] == ["utter_faq/pregnancy", "utter_offer_note"]
    # Without the choice, the advice alone.
    messages, _ = _run(ActionTriageReply(), _tracker(text))
    assert [m.get("response") for m in messages[1:]] == ["utter_offer_note"]
    # The action server reads the Rasa server's keys without importing it.
    assert (actions.triage.SAFETY_NET_KEY, actions.triage.ANSWER_TOO_KEY) == (SAFETY_NET_KEY, ANSWER_TOO_KEY)


def test_region_changes_the_numbers(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "us")
    messages, _ = _run(ActionTriageReply(), _tracker("I took too many tablets"))
    assert messages[0]["custom"]["triage"]["emergency_number"] == "911"
    assert "Poison Control on 1-800-222-1222" in messages[0]["text"]


def test_crisis_detail(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    messages, _ = _run(ActionTriageReply(), _tracker("I want to end it all", intent="report_crisis"))
    triage = messages[0]["custom"]["triage"]
    assert triage["level"] == "emergency" and "116 123" in triage["crisis_line"]


def test_hypothetical_advice_is_information(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    tracker = _tracker("what should I do if my eyes go yellow?", intent="ask_symptom_advice")
    messages, _ = _run(ActionTriageReply(), tracker)
    triage = messages[0]["custom"]["triage"]
    assert triage["level"] == "routine" and triage["hypothetical"] and triage["if_it_happens"] == "urgent"
    assert "yellow skin or eyes" in messages[0]["text"] and "happening to you now" in messages[0]["text"]


def test_symptom_check_result_names_the_warning_sign_and_clears_the_answers(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    slots = {
        "screen_emergency": "no",
        "screen_fever": "no",
        "screen_infection": "no",
        "screen_bleeding": "yes",
        "screen_liver": "skipped",
        "screen_stomach": "skipped",
        "screen_tiredness": "skipped",
    }
    messages, events = _run(ActionSymptomCheckResult(), _tracker(intent="affirm", slots=slots))
    triage = messages[0]["custom"]["triage"]
    assert triage["level"] == "urgent" and "bruising" in triage["findings"] and triage["symptom_check"]
    assert "You said yes to: unexplained bruising or bleeding" in messages[0]["text"]
    assert SlotSet("screen_bleeding", None) in events and SlotSet("symptom_check_level", None) in events


def test_symptom_check_all_no_is_routine(monkeypatch):
    slots = {
        slot: "no"
        for slot in (
            "screen_emergency",
            "screen_fever",
            "screen_infection",
            "screen_bleeding",
            "screen_liver",
            "screen_stomach",
            "screen_tiredness",
        )
    }
    messages, _ = _run(ActionSymptomCheckResult(), _tracker(intent="deny", slots=slots))
    assert messages[0]["custom"]["triage"]["level"] == "routine"


def test_suggested_topics_follow_the_response_selector_ranking():
    ranking = [
        {"intent_response_key": f"faq/{t}", "confidence": c}
        for t, c in (("alcohol", 0.4), ("diet", 0.3), ("vaccines", 0.2), ("storage", 0.1))
    ]
    latest = {"response_selector": {"faq": {"ranking": ranking}}}
    assert likely_topics(latest) == ["alcohol", "diet", "vaccines"]
    messages, _ = _run(ActionSuggestTopics(), _tracker(intent="nlu_fallback", extra=latest))
    assert [b["title"] for b in messages[0]["buttons"]] == ["Alcohol", "Food and drink", "Vaccines"]
    assert messages[0]["buttons"][0]["payload"] == topic_question("alcohol")


def test_suggestions_without_a_ranking_offer_common_topics():
    assert likely_topics({}) == ["side_effects", "serious_side_effects", "blood_tests"]


@pytest.mark.parametrize("topic", ["what_is", "storage", "compare_methotrexate"])
def test_topic_questions_are_training_examples(topic):
    assert topic_question(topic)


def test_the_action_reads_the_rasa_servers_assessment_and_does_not_detect_again(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    # The text says nothing; the assessment the Rasa server attached says a sore throat.
    tracker = _tracker("", extra={"triage": assess("I have a sore throat").as_payload()})
    messages, _ = _run(ActionTriageReply(), tracker)
    assert messages[0]["custom"]["triage"]["findings"] == ["sore_throat"]


def test_without_an_assessment_the_action_adds_nothing(monkeypatch):
    tracker = _tracker("my lips are swelling")
    tracker.latest_message.pop("triage")
    messages, events = _run(ActionTriageReply(), tracker)
    assert messages == [] and events == []


def test_the_region_stamped_by_the_rasa_server_wins_over_the_action_servers_own(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")  # the action server deployed with another region
    tracker = _tracker("I took too many tablets", extra={"metadata": {"region": "us"}})
    messages, _ = _run(ActionTriageReply(), tracker)
    assert messages[0]["custom"]["triage"]["emergency_number"] == "911"
    assert "Poison Control" in messages[0]["text"] and "999" not in messages[0]["text"]


def test_the_action_server_imports_neither_spacy_nor_rasa():
    import subprocess
    import sys

    code = (
        "import sys, actions.triage, actions.symptom_check, actions.faq, actions.medicines\n"
        "heavy = sorted(m for m in ('spacy', 'rasa', 'tensorflow', 'thinc') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_medicine_answer_covers_each_name_the_rasa_server_found(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    medicines = {"found": ["trimethoprim", "paracetamol"], "unknown": ["tofacitinib"]}
    tracker = _tracker("trimethoprim, paracetamol or tofacitinib with aza?", "ask_other_medicine", extra={
        "medicines": medicines, "metadata": {"region": "us"}})  # fmt: skip
    (message,), _ = _run(ActionOtherMedicine(), tracker)
    text = message["text"]
    assert text.index("Trimethoprim") < text.index("Paracetamol") < text.index("Tofacitinib")
    assert "Only if your specialist agrees" in text and "I don't have information on that one" in text
    assert "call 911 now" in text and "999" not in text
    assert message["custom"]["medicines"] == medicines


def test_another_medicine_alone_gets_the_scope_reply():
    (message,), _ = _run(ActionOtherMedicine(), _tracker("side effects of clarithromycin", "ask_other_medicine"))
    assert message["response"] == "utter_other_medicine"


def test_routine_advice_and_what_if_questions_offer_no_note(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    for tracker in (
        _tracker("my hair is thinning a bit"),
        _tracker("what if I get a fever?", intent="ask_symptom_advice"),
    ):
        messages, _ = _run(ActionTriageReply(), tracker)
        assert [m.get("response") for m in messages] == [None]


def test_a_blood_result_no_limit_grades_gets_the_explanation_and_no_card(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    (message,) = _run(ActionTriageReply(), _tracker("my hb is 115", intent="ask_blood_result"))[0]
    assert "don't cover haemoglobin" in message["text"] and "999" in message["text"]
    assert not message.get("custom")


def test_the_note_action_builds_the_note_from_the_events(monkeypatch):
    monkeypatch.setenv("ASSISTANT_REGION", "uk")
    report = _tracker("my gums keep bleeding").latest_message
    events = [
        {"event": "user", "text": "my gums keep bleeding", "timestamp": 1_764_590_400.0, "parse_data": report},
        {"event": "bot", "timestamp": 1_764_590_401.0, "data": {"custom": {"triage": {"level": "urgent"}}}},
    ]
    latest = {"text": "/make_note", "intent": {"name": "make_note"}}
    tracker = Tracker("someone", {}, latest, events, False, None, {}, "")
    (message,) = _run(ActionClinicianNote(), tracker)[0]
    assert message["text"] == NOTE_INTRO
    note = message["custom"]["clinician_note"]["text"]
    assert '"my gums keep bleeding"' in note and "Advice the assistant gave: urgent" in note
