"""Rasa NLU component: a question that names another medicine and not azathioprine is not
an azathioprine FAQ question.

Without word vectors DIET hears the shape of a question more than its subject, so "side
effects of clarithromycin" or "how does etanercept work" can look like the azathioprine FAQ
and get azathioprine's answer, which would mislead. The lookup tables already say which
words name azathioprine and which name another medicine; every FAQ training example that
names another medicine also names azathioprine. So when the FAQ is predicted for a message
naming only another medicine, and the chosen answer is not one that is about another medicine
alongside azathioprine (interactions, allopurinol, the comparisons), the intent becomes
`ask_other_medicine`: the scoped reply that says what the assistant covers and points to a
pharmacist and to the interactions answer.

Groups of medicines ("antibiotics", "steroids") are not names: "do I need antibiotics before
dental work?" is a question about azathioprine.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import StoredComponent
from bot.nlu.routing import FAQ_INTENT
from bot.nlu.safety_net import faq_answer

ASK_OTHER_MEDICINE = "ask_other_medicine"
SCOPE_KEY = "other_medicine_scope"


def lookup_pattern(elements: list[str]) -> re.Pattern[str] | None:
    """Whole words or phrases from a lookup table, any case (as the RegexFeaturizer matches them)."""
    words = sorted({e.strip() for e in elements if e.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def another_medicine_named_alone(text: str, own: re.Pattern[str] | None, other: re.Pattern[str] | None) -> str | None:
    """The other medicine the text names, if it names one and does not name our own."""
    if other is None:
        return None
    if own is not None and own.search(text):
        return None
    found = other.search(text)
    return found.group(0) if found else None


class MedicineLookups(StoredComponent):
    """A component that keeps the NLU lookup tables of medicine names: ours and the others."""

    STORED_FILE = "lookups.json"
    LOOKUP_DEFAULTS = {"own_medicine_lookup": "azathioprine_name", "other_medicine_lookup": "other_medicine"}

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        lookups = json.loads(stored) if stored else {}
        self.own = lookup_pattern(lookups.get(config["own_medicine_lookup"], []))
        self.other_names = tuple(lookups.get(config["other_medicine_lookup"], []))
        self.other = lookup_pattern(list(self.other_names))

    def train(self, training_data: TrainingData) -> Resource:
        wanted = {self.config["own_medicine_lookup"], self.config["other_medicine_lookup"]}
        lookups = {t["name"]: list(t["elements"]) for t in training_data.lookup_tables if t["name"] in wanted}
        missing = wanted - lookups.keys()
        if missing:
            # Without them the component would silently do nothing.
            raise ValueError(f"{type(self).__name__} needs the lookup tables {sorted(missing)} in the NLU data")
        return self._store(json.dumps(lookups).encode("utf-8"))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class OtherMedicineScope(MedicineLookups):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **MedicineLookups.LOOKUP_DEFAULTS,
            # FAQ answers that are about another medicine together with azathioprine.
            "answers_about_other_medicines": [],
        }

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        self.kept_answers = set(config["answers_about_other_medicines"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") != FAQ_INTENT:
                continue
            if faq_answer(message).get("intent_response_key") in self.kept_answers:
                continue
            medicine = another_medicine_named_alone(message.get(TEXT) or "", self.own, self.other)
            if medicine is None:
                continue
            # The two intents swap places, so the reply is as sure (or as unsure, and falls back)
            # as the FAQ guess was.
            confidence = intent.get("confidence") or 0.0
            ranking = [dict(r) for r in message.get(INTENT_RANKING_KEY) or []]
            demoted = next((r.get("confidence") or 0.0 for r in ranking if r.get("name") == ASK_OTHER_MEDICINE), 0.0)
            ranking = [r for r in ranking if r.get("name") not in (FAQ_INTENT, ASK_OTHER_MEDICINE)]
            ranking[:0] = [
                {"name": ASK_OTHER_MEDICINE, "confidence": confidence},
                {"name": FAQ_INTENT, "confidence": demoted},
            ]
            ranking.sort(key=lambda r: -r["confidence"])
            message.set(INTENT, {**intent, "name": ASK_OTHER_MEDICINE, "confidence": confidence}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set(SCOPE_KEY, {"overrode": FAQ_INTENT, "medicine": medicine}, add_to_output=True)
        return messages
