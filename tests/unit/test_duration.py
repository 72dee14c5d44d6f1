"""How long a bleed went on, read as minutes: any number and unit, not only the durations a list names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.detect import assess
from bot.detect.duration import durations, long_durations


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("bleeding 50min", 50),
        ("for 1hr now", 60),
        ("going 2 hours", 120),
        ("about an hour", 60),
        ("twenty minutes", 20),
        ("1.5 hrs", 90),
        ("twenty five minutes", 25),
        ("20 m", 20),
    ],
)
def test_a_number_and_a_unit_of_time_is_read_as_minutes(text, minutes):
    assert [told for _, _, told in durations(_words(text), 0, len(_words(text)))] == [minutes]


@pytest.mark.parametrize(
    "text",
    [
        "an hour ago",
        "appointment in 20 minutes",
        "every ten minutes",
        "within an hour",
        "a minute",
        "for 2 weeks",
        "nan hours",
        "1e3 min",
        "20 m2",
    ],
)
def test_a_time_not_yet_passed_a_rate_or_a_point_in_time_is_not_how_long(text):
    words = _words(text)
    assert long_durations(words, 0, len(words), 15) == []


@given(st.integers(min_value=1, max_value=600), st.sampled_from(["min", "mins", "minutes", "hr", "hrs", "hours"]))
def test_a_duration_is_long_exactly_when_it_reaches_the_threshold(number, unit):
    words = ["bleeding", str(number), unit]
    minutes = number * 60 if unit.startswith("h") else number
    assert bool(long_durations(words, 0, len(words), 15)) == (minutes >= 15)


@pytest.mark.parametrize(
    "text",
    [
        "Nosebleed 50 min, won't quit",
        "my nose has been bleeding 1hr",
        "gums have not stopped bleeding since i brushed like an hour ago",
        "nosebleed going 50 mins",
        "nosebleed 25 mins and counting",
        "Gums bleeding 1hr now, I'm on aza, what do I do",
        "nose has been bleeding for 50 mins, should I stop my azathioprine?",
        "my nose has been bleeding for 20 min, i'm pressing on it but there's still loads",
        "I've had a nosebleed for 1 hour now",
        "gums bleeding 20m now",
        "nose bleeding twenty five minutes now",
    ],
)
def test_a_bleed_told_as_going_on_for_long_will_not_stop(text):
    assert assess(text).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "nose bled for 10 mins then stopped",
        "nosebleed lasted 50 mins",
        "last week I had a nosebleed for 90 mins",
        "I've got a sore by my nose, it bled for 2 hours",
        "My finger has been bleeding for about 2 hours after a paper cut but it stopped eventually",
        "gums have been bleeding on and off for 48 hours when I brush",
        "had a nosebleed 50 mins ago, lasted 2 minutes",
        "gums bleed when I brush, dentist appointment in 20 minutes",
        # a white-box review of a first version (stop 55): over, habitual, another thing's duration
        "Had a nosebleed for about 25 mins this morning, all fine now. Do I need to tell anyone?",
        "Nosebleed for 25 minutes earlier. Over now.",
        "I'm on hold with 111 for 45 mins now about my nosebleed from this afternoon, it's dried up",
        "gums bleed for about 20 min every morning when I brush",
        "I get nosebleeds for 20 mins most days since starting azathioprine",
        "I get a small nosebleed about 2 hours after taking my tablet, is that a side effect?",
        "I fly for 11 hours tomorrow and my gums bleed a bit when I brush, ok to fly?",
        "my husband had a nosebleed for about 40 mins tonight, he's not on any meds, just me on aza",
        "I've had blood in my poo for the last 24 hours, no pain",
        "Noticed blood in my wee for about 6 hours now, no pain",
        # a second review (stop 55): a duration that is not how long the bleed has gone on now
        "It's been 2 hours since my nosebleed and I'm still a bit shaken. Do I need to tell my team?",
        "Took my aza then 1 hour later my nose started bleeding, its been going 5 minutes",
        "Nose was bleeding 50 min, still feel fine tho",
        "nose has been bleeding, less than 15 minutes so far",
        "my gums bleed 25 min at a time when I floss",
        "Is a nosebleed going 1 hour an emergency on azathioprine? Asking for my exam",
        "nose has been bleeding 1hr, it's clotted now",
        # a code review: told in the past before the finding, and "not bled since"
        "I had a nosebleed for 30 mins, should I tell my team?",
        "I did have a nosebleed for 30 mins",
        "Nosebleed for 40 mins, hasn't bled since",
        "Nosebleed 40 min. Not bled since",
    ],
)
def test_a_bleed_that_stopped_came_and_went_or_is_not_going_on_stays_below_emergency(text):
    assert assess(text).level != "emergency"
