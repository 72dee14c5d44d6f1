"""Rasa NLU component: the intent, from a linear classifier on the message's words.

Replaces DIETClassifier (see bot/nlu/linear_text.py for why). It reports every intent in the
ranking, so the components after it - FAQ answer confidence, the red-flag safety net and its
FAQ decision, the FallbackClassifier - see the whole distribution.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import StoredComponent
from bot.nlu.linear_text import LinearText

RANKING_LENGTH = 10  # as DIET reports by default


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(StoredComponent):
    STORED_FILE = "linear_intent.pkl"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 0.5,  # inverse regularisation strength, as in scikit-learn
            "scale": 5.0,  # how sharply margins become scores (bot/nlu/linear_text.py)
            # Balanced class weights: the FAQ has over a thousand phrasings, a crisis a few dozen.
            "balanced": True,
            "random_seed": 42,
        }

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        self.classifier: LinearText | None = LinearText.loads(stored) if stored else None

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        self.classifier = LinearText.train(
            [e.get(TEXT) for e in examples],
            [e.get(INTENT) for e in examples],
            c=float(self.config["C"]),
            scale=float(self.config["scale"]),
            balanced=bool(self.config["balanced"]),
            random_seed=int(self.config["random_seed"]),
        )
        return self._store(self.classifier.dumps())

    def process(self, messages: list[Message]) -> list[Message]:
        with_text = [m for m in messages if m.get(TEXT)]
        if self.classifier is None or not with_text:
            return messages
        for message, scores in zip(with_text, self.classifier.scores([m.get(TEXT) for m in with_text]), strict=True):
            ranking = [
                {"name": name, "confidence": confidence}
                for name, confidence in sorted(scores.items(), key=lambda item: (-item[1], item[0]))
            ]
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:RANKING_LENGTH], add_to_output=True)
        return messages
