"""Confused about what one was told is not new confusion (bot/detect/puzzled.py); new confusion in
anyone's words, the writer's included, stays an emergency."""

import pytest

from bot.detect import assess
from bot.triage.findings import GENERAL
from tests.unit.test_detector import statuses


@pytest.mark.parametrize(
    "text",
    [
        "The box says Imuran but the label says azathioprine and now I'm confused. Are they the same?",
        "Is it with food or not? The leaflet says one thing and the pharmacist told me another and now im muddled",
        "Why every two weeks? The letter says fortnightly and the website says monthly and I'm confused",
        "Azathioprine cause the cancer? Doctor say something about risk but I not understand all of it, I am confused",
        "Could you explain the difference? I'm a bit muddled after reading the leaflet",
    ],
)
def test_the_writer_puzzled_by_information_is_not_new_confusion(text):
    assert statuses(text).get("confusion") == GENERAL
    assert assess(text).level != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # No information: the writer's own confusion.
        "I'm confused, what should I do?",
        # A state that came on, whatever was said or read.
        "the doctor said it can make you confused and I'm all confused today",
        "My wife tells me I have been muddled all day, is it the tablets the pharmacist gave me?",
        "I feel really confused, the leaflet says that's serious?",
        "doctor said to ask you. I'm all muddled",
        "I keep getting confused, my GP said to mention it",
        # Someone else is confused.
        "I think Mum is confused, the leaflet said it can do that",
        "Dad's muddled and the nurse said to ring you",
        # Something else reported with it.
        "temp 38.4 and I'm confused, the leaflet said to ring?",
        # What the person did, a warning, or no question (a review's, stop 49).
        "The hospital letter came and I'm muddled, I put the kettle in the fridge. Is it the tablets?",
        "The leaflet says go to A&E if you are confused. I am confused. What do I do?",
        "Read the leaflet again. So confused. Put my tea in the washing machine",
        "The pharmacy changed the brand and I am so confused",
    ],
)
def test_new_confusion_stays_an_emergency_whoever_tells_it(text):
    assert assess(text).level == "emergency"


def test_a_question_right_after_the_word_still_reads_as_puzzled_but_a_report_does_not():
    assert assess("Googled azathioprine and now I'm confused, is it chemotherapy?").level != "emergency"
    assert assess("the leaflet says this can happen and I'm confused, is it the tablets?").level == "emergency"


def test_a_blood_result_beside_it_is_something_else_reported():
    text = "Is 0.8 low? The letter says neutrophils 0.8 and now I'm confused"
    assert assess(text).level == "emergency"
