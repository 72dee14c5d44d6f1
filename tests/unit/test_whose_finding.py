"""Whose finding it is (bot/detect/who.py): another person's illness does not grade the message
when that person does not take the medicine; everything uncertain counts as the patient's."""

from pathlib import Path

import pytest
import yaml

from bot.detect import assess
from bot.detect.detector import default_detector
from bot.triage.findings import SOMEONE_ELSE
from bot.triage.lexicon import LEVEL_RANK


@pytest.mark.parametrize(
    "text",
    [
        # they say so of the person, about all medicine or this one
        "my husband has a high temperature but he's not on any tablets",
        "My husband, who isn't on any tablets himself, has had a tummy bug these last two days.",
        "My friend has a temperature and a cough, she's not on any medication",
        "gf has mouth ulcers, she's not on any meds",
        "Wife's got a fever but she doesn't take any medication.",
        # in brackets right after the person, before a question; a medicine the table knows is not
        # a person ("on Humira")
        "Husband (not on any meds) has a fever of 102. Can he take Tylenol, and should I steer clear of him?",
        "partner's pregnant!! (I'm the one on aza, she's not on anything) anything I need to know?",
        "Buddy of mine on Humira has a fever and asked me to ask. He's not on Imuran, I am, and I'm fine.",
        # a reading given with "and a temp of", after another finding of the same person
        "Toddler has a runny nose and a temp of 38.3. He's not on anything - it's his big sister on aza.",
    ],
)
def test_someone_elses_illness_does_not_grade_the_message(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the writer's own findings, whoever else is not on it
        ("I have a fever of 39 and shivering. My husband has it too but he's not on any meds", "urgent"),
        ("I've got a temp of 38.9, my wife doesnt take aza but she's fine", "urgent"),
        ("my gums are bleeding and I have bruises everywhere, my partner isn't on aza", "urgent"),
        ("my husband isn't on aza but I am, and I have a temp of 38.8", "urgent"),
        # someone who has stopped or paused it may still be affected
        ("I stopped aza last week, I'm not taking it now but I've got a fever of 39", "urgent"),
        ("she's not on it anymore since monday, but she has a temperature of 39.5", "urgent"),
        # a dose missed or a way of taking it is not "not on it"
        ("I didn't take it today and I've got a fever of 39", "urgent"),
        ("He didn't take his aza this morning and he has a fever of 39", "urgent"),
        ("I don't take it with food and I've had a temperature of 38.5", "urgent"),
        ("my wife takes imuran and her legs are all bruised up but she hasnt knocked them on anything", "urgent"),
        # a finding whose clause names nobody, or names the writer too
        ("Friend has covid, temp 38.5 this morning. I'm on aza", "urgent"),
        ("Temp 38.5 and shivery. My husband isn't on aza but has the same", "urgent"),
        ("my daughter noticed some dark purple marks on my tummy, I'm on aza", "urgent"),
        ("My granddaughter bought a thermometer and this morning it said 38.4. I take azathioprine.", "urgent"),
        # a pronoun that could be two people, a name the lists do not know
        ("My husband is on aza. His friend has covid and he's got a temp of 38.6 now", "urgent"),
        ("Jacob is on aza. He has a fever of 39", "urgent"),
        # two people on it, said without naming it twice (a code review's cases against a rule that
        # read "I'm on imuran" as "nobody else is")
        ("I'm on imuran, my husband is too, he has a temperature of 38.8", "urgent"),
        ("My son is on aza, and my daughter too. My daughter has a sore throat and mouth ulcers", "urgent"),
        ("I'm on imuran, and my husband has been on it for years. He has a temp of 38.8", "urgent"),
        ("I'm on imuran. My husband has a temp of 38.5. I feel the same", "urgent"),
        ("My son is on aza and his temp is 39, his sister is fine", "urgent"),
        # more than one person takes it, or the message cannot say who
        ("I'm on aza, so is my daughter. She has a fever of 39", "urgent"),
        ("My daughter and I are both on aza. She has a fever of 39", "urgent"),
        ("I'm on aza too, my son has a temp of 39", "urgent"),
        # a remark about other medicines, a way of taking it, not taking it as prescribed
        ("Dad has a temp of 39 and he's not taking any painkillers, he's on azathioprine for his RA", "urgent"),
        ("My dad's 80 and on aza, not on any blood thinners. He's been passing black poo", "emergency"),
        ("Mum isn't on imuran, she takes azathioprine tablets. She has a fever of 39.5", "urgent"),
        ("My son hasn't been taking it. He has a temperature of 39.5", "urgent"),
        ("My daughter doesn't take the tablets with food, she has a fever of 39 and a rash", "urgent"),
        ("My mum has a fever of 39.5. She doesn't take any other meds apart from her aza", "urgent"),
        ("Nan takes nothing except her aza. She has a temp of 39 and is off her legs", "urgent"),
        ("I'm not on aza, I'm on mercaptopurine. My son has a temp of 39, he isn't on any tablets", "urgent"),
        # a time said with the statement; the medicine itself named as the other one; a statement
        # that is asked
        ("My son has a temp of 39, he isn't on any tablets at the moment", "urgent"),
        ("Husband (not on any meds right now) has a fever of 39", "urgent"),
        ("My husband has a fever of 39. He isn't on any tablets, not since Monday", "urgent"),
        ("My son is on aza not imuran, he has a fever of 39", "urgent"),
        ("My son is on azathioprine, not Imuran. He has a temp of 39", "urgent"),
        ("My wife has a temp of 39 (she's not on aza?)", "urgent"),
        # "too" said of the writer, whatever else is "too much"
        ("My husband has a temp of 39 and I have too, he doesn't take any medicine", "urgent"),
        ("My husband isn't on any meds. He has a temp of 38.8, me too :(", "urgent"),
        ("My husband isn't on any meds. He has a sore throat, all the family have it.", "urgent"),
        # two reviewers' breaking cases for widened forms that were withdrawn (stop 44): "(no meds)"
        # after a reading is no painkiller given; an instruction passed on; a second language's "do
        # not take" may be "can't keep it down"; "not my tablets" is "her own"; a generic or a
        # switch; a time said anywhere in the sentence; a child's name after "took"; "me too :("
        ("My son have fever 38.5 but he don't take any medicine, only me I take azathioprine.", "urgent"),
        ("My son do not take any medicine, he vomit it. He have fever 39.", "urgent"),
        ("My mum is on chemo, not azathioprine, and she has a temperature of 38.6.", "urgent"),
        (
            "My husband isn't on any tablets. He's looking after DS (7) who has a temp of 39 and a sore throat.",
            "urgent",
        ),
        ("My daughter's temp is 38.9 (no meds) and she's shivering.", "urgent"),
        ("GP told my husband do not take any tablets, he has a temperature of 38.9 and sore throat.", "urgent"),
        ("He not take azathioprine, he is sick. He has a fever of 39", "urgent"),
        ("My daughter isn't on my tablets, she has her own. She has a temp of 39", "urgent"),
        ("My daughter is on the generic, not Imuran, and she has a fever of 39.", "urgent"),
        ("My wife is on methotrexate, not aza, they swapped her over last week. She has mouth ulcers", "urgent"),
        ("Right now, my husband is not on any meds. He has a temp of 39", "urgent"),
        ("My husband isn't on any meds. He took Leo to A&E with a temp of 39.4 and a sore throat.", "urgent"),
        # someone who noticed or was told, a name the lists lack, a sibling or a household
        ("Daughter noticed yellow eyes, I'm on aza", "urgent"),
        ("I'm on aza, told my husband about the chest pain and he said ring 111", "emergency"),
        ("My wife takes nothing, our Lily is on aza and she has a temp of 39.5", "urgent"),
        ("My husband isn't on anything. Our Jacob is on aza, he has a temp of 39", "urgent"),
        ("I'm looking after my sister, she has a temp of 39.4 and she's shaking, I'm fine", "urgent"),
        ("My friend is staying with me, she has a temp of 39 and a rash, I'm fine so far", "urgent"),
        ("bro's got a temp of 39 lol, im fine", "urgent"),
        # stopping or pausing it, said anywhere; "anything" may mean painkillers
        ("Mum has a fever of 39.4. She isn't on any tablets. Her rheumatologist stopped them last week.", "urgent"),
        ("My husband has a temp of 39. He isn't on any tablets. Consultant stopped everything.", "urgent"),
        ("Dad has a temp of 39.5 and is shaking, he isn't on anything, I haven't given him paracetamol", "urgent"),
        # the writer in the same clause or after it; an emergency sign, whoever has it
        ("My husband has a temp of 39 and I do too, he isn't on any tablets", "urgent"),
        ("Me and my husband have both got a temp of 39 and diarrhoea, he doesnt take any meds", "urgent"),
        ("My husband has crushing chest pain and is sweating, he's not on any tablets", "emergency"),
        ("my son has a temp of 39 a stiff neck and a rash that doesnt fade, hes not on any tablets", "emergency"),
        # no contact rule: the writer's fever said with a friend's ("so have I")
        ("My friend's got a temp of 39 and so have I, I feel fine otherwise", "urgent"),
        ("Coworker came in with a temp of 39 today. I feel fine.", "urgent"),
        # the writer's own findings, whatever they do not take
        ("I take nothing for my pain, I have severe stomach pain going through to my back", "urgent"),
        ("I've got really bad stomach pain and I'm vomiting, I don't take my aza with food", "urgent"),
        ("I think I'm pregnant, I'm not on the pill", "soon"),
        # exposure, swallowing the medicine: whoever it is
        ("My friend has chickenpox, I'm on aza and fine", "urgent"),
        ("my colleague has shingles, I sat with her all day, I feel fine", "urgent"),
        ("My 2 year old swallowed one of my azathioprine, she's not on any meds", "emergency"),
    ],
)
def test_what_may_be_the_patients_still_counts(text, level):
    """At least the level the finding has for the patient."""
    assert LEVEL_RANK[assess(text).level or "routine"] >= LEVEL_RANK[level]


def test_a_blood_result_of_someone_not_on_it_grades_nothing():
    detection = default_detector().detect("my husband's platelets are 40 but he's not on aza")
    assert detection.mentions and all(m.status == SOMEONE_ELSE for m in detection.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "My husband has a stiff neck and a temperature. He's not on aza",
        "My son (not on any meds) has a temp and a stiff neck",
        "my wife has a temperature and the light hurts her eyes, she isn't on any meds",
    ],
)
def test_findings_of_someone_not_on_it_that_make_an_emergency_still_count(text):
    """Whoever has a temperature with a stiff neck or a rash needs the emergency number."""
    assert assess(text).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my husband has a temperature and a sore throat but he's not on any tablets",
        # two people's findings are not one person's combination
        "I've got a bit of a rash on my arm. My husband has a temperature but he's not on any tablets",
    ],
)
def test_findings_of_someone_not_on_it_that_make_no_emergency_stay_set_aside(text):
    assert assess(text).level in (None, "soon")


def test_mixing_things_up_is_not_confusion():
    assert "confusion" not in assess("I confused the two tablets, sorry").findings
    assert (
        "confusion" not in assess("Sorry, I got that muddled typing in a hurry. It's ME with the sore throat").findings
    )
    assert "confusion" not in assess("Sorry, I jotted the number on my hand at work and I muddled it").findings
    # "herself", "himself", "myself" follow a confused mind too (a review, stop 56)
    assert assess("She has confused herself since the fever started, thinks it's 1985").level == "emergency"
    assert assess("she got all muddled this morning").level == "emergency"
    assert assess("he's confused and can't tell me what day it is").level == "emergency"
    assert assess("Gran's muddled it all up today, thinks it's Christmas").level == "emergency"
    assert assess("she's so confused it frightens me").level == "emergency"
    assert assess("she's muddled up and doesn't know where she is").level == "emergency"


REVIEWED = yaml.safe_load((Path(__file__).parents[1] / "review_who.yml").read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("message", REVIEWED, ids=[m["id"] for m in REVIEWED])
def test_a_red_flag_a_reviewer_gave_the_patient_is_never_set_aside(message):
    """Written to break the rule (tests/review_who.yml): another person is named, the red flag is
    the patient's or the writer's."""
    assert LEVEL_RANK[assess(message["text"]).level or "routine"] >= LEVEL_RANK[message["level"]]
