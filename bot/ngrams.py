"""The text features both learned parts share: TF-IDF character n-grams within words (they survive
misspellings: "azathiprine", "nausious") beside word n-grams (word pairs keep "not safe" apart from
"safe"). Plain strings in, a sparse matrix out; no Rasa or spaCy types."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import TypeVar

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer


class NgramFeatures:
    def __init__(self, word_min_df: int = 1):
        self.characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self.words = TfidfVectorizer(
            token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True, min_df=word_min_df
        )

    def fit_transform(self, texts: Sequence[str]) -> csr_matrix:
        return hstack([self.characters.fit_transform(texts), self.words.fit_transform(texts)]).tocsr()

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        return hstack([self.characters.transform(texts), self.words.transform(texts)]).tocsr()

    def knows(self, word: str) -> bool:
        """Whether the word was in enough training texts to be one of the word features."""
        return word.lower() in self.words.vocabulary_


Model = TypeVar("Model", bound="Pickled")


class Pickled:
    """A trained model stored as bytes in the Rasa model; loads() refuses bytes of another class."""

    def dumps(self) -> bytes:
        return pickle.dumps(self)

    @classmethod
    def loads(cls: type[Model], data: bytes) -> Model:
        loaded = pickle.loads(data)
        if not isinstance(loaded, cls):
            raise TypeError(f"not a {cls.__name__}")
        return loaded
