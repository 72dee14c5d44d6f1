"""OtherMedicineScope: a FAQ guess for a question about another medicine alone becomes the
scoped "other medicine" reply; questions about azathioprine, or about another medicine with
it, keep their FAQ answer."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.other_medicine_scope import (
    SCOPE_KEY,
    OtherMedicineScope,
    another_medicine_named_alone,
    lookup_pattern,
)

ROOT = Path(__file__).resolve().parents[2]
CONFIG = {
    **OtherMedicineScope.get_default_config(),
    "answers_about_other_medicines": ["faq/interactions", "faq/compare_methotrexate"],
}


@pytest.fixture(scope="module")
def scope(tmp_path_factory) -> OtherMedicineScope:
    """Trained on the project's own lookup tables, persisted, and loaded back as Rasa does."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("other_medicine_scope")
    context = ExecutionContext(GraphSchema({}), "test")
    lookups = TrainingDataImporter.load_from_dict(
        training_data_paths=[str(ROOT / "data" / "nlu" / "lookups")]
    ).get_nlu_data()
    OtherMedicineScope.create(CONFIG, storage, resource, context).train(lookups)
    return OtherMedicineScope.load(CONFIG, storage, resource, context)


def parsed(text: str, ranking: dict[str, float], answer_key: str = "faq/side_effects") -> Message:
    ordered = sorted(ranking.items(), key=lambda item: -item[1])
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ordered[0][0], "confidence": ordered[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ordered])
    message.set(
        "response_selector",
        {"faq": {"response": {"confidence": 0.9, "intent_response_key": answer_key}, "ranking": []}},
    )
    return message


def intent_of(scope: OtherMedicineScope, message: Message) -> dict:
    scope.process([message])
    return message.get(INTENT)


def test_side_effects_of_another_medicine_are_not_azathioprines(scope):
    message = parsed("side effects of clarithromycin", {"faq": 0.9, "ask_other_medicine": 0.08, "greet": 0.02})
    assert intent_of(scope, message) == {"name": "ask_other_medicine", "confidence": 0.9}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["ask_other_medicine", "faq", "greet"]
    assert message.get(INTENT_RANKING_KEY)[1]["confidence"] == 0.08
    assert message.get(SCOPE_KEY) == {"overrode": "faq", "medicine": "clarithromycin"}


@pytest.mark.parametrize(
    "text",
    [
        "How does Etanercept work?",
        "my rheumy wants to put me on leflunomide, what is it",
        "what foods should i avoid on warfarin",
        "what's losartan used for",
        "can i take co-codamol while breastfeeding",
    ],
)
def test_any_named_medicine_in_any_case(scope, text):
    assert intent_of(scope, parsed(text, {"faq": 0.7, "out_of_scope": 0.3}))["name"] == "ask_other_medicine"


@pytest.mark.parametrize(
    "text",
    [
        "does azathioprine interact with warfarin like methotrexate does",  # names azathioprine
        "i take imuran and mesalazine, will my hair fall out",
        "what are the side effects of AZA",
        "do i need antibiotics before dental work",  # a group, not a name
        "is it a steroid",
        "can i eat iron rich food",
    ],
)
def test_questions_about_azathioprine_keep_their_answer(scope, text):
    assert intent_of(scope, parsed(text, {"faq": 0.9, "ask_other_medicine": 0.1}))["name"] == "faq"


@pytest.mark.parametrize(
    "text, answer_key",
    [("can i take ibuprofen", "faq/interactions"), ("is methotrexate better", "faq/compare_methotrexate")],
)
def test_answers_about_other_medicines_with_azathioprine_are_kept(scope, text, answer_key):
    assert intent_of(scope, parsed(text, {"faq": 0.9, "ask_other_medicine": 0.1}, answer_key))["name"] == "faq"


def test_other_intents_are_never_touched(scope):
    message = parsed("i took too much paracetamol", {"report_symptom": 0.8, "faq": 0.2})
    assert intent_of(scope, message) == {"name": "report_symptom", "confidence": 0.8}


def test_an_unsure_guess_stays_unsure_so_the_fallback_still_answers(scope):
    message = parsed("rigevidon packs back to back?", {"faq": 0.4, "ask_other_medicine": 0.35, "greet": 0.25})
    assert intent_of(scope, message) == {"name": "ask_other_medicine", "confidence": 0.4}
    assert message.get(INTENT_RANKING_KEY)[1] == {"name": "faq", "confidence": 0.35}


def test_training_without_the_lookup_tables_fails_loudly(tmp_path):
    storage = LocalModelStorage(tmp_path)
    component = OtherMedicineScope.create(CONFIG, storage, Resource("scope"), ExecutionContext(GraphSchema({}), "test"))
    with pytest.raises(ValueError, match="lookup tables"):
        component.train(TrainingData())


@pytest.mark.parametrize("text", ["", "aza", "warfarinx", "xwarfarin"])
def test_word_boundaries_and_empty_text(text):
    own, other = lookup_pattern(["aza", "azathioprine"]), lookup_pattern(["warfarin"])
    assert another_medicine_named_alone(text, own, other) is None


def test_empty_tables_match_nothing():
    assert lookup_pattern(["", "  "]) is None
    assert another_medicine_named_alone("warfarin", None, None) is None
    assert another_medicine_named_alone("warfarin", None, lookup_pattern(["Warfarin"])) == "warfarin"
