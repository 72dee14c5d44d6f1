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
