"""Rasa NLU component: symptom findings as entities, and the triage assessment of the message.

Runs inside the Rasa server, so urgency is known even if the action server is down.
Adds a `symptom` entity per asserted finding (visible in /model/parse and the tracker) and
the whole assessment under the message's `triage` key for the safety net and the actions.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.detect import default_detector
from bot.nlu import UntrainedComponent
from bot.triage import default_engine

TRIAGE_KEY = "triage"
SYMPTOM_ENTITY = "symptom"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class SymptomExtractor(UntrainedComponent, EntityExtractorMixin):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        # Built once when the model loads, not per message.
        self.detector = default_detector()
        self.engine = default_engine()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            detection = self.detector.detect(text)
            assessment = self.engine.grade(detection)
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
