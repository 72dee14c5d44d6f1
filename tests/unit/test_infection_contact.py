"""Contact with chickenpox, shingles or measles, and the words a careless reader takes for it: a
denial of immunity is no denial of the contact, a building's shingles are not the illness, the
learned detector's contact needs someone near or a rash, and a diagnosis a clinician gave is a report."""

from __future__ import annotations

import pytest

from bot.detect import assess, default_detector
from bot.detect.combine import learned_mentions
from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from bot.triage.lexicon import load_lexicon
from tests.unit.test_symptom_extractor_conversation import converse

LEXICON = load_lexicon()


def test_denying_immunity_in_a_correction_does_not_take_the_contact_back():
    extractor = SymptomExtractor(SymptomExtractor.get_default_config(), None, None, None)  # type: ignore[arg-type]
    _, second = converse(
        extractor,
        "Measles is going round my granddaughter's school, I hear.",
        "I should have said that she slept over with us on Saturday and Sunday and now has the measles rash. "
        "I have never had measles myself, as far as I know.",
    )
    assert second[TRIAGE_KEY]["level"] == "urgent"
    assert "infection_contact" in second[TRIAGE_KEY]["findings"]


@pytest.mark.parametrize(
    "denial",
    [
        # misspelt: the denial is only read in the spelling-corrected text
        "Sorry, should have said I've never had measels myself",
        # only the denial: nothing to ask about ("which part was wrong?" invites taking the contact back)
        "Sorry, I should have said I have never had measles myself",
        "correction: I didn't have measles as a child",
    ],
)
def test_a_correction_that_only_denies_immunity_leaves_the_contact(denial):
    extractor = SymptomExtractor(SymptomExtractor.get_default_config(), None, None, None)  # type: ignore[arg-type]
    parsed = converse(extractor, "My grandson has measles and stayed with us all weekend", denial)
    given = [p[TRIAGE_KEY].get("level") for p in parsed if p[TRIAGE_KEY].get("level")]
    assert given[-1] == "urgent"
    assert not (parsed[-1][TRIAGE_KEY].get("episode") or {}).get("ask")


@pytest.mark.parametrize(
    "text",
    ["Storm last night ripped the shingles off the shed roof", "Husband's up a ladder replacing the roof shingles"],
)
def test_a_buildings_shingles_are_not_the_illness(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        # the illness beside a building's or an everyday word (a review's messages)
        "My shingles have ripped through my side",
        "Nailed down the shed roof then noticed shingles blisters on my back",
        "The roofer who came round yesterday has shingles and had a cuppa in my kitchen",
        "Dad has shingles, I spent all day in his shed with him",
        "My husband felt poorly all weekend, it's shingles, and we share a bed",
        "loose stools this week and my partner has shingles",
        "Dad has shingles on the roof of his mouth and I live with him",
    ],
)
def test_the_illness_beside_a_buildings_words_still_counts(text):
    assert assess(text).level == "urgent"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("chickenpox jab ok on aza or nah", False),  # a question about a vaccine: nobody near, no rash
        ("Burning back one side, now small skin bubbles", True),  # a shingles-like rash in lay words
        ("the lad next door came out in spots and was in ours all Sunday", True),  # someone near
    ],
)
def test_the_learned_contact_needs_someone_near_or_a_rash(text, found):
    mentions = learned_mentions(default_detector().detect(text), {"infection_contact": 0.99}, LEXICON, 0.5)
    assert bool(mentions) is found


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("GP says it's shingles", "urgent"),
        ("It's shingles, the GP said so.", "urgent"),
        ("the doctor said it's a chest infection", "urgent"),
        # hearsay from a leaflet or a friend, and what a clinician said of a sign in general, stay hearsay
        ("The leaflet says it's a sign of infection", None),
        ("my friend says it's shingles", None),
        ("The nurse said it's a sign of infection if you get a fever", None),
        ("the doctor said it's unlikely to be shingles", None),
    ],
)
def test_a_diagnosis_a_clinician_gave_is_a_report(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # immunity denied in the only words that name the illness, the contact told with "it"
        ("Not immune to measles (checked at clinic). My nephew has it and was on my lap all day.", "urgent"),
        ("Blood test said I'm not immune to chickenpox, and now my granddaughter has got it", "urgent"),
        # a question or a vaccine is not a contact
        ("I've never had chickenpox, if my son gets it what do I do?", None),
        ("Not immune to measles, can I have the jab with it?", None),
    ],
)
def test_a_contact_told_with_it_after_immunity_is_denied(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        # Together all the same, or not seen only since the contact.
        "my cousin has chickenpox, not seen him since he slept over on Saturday",
        "grandson has chickenpox now, I was babysitting him, haven't seen him since",
        "took my niece to the park last week, she has chickenpox now, not seen her since",
        # A second person who has it, who was near.
        "My aunt has shingles, not seen her since June. My nephew has chickenpox and sat on my lap",
        # Someone else not seeing them; the person on the medicine may be the one who has it.
        "My son on azathioprine has chickenpox, his dad hasn't seen him since March",
        "Grandson (on aza after his transplant) has chickenpox, haven't seen him since Easter",
        # Far from the only ways of keeping apart, and the ones a review found said of shared homes,
        # siblings and phone calls: not read as keeping apart.
        "My son has chickenpox and my daughter, who shares his room, has been moved to a different room",
        "the GP did a video call and said my son's rash is chickenpox",
        # Asked or doubted, not told.
        "My friend has shingles, have I not seen her since June?",
        "my friend has shingles, maybe I haven't seen her since June but I honestly can't remember",
    ],
)
def test_a_real_contact_beside_words_of_keeping_away_still_counts(text):
    assert assess(text).level in ("urgent", "emergency")
