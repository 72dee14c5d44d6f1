"""The second detector: a learned multi-label classifier of the triage table's rows.

The patterns find what they were written for; people also describe a finding in words no
pattern has ("the colour of old piano keys", "sink like a crime scene"). This classifier is
trained on a separate, generated corpus (data/findings/, never the evaluation corpora) of
messages labelled with the rows they report as happening now. Features: character n-grams
within words (robust to misspellings) and word pairs; one logistic regression per row.
Its findings may only raise a message's level (bot/detect/combine.py), never lower it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from bot.ngrams import NgramFeatures, Pickled, margins, row_major
from bot.settings import PROJECT_ROOT

TRAINING_DIR = PROJECT_ROOT / "data" / "findings"


@dataclass(frozen=True)
class Example:
    text: str
    rows: frozenset[str]


def load_training_corpus(folder: Path = TRAINING_DIR) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.yml")):
        for message in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            examples.append(Example(message["text"], frozenset(message.get("current") or ())))
    return examples


def everyday_negatives(texts: Iterable[str], has_finding_words: Callable[[str], bool]) -> list[Example]:
    """Messages that report nothing, as examples with no row.

    The generated corpus is almost all about symptoms, so on its own the classifier learns that
    "stop", "I don't know" or "I want to quit" belong to some row (bleeding, a stroke, self-harm).
    The assistant's own training questions and chat for the other intents say otherwise. Any
    that contain a finding's words are left out: "I have a rash, is that the aza?" is not a
    negative.
    """
    return [Example(text, frozenset()) for text in texts if text.strip() and not has_finding_words(text)]


def corpus_fingerprint(folder: Path = TRAINING_DIR) -> str:
    """Changes whenever the training corpus does (Rasa retrains the component then)."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class FindingClassifier(Pickled):
    def __init__(
        self,
        rows: Sequence[str],
        features: NgramFeatures,
        models: dict[str, LogisticRegression],
    ):
        self.rows = tuple(rows)
        self.features = features
        self.models = models

    @classmethod
    def train(
        cls, examples: Sequence[Example], rows: Iterable[str], c: float = 4.0, min_examples: int = 10
    ) -> FindingClassifier:
        texts = [e.text for e in examples]
        ngrams = NgramFeatures(word_min_df=2)
        features = ngrams.fit_transform(texts)
        models: dict[str, LogisticRegression] = {}
        for row in rows:
            labels = np.array([row in e.rows for e in examples], dtype=int)
            if labels.sum() < min_examples:
                continue
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=0)
            model.fit(features, labels)
            models[row] = model
        return cls(sorted(models), ngrams, models)

    def probabilities(self, text: str) -> dict[str, float]:
        """Each row's model's predict_proba, as one product with all their weights at once (the
        models one by one took a third of the detector's time per message)."""
        coef, intercept = self.derived("weights", self._stacked_weights)
        values = margins(self.features.transform([text]), coef, intercept)[0]
        return dict(zip(self.rows, map(float, expit(values)), strict=True))

    def _stacked_weights(self) -> tuple[np.ndarray, np.ndarray]:
        coef = row_major(np.vstack([self.models[row].coef_[0] for row in self.rows]))
        return coef, np.array([self.models[row].intercept_[0] for row in self.rows])

    def knows(self, word: str) -> bool:
        """Whether the word was in enough training messages to be one of its features."""
        return self.features.knows(word)
