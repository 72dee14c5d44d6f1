"""Rasa NLU component: the FAQ intent is only as sure as its best answer.

DIET can be sure a message is "a FAQ question" while the ResponseSelector has no good answer
for it ("aza zzz wibble", "if I faint on imuran do I go to A&E?"). Then a confident wrong
answer is worse than the alternatives. This component lowers the FAQ intent's confidence to
the answer's and re-ranks the intents, so the most likely intent is the one reported.

It runs before the red-flag safety net, so the safety net judges the answer-adjusted
confidence: a question about a red flag with no good FAQ answer gets the symptom advice, and
a message with no finding and no sure intent is left to the FallbackClassifier (topics and
how to reach a person).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import UntrainedComponent
from bot.nlu.routing import FAQ_INTENT
from bot.nlu.safety_net import faq_answer_confidence


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
            lowered = min(intent.get("confidence") or 0.0, answer)
            ranking = [dict(r) for r in message.get(INTENT_RANKING_KEY) or []]
            for entry in ranking:
                if entry.get("name") == FAQ_INTENT:
                    entry["confidence"] = lowered
            ranking.sort(key=lambda r: -r["confidence"])
            # The confidences come from one softmax, so the intent that now leads is below the
            # FallbackClassifier's threshold as well: the reply is still the fallback, but the
            # reported intent is the likeliest one rather than a FAQ with no answer.
            top = ranking[0] if ranking else {"name": FAQ_INTENT, "confidence": lowered}
            message.set(INTENT, {**intent, "name": top["name"], "confidence": top["confidence"]}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
