"""Rasa NLU component: the deterministic red-flag safety net.

Placed after DIETClassifier and before FallbackClassifier, it overwrites the predicted intent
when the symptom assessment says so (see bot/triage/routing.py), so no red flag depends on
the classifier, and a red flag is never turned into a low-confidence fallback. It also adds
the `triage_level` and `region` entities that the Rasa server's own static escalation reply
(domain.yml) needs when the action server cannot be reached.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import UntrainedComponent
from bot.nlu.symptom_extractor import TRIAGE_KEY
from bot.settings import region_from_env
from bot.triage.engine import Assessment
from bot.triage.routing import REPORT_UNWELL, TRIAGE_INTENTS, route

SYMPTOM_INTENTS = (*TRIAGE_INTENTS, REPORT_UNWELL)

SAFETY_NET_KEY = "safety_net"


def faq_answer(message: Message) -> dict:
    """The ResponseSelector's best FAQ answer ({} if it has none)."""
    selector = (message.get("response_selector") or {}).get("faq") or {}
    return selector.get("response") or {}


def faq_answer_confidence(message: Message) -> float:
    """How sure the ResponseSelector is of its best FAQ answer (0 if it has none)."""
    return float(faq_answer(message).get("confidence") or 0.0)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RedFlagSafetyNet(UntrainedComponent, EntityExtractorMixin):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.region = region_from_env()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            payload = message.get(TRIAGE_KEY)
            if payload is None:
                continue
            predicted = message.get(INTENT) or {}
            decision = route(
                Assessment.from_payload(payload),
                predicted.get("name"),
                predicted.get("confidence") or 0.0,
                faq_answer_confidence(message),
            )
            if decision.intent is None:
                if predicted.get("name") in SYMPTOM_INTENTS:
                    self._add_context(message, None)
                continue
            message.set(
                SAFETY_NET_KEY,
                {"overrode": predicted.get("name"), "with": decision.intent, "reason": decision.reason},
                add_to_output=True,
            )
            # Confidence 1.0 and a one-item ranking: the FallbackClassifier must not second-guess it.
            message.set(INTENT, {"name": decision.intent, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": decision.intent, "confidence": 1.0}], add_to_output=True)
            self._add_context(message, decision.triage_level)
        return messages

    def _add_context(self, message: Message, triage_level: str | None) -> None:
        """The region (and level) ride along with every symptom intent, so the static replies
        that follow (the escalation, the symptom check's result) give the right numbers."""
        context = [{"entity": "region", "value": self.region, "start": 0, "end": 0, "confidence_entity": 1.0}]
        if triage_level:
            context.append(
                {"entity": "triage_level", "value": triage_level, "start": 0, "end": 0, "confidence_entity": 1.0}
            )
        message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(context), add_to_output=True)
