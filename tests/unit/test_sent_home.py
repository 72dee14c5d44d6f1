"""After an emergency, a later message that says emergency care has finished and sent the person home
("Back home from A&E, ECG normal, they discharged me") ends the episode when the follow-up classifier
also reads it as over; anything that leaves doubt (still there, self-discharged, waiting, happened
again, told by phone, a new sign) leaves the emergency standing."""

from __future__ import annotations

import pytest

from bot.detect.conversation import default_cue_reader
from bot.detect.followup import FollowUpClassifier, load_followups
from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from tests.unit.test_followup_classifier import with_followups
from tests.unit.test_symptom_extractor_conversation import converse

CHEST = "crushing pain in my chest going into my jaw, I'm on azathioprine"
HOME = (
    "Back home from A&E now. ECG and bloods were all normal, they said it was a pulled muscle and "
    "discharged me. No pain since."
)


@pytest.fixture(scope="module")
def extractor() -> SymptomExtractor:
    """As config.yml sets it up, with the follow-up classifier trained on its data."""
    return with_followups(
        FollowUpClassifier.train(load_followups()), followup_taken_back=0.8, followup_over_emergency=0.8
    )


def latest(extractor: SymptomExtractor, *turns: str) -> str | None:
    given = [parsed[TRIAGE_KEY].get("level") for parsed in converse(extractor, *turns)]
    return [level for level in given if level][-1]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (CHEST, HOME),
        (
            "my husband's lips and tongue swelled right up and he couldn't breathe",
            "We're home now, the hospital gave him an injection and kept an eye on him overnight, "
            "swelling's all gone and he's breathing normally.",
        ),
        (
            "Mum collapsed at the shops, she takes azathioprine",
            "Home from A&E now, all her tests were normal and they discharged her. She's absolutely fine.",
        ),
    ],
)
def test_an_emergency_ends_when_emergency_care_sent_them_home(extractor, first, then):
    assert latest(extractor, first) == "emergency"
    assert latest(extractor, first, then) == "routine"


@pytest.mark.parametrize(
    "then",
    [
        # care not finished, or not given
        "In A&E now, they did an ECG and it was normal, I feel fine",
        "Home now. The 111 nurse rang back and said it sounds like indigestion, feel fine",
        "Nobody has seen me yet, I just feel fine now so I came home",
        # sent home, but it is not over
        "They sent me home from the hospital but the pain is back again tonight",
        "Home from A&E, they discharged me, still a bit tight in the chest though",
        "I discharged myself from the hospital and came home, feel great",
        "Home from A&E, waiting for the troponin results, feel great",
        "Back home from hospital, ECG was normal. Should I be worried?",
        "Home from A&E, discharged, ECG normal. Now my lips are swelling up",
    ],
)
def test_an_emergency_stands_when_care_leaves_doubt(extractor, then):
    assert latest(extractor, CHEST, then) == "emergency"


def test_nothing_ends_an_emergency_when_the_classifier_does_not_read_it_over():
    class NeverOver:
        def probability_over(self, text: str) -> float:
            return 0.01

        def probability_taken_back(self, text: str) -> float:
            return 0.01

    extractor = with_followups(NeverOver(), followup_taken_back=0.8, followup_over_emergency=0.8)
    assert latest(extractor, CHEST, HOME) == "emergency"


def test_nothing_ends_an_emergency_unless_configured():
    extractor = with_followups(FollowUpClassifier.train(load_followups()), followup_taken_back=0.8)
    assert latest(extractor, CHEST, HOME) == "emergency"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HOME, True),
        ("They let him home from the ER last night, all tests normal", True),
        ("Ed checked him over and sent him home", False),  # a name, not the emergency department
        ("Home from the hospital, the doctor wanted to keep me in", False),
        ("Discharged at 2am", False),  # no place of emergency care named
    ],
)
def test_sent_home_from_care(text, expected):
    assert default_cue_reader().sent_home_from_care(text) is expected
