"""A contact with chickenpox, shingles or measles and what the reference's row says of it: "(if not
known to be immune)". Known immunity, told as a statement with how it is known, rules the contact
out (bot/detect/ruled_out.py); a name of the illness with no one near is not a contact
(`needs_all`); in a conversation a later message that says so takes the contact back
(bot/triage/episode.py) and the reply says why."""

from __future__ import annotations

import pytest

from bot.detect import assess, default_detector
from bot.regions import load_regions
from bot.triage import default_engine
from bot.triage.episode import grade_episode, turn_payload
from bot.triage.findings import ASSERTED, RULED_OUT, Mention
from bot.triage.replies import symptom_detail

ENGINE = default_engine()


@pytest.mark.parametrize(
    "text",
    [
        "Our neighbour's boy has chickenpox and played here on Saturday. "
        "My varicella IgG was positive when I started azathioprine.",
        "Shingles on the ward today, nursed him for an hour. Occ health tested me last year and I'm immune.",
        "Measles at my son's school and he sits next to the boy. "
        "His bloods before the transplant said he's immune to measles.",
        "The grandkids have chickenpox and were here all weekend, but the clinic letter says I'm immune.",
    ],
)
def test_known_immunity_rules_the_contact_out(text):
    detection = default_detector().detect(text)
    assert "infection_contact" in detection.ruled_out
    assert assess(text).level is None
    assert all(m.status != ASSERTED for m in detection.mentions if m.code == "infection_contact")


@pytest.mark.parametrize(
    "text",
    [
        # not known: supposed, hearsay or a history
        "My grandson has chickenpox and sat on my lap yesterday. I had it as a girl so I'm immune.",
        "A boy in Ella's class has measles. My mum says I'm immune.",
        "Nephew has chickenpox, I held him all afternoon. I think my blood test said I'm immune.",
        "My colleague has shingles, we share a desk. I was immune once, the test showed it years ago.",
        # a question, a denial, someone else, another illness
        "my grandson has chickenpox and stayed over, the clinic tested me, would I be immune?",
        "Granddaughter has chickenpox, cuddled her all day. "
        "My husband's blood test says he is immune but I've never had it.",
        "Tested as immune to chickenpox at the clinic. A kid at the party has measles and was there all afternoon.",
        "My daughter has chickenpox. I'm immune suppressed on aza, my bloods are checked every month.",
        # a rash of one's own: immunity to chickenpox does not rule out shingles
        "I've got a painful stripe of spots round my side, might be shingles. My IgG was positive at the clinic.",
    ],
)
def test_a_contact_not_known_to_be_immune_stays_urgent(text):
    assert "infection_contact" not in default_detector().detect(text).ruled_out
    assert assess(text).level == "urgent"


@pytest.mark.parametrize(
    "text",
    ["measles documentary tonight, wild stuff", "Storm last night ripped the shingles off the shed roof"],
)
def test_the_name_of_the_illness_with_nobody_near_is_not_a_contact(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text",
    ["Tom has chickenpox and I'm on aza", "sis has measles, we share a room", "I had shingles down my left side"],
)
def test_someone_who_has_it_or_the_person_themselves_still_counts(text):
    assert assess(text).level == "urgent"


def _turn(text: str):
    detection = default_detector().detect(text)
    own = ENGINE.grade(detection)
    return turn_payload(
        own,
        ruled_out=[c for c in detection.ruled_out if c not in own.findings],
        illnesses={code: list(groups) for code, groups in detection.illnesses.items()},
    )


def _episode(*texts: str):
    turns = [_turn(text) for text in texts]
    return grade_episode(turns[:-1], turns[-1], ENGINE).assessment


def test_a_later_message_with_known_immunity_takes_the_contact_back_and_says_why():
    result = _episode(
        "my friend's little boy has chickenpox and he sat on my knee yesterday",
        "Just checked my hospital letter from when I started. My chickenpox antibodies were positive, I'm immune.",
    )
    assert result is not None and result.level == "routine"
    assert result.episode is not None and result.episode["ruled_out"] == ["infection_contact"]
    reply = symptom_detail(result, load_regions()["us"]).text
    assert "Known immunity" in reply and "38°C (100.4°F)" in reply
    assert "taken that back" not in reply


@pytest.mark.parametrize(
    "turns",
    [
        # immunity to the other illness, or naming none after two
        ("Nephew has chickenpox and he stayed with us", "My measles IgG was positive at the clinic, I'm immune"),
        (
            "Chickenpox in my class on Monday and measles in the staff room on Wednesday",
            "I had a blood test before starting aza and I'm immune",
        ),
        # hearsay
        ("my grandson has chickenpox and we were together all day", "My mum says I'm immune"),
    ],
)
def test_a_later_message_leaves_a_contact_it_does_not_rule_out(turns):
    result = _episode(*turns)
    assert result is None or result.level == "urgent"


def test_a_correction_right_after_brings_the_contact_back():
    immune = turn_payload(ENGINE.grade_mentions([]), ruled_out=["infection_contact"], illnesses={})
    contact = turn_payload(ENGINE.grade_mentions([Mention("infection_contact", "chickenpox", 0, 10, ASSERTED)]))
    assert grade_episode([contact], immune, ENGINE).assessment.level == "routine"  # type: ignore[union-attr]
    again = grade_episode([contact, immune], turn_payload(ENGINE.grade_mentions([]), correction=True), ENGINE)
    assert again.assessment is not None and again.assessment.level == "urgent"


def test_a_ruled_out_mention_grades_nothing():
    assert ENGINE.grade_mentions([Mention("infection_contact", "chickenpox", 0, 10, RULED_OUT)]).level is None


def test_a_single_message_that_rules_the_contact_out_says_why():
    from bot.nlu.routing import route

    text = "Chickenpox in Amy's nursery room. Her antibody test at the transplant clinic was positive, she's immune."
    assessment = assess(text)
    assert assessment.level is None and assessment.ruled_out == ["infection_contact"]
    reply = symptom_detail(assessment, load_regions()["uk"]).text
    assert "Known immunity" in reply and "Source: NHS; Versus Arthritis." in reply
    assert route(assessment, "faq", 0.9, faq_answer_confidence=0.95).intent == "report_symptom"
