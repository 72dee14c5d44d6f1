"""The linear classifiers that give the intent and the FAQ answer (bot/nlu/linear_text.py and
the two Rasa components on it)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_answer import LinearAnswerSelector
from bot.nlu.linear_intent import LinearIntentClassifier
from bot.nlu.linear_text import LinearText

TRAINING = {
    "greet": ["hello there", "hi there", "hello hi", "good morning", "hey hello"],
    "goodbye": ["bye now", "goodbye then", "bye bye", "see you later", "goodbye friend"],
    "report_symptom": ["i have a fever", "high temperature", "fever and chills", "my temperature is high", "feverish"],
}
ANSWERS = {
    "faq/alcohol": ["can i drink alcohol", "is beer ok with aza", "wine and azathioprine", "alcohol on imuran"],
    "faq/sun_protection": ["do i need sunscreen", "sun cream on aza", "can i use a sunbed", "sunbathing on imuran"],
    "faq/storage": ["where do i keep the tablets", "store tablets in the fridge", "storing imuran", "keep aza cool"],
}


def test_scores_are_a_distribution_and_rank_the_words_it_saw():
    classifier = LinearText.train(
        [t for texts in TRAINING.values() for t in texts], [i for i, texts in TRAINING.items() for _ in texts]
    )
    scores = classifier.scores(["hello there friend"])[0]
    assert math.isclose(sum(scores.values()), 1.0, rel_tol=1e-9)
    assert max(scores, key=scores.__getitem__) == "greet"
    assert classifier.ranking("fevr and chills")[0][0] == "report_symptom"  # a misspelling still lands


def test_two_labels_work_too():
    classifier = LinearText.train(["hello", "hi there", "bye", "goodbye now"], ["greet", "greet", "bye", "bye"])
    assert classifier.ranking("hi")[0][0] == "greet"


@pytest.mark.parametrize(
    ("texts", "labels"),
    [
        ([t for texts in TRAINING.values() for t in texts], [i for i, texts in TRAINING.items() for _ in texts]),
        (["hello", "hi there", "bye", "goodbye now"], ["greet", "greet", "bye", "bye"]),
    ],
)
def test_the_scores_are_a_softmax_of_the_svms_own_margins(texts, labels):
    classifier = LinearText.train(texts, labels)
    messages = ["hello there friend", "fevr and chills", "bye", ""]
    svm = np.asarray(classifier.model.decision_function(classifier.features.transform(messages)))
    if svm.ndim == 1:
        svm = np.column_stack([-svm, svm])
    expected = np.exp(svm * classifier.scale) / np.exp(svm * classifier.scale).sum(axis=1, keepdims=True)
    for scores, row in zip(classifier.scores(messages), expected, strict=True):
        assert [scores[label] for label in classifier.labels] == pytest.approx(list(row), abs=1e-12)


def test_one_label_is_not_a_classifier():
    with pytest.raises(ValueError):
        LinearText.train(["hello", "hi"], ["greet", "greet"])


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gets_a_distribution(text):
    scores = CLASSIFIER.scores([text])[0]
    assert math.isclose(sum(scores.values()), 1.0, rel_tol=1e-9)
    assert all(0.0 <= s <= 1.0 for s in scores.values())


CLASSIFIER = LinearText.train(
    [t for texts in TRAINING.values() for t in texts], [i for i, texts in TRAINING.items() for _ in texts]
)


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    return LocalModelStorage(tmp_path_factory.mktemp("storage")), ExecutionContext(GraphSchema({}), "test")


def training_data() -> TrainingData:
    examples = [Message(data={TEXT: t, INTENT: i}) for i, texts in TRAINING.items() for t in texts]
    examples += [
        Message(data={TEXT: t, INTENT: "faq", INTENT_RESPONSE_KEY: key})
        for key, texts in ANSWERS.items()
        for t in texts
    ]
    responses = {f"utter_{key}": [{"text": f"answer about {key}"}] for key in ANSWERS}
    return TrainingData(examples, responses=responses)


def test_the_intent_classifier_ranks_every_intent(storage):
    model_storage, context = storage
    resource = Resource("intent")
    config = LinearIntentClassifier.get_default_config()
    LinearIntentClassifier.create(config, model_storage, resource, context).train(training_data())
    loaded = LinearIntentClassifier.load(config, model_storage, resource, context)
    message = Message(data={TEXT: "hello there"})
    loaded.process([message])
    assert message.get(INTENT)["name"] == "greet"
    ranking = message.get(INTENT_RANKING_KEY)
    assert {r["name"] for r in ranking} == {*TRAINING, "faq"}
    assert math.isclose(sum(r["confidence"] for r in ranking), 1.0, rel_tol=1e-6)


def test_the_answer_selector_writes_what_utter_faq_and_the_topic_buttons_read(storage):
    model_storage, context = storage
    resource = Resource("answers")
    config = LinearAnswerSelector.get_default_config()
    LinearAnswerSelector.create(config, model_storage, resource, context).train(training_data())
    loaded = LinearAnswerSelector.load(config, model_storage, resource, context)
    message = Message(data={TEXT: "is it ok to drink wine"})
    loaded.process([message])
    faq = message.get(RESPONSE_SELECTOR_PROPERTY_NAME)["faq"]
    assert faq["response"]["intent_response_key"] == "faq/alcohol"
    assert faq["response"]["utter_action"] == "utter_faq/alcohol"
    assert faq["response"]["responses"] == [{"text": "answer about faq/alcohol"}]
    assert 0.0 < faq["response"]["confidence"] <= 1.0
    assert faq["ranking"][0]["intent_response_key"] == "faq/alcohol"
    assert len(faq["ranking"]) == len(ANSWERS)
    assert message.get(RESPONSE_SELECTOR_PROPERTY_NAME)["all_retrieval_intents"] == ["faq"]


def test_a_message_without_text_is_left_alone(storage):
    model_storage, context = storage
    resource = Resource("intent2")
    config = LinearIntentClassifier.get_default_config()
    LinearIntentClassifier.create(config, model_storage, resource, context).train(training_data())
    empty = Message(data={TEXT: ""})
    LinearIntentClassifier.load(config, model_storage, resource, context).process([empty])
    assert empty.get(INTENT) is None
