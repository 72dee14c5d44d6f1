"""Rasa NLU component: "can I take X with azathioprine?" answered for each medicine named.

It runs after the red-flag safety net. When a message names other medicines (the table in
data/clinical/medicines.yml, misspellings included, or a medicine the NLU lookup knows and the
table does not) and asks about them, it attaches the names to the message (key `medicines`) and
makes the intent `ask_other_medicine`, whose action answers from the table. It never takes a
message that reports a red flag or a crisis: those escalate first. A message that names another
medicine alone, without asking about taking it together ("side effects of clarithromycin"),
keeps the reply that the assistant covers azathioprine only.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.detect.spelling import english_words
from bot.nlu.other_medicine_scope import ASK_OTHER_MEDICINE, MedicineLookups
from bot.nlu.routing import FAQ_INTENT, NLU_FALLBACK, OUT_OF_SCOPE
from bot.nlu.safety_net import faq_answer
from bot.nlu.symptom_extractor import TRIAGE_KEY
from bot.triage.lexicon import LEVEL_RANK
from bot.triage.medicines import load_medicines, named_medicines

MEDICINES_KEY = "medicines"
# Intents a medicine question may have been guessed as. Symptom routes the safety net chose keep
# their reply (a report, the screening questions).
_TAKES_OVER = (ASK_OTHER_MEDICINE, NLU_FALLBACK, OUT_OF_SCOPE)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class MedicineChecker(MedicineLookups):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **MedicineLookups.LOOKUP_DEFAULTS,
            # FAQ answers a question naming another medicine gets instead of the table's answer:
            # only the general ones about medicines together.
            "answers_replaced": ["faq/interactions", "faq/allopurinol", "faq/natural_therapies"],
            # ...unless every medicine named is one the FAQ answer is about.
            "answer_covers": {"faq/allopurinol": ["allopurinol", "febuxostat"]},
        }

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        self.replaced = set(config["answers_replaced"])
        self.covers = {answer: set(keys) for answer, keys in (config.get("answer_covers") or {}).items()}
        self.others = frozenset(name.lower() for name in self.other_names)
        self.table = load_medicines()
        self.english = english_words()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip() or not self._may_take(message):
                continue
            named = named_medicines(text, self.table, self.others, self.english)
            if not named or self._faq_answer_covers(message, named.as_payload()["found"], named.unknown):
                continue
            names_ours = bool(self.own and self.own.search(text))
            if not names_ours and not self.table.asks_about_taking_together(text):
                continue
            # Confidence 1.0 and a one-item ranking, as the safety net does: the names decided it,
            # and the FallbackClassifier must not second-guess it.
            message.set(INTENT, {"name": ASK_OTHER_MEDICINE, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": ASK_OTHER_MEDICINE, "confidence": 1.0}], add_to_output=True)
            message.set(MEDICINES_KEY, named.as_payload(), add_to_output=True)
        return messages

    def _faq_answer_covers(self, message: Message, found: list[str], unknown: tuple[str, ...]) -> bool:
        if (message.get(INTENT) or {}).get("name") != FAQ_INTENT:
            return False
        covered = self.covers.get(faq_answer(message).get("intent_response_key") or "")
        return covered is not None and not unknown and set(found) <= covered

    def _may_take(self, message: Message) -> bool:
        assessment = message.get(TRIAGE_KEY) or {}
        # A red flag or a crisis escalates first; a message that sounds urgent gets the emergency
        # question.
        if (
            assessment.get("crisis")
            or assessment.get("distress")
            or LEVEL_RANK.get(assessment.get("level") or "", -1) >= LEVEL_RANK["soon"]
        ):
            return False
        intent = (message.get(INTENT) or {}).get("name")
        if intent == FAQ_INTENT:
            return faq_answer(message).get("intent_response_key") in self.replaced
        return intent in _TAKES_OVER
