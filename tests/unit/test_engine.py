"""Grading: highest level wins, combinations raise it; property tests on negation and red flags."""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.detect import assess, default_detector
from bot.settings import PROJECT_ROOT
from bot.triage import Assessment
from bot.triage.lexicon import LEVEL_RANK

CASES = yaml.safe_load((PROJECT_ROOT / "tests" / "triage_cases.yml").read_text())["cases"]
CASE_TEXTS = [c["text"] for c in CASES]
RED_FLAG_REPORTS = [
    ("my gums are bleeding", "urgent"),
    ("I have a temperature of 38.5", "urgent"),
    ("my eyes have gone yellow", "urgent"),
    ("I can't breathe", "emergency"),
    ("my lips are swelling", "emergency"),
    ("I've got a sore throat", "urgent"),
    ("I've just found out I'm pregnant", "soon"),
]


def rank(level):
    return LEVEL_RANK.get(level, -1) if level else -1


@pytest.mark.parametrize(
    ("text", "level", "reason"),
    [
        ("temp 38.6 and I'm confused", "emergency", "possible_sepsis"),
        ("fever and I haven't had a wee all day", "emergency", "possible_sepsis"),
        ("temperature of 40.1, shivering and feel awful", "emergency", "very_high_fever_and_unwell"),
        ("took a double dose and now I feel drowsy", "emergency", "overdose_with_symptoms"),
        ("I accidentally took my dose twice, feel fine", "urgent", "overdose"),
        ("been sick all day and my temp is 38.3", "urgent", "sickness_with_fever"),
    ],
)
def test_combinations_raise_the_level(text, level, reason):
    result = assess(text)
    assert result.level == level
    assert reason in [r.code for r in result.reasons]


def test_highest_level_wins_and_every_finding_is_listed():
    result = assess("new mole on my arm, a sore throat and I can't breathe properly")
    assert result.level == "emergency"
    assert set(result.findings) >= {"skin_change", "sore_throat", "breathing_difficulty"}
    assert result.reasons[0].level == "emergency"


def test_nothing_found_means_no_triage():
    result = assess("what is azathioprine?")
    assert result.level is None and result.findings == []


def _with_negation(text: str, mention) -> str:
    return text[: mention.start] + "no " + text[mention.start :]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CASE_TEXTS), st.data())
def test_adding_a_negation_never_raises_the_level(text, data):
    asserted = [m for m in default_detector().detect(text).mentions if m.asserted]
    if not asserted:
        return
    mention = data.draw(st.sampled_from(asserted))
    assert rank(assess(_with_negation(text, mention)).level) <= rank(assess(text).level)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CASE_TEXTS), st.sampled_from(RED_FLAG_REPORTS))
def test_adding_a_red_flag_never_lowers_the_level(text, red_flag):
    phrase, phrase_level = red_flag
    before = rank(assess(text).level)
    after = rank(assess(f"{text}. Also {phrase}.").level)
    assert after >= before
    assert after >= rank(phrase_level)


@pytest.mark.parametrize(
    "text",
    ["temp of 39.2 and shivery", "no fever, not tired at all", "what if i get yellow eyes", "i feel rubbish"],
)
def test_the_payload_round_trips_everything_the_safety_net_and_the_actions_use(text):
    original = assess(text)
    restored = Assessment.from_payload(original.as_payload())
    assert restored == original


def _with_described(text: str, *codes: str):
    """The patterns' reading of the text plus the learned detector's findings named."""
    from dataclasses import replace

    from bot.triage import default_engine
    from bot.triage.findings import ASSERTED, Mention

    detection = default_detector().detect(text)
    extra = [Mention(code, "", 0, len(text), ASSERTED, source="classifier") for code in codes]
    return default_engine().grade(replace(detection, mentions=[*detection.mentions, *extra]))


def test_a_temperature_in_other_words_combines_like_a_measured_one():
    # "burning up", "101": the classifier's fever stands for the fever in these rows of the table.
    meningitis = _with_described("neck is stiff and the light hurts", "fever_described")
    assert meningitis.level == "emergency"
    assert "possible_meningitis_described" in [r.code for r in meningitis.reasons]
    assert _with_described("I'm confused", "fever_described").level == "emergency"  # sepsis
    sick = _with_described("been sick three times today", "fever_described")
    assert "sickness_with_fever" in [r.code for r in sick.reasons]
    assert _with_described(
        "took a double dose of aza", "overdose_described", "sickness_not_settling_described"
    ).level == ("emergency")


def test_a_described_temperature_with_a_rash_is_not_read_as_meningitis():
    # The classifier also reads aches and a rash as feverish: only a measured or named fever
    # with a rash is the meningitis row.
    result = _with_described("I ache and have a rash", "fever_described")
    assert "possible_meningitis" not in [r.code for r in result.reasons]
    assert "possible_meningitis_described" not in [r.code for r in result.reasons]
