"""The shared n-gram features: the fast transform gives scikit-learn's own TF-IDF matrix."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import hstack

from bot.ngrams import NgramFeatures

TRAINING = [
    "my nose is bleeding and won't stop",
    "azathiprine makes me nausious",
    "temperature of 39.2 and shivering",
    "can I drink alcohol on azathioprine",
    "the whites of my eyes look yellow",
    "bruises all over my legs",
]


def fitted() -> NgramFeatures:
    features = NgramFeatures()
    features.fit_transform(TRAINING * 2)
    return features


def scikit_learn(features: NgramFeatures, texts: list[str]) -> np.ndarray:
    return hstack([features.characters.transform(texts), features.words.transform(texts)]).toarray()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=3))
def test_the_transform_is_scikit_learns(texts):
    features = fitted()
    assert np.allclose(features.transform(texts).toarray(), scikit_learn(features, texts))


@pytest.mark.parametrize("text", [*TRAINING, "words never seen", ""])
def test_a_known_or_unknown_message_gets_scikit_learns_weights(text):
    features = fitted()
    assert np.allclose(features.transform([text]).toarray(), scikit_learn(features, [text]))


def test_refitting_uses_the_new_document_frequencies():
    features = fitted()
    features.transform(["bruises"])
    features.fit_transform(["bruises on my arm", "a nosebleed", "bruises again"])
    assert np.allclose(features.transform(["bruises"]).toarray(), scikit_learn(features, ["bruises"]))


def test_the_stored_bytes_leave_out_what_is_worked_out_again():
    features = fitted()
    features.transform(["bruises"])
    assert "_derived_" not in " ".join(features.__getstate__())
