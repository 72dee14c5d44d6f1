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
        "cut my finger on a tin, pressed on it for ages and it hasn't stopped",
    ],
)
def test_bleeding_that_has_not_stopped_is_an_emergency(text):
    assert assess(text).level == "emergency"


def test_bleeding_that_has_stopped_is_not_an_emergency():
    assert assess("nosebleed at school today, took a while but it has stopped now").level != "emergency"
