"""Everyday injuries: a bleed that stopped with an everyday cause is explained (the reference's
ordinary cause), and cutting oneself shaving is not self-harm; a bleed that went on long, keeps
happening or comes from inside, and every real statement of self-harm, still count."""

import pytest

from bot.detect import assess


@pytest.mark.parametrize(
    "text",
    [
        "cut my thumb on a tin can it stopped bleeding with a plaster",
        "nicked my finger with a knife while cooking, bleeding stopped quickly",
        "Nosebleed after his sister headbutted him by accident, stopped in 2 mins with pressure, he's fine",
        "My gums bled ever so slightly after the hygienist gave them a good going over, but it stopped straight away.",
        "Her gums bled a tiny bit after her wobbly tooth came out, stopped quickly",
        "cut myself shaving lol stopped after like a minute",
        "I hurt myself lifting boxes",
        "I burnt myself on the oven",
    ],
)
def test_an_everyday_injury_is_not_a_warning_sign(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "nosebleed after a knock, stopped after an hour",
        "my nose bled for 40 minutes after I banged it, it's stopped now",
        "my gums bleed every time I brush, it stops after a bit",
        "gums bleeding when brushing, stopped now but happens every day",
        "blood in my wee, it stopped after I fell",
        "bleeding from my bottom after I fell",
        "cut my finger and it hasn't stopped bleeding",
    ],
)
def test_a_bleed_that_went_on_long_keeps_happening_or_comes_from_inside_counts(text):
    assert assess(text).level in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "cut myself",
        "I've been cutting myself again",
        "I cut myself on purpose last night",
        "I cut myself when I feel like this",
        "been cutting myself at night when everyone's asleep",
        "I want to hurt myself while he's at work",
        "i cut myself on my arm again last night",
        "i keep wanting to hurt myself when i'm alone",
    ],
)
def test_self_harm_is_still_a_crisis(text):
    assert assess(text).level == "emergency"
    assert "self_harm" in assess(text).findings
