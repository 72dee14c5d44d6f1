"""Finds body temperatures in free text ("38.4", "101.3F", "39 degrees") and reads them in C.

A number is a temperature only when its unit says so, or a temperature word is nearby and the
value is in a body-temperature range; "50mg", "38 years old" and "2 weeks" are never read.
What a temperature means (fever, very high, raised) is clinical data: the `temperature` bands of
data/clinical/red_flags.yml.
"""

from __future__ import annotations

import re

from bot.triage.findings import Temperature

_NUMBER = r"(?<![\d.,])(\d{2,3}(?:[.,]\d{1,2})?)(?![\d])"
_UNIT = (
    r"(?:\s*(?P<degree>°|º|degrees?|degs?\b|deg\b))?"
    r"\s*(?P<scale>celsius|centigrade|fahrenheit|c\b|f\b)?"
)
_TEMPERATURE = re.compile(_NUMBER + _UNIT, re.IGNORECASE)
_NOT_A_TEMPERATURE_AFTER = re.compile(
    r"^\s*(?:mg|milligram|g\b|grams?|kg|kilo|ml|mm|cm|%|per ?cent|years?|yrs?|yo\b|y/o|weeks?|wks?"
    r"|days?|months?|hours?|hrs?|mins?|minutes?|x\b|times|tablets?|pills?|doses?|lbs?|pounds|stone|st\b"
    r"|units?|bpm|am\b|pm\b|o'clock|mmol|micro|mcg|iu\b|litres?|liters?|miles?|km|kilometres?|steps)",
    re.IGNORECASE,
)
TEMPERATURE_WORDS = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|fever|feverish|febrile|thermometer|reading|"
    r"degrees|hot|burning up|spiked|running)\b",
    re.IGNORECASE,
)


def temperature_word_spans(text: str) -> list[tuple[int, int]]:
    """Where the message names a temperature ("temp", "fever", "degrees"...)."""
    return [m.span() for m in TEMPERATURE_WORDS.finditer(text)]


# The message speaks of a temperature: then a bare number in the body's range anywhere in it is
# one ("shivering and 39.4", "hot and shaky, 101").
_FEVERISH_WORDS = re.compile(
    r"\b(?:temp\w*|fever\w*|febrile|thermometer|shiver\w*|chills?|chilly|shak(?:ing|y|es)|rigou?rs|"
    r"sweat\w*|clammy|hot|warm|burning|boiling|roasting|flushed)\b",
    re.IGNORECASE,
)
# "I'm 38", "aged 40", "she is 39": an age, not a temperature.
AGE_BEFORE = re.compile(r"(?:\bi'?m|\bi am|\baged?|\bhe'?s|\bshe'?s|\bis|\bturned|\bturning)\s*$", re.IGNORECASE)
BARE_C = (37.5, 43.0)  # a bare number in this range, with fever words in the message, is in C
BARE_F = (99.0, 110.0)  # ...and in this one in F
SPELLED_F = (95.0, 110.0)  # a decimal in words ("ninety eight point six") in this range is in F

_UNITS = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TENS = {"thirty": 30, "forty": 40, "ninety": 90}
_SPELLED = re.compile(
    r"\b(?:(?P<tens>thirty|forty|ninety)(?:[\s-]+(?P<unit>one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:a|one)\s+hundred(?:\s+and)?\s+(?P<hundred>one|two|three|four|five|six)"
    r"|one\s+oh\s+(?P<oh>one|two|three|four|five|six))"
    r"(?:\s+point\s+(?P<point>zero|oh|one|two|three|four|five|six|seven|eight|nine)"
    r"|\s+and\s+a\s+(?P<half>half))?\b",
    re.IGNORECASE,
)


def spelled_temperatures(text: str) -> list[tuple[int, int, float]]:
    """Numbers written in words, as people dictate them: "thirty nine point two", "a hundred and
    one", "one oh two", "thirty eight and a half"."""
    found = []
    for match in _SPELLED.finditer(text):
        groups = {k: (v or "").lower() for k, v in match.groupdict().items()}
        if groups["tens"] and not (groups["unit"] or groups["point"] or groups["half"]):
            continue  # "forty minutes": a round ten is a temperature only with "point" ("forty point one")
        if groups["tens"]:
            value = float(_TENS[groups["tens"]] + _UNITS.get(groups["unit"], 0))
        else:
            value = 100.0 + _UNITS[groups["hundred"] or groups["oh"]]
        if groups["point"]:
            value += _UNITS[groups["point"]] / 10
        if groups["half"]:
            value += 0.5
        found.append((match.start(), match.end(), value))
    return found


def to_celsius(value: float, scale: str | None) -> float | None:
    scale = (scale or "").lower()
    if scale.startswith("f"):
        return (value - 32) * 5 / 9 if 86 <= value <= 113 else None
    if scale.startswith("c"):
        return value if 30 <= value <= 45 else None
    # No scale: read the value by its range (nobody's body is at 45 C or 86 F).
    if 34 <= value <= 43.5:
        return value
    if 93 <= value <= 110:
        return (value - 32) * 5 / 9
    return None


def _bare_in_range(value: float) -> bool:
    return BARE_C[0] <= value <= BARE_C[1] or BARE_F[0] <= value <= BARE_F[1]


def find_temperatures(text: str) -> list[Temperature]:
    """Every body temperature stated in the text, converted to Celsius."""
    found = []
    feverish = bool(_FEVERISH_WORDS.search(text))
    for start, end, value in spelled_temperatures(text):
        # Like a written decimal ("38.7"), "thirty eight point seven" is a temperature by itself, and
        # "ninety eight point six" is one in F.
        decimal = value != int(value) and (35 <= value <= 43 or SPELLED_F[0] <= value <= SPELLED_F[1])
        if decimal or (feverish and _bare_in_range(value)):
            celsius = to_celsius(value, None)
            if celsius is not None:
                found.append(Temperature(round(celsius, 1), start, end, text[start:end]))
    for match in _TEMPERATURE.finditer(text):
        raw_value = match.group(1).replace(",", ".")
        value = float(raw_value)
        after = text[match.end(1) :]
        degree, scale = match.group("degree"), match.group("scale")
        if not degree and not scale and _NOT_A_TEMPERATURE_AFTER.match(after):
            continue
        explicit = bool(degree or scale)
        window = text[max(0, match.start() - 40) : match.end() + 25]
        has_context = bool(TEMPERATURE_WORDS.search(window))
        if not explicit and not has_context and feverish and _bare_in_range(value):
            has_context = not AGE_BEFORE.search(text[: match.start()])
        # A bare whole number ("I'm 38") is only a temperature with a temperature word nearby;
        # a bare decimal in body range ("38.7 and shivery") is read as one.
        if not explicit and not has_context and "." not in raw_value:
            continue
        celsius = to_celsius(value, scale)
        if celsius is None:
            continue
        if not explicit and not has_context and not 35 <= celsius <= 43:
            continue
        found.append(Temperature(round(celsius, 1), match.start(), match.end(), match.group(0).strip()))
    return found
