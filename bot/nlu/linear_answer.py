"""Rasa NLU component: which FAQ answer fits a question, from a linear classifier.

Replaces the ResponseSelector (see bot/nlu/linear_text.py for why) and writes the same output,
so Rasa's `utter_faq` action, `rasa test nlu` and our fallback's topic buttons read it unchanged:
`response_selector.faq.response` (the best answer, its confidence and utter action) and
`response_selector.faq.ranking` (every answer, most likely first).
"""

from __future__ import annotations

import pickle
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import StoredComponent
from bot.nlu.linear_text import LinearText

RANKING_LENGTH = 10  # as the ResponseSelector reports by default


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearAnswerSelector(StoredComponent):
    STORED_FILE = "linear_answer.pkl"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"retrieval_intent": "faq", "C": 0.5, "scale": 5.0, "random_seed": 42}

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        self.retrieval_intent = str(config["retrieval_intent"])
        self.classifier: LinearText | None = None
        self.responses: dict[str, list[dict[str, Any]]] = {}
        if stored:
            saved = pickle.loads(stored)
            self.classifier = LinearText.loads(saved["classifier"])
            self.responses = saved["responses"]

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) == self.retrieval_intent and e.get(INTENT_RESPONSE_KEY) and e.get(TEXT)
        ]
        self.classifier = LinearText.train(
            [e.get(TEXT) for e in examples],
            [e.get(INTENT_RESPONSE_KEY) for e in examples],
            c=float(self.config["C"]),
            scale=float(self.config["scale"]),
            random_seed=int(self.config["random_seed"]),
        )
        self.responses = {
            key: list(training_data.responses.get(_utter_action(key)) or []) for key in self.classifier.labels
        }
        return self._store(pickle.dumps({"classifier": self.classifier.dumps(), "responses": self.responses}))

    def process(self, messages: list[Message]) -> list[Message]:
        with_text = [m for m in messages if m.get(TEXT)]
        if self.classifier is None or not with_text:
            return messages
        for message, scores in zip(with_text, self.classifier.scores([m.get(TEXT) for m in with_text]), strict=True):
            ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
            best, confidence = ranked[0]
            properties = dict(message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = [self.retrieval_intent]
            properties[self.retrieval_intent] = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(best, []),
                    PREDICTED_CONFIDENCE_KEY: confidence,
                    INTENT_RESPONSE_KEY: best,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: _utter_action(best),
                },
                RESPONSE_SELECTOR_RANKING_KEY: [
                    {"id": index, PREDICTED_CONFIDENCE_KEY: score, INTENT_RESPONSE_KEY: key}
                    for index, (key, score) in enumerate(ranked[:RANKING_LENGTH])
                ],
            }
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages


def _utter_action(intent_response_key: str) -> str:
    return f"utter_{intent_response_key}"
