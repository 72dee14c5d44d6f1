"""Rasa NLU component: the FAQ intent is only as sure as its best answer.

DIET can be sure a message is "a FAQ question" while the ResponseSelector has no good answer
for it ("aza zzz wibble", "can I still do yoga on imuran"). Then a confident wrong answer is
worse than the fallback, which offers the likeliest topics and how to reach a person. This
component lowers the FAQ intent's confidence to the answer's, so the FallbackClassifier after
it decides. It never touches the symptom intents set by the red-flag safety net.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import UntrainedComponent
from bot.nlu.safety_net import faq_answer_confidence
from bot.triage.routing import FAQ_INTENT


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FaqAnswerConfidence(UntrainedComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"minimum_answer_confidence": 0.3}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.minimum = float(config["minimum_answer_confidence"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") != FAQ_INTENT:
                continue
            answer = faq_answer_confidence(message)
            if answer >= self.minimum:
                continue
            lowered = {**intent, "confidence": min(intent.get("confidence") or 0.0, answer)}
            message.set(INTENT, lowered, add_to_output=True)
            ranking = [dict(r) for r in message.get(INTENT_RANKING_KEY) or []]
            for entry in ranking:
                if entry.get("name") == FAQ_INTENT:
                    entry["confidence"] = lowered["confidence"]
            message.set(INTENT_RANKING_KEY, sorted(ranking, key=lambda r: -r["confidence"]), add_to_output=True)
        return messages
