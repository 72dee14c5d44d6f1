"""AveragedLinearIntentClassifier: a logistic regression on the sparse features whose intent
distribution is averaged with DIET's ranking."""

import math

import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_intent import AveragedLinearIntentClassifier, average_rankings

VOCABULARY = ["hello", "hi", "bye", "goodbye", "fever", "temperature"]
TRAINING = {
    "greet": ["hello", "hi", "hello hi"],
    "goodbye": ["bye", "goodbye", "bye goodbye"],
    "report_symptom": ["fever", "temperature", "fever temperature"],
}


def featurized(text: str, intent: str | None = None, origin: str = "words") -> Message:
    """A message with a bag-of-words sentence feature, as a CountVectorsFeaturizer leaves it."""
    message = Message(data={TEXT: text, **({INTENT: intent} if intent else {})})
    counts = [[text.split().count(word) for word in VOCABULARY]]
    message.add_features(Features(scipy.sparse.coo_matrix(counts), FEATURE_TYPE_SENTENCE, TEXT, origin))
    return message


def config(**overrides) -> dict:
    return {**AveragedLinearIntentClassifier.get_default_config(), "featurizers": ["words"], **overrides}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("linear")
    context = ExecutionContext(GraphSchema({}), "test")
    examples = [featurized(text, intent) for intent, texts in TRAINING.items() for text in texts]
    AveragedLinearIntentClassifier.create(config(C=5), storage, resource, context).train(TrainingData(examples))
    return storage, resource, context


def loaded(trained, **overrides) -> AveragedLinearIntentClassifier:
    storage, resource, context = trained
    return AveragedLinearIntentClassifier.load(config(C=5, **overrides), storage, resource, context)


def test_alone_it_ranks_the_intent_whose_words_it_saw(trained):
    message = featurized("hello")
    loaded(trained, previous_ranking_weight=0.0).process([message])
    assert message.get(INTENT)["name"] == "greet"
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0]["name"] == "greet"
    assert math.isclose(sum(r["confidence"] for r in ranking), 1.0, rel_tol=1e-6)


def test_a_sure_previous_classifier_can_outvote_it(trained):
    message = featurized("hello")
    message.set(INTENT_RANKING_KEY, [{"name": "goodbye", "confidence": 1.0}])
    loaded(trained, previous_ranking_weight=0.9).process([message])
    assert message.get(INTENT)["name"] == "goodbye"


def test_with_equal_weights_the_confidence_is_the_mean_of_both(trained):
    alone = featurized("fever")
    loaded(trained, previous_ranking_weight=0.0).process([alone])
    linear = {r["name"]: r["confidence"] for r in alone.get(INTENT_RANKING_KEY)}

    averaged = featurized("fever")
    diet = [{"name": "report_symptom", "confidence": 0.2}, {"name": "greet", "confidence": 0.8}]
    averaged.set(INTENT_RANKING_KEY, diet)
    loaded(trained, previous_ranking_weight=0.5).process([averaged])
    got = {r["name"]: r["confidence"] for r in averaged.get(INTENT_RANKING_KEY)}
    assert math.isclose(got["report_symptom"], (linear["report_symptom"] + 0.2) / 2)
    assert math.isclose(got["greet"], (linear["greet"] + 0.8) / 2)


def test_a_message_without_text_is_left_alone(trained):
    empty = Message(data={TEXT: ""})
    assert loaded(trained).process([empty]) == [empty]
    assert empty.get(INTENT) is None


def test_missing_features_fail_loudly(trained):
    with pytest.raises(ValueError, match="sparse sentence features"):
        loaded(trained).process([featurized("hello", origin="characters")])


def test_average_rankings_keeps_intents_only_one_side_knows():
    ranking = average_rankings([{"name": "a", "confidence": 1.0}], {"b": 1.0}, previous_weight=0.25)
    assert ranking == [{"name": "b", "confidence": 0.75}, {"name": "a", "confidence": 0.25}]


def test_average_rankings_breaks_ties_by_name_so_results_are_reproducible():
    ranking = average_rankings([], {"thank": 0.5, "greet": 0.5}, previous_weight=0.0)
    assert [r["name"] for r in ranking] == ["greet", "thank"]
