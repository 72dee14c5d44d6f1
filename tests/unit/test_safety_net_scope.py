"""The safety net's out-of-scope decision as the Rasa component makes it, from the message's text."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.detect import assess
from bot.nlu.safety_net import RedFlagSafetyNet
from bot.nlu.symptom_extractor import TRIAGE_KEY


def _intent_after(text: str, guess: str, confidence: float, answer: float) -> str:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": guess, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": guess, "confidence": confidence}])
    answered = {"confidence": answer, "intent_response_key": "faq/vaccines"}
    message.set("response_selector", {"faq": {"response": answered}})
    message.set(TRIAGE_KEY, assess(text).as_payload())
    RedFlagSafetyNet(RedFlagSafetyNet.get_default_config()).process([message])
    return message.get(INTENT)["name"]


def test_a_sure_out_of_scope_guess_is_declined_only_when_nothing_names_a_medicine():
    assert _intent_after("when's the blood moon tonight", "out_of_scope", 0.97, 0.93) == "out_of_scope"
    assert _intent_after("is my medication ok with the flu jab", "out_of_scope", 0.97, 0.93) == "faq"
    # Mostly unknown words may be the medicine's name misspelled: never declined.
    assert _intent_after("azthiprn wth grapfruit", "out_of_scope", 0.97, 0.93) != "out_of_scope"
