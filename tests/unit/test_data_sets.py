"""The evidence sets are big and varied enough, and the FAQ content keeps its promises."""

import re
from collections import Counter

import pytest
import yaml

from bot.measure.cases import FAQ_DIR, FAQ_HELDOUT_FILE, TRIAGE_CASE_FILES, faq_answers, nlu_examples, triage_cases
from bot.settings import PROJECT_ROOT
from bot.triage.lexicon import SOURCE_KEYS, load_lexicon

TOPICS = sorted(p.stem for p in FAQ_DIR.glob("*.yml"))
EXPECTED_TOPICS = sorted(
    [
        "what_is",
        "how_it_works",
        "conditions",
        "time_to_work",
        "dose",
        "how_to_take",
        "diet",
        "missed_dose",
        "overdose",
        "blood_tests",
        "tpmt",
        "side_effects",
        "serious_side_effects",
        "nausea",
        "hair_loss",
        "infection_risk",
        "cancer_risk",
        "sun_protection",
        "alcohol",
        "pregnancy",
        "breastfeeding",
        "fertility",
        "vaccines",
        "interactions",
        "allopurinol",
        "natural_therapies",
        "compare_mycophenolate",
        "compare_cyclosporine",
        "compare_methotrexate",
        "stopping",
        "surgery_dental",
        "storage",
    ]
)
RED_FLAG_ROWS = [row for row in load_lexicon().rows if row != "context"]


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


@pytest.mark.parametrize("path", TRIAGE_CASE_FILES, ids=lambda p: p.name)
def test_triage_case_set_is_big_and_varied(path):
    cases = triage_cases(path)
    assert len(cases) >= 150
    kinds = Counter(k for c in cases for k in c.get("kinds", []))
    not_current = [
        c
        for c in cases
        if {"negated", "hypothetical", "general_question", "normal_temperature"} & set(c.get("kinds", []))
    ]
    assert len(not_current) >= 40
    assert sum(1 for c in cases if {"misspelled", "colloquial"} & set(c.get("kinds", []))) >= 30
    assert {c["level"] for c in cases} == {"emergency", "urgent", "soon", "routine"}
    assert kinds["report"] >= 100


def test_every_red_flag_row_has_three_differently_worded_reports():
    reports = [c for path in TRIAGE_CASE_FILES for c in triage_cases(path) if "report" in c.get("kinds", [])]
    for row in RED_FLAG_ROWS:
        texts = {_normal(c["text"]) for c in reports if row in c.get("rows", [])}
        assert len(texts) >= 3, f"row {row} has {len(texts)} report cases"


def test_topic_keys_are_exactly_the_32_of_the_issue():
    assert TOPICS == EXPECTED_TOPICS


@pytest.mark.parametrize("topic", EXPECTED_TOPICS)
def test_each_topic_has_twenty_examples_and_a_sourced_plain_answer(topic):
    data = yaml.safe_load((FAQ_DIR / f"{topic}.yml").read_text())
    (block,) = data["nlu"]
    assert block["intent"] == f"faq/{topic}"
    assert len(nlu_examples(FAQ_DIR / f"{topic}.yml")) >= 20
    for variation in data["responses"][f"utter_faq/{topic}"]:
        answer = variation["text"].strip()
        # Short enough to read on a phone; the safety answers list every warning sign (issue 15), hence 170.
        assert len(answer.split()) <= 170
        source = re.search(r"Source: ([^.]+)\.?$", answer)
        assert source, f"{topic}: the answer must end with its source"
        assert {s.strip() for s in source.group(1).split(",")} <= SOURCE_KEYS


@pytest.mark.parametrize("region", ["us", "eu"])
def test_answers_that_give_phone_numbers_follow_the_region(region):
    number = {"us": "911", "eu": "112"}[region]
    for path in FAQ_DIR.glob("*.yml"):
        variations = yaml.safe_load(path.read_text())["responses"][f"utter_faq/{path.stem}"]
        default = next(v for v in variations if "condition" not in v)["text"]
        if "999" not in default and "NHS 111" not in default:
            continue
        regional = [v["text"] for v in variations if v.get("condition", [{}])[0].get("value") == region]
        assert regional, f"{path.stem} gives UK numbers but has no {region} variation"
        assert number in regional[0] and "999" not in regional[0] and "NHS 111" not in regional[0]


@pytest.mark.parametrize("topic", EXPECTED_TOPICS)
def test_each_topic_has_a_conversation_test(topic):
    stories = "\n".join(p.read_text() for p in (PROJECT_ROOT / "tests" / "stories").glob("*.yml"))
    assert f"intent: faq/{topic}\n" in stories


def test_no_answer_tells_anyone_to_change_their_dose_on_their_own():
    pattern = re.compile(r"\b(stop|increase|reduce|double|skip) (taking |your |the )?(dose|azathioprine|tablets)\b")
    for topic, answer in faq_answers().items():
        for sentence in re.split(r"(?<=[.!?])\s+", answer):
            if pattern.search(sentence.lower()):
                assert re.search(r"\b(don't|do not|never|without|ask|talk|unless|until)\b", sentence.lower()), (
                    topic,
                    sentence,
                )


def test_button_payloads_are_training_examples_of_their_target():
    training = {(_normal(t)) for p in FAQ_DIR.glob("*.yml") for _, t in nlu_examples(p)}
    for path in FAQ_DIR.glob("*.yml"):
        for variations in yaml.safe_load(path.read_text())["responses"].values():
            for button in variations[0].get("buttons", []):
                assert _normal(button["payload"]) in training, (path.stem, button)


def test_heldout_has_five_per_topic_and_none_is_in_training():
    heldout = nlu_examples(FAQ_HELDOUT_FILE)
    per_topic = Counter(intent.split("/")[1] for intent, _ in heldout)
    assert set(per_topic) == set(EXPECTED_TOPICS)
    assert min(per_topic.values()) >= 5
    training = {_normal(t) for p in (PROJECT_ROOT / "data" / "nlu").rglob("*.yml") for _, t in nlu_examples(p)}
    leaked = [t for _, t in heldout if _normal(t) in training]
    assert not leaked, leaked
