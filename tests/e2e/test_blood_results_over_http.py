"""'My neutrophils are 1.2, is that bad?' over HTTP: the same card as any triage reply, the reading
against the commonly used limit, and a question back when the number or unit doesn't fit."""

import pytest

from bot.triage.blood_results import load_blood_tests

TABLE = load_blood_tests()


@pytest.mark.parametrize(
    ("text", "level", "says"),
    [
        ("my neutrophils are 1.2, is that bad?", "urgent", "under 1.6 x10^9/L"),
        ("platelets 139 on my app", "urgent", "under 140 x10^9/L"),
        ("ALT 101 U/L", "urgent", "over 100 U/L"),
        ("ANC 1.2 K/uL", "urgent", "under 1.6"),  # US units: the same number
        ("albumin 2.8 g/dL", "urgent", "2.8 g/dL (28 g/L)"),
        ("neutrophils 1.6, platelets 140", "routine", "next review"),  # at the limit: inside
        ("neutrophils 1.2 and I've got a temperature of 38.3", "emergency", "neutropenic sepsis"),
        ("wbc 2.9, and I have a sore throat", "emergency", "neutropenic sepsis"),
    ],
)
def test_a_result_gets_the_triage_card_and_the_reading(new_conversation, text, level, says):
    reply = new_conversation().send(text)
    assert reply.triage and reply.triage["level"] == level, reply.text
    assert says in reply.text
    if level != "routine":
        assert TABLE.never_yourself in reply.text and TABLE.local_limits in reply.text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("my hb is 115, what does that mean?", "don't cover haemoglobin"),
        ("my platelets are 95 g/L", "Can you check the unit"),
        ("neutrophils 45%", "Can you check the unit"),
        ("ANC 1500", "Can you tell me the unit"),
        ("platelets 9000 x10^9/L", "Can you check the number"),
    ],
)
def test_a_result_no_limit_grades_is_never_guessed(new_conversation, text, says):
    reply = new_conversation().send(text)
    assert says in reply.text, reply.text
    assert reply.triage is None  # no card: nothing was graded
    assert "999" in reply.text  # the way out


def test_a_result_inside_the_limit_wins_over_the_blood_test_faq(new_conversation):
    reply = new_conversation().send("are my blood results ok? neutrophils 2.4")
    assert reply.triage and reply.triage["level"] == "routine" and "inside the limit" in reply.text


def test_someone_elses_result_is_not_graded(new_conversation):
    reply = new_conversation().send("my husband's platelets are 95, he doesn't take azathioprine")
    assert not (reply.triage and reply.triage["level"] in ("urgent", "emergency"))
