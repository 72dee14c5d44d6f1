"""A contact with chickenpox, shingles or measles that the message says did not happen is a "what if"
(bot/detect/no_contact.py); a contact that did or may have happened stays urgent."""

import pytest

from bot.detect import assess
from bot.triage.findings import HYPOTHETICAL
from tests.unit.test_detector import statuses


@pytest.mark.parametrize(
    "text",
    [
        "Shingles at my work, other site, never been there",
        "measles in the city, I've not been near anyone",
        "Chickenpox at the nursery, never been in",
        "CHICKENPOX AT WORK!!! different building, never been in",
        "measles in the next town, nobody near me has it",
        "Chickenpox in the next village, never been there",
        "chickenpox in the city, I not near",
    ],
)
def test_a_contact_the_message_says_did_not_happen_is_a_what_if(text):
    assert statuses(text).get("infection_contact") == HYPOTHETICAL
    assert assess(text).level in (None, "routine")


@pytest.mark.parametrize(
    "text",
    [
        # a time after the denial leaves a contact before it
        "colleague has shingles, not seen him since Friday",
        "chickenpox at nursery, she hasn't been in this week",
        "measles at church, haven't been near anyone yet",
        "friend has shingles, not seen her for a few days",
        # doubted or supposed
        "chickenpox at work, I don't think I've been near her",
        "my cousin has measles, not sure if I've seen him",
        # a "but" after it, or being with someone told elsewhere
        "colleague has shingles, not met him, but my wife sat next to him at lunch",
        "Chickenpox in Ellie's class. Never met the boy. She had a playdate with him on Saturday",
        "shingles at my mums care home, not been in, my sister visited though",
        # the household has it
        "my son has chickenpox, I've not seen him",
        "Husband has shingles, haven't been near him",
        # a contact told after the denial, or two sentences before it
        "Not seen the neighbour with shingles. My grandson came out in chickenpox after staying here",
        "Measles at school. Lots of kids off. Haven't been in",
        # the only denial is about something else, or someone else, or the exposure is told anyway
        "grandson has chickenpox, never met his teacher",
        "Measles in town, nobody I know has it, well apart from Tom at the gym",
        "My son's best mate has chickenpox, they were at football together on the 3rd."
        " We're not near any walk in centre",
        "she works at a care home, a resident on her corridor has shingles."
        " Her mum works there too but on a different floor",
        "Our 2 year old has chickenpox and I'm her main carer. Haven't seen her in such a state",
        "My son's got a rash, GP thinks chickenpox, I haven't set eyes on a doctor in person, only by phone",
        # ...or anything else is told: a person, a time, a room, a role (a second review)
        "My sons have chickenpox. I'm not near them, they're upstairs.",
        "Measles at church on Sunday, the whole service was 90 minutes. Not near anyone, I was up the front.",
        "Measles at the Royal Infirmary ED, I was there 4 hours on the 2nd. Not near anyone.",
        "Colleague has chickenpox. Not near her 🙄. She's literally 2 foot away.",
        "Chickenpox at Sunday school, I teach there. Not near any of them.",
        # in a building, being near nobody is no denial (measles hangs in a room's air)
        "Measles at work, not near anyone",
        "chickenpox in yr 3 at school, never near them",
    ],
)
def test_a_contact_that_did_or_may_have_happened_stays_urgent(text):
    assert statuses(text).get("infection_contact") != HYPOTHETICAL
    assert assess(text).level == "urgent"
