"""Spelling is normalised towards the clinical vocabulary only; what was typed is kept."""

import pytest

from bot.detect import default_detector
from bot.detect.pipeline import FindingPipeline
from bot.detect.spelling import SpellingNormaliser
from bot.triage import default_engine

NORMALISER = SpellingNormaliser()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("shivvering all night", "shivering all night"),
        ("so brethless", "so breathless"),
        ("temperatura 39", "temperature 39"),
        # The medicine's other spellings and brands become the one name the patterns know.
        ("3 weeks with azathioprin", "3 weeks with azathioprine"),
        ("Imuren since May", "azathioprine since May"),
    ],
)
def test_misspellings_become_the_tables_words(typed, read):
    assert NORMALISER.normalise(typed).text == read


@pytest.mark.parametrize(
    "text",
    ["my wife's LFTs are fine", "lol gf said so", "beaver dam", "the weather's lovely", "aza and imuran", "hey u ok"],
)
def test_real_words_names_acronyms_and_text_speak_are_left_alone(text):
    assert NORMALISER.normalise(text).text == text


def test_every_corrected_character_maps_back_to_what_was_typed():
    typed = "my thraot and shivvering!"
    corrected = NORMALISER.normalise(typed)
    start = corrected.text.index("shivering")
    assert typed[slice(*corrected.original_span(start, start + len("shivering")))].startswith("shivvering"[:9])
    assert corrected.to_original[len(corrected.text)] == len(typed)


def test_a_misspelt_name_of_the_medicine_still_dates_the_first_weeks():
    pipeline = FindingPipeline(default_detector(), NORMALISER)
    text = "Is normal? 3 weeks on azathioprin, my joints and muscles hurt and I am cold then hot"
    assessment = default_engine().grade(pipeline.detect(text))
    assert assessment.level == "urgent" and "recently_started" in assessment.findings
