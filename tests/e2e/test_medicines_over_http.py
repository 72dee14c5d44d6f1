"""'Can I take X with azathioprine?' over HTTP: an answer for each medicine named, from
data/clinical/medicines.yml, and a red flag in the same message escalating first."""

import pytest

from bot.measure.cases import answered_topic
from bot.triage.medicines import load_medicines

TABLE = load_medicines()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my GP gave me trimethoprim for a water infection, is that ok with my aza?", "trimethoprim"),
        ("can i take ibuprofin with azathioprine", "ibuprofen and other anti-inflammatory painkillers"),
        ("is it ok to have allopurinol and lisinopril with imuran", "allopurinol (for gout)"),
        ("Can I take Tylenol while on Azasan?", "paracetamol (acetaminophen)"),
    ],
)
def test_a_named_medicine_gets_its_own_answer(new_conversation, text, expected):
    reply = new_conversation().send(text)
    assert expected.capitalize() in reply.text, reply.text
    assert "999" in reply.text  # the way out, as in every reply about health
    assert reply.triage is None


def test_several_medicines_are_answered_most_cautious_first(new_conversation):
    reply = new_conversation().send("can i take paracetamol, febuxostat and ramipril with aza?")
    text = reply.text
    assert text.index("Febuxostat") < text.index("Ace inhibitor") < text.index("Paracetamol")
    assert "Avoid with azathioprine" in text and "Only if your specialist agrees" in text
    assert TABLE.never_yourself in text


def test_an_unknown_medicine_is_never_called_safe(new_conversation):
    reply = new_conversation().send("can I take tofacitinib with my azathioprine?")
    assert TABLE.unknown in reply.text
    assert "Usually fine" not in reply.text


def test_a_red_flag_in_the_same_message_escalates_first(new_conversation):
    reply = new_conversation().send("I've got a temperature of 39, can I take paracetamol with aza?")
    assert reply.triage and reply.triage["level"] == "urgent"


def test_another_medicine_alone_still_gets_the_scope_reply(new_conversation):
    reply = new_conversation().send("what are the side effects of clarithromycin")
    assert "I only have information about azathioprine" in reply.text


def test_a_question_only_about_allopurinol_keeps_its_fuller_answer(new_conversation):
    reply = new_conversation().send("can i take allopurinol with azathioprine")
    assert answered_topic(reply) == "allopurinol" and not reply.medicines


@pytest.mark.parametrize("text", ["should I take febuxostat", "is it fine to take co-trimoxazole"])
def test_asking_about_a_medicine_to_avoid_gets_the_warning(new_conversation, text):
    reply = new_conversation().send(text)
    assert reply.medicines and reply.medicines["found"], reply.text
