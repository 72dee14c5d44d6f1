"""When the medicine was started, read as days (bot/detect/started.py): the early-weeks rule of the
triage table applies only when it was started in the first weeks, however that is put."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.detect import assess
from bot.detect.started import default_start_reader
from bot.triage.lexicon import LEVEL_RANK

TODAY = date(2026, 12, 4)
READER = default_start_reader()


@pytest.mark.parametrize(
    "text",
    [
        "only been on the aza since the 20th",
        "commenced AZA 3/52 ago",
        "I'm on week five of azathioprine",
        "she started her new tablet, azathioprine, 9 days ago",
        "im 6 days into the imuran",
        "my dad start this medicine imuran since 12 days",
        "he is taking the azathioprin from 2 weeks only",
        "azathioprine was added to his tacrolimus a fortnight ago",
        "the consultant put me on it last Thursday",
        "first dose was on 20/11",
        "had my first azathioprine tablet on sunday night",
        "been on aza for a week and a half",
        "we started our son on aza at the end of last month",
        "about 10 days since the team started her on azathioprine",
        "Mum's been on azathioprine just under a month",
        "started Imuran November 25th",
    ],
)
def test_a_start_in_the_first_weeks(text):
    assert READER.recent(text, TODAY) is True


@pytest.mark.parametrize(
    "text",
    [
        "started aza 15 weeks ago",
        "been on imuran since 2018",
        "he's been on it for about 4 months",
        "on azathioprine since she was little",
        "started omeprazole last week, aza for 2 years",
        "the rash started 2 weeks ago but I've been on aza for 3 years",
        "they put the dose up last week, on aza 3 years",
        "started a new cream last week",
        "prescribed aza today but not taken any yet",
        "starting azathioprine next week",
    ],
)
def test_not_a_start_in_the_first_weeks(text):
    assert not READER.recent(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "Ellie came off her scooter yesterday and has a bruise on her knee from it",
        "my sister's wedding is in 3 weeks",
        "what is the dose for a child",
        "My knees started aching yesterday and it is really bad",
    ],
)
def test_nothing_said_of_a_start(text):
    assert READER.recent(text, TODAY) is None


@given(st.integers(min_value=1, max_value=40), st.sampled_from(["days", "weeks", "months"]))
def test_a_duration_is_read_in_days(number, unit):
    days = number * {"days": 1, "weeks": 7, "months": 30}[unit]
    (start,) = READER.starts(f"started azathioprine {number} {unit} ago", TODAY)
    assert start.days == days
    assert READER.recent(f"started azathioprine {number} {unit} ago", TODAY) is (days <= READER.first_weeks_days)


def test_the_early_weeks_rule_follows_the_reading():
    assert assess("aching all over and dizzy, been on the aza since the 1st").findings.count("recently_started") in (
        0,
        1,
    )
    # Longer ago, the reading adds nothing (what the patterns find stands: the reading only adds).
    assert "recently_started" not in assess("dizzy and achy, aza commenced 20/52 ago").findings
    # An age is not how long ago ("my 7 year old").
    assert "recently_started" in assess("my 7 year old started azathioprine 2 weeks ago, now a rash").findings
    assert "recently_started" in assess("dizzy and achy, commenced aza 2/52 ago").findings


REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_started42.yml").read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("text", [m["text"] for m in REVIEW])
def test_a_reviewers_first_weeks_report_is_urgent(text):
    assert LEVEL_RANK[assess(text).level or "routine"] >= LEVEL_RANK["urgent"]
