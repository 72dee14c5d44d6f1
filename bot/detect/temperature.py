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
_TEMPERATURE_WORDS = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|fever|feverish|febrile|thermometer|reading|"
    r"degrees|hot|burning up|spiked|running)\b",
    re.IGNORECASE,
)


def _to_celsius(value: float, scale: str | None) -> float | None:
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


def find_temperatures(text: str) -> list[Temperature]:
    """Every body temperature stated in the text, converted to Celsius."""
    found = []
    for match in _TEMPERATURE.finditer(text):
        raw_value = match.group(1).replace(",", ".")
        value = float(raw_value)
        after = text[match.end(1) :]
        degree, scale = match.group("degree"), match.group("scale")
        if not degree and not scale and _NOT_A_TEMPERATURE_AFTER.match(after):
            continue
        explicit = bool(degree or scale)
        window = text[max(0, match.start() - 40) : match.end() + 25]
        has_context = bool(_TEMPERATURE_WORDS.search(window))
        # A bare whole number ("I'm 38") is only a temperature with a temperature word nearby;
        # a bare decimal in body range ("38.7 and shivery") is read as one.
        if not explicit and not has_context and "." not in raw_value:
            continue
        celsius = _to_celsius(value, scale)
        if celsius is None:
            continue
        if not explicit and not has_context and not 35 <= celsius <= 43:
            continue
        found.append(Temperature(round(celsius, 1), match.start(), match.end(), match.group(0).strip()))
    return found
