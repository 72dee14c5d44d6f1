"""A later message that takes back what was reported, in words the cue list does not have, is read
as a correction: it takes back what it denies or corrects by a new reading, and is asked about when
it names nothing. An unsure classifier, a question or a new report changes nothing."""

from __future__ import annotations

import pytest

from bot.detect.conversation import default_cue_reader
from bot.detect.followup import FollowUpClassifier, load_followups
from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from tests.unit.test_followup_classifier import with_followups
from tests.unit.test_symptom_extractor_conversation import converse

# None of these is a correction to the cue words of data/clinical/conversation_cues.yml.
SOMEONE_ELSES_READING = "Excuse me, I explain bad. That number was my husband's. Mine is 36.6."
DENIED = "My grandson was playing about on here, there is no pain in my chest at all"
# (A mark that came off names what it explains: tests/unit/test_conversation_explained.py.)
NAMES_NOTHING = "oh my goodness, how silly of me, I do apologise for the fuss"
# Denies one sign of an emergency row, and says another is still there in words the patterns miss.
DENIES_ANOTHER_SIGN = (
    "the lips arent swollen actually, I looked in the mirror, theyre just tingly. the throat is the bit thats tight"
)
TAKEN_BACK = (SOMEONE_ELSES_READING, DENIED, NAMES_NOTHING, DENIES_ANOTHER_SIGN)


class SaysTakenBack:
    """A stand-in classifier: sure the test's phrases take back what was said, sure of nothing else."""

    def probability_over(self, text: str) -> float:
        return 0.01

    def probability_taken_back(self, text: str) -> float:
        return 0.99 if text in TAKEN_BACK else 0.01


@pytest.fixture()
def extractor() -> SymptomExtractor:
    return with_followups(SaysTakenBack(), followup_taken_back=0.8)


def test_the_phrases_are_not_corrections_to_the_cue_words():
    for text in TAKEN_BACK:
        assert not default_cue_reader().read(text, temperature_talk=True).correction, text


def test_a_reading_given_to_someone_else_is_replaced_by_the_new_one(extractor):
    first, second = converse(extractor, "The temperature is 38.4, what I must do?", SOMEONE_ELSES_READING)
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["retracted"]


def test_a_denied_finding_is_taken_back(extractor):
    first, second = converse(extractor, "i have chest pain", DENIED)
    assert first[TRIAGE_KEY]["level"] == "emergency"
    assert second[TRIAGE_KEY]["level"] == "routine"


def test_an_emergency_stands_when_the_denial_is_of_another_sign(extractor):
    first, second = converse(extractor, "my throat feels tight and my lips are tingling", DENIES_ANOTHER_SIGN)
    assert first[TRIAGE_KEY]["level"] == "emergency"
    assert second[TRIAGE_KEY]["level"] in (None, "emergency")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


def test_a_correction_that_names_nothing_is_asked_about_and_the_advice_stands(extractor):
    first, second = converse(extractor, "PURPLE MARKS ALL DOWN MY ARMS", NAMES_NOTHING)
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert second[TRIAGE_KEY]["episode"]["ask"]
    assert second[TRIAGE_KEY]["level"] == "urgent"


@pytest.mark.parametrize("threshold", [None, 0.999])
def test_without_a_sure_classifier_nothing_is_taken_back(threshold):
    extractor = with_followups(SaysTakenBack(), followup_taken_back=threshold)
    _, second = converse(extractor, "i have chest pain", DENIED)
    assert second[TRIAGE_KEY]["level"] in (None, "emergency")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


def test_a_question_or_a_new_report_is_never_read_as_taking_back():
    class AlwaysTakenBack(SaysTakenBack):
        def probability_taken_back(self, text: str) -> float:
            return 0.99

    extractor = with_followups(AlwaysTakenBack(), followup_taken_back=0.8)
    _, asked = converse(extractor, "i have chest pain", "is there no pain relief I can take with it?")
    assert not (asked[TRIAGE_KEY].get("episode") or {}).get("retracted")
    _, worse = converse(extractor, "temp 38.2", "I was wrong, it's 39.8 now and I can't stop shaking")
    assert worse[TRIAGE_KEY]["level"] == "emergency"


def test_the_trained_classifier_hears_corrections_not_reports():
    classifier = FollowUpClassifier.train(load_followups())
    assert classifier.probability_taken_back("sorry wrong chat, that was meant for my sister, I'm fine") > 0.5
    for text in ("and now my gums are bleeding too", "it's been like that since Sunday", "can I take ibuprofen?"):
        assert classifier.probability_taken_back(text) < 0.5, text
