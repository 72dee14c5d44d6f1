"""A later message that says, in words the cue list does not have, that the problem is over ends
the episode as "I'm fine now" would; nothing else changes (a report of its own, a correction, a
question, a dose) and what "I'm fine now" cannot undo still stands."""

from __future__ import annotations

import pytest

from bot.detect.followup import FollowUp, FollowUpClassifier, load_followups
from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from tests.unit.test_symptom_extractor_conversation import converse

# Not a cue phrase of data/clinical/conversation_cues.yml: only the classifier can read it.
OVER_IN_OTHER_WORDS = "she has bucked up no end, pottering in the garden again"


def assert_still_stands(before: dict, after: dict) -> None:
    """The later message ended nothing: it has no advice of its own (the earlier advice is the
    latest), or the same advice again."""
    assert not (after[TRIAGE_KEY].get("episode") or {}).get("ended")
    assert after[TRIAGE_KEY]["level"] in (None, before[TRIAGE_KEY]["level"])


class SaysOver:
    """A stand-in classifier: sure the message says it is over when it is the test's phrase."""

    def probability_over(self, text: str) -> float:
        return 0.99 if text == OVER_IN_OTHER_WORDS else 0.01


def with_followups(followups: object, **settings: object) -> SymptomExtractor:
    """The extractor as config.yml sets it up (patterns only), with this follow-up classifier."""
    config = {**SymptomExtractor.get_default_config(), "followup_over": 0.8, **settings}
    component = SymptomExtractor(config, None, None, None)  # type: ignore[arg-type]
    component.followups = followups  # type: ignore[assignment]
    return component


@pytest.fixture()
def extractor() -> SymptomExtractor:
    return with_followups(SaysOver())


def test_an_episode_ends_when_the_classifier_reads_that_it_is_over(extractor):
    first, second = converse(extractor, "mum's gums keep bleeding when she brushes", OVER_IN_OTHER_WORDS)
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["ended"]


# A cue phrase says something is over, but not what: neither "it" nor the person as a whole.
OVER_BUT_NOT_WHAT = "Good news to report, things have all calmed down since the weekend and we're eating properly again"


def test_an_ending_the_cue_words_cannot_pin_down_is_the_classifiers_to_read():
    class SaysThisIsOver:
        def probability_over(self, text: str) -> float:
            return 0.99 if text == OVER_BUT_NOT_WHAT else 0.01

    extractor = with_followups(SaysThisIsOver())
    first, second = converse(extractor, "I've had the runs for five days now", OVER_BUT_NOT_WHAT)
    assert first[TRIAGE_KEY]["level"] == "soon"
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["ended"]
    # Unsure, the classifier leaves the advice as it was.
    extractor.followups = SaysOver()
    before, after = converse(extractor, "I've had the runs for five days now", OVER_BUT_NOT_WHAT)
    assert_still_stands(before, after)


def test_without_the_classifier_the_advice_stands(extractor):
    extractor.followups = None
    _, second = converse(extractor, "mum's gums keep bleeding when she brushes", OVER_IN_OTHER_WORDS)
    assert second[TRIAGE_KEY]["level"] != "routine"


@pytest.mark.parametrize(
    "first",
    [
        "my 3 year old swallowed one of my azathioprine tablets",  # a child who swallowed a tablet
        "I took my azathioprine twice this morning by mistake",  # a dose taken
    ],
)
def test_what_feeling_fine_cannot_undo_still_stands(extractor, first):
    before, after = converse(extractor, first, OVER_IN_OTHER_WORDS)
    assert_still_stands(before, after)


def test_a_message_that_reports_something_of_its_own_is_not_read_as_over(extractor):
    class AlwaysOver:
        def probability_over(self, text: str) -> float:
            return 0.99

    extractor.followups = AlwaysOver()
    _, second = converse(extractor, "my gums keep bleeding", "and now I've got a temperature of 38.6")
    assert second[TRIAGE_KEY]["level"] == "urgent"
    _, asked = converse(extractor, "my gums keep bleeding", "can I still have my flu jab?")
    assert not (asked[TRIAGE_KEY].get("episode") or {}).get("ended")


def test_the_trained_classifier_tells_over_from_still_going():
    examples = load_followups()
    assert {e.label for e in examples} == {"over", "taken_back", "continues", "other"}
    classifier = FollowUpClassifier.train(examples)
    assert classifier.probability_over("he is right as rain again, back at school since monday") > 0.5
    for still in ("not any better, if anything it's spreading", "hoping it clears up by tomorrow"):
        assert classifier.probability_over(still) < 0.5, still


def test_the_classifier_round_trips_through_its_stored_bytes():
    classifier = FollowUpClassifier.train([FollowUp("all gone now", "over"), FollowUp("still there", "continues")] * 3)
    again = FollowUpClassifier.loads(classifier.dumps())
    assert again.probability_over("all gone now") == classifier.probability_over("all gone now")


@pytest.fixture(scope="module")
def trained() -> SymptomExtractor:
    return with_followups(FollowUpClassifier.train(load_followups()))


@pytest.mark.parametrize(
    ("first", "later"),
    [
        # an emergency is never ended by the classifier's reading
        ("daughter has a temperature of 39 and a rash", "she's settled now, waiting for 111 to call back"),
        ("sudden chest pain, struggling to breathe", "fine now after the ambulance crew gave me oxygen"),
        # asleep is not better; help awaited is not over
        ("temp 38.6 and she's been crying for hours", "she's finally settled and dozing"),
        # something excepted is still going
        ("she's got a rash and she's really tired", "all cleared up now apart from feeling wiped out"),
        # a named thing that is over ends only that thing (the cue words and the grading decide)
        ("my daughter has a temp of 38.4", "her face went back to normal"),
        # a prediction is not an ending
        ("I've got a temperature of 38.6 and I'm shivering", "the GP said she'd be back to normal in a day or two"),
        # a dose taken is not undone
        ("I think I took too many tablets", "it's gone now since I doubled my dose"),
        # what is fine is a part of the body nobody reported: that only, not the temperature or bruises
        ("temp 38.7, on azathioprine for lupus", "my hands feel fine now"),
        ("I've found bruises on both arms and I don't know how I got them", "legs feel fine now"),
        ("She has a temp of 38.3 and her ear hurts", "Ear's fine now"),
        ("my son has a temperature of 38.5, he's on aza", "tummy's fine now, he's eating"),
    ],
)
def test_the_trained_classifier_never_ends_what_is_not_over(trained, first, later):
    before, after = converse(trained, first, later)
    assert_still_stands(before, after)


@pytest.mark.parametrize(
    ("first", "later", "stays"),
    [
        ("temp 38.5 and my gums keep bleeding", "my temperature is back to normal now", "bleeding_gums"),
        ("the whites of his eyes went yellow and his wee is like cola", "his wee is back to normal", "jaundice"),
        ("mouth ulcers and my throat is really sore", "my throat went back to normal", "mouth_ulcers"),
    ],
)
def test_a_named_thing_that_is_over_ends_only_that_thing(trained, first, later, stays):
    before, after = converse(trained, first, later)
    assert after[TRIAGE_KEY]["level"] in (None, before[TRIAGE_KEY]["level"])
    assert stays in (after[TRIAGE_KEY]["findings"] or before[TRIAGE_KEY]["findings"])
