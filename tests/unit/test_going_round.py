"""Illness going round other people is theirs (bot/detect/going_round.py); the writer's or the
patient's own infection, however it is told beside what is going round, stays a red flag."""

import pytest

from bot.detect import assess
from bot.triage.findings import SOMEONE_ELSE
from tests.unit.test_detector import statuses


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("there's a nasty bug going round my office, what can I do to avoid it on aza?", "infection"),
        ("Covid's doing the rounds at work again, should I wear a mask on imuran?", "infection"),
        ("FLU EVERYWHERE AT SCHOOL!! is it too late for the jab on aza", "flu_like_illness"),
        ("half my team has flu this week, anything extra I should be doing?", "flu_like_illness"),
        ("In the shop many people have cough now, how I protect myself on aza?", "cold_symptoms"),
        ("strep's going round my son's class, should I keep him home? he's on aza", "sore_throat"),
    ],
)
def test_illness_going_round_other_people_is_theirs(text, code):
    assert statuses(text).get(code) == SOMEONE_ELSE
    assert assess(text).level in (None, "routine")


@pytest.mark.parametrize(
    "text",
    [
        # The writer or the patient has it or caught it.
        "I've caught the bug that's going round",
        "think it's the flu that's going round, aching all over",
        "there's a tummy bug going round and I've got it now",
        "everyone at home has flu and now I have it too",
        "flu everywhere at work, I've got it bad",
        "got flu, it's going round work",
        "I've got flu. It's everywhere at work",
        "covid going round school and he tested positive",
        # Someone who could be the patient is among those who have it, or a household has it.
        "everyone at home has a cold, can I take echinacea with azathioprine",
        "everyone but me has a cold, and my throat is sore",
        "my son has flu, half his class is off",
        "we have all got the flu that's going round",
        # ...or is told of anywhere in the message, in a word or before the group (a third review's).
        "Me and half my office have flu, anything extra I should do on aza?",
        "Half my office has flu, feeling grim, anything extra I should do on aza?",
        "Woke up feeling grotty. Half my office has flu. Should I stay off work?",
        # Something else is reported: the message is a report, the illness going round its likely cause.
        "there's a bug going round, I have a sore throat",
        "half my office has flu and I'm shivering",
        "tummy bug doing the rounds at nursery, he's been sick twice and has a temp",
        # A verb is what someone is doing, not an illness going round.
        "coughing everywhere at work, ok on aza?",
    ],
)
def test_the_writers_or_patients_own_infection_stays_a_red_flag(text):
    assert assess(text).level in ("soon", "urgent", "emergency")
    assert SOMEONE_ELSE not in statuses(text).values()


def test_someone_vomiting_everywhere_is_not_an_illness_going_round():
    text = "DOG ATE SOMETHING AND IS THROWING UP EVERYWHERE. not my pills"
    assert statuses(text).get("vomiting") != SOMEONE_ELSE
