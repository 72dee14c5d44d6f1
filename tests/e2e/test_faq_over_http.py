"""FAQ answers over HTTP: held-out phrasings reach the right topic, and never look like an emergency."""

from collections import Counter

import pytest

from bot.measure.cases import FAQ_HELDOUT_FILE, answered_topic, graded_level, nlu_examples

HELDOUT = nlu_examples(FAQ_HELDOUT_FILE)
MIN_ACCURACY = 0.90


def test_heldout_questions_reach_their_topic(new_conversation, report_figure):
    right, total, wrong = Counter(), Counter(), []
    red_flags = []
    for intent, text in HELDOUT:
        topic = intent.split("/", 1)[1]
        reply = new_conversation().send(text)
        total[topic] += 1
        got = answered_topic(reply)
        if got == topic:
            right[topic] += 1
        else:
            wrong.append((topic, got, text))
        if graded_level(reply.triage) in ("urgent", "emergency"):
            red_flags.append(text)
    accuracy = sum(right.values()) / sum(total.values())
    report_figure(f"held-out FAQ accuracy over HTTP: {accuracy:.3f} ({sum(right.values())}/{sum(total.values())})")
    report_figure("  per topic: " + ", ".join(f"{t} {right[t]}/{total[t]}" for t in sorted(total)))
    for expected, got, text in wrong:
        report_figure(f"  miss: {text!r} -> {got} (expected {expected})")
    assert not red_flags, f"FAQ questions graded urgent or emergency: {red_flags}"
    assert accuracy >= MIN_ACCURACY


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("how does azathioprine work", ["white blood cells"]),
        ("how long does azathioprine take to work", ["weeks"]),
        ("why do i need blood tests on azathioprine", ["liver"]),
        ("what is the tpmt test", ["TPMT"]),
        ("how does azathioprine compare with mycophenolate", ["mycophenolate"]),
        ("how does azathioprine compare with ciclosporin", ["ciclosporin"]),
        ("can i take herbal remedies with azathioprine", ["herbal"]),
    ],
)
def test_promises_of_the_brief_are_answered(new_conversation, question, words):
    reply = new_conversation().send(question)
    for word in words:
        assert word.lower() in reply.text.lower()
    assert "Source:" in reply.text


@pytest.mark.parametrize(
    ("question", "topic"),
    [("so what even is this stuff", "what_is"), ("how does this stuff work then", "how_it_works")],
)
def test_the_medicine_called_this_stuff_is_not_small_talk(new_conversation, question, topic):
    # Shaped like "what is this (bot)?", but in a chat about one medicine "this stuff" is the medicine.
    assert answered_topic(new_conversation().send(question)) == topic


def test_follow_up_button_reaches_its_topic(new_conversation):
    conversation = new_conversation()
    reply = conversation.send("what are the side effects of azathioprine")
    assert answered_topic(reply) == "side_effects"
    button = next(b for b in reply.buttons if "serious" in b["title"].lower())
    assert answered_topic(conversation.send(button["payload"])) == "serious_side_effects"


def test_low_confidence_offers_topics_and_a_person(new_conversation):
    reply = new_conversation().send("aza zzz wibble")  # names the medicine, but no FAQ answer fits
    assert "didn't understand" in reply.text
    assert "pharmacist" in reply.text
    assert 2 <= len(reply.buttons) <= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you tell me if I have lupus", "can't diagnose"),
        ("what are the side effects of metformin", "only have information about azathioprine"),
        # Shaped like azathioprine FAQ questions, but about another medicine alone: never
        # azathioprine's answer.
        ("does lansoprazole make your hair fall out", "only have information about azathioprine"),
        ("how long does tacrolimus take to start working", "only have information about azathioprine"),
        ("can you drink alcohol on doxycycline", "only have information about azathioprine"),
        ("can I talk to a real nurse", "can't put you through"),
    ],
)
def test_out_of_scope_medical_questions_get_a_scoped_answer(new_conversation, text, expected):
    assert expected in new_conversation().send(text).text
