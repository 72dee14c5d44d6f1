"""Spelling is normalised towards the clinical vocabulary only; what was typed is kept."""

import pytest

from bot.detect.spelling import SpellingNormaliser

NORMALISER = SpellingNormaliser()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("shivvering all night", "shivering all night"),
        ("so brethless", "so breathless"),
        ("temperatura 39", "temperature 39"),
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
