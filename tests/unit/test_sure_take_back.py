"""A correction that names nothing takes back the one thing reported so far, without asking which
part, only when the follow-up classifier is sure and the message says the sign was not real (it came
off, a test is negative, nothing is there) and does not deny it. A detail swapped, "I'm fine" about the person,
the medicine named or a denial of something else keeps the question and the advice."""

from __future__ import annotations

import pytest

from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from tests.unit.test_followup_classifier import with_followups
from tests.unit.test_symptom_extractor_conversation import converse

SPOTS = "little purple spots all over his legs, no idea where from"
TAKEN_BACK = [
    (SPOTS, "oh no sorry, it's red pen, his sister did it, came straight off in the bath"),
    ("positive pregnancy test this morning", "sorry I read it wrong, it's negative"),
]
KEPT = [
    (SPOTS, "correction, he is 7 not 6", "urgent"),
    (SPOTS, "sorry I meant his arms not legs, came straight off my tongue wrong", "urgent"),
    (SPOTS, "my mistake, I'm fine, just worried about them", "urgent"),
    (SPOTS, "sorry wrong person, it's my son, he's the one on azathioprine, it's negative for me", "urgent"),
    ("diarrhoea for 5 days now", "my bad, there's no blood in it", "soon"),
    (SPOTS, "correction: it's not felt tip, it doesn't wash off", "urgent"),
    (SPOTS, "one on his knee was pen, came straight off. the ones on his shins haven't shifted", "urgent"),
    ("itchy red rash on my arms", "sorry, it comes off in the shower but keeps coming back", "soon"),
]


class SureOfEverything:
    """A stand-in classifier sure that every later message takes back what was said."""

    def probability_over(self, text: str) -> float:
        return 0.01

    def probability_taken_back(self, text: str) -> float:
        return 0.99


@pytest.fixture()
def extractor() -> SymptomExtractor:
    return with_followups(SureOfEverything(), followup_taken_back=0.8)


@pytest.mark.parametrize(("report", "correction"), TAKEN_BACK)
def test_a_sign_said_not_to_be_real_is_taken_back_without_asking(extractor, report, correction):
    first, second = converse(extractor, report, correction)
    assert first[TRIAGE_KEY]["level"] in ("soon", "urgent")
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["retracted"] and not second[TRIAGE_KEY]["episode"]["ask"]


@pytest.mark.parametrize(("report", "correction", "level"), KEPT)
def test_a_detail_the_person_or_another_sign_keeps_the_advice(extractor, report, correction, level):
    first, second = converse(extractor, report, correction)
    assert first[TRIAGE_KEY]["level"] == level
    assert second[TRIAGE_KEY]["level"] in (None, level)
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


def test_an_unsure_classifier_asks_as_before():
    extractor = with_followups(SureOfEverything(), followup_taken_back=0.999)
    _, second = converse(extractor, *TAKEN_BACK[0])
    assert second[TRIAGE_KEY]["level"] == "urgent" and second[TRIAGE_KEY]["episode"]["ask"]
