"""Temperatures in C and F: 38.0 C / 100.4 F or more is a fever; other numbers are not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.detect.temperature import find_temperatures
from bot.triage.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("text", "celsius"),
    [
        ("temp is 38.4", 38.4),
        ("101.3F this morning", 38.5),
        ("it was 39 degrees", 39.0),
        ("temperature of 38,5", 38.5),
        ("thermometer says 40.1", 40.1),
        ("102 f", 38.9),
        ("39°C", 39.0),
        ("100.4 F", 38.0),
        ("my temp is 36.8", 36.8),
        ("98.6f", 37.0),
    ],
)
def test_reads_temperatures(text, celsius):
    (found,) = find_temperatures(text)
    assert found.celsius == pytest.approx(celsius, abs=0.05)


@pytest.mark.parametrize(
    "text",
    ["I take 50mg", "I'm 38 years old", "been on it 40 weeks", "2 tablets", "room 101", "38 and on aza"],
)
def test_other_numbers_are_not_temperatures(text):
    assert find_temperatures(text) == []


def test_fever_thresholds():
    """The bands come from data/clinical/red_flags.yml, the one place the numbers are written."""
    lexicon = load_lexicon()
    readings = {
        text: find_temperatures(text)[0].celsius
        for text in ("temp 37.4", "temp 37.9", "temp 38.0", "temp 39.4", "temp 39.5")
    }
    assert {text: lexicon.temperature_finding(c) for text, c in readings.items()} == {
        "temp 37.4": None,
        "temp 37.9": "raised_temperature",
        "temp 38.0": "fever",
        "temp 39.4": "fever",
        "temp 39.5": "very_high_fever",
    }


@given(st.floats(min_value=35.0, max_value=42.9))
def test_any_body_temperature_in_celsius_reads_back(value):
    (found,) = find_temperatures(f"my temperature is {value:.1f}C")
    assert found.celsius == pytest.approx(round(value, 1), abs=0.051)


@given(st.floats(min_value=95.0, max_value=108.0))
def test_fahrenheit_converts(value):
    (found,) = find_temperatures(f"temp {value:.1f}F")
    assert found.celsius == pytest.approx((round(value, 1) - 32) * 5 / 9, abs=0.06)
