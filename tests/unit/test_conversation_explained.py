"""A later message that takes the latest report back without saying "correction": it was someone
else's, who does not take the medicine, and the writer is well. What the user notices: the advice
goes down and the reply says what was taken back. And what only sounds like it leaves the advice
standing (a review's cases: tests/review_conversations.yml, `stop42-`). Patterns only (no learned
detector)."""

from __future__ import annotations

import pytest

from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from tests.unit.test_symptom_extractor_conversation import converse


@pytest.fixture(scope="module")
def extractor() -> SymptomExtractor:
    return SymptomExtractor(SymptomExtractor.get_default_config(), None, None, None)  # type: ignore[arg-type]


def _taken_back(extractor: SymptomExtractor, report: str, follow_up: str, before: str) -> dict:
    first, second = converse(extractor, report, follow_up)
    assert first[TRIAGE_KEY]["level"] == before
    return second[TRIAGE_KEY]


@pytest.mark.parametrize(
    ("report", "follow_up", "before"),
    [
        (
            "Lips puffed right up and she can't get her breath",
            "Sorry, I wrote that badly. It isn't me, it's my neighbour Joan, and she takes nothing of the sort. "
            "I'm perfectly well myself.",
            "emergency",
        ),
        (
            "temperature 38.6 and a sore throat",
            "My mistake, that's my husband's, he doesn't take azathioprine. Mine is 36.5 and I feel fine.",
            "urgent",
        ),
        (
            "My brother is being sick blood",
            "I explain bad. My brother not take azathioprine, only me. For me there is no problem, I feel good.",
            "emergency",
        ),
    ],
)
def test_a_report_given_to_someone_else_who_does_not_take_it_is_taken_back(extractor, report, follow_up, before):
    triage = _taken_back(extractor, report, follow_up, before)
    assert triage["level"] == "routine"
    assert triage["episode"]["retracted"]
    # Taken back from an emergency, the reply still names the emergency signs.
    assert triage["episode"]["was_emergency"] == (before == "emergency")


@pytest.mark.parametrize(
    "follow_up",
    [
        # The writer is the one not on it: the report was someone else's who may take it.
        "I'm not on it yet and I feel fine myself",
        # Other medicines: he may still be on azathioprine.
        "I'm fine, he doesn't take anything else",
        "he's not on any other tablets, I'm ok",
        # Stopped or paused: he may still be affected.
        "he's not on it any more, I'm fine",
        "he's not on it at the moment, I feel fine",
        # Nobody else named before the denial.
        "not taking it with food, I feel ok",
    ],
)
def test_what_only_sounds_like_someone_else_keeps_the_advice(extractor, follow_up):
    first, second = converse(extractor, "my husband has a temperature of 39 and he's shivering", follow_up)
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert second[TRIAGE_KEY]["level"] in (None, "urgent", "emergency")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


def test_a_reading_after_saying_it_will_be_taken_again_replaces_the_one_before(extractor):
    *_, third = converse(extractor, "temp 39.1!!", "hang on, rechecking", "it's 36.4, I had it upside down")
    assert third[TRIAGE_KEY]["level"] == "routine"
    *_, higher = converse(extractor, "temp 39.1!!", "hang on, rechecking", "still 39.2 and shivering")
    assert higher[TRIAGE_KEY]["level"] == "urgent"
    # Paracetamol hides a fever: the highest reading still counts.
    *_, masked = converse(extractor, "temp 39.1!!", "hang on, rechecking", "37.4 now, she had calpol an hour ago")
    assert masked[TRIAGE_KEY]["level"] in (None, "urgent")


@pytest.mark.parametrize(
    ("report", "follow_up", "level"),
    [
        # The one not on it is who swallowed it: a child's swallowing counts whoever it is.
        (
            "my 3 year old swallowed one of my azathioprine tablets",
            "she takes nothing normally, they're mine. I'm fine",
            "emergency",
        ),
        # The denial names someone other than the person reported.
        (
            "my dad has crushing chest pain going into his arm",
            "I'm ok. His wife isn't on aza, she's driving",
            "emergency",
        ),
        # Not a denial of the medicine.
        ("dad has 39.4 and he's shivering", "it's not me, it's dad. he's not on this app", "urgent"),
        # The writer is the patient.
        ("temp is 38.8 and I'm shivering, on aza", "I'm the one on aza, not my wife. She isn't on anything", "urgent"),
    ],
)
def test_a_denial_that_does_not_give_the_report_away_keeps_it(extractor, report, follow_up, level):
    first, second = converse(extractor, report, follow_up)
    assert first[TRIAGE_KEY]["level"] == level
    assert second[TRIAGE_KEY]["level"] in (None, level)
