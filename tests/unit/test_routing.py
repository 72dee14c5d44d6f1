"""The safety net's decision: a red flag never depends on the intent classifier."""

import pytest

from bot.detect import assess
from bot.nlu.routing import (
    ASK_SYMPTOM_ADVICE,
    FAQ_INTENT,
    REPORT_CRISIS,
    REPORT_SYMPTOM,
    REPORT_UNWELL,
    route,
)

ANY_GUESS = ["greet", "faq", "out_of_scope", "nlu_fallback", "thank", "affirm", None]


@pytest.mark.parametrize("guess", ANY_GUESS)
@pytest.mark.parametrize("confidence", [0.05, 0.6, 1.0])
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my gums are bleeding", "urgent"),
        ("I can't breathe", "emergency"),
        ("temp 38.9", "urgent"),
        ("just found out I'm pregnant", "soon"),
    ],
)
def test_red_flags_override_any_guess(text, level, guess, confidence):
    decision = route(assess(text), guess, confidence, faq_answer_confidence=0.99)
    assert decision.intent == REPORT_SYMPTOM and decision.triage_level == level


@pytest.mark.parametrize("guess", ANY_GUESS)
def test_self_harm_goes_to_the_crisis_reply(guess):
    decision = route(assess("I want to kill myself"), guess, 0.9)
    assert (decision.intent, decision.triage_level) == (REPORT_CRISIS, "emergency")


def test_a_mild_finding_keeps_a_confident_faq_answer():
    assert route(assess("feeling a bit sick on aza"), FAQ_INTENT, 0.9).intent is None
    assert route(assess("I feel a bit sick"), "greet", 0.9).intent == REPORT_SYMPTOM


def test_hypothetical_red_flag_keeps_a_faq_answer_or_gets_the_advice():
    result = assess("what should I do if I get a fever?")
    assert route(result, FAQ_INTENT, 0.9).intent is None
    decision = route(result, "out_of_scope", 0.9)
    assert (decision.intent, decision.triage_level) == (ASK_SYMPTOM_ADVICE, "urgent")


def test_unknown_symptom_opens_the_symptom_check_unless_a_faq_answer_is_sure():
    nothing = assess("my knee is hot and swollen")
    assert route(nothing, REPORT_SYMPTOM, 0.9, faq_answer_confidence=0.2).intent == REPORT_UNWELL
    assert route(nothing, REPORT_SYMPTOM, 0.9, faq_answer_confidence=0.95).intent == FAQ_INTENT


def test_context_only_findings_open_the_symptom_check():
    assert route(assess("I feel really dizzy"), "greet", 0.9).intent == REPORT_UNWELL


def test_plain_messages_are_left_alone():
    assert route(assess("hello there"), "greet", 0.99).intent is None
    assert route(assess("what is azathioprine"), FAQ_INTENT, 0.99).intent is None


def test_an_unsure_guess_without_findings_is_left_to_the_fallback():
    nothing = assess("cheers")
    assert route(nothing, REPORT_SYMPTOM, 0.3).intent is None
    assert route(nothing, ASK_SYMPTOM_ADVICE, 0.2).intent is None
    assert route(nothing, REPORT_CRISIS, 0.4).intent is None
    assert route(nothing, REPORT_CRISIS, 0.7).intent == REPORT_CRISIS


def test_a_crisis_the_classifier_is_sure_of_gets_the_crisis_reply_even_after_a_denial():
    result = assess("not feeling suicidal anymore, i'm in a much better place now")
    assert result.level is None and "self_harm" in result.negated
    decision = route(result, REPORT_CRISIS, 0.95)
    assert (decision.intent, decision.triage_level) == (REPORT_CRISIS, "emergency")
    # ...but the denial alone, with no confident classifier, does not trigger it.
    assert route(result, "greet", 0.95).intent is None
