"""Rasa NLU component: the deterministic red-flag safety net.

Placed after DIETClassifier and before FallbackClassifier, it overwrites the predicted intent
when the symptom assessment says so (see bot/nlu/routing.py), so no red flag depends on
the classifier, and a red flag is never turned into a low-confidence fallback. It also adds
the `triage_level` entity that the Rasa server's own static escalation reply (domain/safety.yml)
needs when the action server cannot be reached.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.detect.text import asks_something
from bot.nlu import UntrainedComponent
from bot.nlu.relevance import is_about_stopping_the_medicine, is_mostly_unknown_words, is_relevant, names_a_medicine
from bot.nlu.routing import DEFAULT_CONFIDENT, KNOWN_TOPIC_ANSWER, SURE_FAQ_ANSWER, route
from bot.nlu.symptom_extractor import TRIAGE_KEY
from bot.triage.engine import Assessment, AssessmentPayload

SAFETY_NET_KEY = "safety_net"
ANSWER_TOO_KEY = "answer_too"  # in SAFETY_NET_KEY: the FAQ answer ("faq/pregnancy") that follows the advice


def faq_answer(message: Message) -> dict:
    """The ResponseSelector's best FAQ answer ({} if it has none)."""
    selector = (message.get("response_selector") or {}).get("faq") or {}
    return selector.get("response") or {}


def faq_answer_confidence(message: Message) -> float:
    """How sure the ResponseSelector is of its best FAQ answer (0 if it has none)."""
    return float(faq_answer(message).get("confidence") or 0.0)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RedFlagSafetyNet(UntrainedComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "fallback_threshold": DEFAULT_CONFIDENT,
            "sure_faq_answer": SURE_FAQ_ANSWER,
            "known_topic": KNOWN_TOPIC_ANSWER,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.fallback_threshold = float(config.get("fallback_threshold", DEFAULT_CONFIDENT))
        self.sure_faq_answer = float(config.get("sure_faq_answer", SURE_FAQ_ANSWER))
        self.known_topic = float(config.get("known_topic", KNOWN_TOPIC_ANSWER))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            payload: AssessmentPayload | None = message.get(TRIAGE_KEY)
            if payload is None:
                continue
            predicted = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            assessment = Assessment.from_payload(payload)
            # Unknown words may be badly misspelled health words or the medicine's name: never
            # declined as out of scope.
            unknown = is_mostly_unknown_words(text)
            decision = route(
                assessment,
                predicted.get("name"),
                predicted.get("confidence") or 0.0,
                faq_answer_confidence(message),
                confident=self.fallback_threshold,
                relevant=is_relevant(text) or unknown,
                names_health=assessment.names_a_finding,
                names_a_medicine=names_a_medicine(text) or unknown,
                about_stopping=is_about_stopping_the_medicine(text),
                asks=asks_something(text),
                sure_answer=self.sure_faq_answer,
                known_topic=self.known_topic,
            )
            if decision.intent is None:
                continue
            verdict = {"overrode": predicted.get("name"), "with": decision.intent, "reason": decision.reason}
            answer = str(faq_answer(message).get("intent_response_key") or "")
            if answer.split("/", 1)[-1] in decision.answer_topics:
                # actions/triage.py sends this answer after the advice.
                verdict[ANSWER_TOO_KEY] = answer
            message.set(SAFETY_NET_KEY, verdict, add_to_output=True)
            # Confidence 1.0 and a one-item ranking: the FallbackClassifier must not second-guess it.
            message.set(INTENT, {"name": decision.intent, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": decision.intent, "confidence": 1.0}], add_to_output=True)
            if decision.triage_level:
                self._add_level(message, decision.triage_level)
        return messages

    def _add_level(self, message: Message, triage_level: str) -> None:
        """The level rides along as an entity (slot `triage_level`), so the static escalation
        that follows speaks to it without the action server."""
        level = {"entity": "triage_level", "value": triage_level, "start": 0, "end": 0, "confidence_entity": 1.0}
        message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name([level]), add_to_output=True)
