"""The note for the call, built from tracker events: the person's words, and nothing they did not say."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.clinician_note import TITLE, clinician_note, collect, doses, offers_note
from bot.regions import load_regions

UK = load_regions()["uk"]
T0 = 1_764_590_400.0  # 2025-12-01 12:00 UTC


def user(text, at, *, intent="report_symptom", level=None, findings=(), temperature=None, reasons=()):
    triage = {
        "level": level,
        "findings": list(findings),
        "context_only": [],
        "results": [],
        "temperature_c": temperature,
        "reasons": [{"code": "x", "label": "x", "level": level, "why": why, "source": "NHS"} for why in reasons],
    }
    return {
        "event": "user",
        "text": text,
        "timestamp": at,
        "parse_data": {"intent": {"name": intent}, "triage": triage},
    }


def card(level, labels, at, hypothetical=False):
    triage = {"level": level, "labels": labels, "findings": [], "emergency_number": "999"}
    if hypothetical:
        triage["hypothetical"] = True
    return {"event": "bot", "timestamp": at, "text": "...", "data": {"custom": {"triage": triage}}}


def question(slot, at):
    return {"event": "bot", "timestamp": at, "text": "?", "metadata": {"utter_action": f"utter_ask_{slot}"}}


FEVER = [
    user(
        "temp 38.6 and a sore throat, I take 150mg aza a day",
        T0,
        level="urgent",
        findings=["fever", "sore_throat"],
        temperature=38.6,
        reasons=["Azathioprine can lower your white blood cells."],
    ),
    card("urgent", ["a high temperature (38.6°C)", "a sore throat"], T0 + 1),
]


def test_the_note_has_every_part_the_clinician_needs():
    note = clinician_note(FEVER, UK)
    assert note is not None
    assert note.startswith(TITLE)
    assert '"temp 38.6 and a sore throat, I take 150mg aza a day"' in note
    assert "Temperature given: 38.6°C (101.5°F)" in note
    assert "When: 1 December 2025, 12:00 UTC" in note
    assert "Advice the assistant gave: urgent (Contact your team today)." in note
    assert "Because of: a high temperature (38.6°C), a sore throat." in note
    assert "Azathioprine can lower your white blood cells." in note
    assert 'What they said about the dose: "temp 38.6 and a sore throat, I take 150mg aza a day"' in note


def test_only_the_current_conversation_counts():
    events = [*FEVER, {"event": "session_started", "timestamp": T0 + 5}, user("what is aza", T0 + 6, intent="faq")]
    assert clinician_note(events, UK) is None
    restarted = [*FEVER, {"event": "restart", "timestamp": T0 + 5}]
    assert clinician_note(restarted, UK) is None


def test_button_commands_and_questions_are_not_the_persons_report():
    events = [*FEVER, user("/make_note", T0 + 2, intent="make_note"), user("what is aza", T0 + 3, intent="faq")]
    note = clinician_note(events, UK)
    assert note is not None and "/make_note" not in note and "what is aza" not in note


def test_the_most_urgent_advice_is_the_one_noted_and_a_what_if_card_is_not_advice():
    events = [
        user("my nose bleeds a bit", T0, level="soon", findings=["nosebleed"]),
        card("soon", ["a nosebleed"], T0 + 1),
        user("what if I get a fever", T0 + 60, intent="ask_symptom_advice"),
        card("routine", ["a high temperature"], T0 + 61, hypothetical=True),
        user("now I've got chest pain", T0 + 120, level="emergency", findings=["chest_pain"], reasons=["Chest pain."]),
        card("emergency", ["chest pain"], T0 + 121),
    ]
    note = clinician_note(events, UK)
    assert note is not None
    assert "Advice the assistant gave: emergency (Call 999 now)." in note
    assert "Because of: chest pain." in note
    assert "to 12:02 UTC" in note
    assert "a high temperature" not in note


def test_a_correction_is_quoted_and_the_latest_advice_noted_beside_the_most_urgent():
    events = [
        *FEVER,
        user("no wait, I misread it, it's 36.9", T0 + 60, level="routine"),
        card("routine", [], T0 + 61),
    ]
    note = clinician_note(events, UK)
    assert note is not None
    assert '"no wait, I misread it, it\'s 36.9"' in note
    assert "Advice the assistant gave: urgent (Contact your team today)." in note
    assert "Latest advice, after what they said next: routine (no warning sign now)." in note
    assert "Latest advice" not in (clinician_note(FEVER, UK) or "")


def test_symptom_check_answers_are_noted_with_what_was_asked():
    events = [
        user("i feel rubbish", T0, intent="report_unwell"),
        question("screen_emergency", T0 + 1),
        user("no", T0 + 10, intent="deny"),
        question("screen_fever", T0 + 11),
        user("yes", T0 + 20, intent="affirm"),
        card("urgent", ["a temperature"], T0 + 21),
    ]
    note = clinician_note(events, UK)
    assert note is not None
    assert '"i feel rubbish"' in note
    assert "asked about an emergency sign" in note and 'answered "no"' in note
    assert "asked about a temperature of 38°C (100.4°F) or more" in note and 'answered "yes"' in note
    assert "{" not in note  # every placeholder filled


def test_nothing_reported_means_no_note():
    assert clinician_note([user("hello", T0, intent="greet")], UK) is None


def test_a_dose_is_quoted_whole_from_a_sentence_about_azathioprine():
    assert doses("I take 150mg of aza a day") == ["I take 150mg of aza a day"]
    assert doses("I took 400mg ibuprofen") == []
    assert doses("I took 400mg ibuprofen. My imuran is 75 mg") == ["My imuran is 75 mg"]
    # Never an amount without its words: "3 a day" of 50mg tablets is not "50mg a day".
    assert doses("my tablets are 50mg, I take 3 a day") == ["my tablets are 50mg, I take 3 a day"]


def test_the_reasons_are_those_of_the_advice_noted():
    events = [
        user("my hair is thinning a bit", T0, level="routine", findings=["hair_thinning"], reasons=["Hair thins."]),
        card("routine", ["hair thinning"], T0 + 1),
        user("temp 38.5", T0 + 60, level="urgent", findings=["fever"], temperature=38.5, reasons=["Fever matters."]),
        card("urgent", ["a high temperature (38.5°C)"], T0 + 61),
        user("and my gums keep bleeding", T0 + 120, level="urgent", findings=["bleeding_gums"], reasons=["Gums."]),
        card("urgent", ["bleeding gums"], T0 + 121),
    ]
    note = clinician_note(events, UK)
    assert note is not None
    assert "Because of: a high temperature (38.5°C), bleeding gums." in note
    assert "Why it matters: Fever matters. Gums." in note
    assert "Hair thins." not in note


def test_the_note_is_offered_from_soon():
    assert [offers_note(level) for level in (None, "routine", "soon", "urgent", "emergency")] == [
        False,
        False,
        True,
        True,
        True,
    ]


@settings(max_examples=50, deadline=None)
@given(words=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
def test_the_note_quotes_what_was_typed_and_invents_no_temperature_or_dose(words):
    text = words.strip() or "x"
    if text.startswith("/"):
        text = "x" + text
    note = clinician_note([user(text, T0, level="urgent", findings=["fever"]), card("urgent", ["x"], T0 + 1)], UK)
    assert note is not None
    assert f'"{text}"' in note
    assert "Temperature given" not in note
    assert ("about the dose" in note) == bool(collect([user(text, T0)]).doses)
