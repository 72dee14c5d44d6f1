"""The text features both learned parts share: TF-IDF character n-grams within words (they survive
misspellings: "azathiprine", "nausious") beside word n-grams (word pairs keep "not safe" apart from
"safe"). Plain strings in, a sparse matrix out; no Rasa or spaCy types."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

Value = TypeVar("Value")


class Derives:
    """Values worked out from a trained model on first use, for speed, and never stored with it
    (so a stored model is what training made, and they cannot go stale after loading)."""

    def derived(self, name: str, compute: Callable[[], Value]) -> Value:
        key = f"_derived_{name}"
        if key not in self.__dict__:
            self.__dict__[key] = compute()
        value: Value = self.__dict__[key]
        return value

    def forget_derived(self) -> None:
        for key in [key for key in self.__dict__ if key.startswith("_derived_")]:
            del self.__dict__[key]

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_derived_")}


def margins(features: csr_matrix, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """A linear model's decision values, as scikit-learn works them out (X @ coef.T + intercept),
    with `coef` already transposed and row-major: scipy copies a column-major matrix on every
    product, which took a third of a message's time in the learned parts."""
    return np.asarray(features @ coef) + intercept


def row_major(coef: np.ndarray) -> np.ndarray:
    """scikit-learn's coef_ (labels x features) in the layout `margins` wants."""
    return np.ascontiguousarray(np.asarray(coef).T)


class NgramFeatures(Derives):
    def __init__(self, word_min_df: int = 1):
        self.characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self.words = TfidfVectorizer(
            token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True, min_df=word_min_df
        )

    def fit_transform(self, texts: Sequence[str]) -> csr_matrix:
        self.forget_derived()
        return hstack([self.characters.fit_transform(texts), self.words.fit_transform(texts)]).tocsr()

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """The same matrix as each vectorizer's transform(), without its per-call fitted check:
        that check reads `idf_`, which sums the whole idf matrix each time, a third of the time a
        message spent here (make bench's p95 is what the issue bounds)."""
        return hstack([self._weighted("characters", texts), self._weighted("words", texts)]).tocsr()

    def _weighted(self, name: str, texts: Sequence[str]) -> csr_matrix:
        vectorizer: TfidfVectorizer = getattr(self, name)
        counts = CountVectorizer.transform(vectorizer, texts).astype(np.float64)
        if vectorizer.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1
        idf = self.derived(f"{name}_idf", lambda: np.asarray(vectorizer.idf_, dtype=np.float64))
        counts.data *= idf[counts.indices]
        return normalize(counts, norm=vectorizer.norm, copy=False)

    def knows(self, word: str) -> bool:
        """Whether the word was in enough training texts to be one of the word features."""
        return word.lower() in self.words.vocabulary_


Model = TypeVar("Model", bound="Pickled")


class Pickled(Derives):
    """A trained model stored as bytes in the Rasa model; loads() refuses bytes of another class."""

    def dumps(self) -> bytes:
        return pickle.dumps(self)

    @classmethod
    def loads(cls: type[Model], data: bytes) -> Model:
        loaded = pickle.loads(data)
        if not isinstance(loaded, cls):
            raise TypeError(f"not a {cls.__name__}")
        return loaded
