"""Red flags in everyday words that a detector tuned on clinical words missed: a child eating
tablets that belong to someone else, bleeding that is still going, a child at school today."""

import pytest

from bot.detect import assess


@pytest.mark.parametrize(
    "text",
    [
        "the little boy next door, 4, eat my imuran off the table",
        "my toddler swallowed one of his sister's azathioprine, she had a liver transplant, he seems fine",
    ],
)
def test_a_child_eating_someone_elses_tablets_is_an_emergency(text):
    assert assess(text).level == "emergency"


def test_a_child_swallowing_their_own_dose_is_not():
    assert assess("my son had his kidney transplant last year and swallowed his aza fine tonight").level is None


@pytest.mark.parametrize(
    "text",
    [
        "her nosebleed began at school and is still going two hours on",
        "my nose started bleeding after lunch, pressed on it for ages and it hasn't stopped",
    ],
)
def test_bleeding_that_has_not_stopped_is_an_emergency(text):
    assert assess(text).level == "emergency"


def test_bleeding_that_has_stopped_is_not_an_emergency():
    assert assess("nosebleed at school today, took a while but it has stopped now").level != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my wife forgot her imuran last night, should she take double this morning to catch up",
        "signs someone has had too much aza? my dad is forgetful and i worry he might double up",
    ],
)
def test_asking_about_a_double_dose_is_not_reporting_one(text):
    assert assess(text).level is None


def test_a_double_dose_taken_is_still_urgent():
    assert assess("my dad had too much imuran this morning, what are the signs to watch for").level == "urgent"


def test_something_else_still_going_is_not_a_bleed():
    assert assess("I had a blood test on Monday. The headache is still going.").level != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "need to bleed the radiator tonight",
        "the radiator I was trying to bleed is stuck",
        "I bled the brakes on the car",
    ],
)
def test_letting_air_out_of_a_radiator_is_not_bleeding(text):
    assert assess(text).level is None


def test_sorry_im_not_making_sense_is_not_confusion():
    assert assess("sorry sorry im not making sense, typing too fast").level is None
    assert assess("she's not making sense and doesn't know where she is").level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "Honestly I'd be better off if I never started azathioprine, the side effects are awful",
        "I think I'm better off if I wasn't on steroids as well",
        "I hope I don't wake up feeling sick again tomorrow",
        "The nurse showed me the injection and I've worked out how to do it",
        "My daughter came round and she took my tablets out of the packet for me",
    ],
)
def test_everyday_sentences_are_not_a_crisis_or_a_child_swallowing_tablets(text):
    assert assess(text).level != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "I'm really exhausted and have a slight headache",
        "My stomach is very sore and I feel slightly sick",
        "my tummy hurts so much I can't sleep",
    ],
)
def test_a_mild_word_about_something_else_does_not_soften_a_marked_one(text):
    assert assess(text).level == "urgent"
