"""FaqAnswerConfidence: a FAQ guess without a good answer loses its lead, and the safety net
after it then judges the lowered confidence."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.faq_confidence import FaqAnswerConfidence
from bot.nlu.safety_net import RedFlagSafetyNet
from bot.nlu.symptom_extractor import SymptomExtractor


def untrained_extractor() -> SymptomExtractor:
    """The extractor with its patterns only (no learned detector trained)."""
    return SymptomExtractor(SymptomExtractor.get_default_config(), None, None, None)


def parsed(text: str, ranking: dict[str, float], answer: float) -> Message:
    """A message as DIET and the ResponseSelector leave it."""
    ordered = sorted(ranking.items(), key=lambda item: -item[1])
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ordered[0][0], "confidence": ordered[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ordered])
    message.set("response_selector", {"faq": {"response": {"confidence": answer}, "ranking": []}})
    return message


def through(*components, message: Message) -> Message:
    for component in components:
        component.process([message])
    return message


faq_confidence = FaqAnswerConfidence({"minimum_answer_confidence": 0.3})


def test_a_faq_with_a_good_answer_is_left_alone():
    message = through(faq_confidence, message=parsed("what is imuran", {"faq": 0.9, "greet": 0.1}, answer=0.95))
    assert message.get(INTENT) == {"name": "faq", "confidence": 0.9}


def test_a_faq_without_a_good_answer_is_lowered_and_the_likeliest_intent_leads():
    message = parsed(
        "how do i keep slugs off my lettuces", {"faq": 0.6, "out_of_scope": 0.3, "greet": 0.1}, answer=0.12
    )
    through(faq_confidence, message=message)
    assert message.get(INTENT) == {"name": "out_of_scope", "confidence": 0.3}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["out_of_scope", "faq", "greet"]
    assert message.get(INTENT_RANKING_KEY)[1]["confidence"] == 0.12


def test_a_lowered_faq_that_still_leads_stays_a_faq_with_the_answers_confidence():
    message = through(faq_confidence, message=parsed("aza zzz wibble", {"faq": 0.9, "greet": 0.05}, answer=0.2))
    assert message.get(INTENT) == {"name": "faq", "confidence": 0.2}


def test_other_intents_are_never_touched():
    message = through(faq_confidence, message=parsed("hello", {"greet": 0.8, "faq": 0.2}, answer=0.05))
    assert message.get(INTENT) == {"name": "greet", "confidence": 0.8}


def test_a_red_flag_question_without_a_good_faq_answer_gets_the_symptom_advice():
    # DIET was sure it was a FAQ question, but no FAQ answer fits: the safety net, which runs
    # after this component, must see the lowered confidence and answer the red flag.
    message = parsed(
        "if i faint while on imuran do i need to go to a&e", {"faq": 0.9, "ask_symptom_advice": 0.1}, answer=0.15
    )
    through(faq_confidence, untrained_extractor(), RedFlagSafetyNet({}), message=message)
    assert message.get(INTENT) == {"name": "ask_symptom_advice", "confidence": 1.0}


def test_a_red_flag_question_with_a_sure_faq_answer_keeps_the_answer():
    message = parsed("can imuran cause jaundice", {"faq": 0.95, "ask_symptom_advice": 0.05}, answer=0.9)
    through(faq_confidence, untrained_extractor(), RedFlagSafetyNet({}), message=message)
    assert message.get(INTENT)["name"] == "faq"
