"""Rasa NLU component: symptom findings as entities, and the triage assessment of the message.

Runs inside the Rasa server, so urgency is known even if the action server is down. Two
detectors: the deterministic one (spaCy patterns from data/clinical/red_flags.yml, with the
context rules), on the spelling-normalised text; and the learned one (bot/detect/learned.py),
trained here from data/findings/ when the model is trained, which can only raise the level.
Adds a `symptom` entity per asserted finding (visible in /model/parse and the tracker) and the
whole assessment under the message's `triage` key for the safety net and the actions.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.detect import default_detector
from bot.detect.learned import FindingClassifier, corpus_fingerprint, everyday_negatives, load_training_corpus
from bot.detect.pipeline import FindingPipeline
from bot.detect.spelling import SpellingNormaliser
from bot.intents import REPORT_UNWELL, TRIAGE_INTENTS
from bot.nlu import StoredComponent
from bot.triage import Assessment, default_engine
from bot.triage.findings import Detection

TRIAGE_KEY = "triage"
# Intents whose examples describe symptoms: never negatives for the learned detector.
SYMPTOM_INTENTS = frozenset((*TRIAGE_INTENTS, REPORT_UNWELL))
SYMPTOM_ENTITY = "symptom"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class SymptomExtractor(StoredComponent, EntityExtractorMixin):
    STORED_FILE = "finding_classifier.pkl"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # The learned detector's findings count from this probability (decided on the
            # development half of the blind triage corpus; see the README).
            "learned_threshold": 0.4,
            "learned_thresholds": {},  # per table row, where one needs another value
            "spelling": True,  # normalise spelling before the patterns (bot/detect/spelling.py)
            "C": 4.0,
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # The training corpus is not Rasa training data: retrain whenever it changes.
        return corpus_fingerprint()

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        # Built once when the model loads, not per message.
        self.pipeline = FindingPipeline(
            default_detector(),
            SpellingNormaliser() if config.get("spelling", True) else None,
            FindingClassifier.loads(stored) if stored else None,
            float(config["learned_threshold"]),
            dict(config.get("learned_thresholds") or {}),
        )
        self.engine = default_engine()

    def train(self, training_data: TrainingData) -> Resource:
        detector = self.pipeline.detector
        everyday = everyday_negatives(
            (
                example.get(TEXT) or ""
                for example in training_data.intent_examples
                if example.get(INTENT) not in SYMPTOM_INTENTS
            ),
            lambda text: bool(detector.detect(text).mentions),
        )
        classifier = FindingClassifier.train(
            load_training_corpus() + everyday, detector.lexicon.learned_findings.keys(), c=float(self.config["C"])
        )
        self.pipeline.classifier = classifier
        return self._store(classifier.dumps())

    def assess(self, text: str) -> tuple[Detection, Assessment]:
        detection = self.pipeline.detect(text)
        return detection, self.engine.grade(detection)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            detection, assessment = self.assess(text)
            entities = [
                {
                    "entity": SYMPTOM_ENTITY,
                    "value": mention.code,
                    "start": mention.start,
                    "end": mention.end,
                    "confidence_entity": 1.0,
                }
                for mention in detection.mentions
                if mention.asserted and mention.code in assessment.findings + assessment.context_only
            ]
            if entities:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
            message.set(TRIAGE_KEY, assessment.as_payload(), add_to_output=True)
        return messages
