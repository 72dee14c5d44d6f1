"""How long something has gone on, read from the words: "50 min", "1hr", "for two hours", "an hour".

The intensity lists once named each duration a bleed may be told in ("20 minutes", "half an hour",
"40 minutes"...), so "50 min" or "25 minutes" were not read. Read as a number of minutes instead,
one threshold (context_cues.yml `bleed_long_minutes`) decides what went on long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.detect.text import DIGITS, NUMBER_WORDS, number_value

MINUTE_UNITS = frozenset(("min", "mins", "minute", "minutes", "mns"))
HOUR_UNITS = frozenset(("h", "hr", "hrs", "hour", "hours"))
# "20m" reaches the reader as "20", "m": minutes only after digits.
DIGITS_MINUTE_UNITS = frozenset(("m",))
# "50min", "1hr", "2h", "45mins" typed as one word
_FUSED = re.compile(r"^(\d+(?:\.\d+)?)(min|mins|minute|minutes|mns|h|hr|hrs|hour|hours)$")
# "twenty" ... "ninety", which a one-to-nine word may follow ("twenty five")
TENS = frozenset(w for w, n in NUMBER_WORDS.items() if n >= 20 and n % 10 == 0)
# Words right before the number that make it a time that has not passed or a rate, not how long
# something went on: "in 20 minutes", "within an hour", "every ten minutes", "each hour".
NOT_HOW_LONG = frozenset(("in", "within", "every", "each", "per", "next"))


def _minutes(number: float, unit: str) -> float:
    return number * 60 if unit in HOUR_UNITS else number


def durations(
    words: Sequence[str], start: int, end: int, not_how_long: frozenset[str] = NOT_HOW_LONG
) -> list[tuple[int, int, float]]:
    """(position, length, minutes) of each duration told within [start, end): a number and a unit of
    time ("50 min", "two hours", "twenty five minutes", "an hour", "1hr"); not one said with "ago" (a
    time, not how long), nor one after a word of `not_how_long` (a time that has not passed, a rate)."""
    end = min(end, len(words))
    found: list[tuple[int, int, float]] = []
    for position in range(start, end):
        if found and position < found[-1][0] + found[-1][1]:
            continue  # inside the last one ("five" of "twenty five minutes")
        word = words[position]
        fused = _FUSED.match(word)
        if fused:
            number, unit, length = float(fused.group(1)), fused.group(2), 1
        else:
            value = number_value(word)
            after = position + 1
            # "twenty five minutes"
            if word in TENS and after < end and (ones := number_value(words[after])) is not None and ones < 10:
                value, after = (value or 0) + ones, after + 1
            unit = words[after] if after < end else ""
            minutes_unit = unit in MINUTE_UNITS or (unit in DIGITS_MINUTE_UNITS and bool(DIGITS.fullmatch(word)))
            if value is None or not (minutes_unit or unit in HOUR_UNITS):
                continue
            if word in ("a", "an") and unit not in HOUR_UNITS:
                continue
            number, length = value, after + 1 - position
        if position > 0 and words[position - 1] in not_how_long:
            continue
        if position + length < len(words) and words[position + length] == "ago":
            continue
        found.append((position, length, _minutes(number, unit)))
    return found


def long_durations(
    words: Sequence[str], start: int, end: int, minutes: float, not_how_long: frozenset[str] = NOT_HOW_LONG
) -> list[tuple[int, int]]:
    """(position, length) of each duration within [start, end) of at least `minutes`."""
    return [(p, n) for p, n, told in durations(words, start, end, not_how_long) if told >= minutes]
