"""How long something has gone on, read from the words: "50 min", "1hr", "for two hours", "an hour".

The intensity lists once named each duration a bleed may be told in ("20 minutes", "half an hour",
"40 minutes"...), so "50 min" or "25 minutes" were not read. Read as a number of minutes instead,
one threshold (context_cues.yml `bleed_long_minutes`) decides what went on long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.detect.text import number_value

MINUTE_UNITS = frozenset(("min", "mins", "minute", "minutes", "mns"))
HOUR_UNITS = frozenset(("h", "hr", "hrs", "hour", "hours", "hour's"))
# "50min", "1hr", "2h", "45mins", "20m" typed as one word
_FUSED = re.compile(r"^(\d+(?:\.\d+)?)(min|mins|minute|minutes|mns|m|h|hr|hrs|hour|hours)$")
# Words right before the number that make it a time that has not passed or a rate, not how long
# something went on: "in 20 minutes", "within an hour", "every ten minutes", "each hour".
_NOT_HOW_LONG = frozenset(("in", "within", "every", "each", "per", "next"))


def _minutes(number: float, unit: str) -> float:
    return number * 60 if unit in HOUR_UNITS or unit == "h" else number


def durations(words: Sequence[str], start: int, end: int) -> list[tuple[int, int, float]]:
    """(position, length, minutes) of each duration told within [start, end): a number and a unit of
    time ("50 min", "two hours", "an hour", "1hr"); not one said with "ago" (a time, not how long,
    unless counted "since": "since an hour ago"), nor one that has not passed or is a rate."""
    found = []
    for position in range(start, min(end, len(words))):
        word = words[position]
        fused = _FUSED.match(word)
        if fused:
            number, unit, length = float(fused.group(1)), fused.group(2), 1
        else:
            value = number_value(word)
            unit = words[position + 1] if position + 1 < min(end, len(words)) else ""
            if value is None or unit not in MINUTE_UNITS | HOUR_UNITS:
                continue
            if word in ("a", "an") and unit not in HOUR_UNITS:
                continue
            number, length = value, 2
        if position > 0 and words[position - 1] in _NOT_HOW_LONG:
            continue
        after = position + length
        if after < len(words) and words[after] == "ago" and "since" not in words[start:position]:
            continue
        found.append((position, length, _minutes(number, unit)))
    return found


def long_durations(words: Sequence[str], start: int, end: int, minutes: float) -> list[tuple[int, int]]:
    """(position, length) of each duration within [start, end) of at least `minutes`."""
    return [(p, n) for p, n, told in durations(words, start, end) if told >= minutes]
