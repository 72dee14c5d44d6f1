"""A learned reading of a later message in a conversation: does it say the problem is over?

The cue words (data/clinical/conversation_cues.yml) know the common ways of saying it ("I'm fine
now", "it went away"); people use many more ("she's perked right up", "it has all calmed down
since Sunday", "the stomach bug has run its course"). This classifier is trained on follow-up
messages written blind for it (data/conversation/followups.yml: each labelled over, taken back,
continues or other), never on the evaluation conversations. Its reading is only used where the
cue words found nothing (bot/nlu/symptom_extractor.py), and it ends an episode exactly as the
cue words would: what "I'm fine now" cannot undo (a crisis statement, a dose taken, a child who
swallowed a tablet) stays (bot/triage/episode.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from sklearn.linear_model import LogisticRegression

from bot.ngrams import NgramFeatures, Pickled
from bot.settings import PROJECT_ROOT

FOLLOWUPS_FILE = PROJECT_ROOT / "data" / "conversation" / "followups.yml"
LABELS = ("over", "taken_back", "continues", "other")
OVER = "over"
TAKEN_BACK = "taken_back"


@dataclass(frozen=True)
class FollowUp:
    text: str
    label: str


def load_followups(path: Path = FOLLOWUPS_FILE) -> list[FollowUp]:
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [FollowUp(item["text"], item["label"]) for item in raw.get("followups") or ()]


def followups_fingerprint(path: Path = FOLLOWUPS_FILE) -> str:
    return hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()


class FollowUpClassifier(Pickled):
    def __init__(self, features: NgramFeatures, model: LogisticRegression):
        self.features = features
        self.model = model

    @classmethod
    def train(cls, examples: Sequence[FollowUp], c: float = 4.0) -> FollowUpClassifier:
        ngrams = NgramFeatures()
        features = ngrams.fit_transform([e.text for e in examples])
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=0)
        model.fit(features, [e.label for e in examples])
        return cls(ngrams, model)

    def probability_over(self, text: str) -> float:
        return self.probability(text, OVER)

    def probability_taken_back(self, text: str) -> float:
        return self.probability(text, TAKEN_BACK)

    def probability(self, text: str, label: str) -> float:
        probabilities = self.model.predict_proba(self.features.transform([text]))[0]
        classes = list(self.model.classes_)
        return float(probabilities[classes.index(label)]) if label in classes else 0.0
