"""A linear text classifier: TF-IDF character and word n-grams, a linear SVM, softmax scores.

Both of the assistant's learned language components use it: the intent classifier and the FAQ
answer selector. Why not DIET and the ResponseSelector: without pretrained word vectors (model
downloads are impossible here) they are, in effect, linear models on the same sparse features,
trained for minutes with TensorFlow. On the development half of the blind FAQ corpus this picked
the right answer more often (0.87 against the ResponseSelector's 0.79) and trains in about a
second, where the two networks took more than six minutes (README: "Understanding questions").

No Rasa or spaCy types: plain strings in, label scores out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.svm import LinearSVC

from bot.ngrams import NgramFeatures, Pickled, margins, row_major


class LinearText(Pickled):
    def __init__(self, features: NgramFeatures, model: LinearSVC, scale: float):
        self.features = features
        self.model = model
        self.scale = scale

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(str(label) for label in self.model.classes_)

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        c: float = 0.5,
        scale: float = 5.0,
        balanced: bool = False,
        random_seed: int = 42,
    ) -> LinearText:
        if len(set(labels)) < 2:
            raise ValueError("a classifier needs at least two labels")
        features = NgramFeatures()
        model = LinearSVC(C=c, class_weight="balanced" if balanced else None, random_state=random_seed)
        model.fit(features.fit_transform(texts), list(labels))
        return cls(features, model, scale)

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, every label's score; the scores sum to 1 (a softmax of the SVM's margins,
        sharpened by `scale`, which was set on the development half of the FAQ corpus)."""
        if not texts:
            return []
        coef = self.derived("coef", lambda: row_major(self.model.coef_))
        values = margins(self.features.transform(texts), coef, self.model.intercept_)
        if values.shape[1] == 1:  # two labels: one margin, for the second
            values = np.column_stack([-values[:, 0], values[:, 0]])
        scaled = values * self.scale
        scaled -= scaled.max(axis=1, keepdims=True)
        exp = np.exp(scaled)
        probabilities = exp / exp.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in probabilities]

    def ranking(self, text: str) -> list[tuple[str, float]]:
        """Labels and scores, most likely first (ties by name, so the order is stable)."""
        return sorted(self.scores([text])[0].items(), key=lambda item: (-item[1], item[0]))
