"""A later message that takes the latest report back without saying "correction": it was someone
else's, who does not take the medicine, and the writer is well. What the user notices: the advice
goes down and the reply says what was taken back. And what only sounds like it leaves the advice
standing (a review's cases: tests/review_conversations.yml, `stop42-`). Patterns only (no learned
detector)."""

from __future__ import annotations

import pytest

from bot.detect.conversation import default_cue_reader
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
        # What else it tells of that person is theirs too: his cold is not the writer's.
        (
            "temp 38.6",
            "Sorry, my mistake. The 38.6 is my husband's, he has a cold, he don't take this medicine. "
            "My own temperature is 36.5 and I feel good.",
            "urgent",
        ),
        # "not me" as a clause of its own, with the person named.
        (
            "I've got a sore throat and a temp",
            "Sorry, is my son have the sore throat, not me. He not take any medicine.",
            "urgent",
        ),
        # An apology for a muddled message is not confusion.
        (
            "I've got a temperature of 38.9",
            "Oh dear, I've confused you, sorry. It's my neighbour with the temperature and she isn't on any "
            "tablets. I'm perfectly well myself.",
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


def test_what_the_writer_says_of_themselves_while_giving_a_report_away_still_counts(extractor):
    triage = _taken_back(
        extractor,
        "my husband has a temp of 38.2",
        "Not me, he doesn't take azathioprine. I'm fine, apart from a sore throat since yesterday",
        "urgent",
    )
    assert triage["episode"]["retracted"]
    assert triage["findings"] == ["sore_throat"]
    assert triage["level"] == "urgent"


def test_someone_elses_emergency_told_while_giving_a_report_away_keeps_the_emergency_advice(extractor):
    triage = _taken_back(
        extractor,
        "temperature 38.4 and a cough",
        "Sorry, my mistake, the 38.4 is my dad's and he isn't on any tablets, I'm fine. But his lips have "
        "gone blue and he can't breathe properly",
        "urgent",
    )
    assert triage["level"] == "emergency"


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


@pytest.mark.parametrize(
    ("text", "person", "said_of_them"),
    [
        ("The 38.4 is my husband's, he has a cold, he don't take this medicine.", "husband", True),
        ("Not Dad, it's my brother, he's not on any medication. Dad's got yellow eyes today though", "brother", False),
        ("It's my wife with the rash, she isn't on any medication. Temp 38.9 here too.", "wife", False),
        ("Not me, he doesn't take azathioprine. We've both got a sore throat", "he", False),
        ("The nauseous one is my partner, 9 weeks pregnant and not on any immunosuppression.", "partner", True),
    ],
)
def test_what_a_message_giving_a_report_away_says_of_that_person_and_nobody_else(text, person, said_of_them):
    reader = default_cue_reader()
    # The last sentence is the one read.
    assert reader.said_of(text, len(text) - 1, person) is said_of_them


def test_a_pronoun_the_report_is_given_to_is_read_as_the_relation_it_stands_for():
    reader = default_cue_reader()
    assert reader.given_to("Not Dad, it's my brother, he's not on any medication, I'm fine.") == "brother"
    assert reader.given_to("Sorry, that's my son, not me. He's not on any tablets.") == "son"
