"""The safety net's decision: a red flag never depends on the intent classifier."""

import pytest

from bot.detect import assess
from bot.detect.text import asks_something
from bot.nlu.relevance import is_about_stopping_the_medicine
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
    assert route(assess("feeling a bit sick on aza"), FAQ_INTENT, 0.9).intent == FAQ_INTENT
    assert route(assess("I feel a bit sick"), "greet", 0.9).intent == REPORT_SYMPTOM


def test_hypothetical_red_flag_keeps_a_faq_answer_or_gets_the_advice():
    result = assess("what should I do if I get a fever?")
    assert route(result, FAQ_INTENT, 0.9).intent == FAQ_INTENT
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


@pytest.mark.parametrize("text", ["HELP MY DAD WONT WAKE UP", "please someone send an ambulance!!!", "help help help"])
@pytest.mark.parametrize("guess", [("nlu_fallback", 0.3), ("out_of_scope", 0.9), ("greet", 0.2)])
def test_a_distressed_message_not_understood_gets_the_emergency_question(text, guess):
    decision = route(assess(text), *guess)
    assert decision.intent in (REPORT_UNWELL, REPORT_SYMPTOM)


def test_a_calm_message_not_understood_is_left_to_the_fallback():
    assert route(assess("qwzx plonk vrrb"), "nlu_fallback", 0.3).intent is None


# The FAQ decision when nothing was found (issue 15).
NOTHING = "where should I keep my aza tablets"


def test_a_sure_answer_is_not_lost_to_an_intent_near_tie():
    nothing = assess(NOTHING)
    for guess in ("faq", "out_of_scope", "ask_diagnosis"):
        decision = route(nothing, guess, 0.45, faq_answer_confidence=0.9, relevant=True)
        assert decision.intent == FAQ_INTENT, guess


def test_a_known_question_about_a_medicine_is_not_small_talk():
    nothing = assess("whats the max dose of this stuff")
    for guess in ("what_can_you_do", "bot_challenge"):
        assert route(nothing, guess, 0.59, faq_answer_confidence=0.99, relevant=True).intent == FAQ_INTENT
        # ...not when the answer is only fairly sure, nor when no medicine is named
        assert route(nothing, guess, 0.59, faq_answer_confidence=0.5, relevant=True).intent is None
        assert (
            route(nothing, guess, 0.59, faq_answer_confidence=0.99, relevant=True, names_a_medicine=False).intent
            is None
        )


def test_a_request_for_a_diagnosis_keeps_its_reply_unless_the_answer_is_very_sure():
    lupus = assess("can you tell me if I have lupus")
    assert route(lupus, "ask_diagnosis", 0.6, faq_answer_confidence=0.37, relevant=True).intent != FAQ_INTENT


def test_an_unsure_answer_is_left_to_the_fallback():
    assert route(assess(NOTHING), FAQ_INTENT, 0.45, faq_answer_confidence=0.2, relevant=True).intent is None


def test_a_faq_question_about_the_medicine_it_means_without_naming_it_is_not_declined():
    # "this stuff" is no relevance word, but a question the classifier takes for a FAQ one is about it
    meant = assess("how long b4 this stuff does anything")
    assert route(meant, FAQ_INTENT, 0.73, faq_answer_confidence=0.7, relevant=False).intent != "out_of_scope"
    # ...not when the classifier guessed out of scope, nor when no medicine is meant
    assert route(meant, "out_of_scope", 0.95, faq_answer_confidence=0.4, relevant=False).intent != FAQ_INTENT
    everyday = assess("how long b4 the bus comes")
    decision = route(everyday, FAQ_INTENT, 0.73, faq_answer_confidence=0.7, relevant=False, names_a_medicine=False)
    assert decision.intent == "out_of_scope"


def test_out_of_scope_rests_on_relevance_not_on_sentence_shape():
    everyday = assess("what time does the post office shut on saturday")
    for guess in ("faq", "ask_diagnosis", "out_of_scope"):
        decision = route(everyday, guess, 0.9, faq_answer_confidence=0.3, relevant=False, names_a_medicine=False)
        assert decision.intent == "out_of_scope"
    # About the medicine but no answer fits: topics and a person, never "can't help with that".
    about = assess("my aza question is about something else")
    assert route(about, "out_of_scope", 0.9, faq_answer_confidence=0.2, relevant=True).intent == "nlu_fallback"


def test_a_very_sure_answer_counts_as_being_about_the_medicine():
    vague = assess("does it work straight away or nah")
    assert route(vague, "out_of_scope", 0.6, faq_answer_confidence=0.95, relevant=False).intent == FAQ_INTENT


def test_stopping_the_medicine_is_never_a_crisis_but_a_crisis_statement_still_is():
    stopping = assess("now that I feel better can I give up my aza")
    decision = route(stopping, REPORT_CRISIS, 0.6, faq_answer_confidence=0.4, about_stopping=True)
    assert decision.intent == FAQ_INTENT
    crisis = assess("I want to stop taking my tablets and end it all")
    assert route(crisis, FAQ_INTENT, 0.9, faq_answer_confidence=0.9, about_stopping=True).intent == REPORT_CRISIS


def test_distress_without_anything_about_health_keeps_a_confident_out_of_scope():
    urgent = assess("URGENT need a best man speech in 20 mins")
    assert urgent.distress
    assert route(urgent, "out_of_scope", 0.8, relevant=False).intent == "out_of_scope"
    # ...but an unsure guess still gets the emergency question.
    assert route(assess("HELP!!!"), "out_of_scope", 0.3, relevant=False).intent == REPORT_UNWELL


def test_a_known_question_is_not_a_crisis_without_self_harm_words():
    question = assess("if the tablets end up making me feel sick would taking them at night be better")
    assert not question.is_crisis
    assert route(question, REPORT_CRISIS, 0.99, faq_answer_confidence=0.89).intent == FAQ_INTENT
    # With no answer that fits, the crisis class still decides: a missed crisis costs more.
    assert route(question, REPORT_CRISIS, 0.99, faq_answer_confidence=0.2).intent == REPORT_CRISIS
    crisis = assess("I don't want to be here anymore, I want to end it all")
    assert route(crisis, REPORT_CRISIS, 0.99, faq_answer_confidence=0.9).intent == REPORT_CRISIS


def test_a_report_guess_is_never_turned_into_out_of_scope():
    nothing = assess("everything is pointless")
    assert route(nothing, "report_unwell", 0.4, relevant=False).intent != "out_of_scope"
    assert route(nothing, "report_crisis", 0.9, relevant=False).intent == "report_crisis"


def test_stopping_it_all_is_not_stopping_the_medicine():
    assert not is_about_stopping_the_medicine("I want to stop it all")
    assert is_about_stopping_the_medicine("can I stop it now I feel better")


def test_a_finding_named_in_any_sense_is_never_out_of_scope():
    # "stiff neck is a sign of what?": the words are not on the relevance list, the detector saw a finding.
    asked = assess("what does a stiff neck mean")
    sure = {"faq_answer_confidence": 0.3, "sure_answer": 0.25, "relevant": False}
    assert route(asked, "out_of_scope", 0.9, **sure).intent == "out_of_scope"
    assert route(asked, "out_of_scope", 0.9, **sure, names_health=True).intent == FAQ_INTENT
    unsure = {**sure, "faq_answer_confidence": 0.1}
    assert route(asked, "out_of_scope", 0.9, **unsure, names_health=True).intent == "nlu_fallback"


def test_a_sure_out_of_scope_guess_stands_against_a_word_that_is_elsewhere_about_health():
    moon = assess("when's the blood moon tonight, central time?")
    sure = {"faq_answer_confidence": 0.93, "relevant": True, "names_a_medicine": False}
    assert route(moon, "out_of_scope", 0.97, **sure).intent == "out_of_scope"
    # A near-tie, or a guess short of sure, is still the answer selector's ("PLEASE tell me this isn't
    # going to make me go bald" 0.42, "is it safe to garden in the sun?" 0.8).
    assert route(moon, "out_of_scope", 0.42, **sure).intent == FAQ_INTENT
    assert route(moon, "out_of_scope", 0.8, **sure).intent == FAQ_INTENT
    # Naming the medicine, or a finding in any sense, keeps the answer.
    assert route(moon, "out_of_scope", 0.97, **{**sure, "names_a_medicine": True}).intent == FAQ_INTENT
    assert route(moon, "out_of_scope", 0.97, **sure, names_health=True).intent == FAQ_INTENT


def test_distress_with_a_health_word_still_gets_the_emergency_question():
    help_ = assess("HELP my skin!!!")
    assert help_.distress
    decision = route(help_, "out_of_scope", 0.95, faq_answer_confidence=0.1, relevant=True, names_a_medicine=False)
    assert decision.intent == REPORT_UNWELL


@pytest.mark.parametrize(
    ("text", "answer_confidence", "asks", "answered"),
    [
        # a pregnancy, a question and an answer the selector knows: a pregnancy answer may follow
        ("just found out I'm pregnant, is it safe to stay on aza?", 0.95, True, True),
        # no question, an unsure answer, another finding, or a more urgent one: the advice alone
        ("just found out I'm pregnant", 0.95, False, False),
        ("just found out I'm pregnant, is it safe to stay on aza?", 0.6, True, False),
        ("I've got a new mole that has changed shape, is that the aza?", 0.95, True, False),
        ("my gums are bleeding, is that the aza?", 0.95, True, False),
        ("I can't breathe, is it the aza?", 0.95, True, False),
    ],
)
def test_a_question_beside_a_pregnancy_may_get_its_answer_too(text, answer_confidence, asks, answered):
    decision = route(assess(text), "faq", 0.9, faq_answer_confidence=answer_confidence, asks=asks, known_topic=0.9)
    assert decision.intent == REPORT_SYMPTOM
    assert ("pregnancy" in decision.answer_topics) is answered
    # ...and only answers about a pregnancy: not "is a glass of wine ok?" (the alcohol answer).
    assert "alcohol" not in decision.answer_topics


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("just found out I'm pregnant, is it safe to stay on aza?", True),
        # dictated without punctuation
        ("i found out last week im twelve weeks pregnant and i take azathioprine could it harm the baby", True),
        ("what do I do", True),
        ("I've just found out I'm pregnant", False),
        ("I have it every day with breakfast", False),
        # relative words and "is my" in a statement ask nothing (a review's)
        ("I'm pregnant, which is great news!", False),
        ("This is my third day of diarrhoea", False),
    ],
)
def test_a_message_that_asks_anything(text, asks):
    assert asks_something(text) is asks
