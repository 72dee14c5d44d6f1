"""No cause explains a bleed that went on long, keeps happening or comes from inside; and every
statement of self-harm is a crisis, however everyday its words ("cut myself on the arm")."""

import pytest

from bot.detect import assess


@pytest.mark.parametrize(
    "text",
    [
        "nosebleed after a knock, stopped after an hour",
        "my nose bled for 40 minutes after I banged it, it's stopped now",
        # however the duration is put (bot/detect/duration.py), not only "N minutes"
        "my gums bled for 1hr after the dentist, stopped now",
        "bleeding gums after the dentist, went on for 2hrs",
        "nosebleed after I banged my nose, it stopped in 20 minutes",
        "bleeding gums after the dentist, stopped after an hour",
        "my gums bleed every time I brush, it stops after a bit",
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
        "the needle site keeps bleeding through the plaster, it's been 3 hours",
        "cut my finger peeling spuds, it bled through two plasters",
        "my nose has been bleeding for 2 hours now",
        "cut my hand on a tin, pressed on it 20 mins and it's still actively bleeding",
        "nosebleed for half an hour now, soaking through towel after towel",
        "cut on my hand has been bleeding for 3 hours, keeps coming thru the bandage",
        # a second language's "from" or "since" for how long (probe 26)
        "My gums is bleeding from two hours, I press with tissue, it not stop",
        "nosebleed since 2 hours, I press and press",
    ],
)
def test_bleeding_through_a_dressing_or_for_hours_will_not_stop_whatever_its_cause(text):
    assert assess(text).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "cut myself",
        "I've been cutting myself again",
        "I cut myself on purpose last night",
        "I cut myself when I feel like this",
        "been cutting myself at night when everyone's asleep",
        "been cutting myself on the tummy where no one can see",
        "I want to hurt myself while he's at work",
        "i cut myself on my arm again last night",
        "I cut myself on the arm last night, it's stopped bleeding now",
        "my son has been burning himself on the arm with a lighter",
        "I hurt myself on a bad day, it helps",
        "i keep wanting to hurt myself when i'm alone",
        "I've cut myself shaving 4 times this week, they're not accidents",
    ],
)
def test_self_harm_is_still_a_crisis(text):
    assert assess(text).level == "emergency"
    assert "self_harm" in assess(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "my son has been looking up ways to overdose on his phone",
        # asking how is the crisis statement, though it is a question
        "is there an easy way to overdose that doesn't hurt",
        "is there a painless way to kill myself?",
        "whats the best way to end it all",
        # said of oneself in a question
        "is it wrong that I want to die?",
    ],
)
def test_asking_how_to_overdose_is_a_crisis(text):
    assessment = assess(text)
    assert assessment.level == "emergency" and assessment.crisis


@pytest.mark.parametrize(
    "text",
    [
        "how to od-proof the kitchen cupboard, the grandkids visit on Sunday",
        "what are the ways to end my life insurance policy while on long term meds?",
        "is self harm a side effect of aza?",
        "can azathioprine cause suicidal thoughts?",
        "can I take all my tablets at once?",
        "would it be career suicide to tell my boss I need time off for bloods?",
        "still actively looking for a new GP, had a small nosebleed, stopped in 2 mins",
        "night sweats again, soaked through the towel I put on my pillow",
        "my nose has bled twice in the last 24 hours, stopped quickly each time",
    ],
)
def test_words_like_a_crisis_or_a_bleed_that_will_not_stop_are_not_one(text):
    assessment = assess(text)
    assert not assessment.crisis and assessment.level != "emergency"
