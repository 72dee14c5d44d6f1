"""Adds the learned detector's findings to the patterns' findings; it can only raise a level.

A row the classifier is sure of (probability at or over its threshold) becomes that row's
`learned_row` finding (data/clinical/red_flags.yml), unless the patterns have read the message
better:
- they found the row (asserted: the pattern's own finding names it more precisely; negated,
  hypothetical, general, resolved, explained or someone else's: it is not happening now);
- they found one of the finding's `defers_to` findings ("a slight headache" is the mild
  headache, not a sudden severe one);
- the finding has `needs_all` word groups, the message misses one of them and has none of the
  `or_needs` words ("i feel unwell again" is not an overdose, however often overdose reports end
  that way; "and again at lunch by accident" is);
- every finding they saw belongs to an episode that is over, or no sentence of the message
  reports anything (only questions and "what if"s), or the message gives a normal temperature
  (for fever). A denial elsewhere in the message does not stop it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from bot.triage.findings import ASSERTED, RESOLVED, Detection, Mention
from bot.triage.lexicon import LEVEL_RANK, Finding, Lexicon

CLASSIFIER = "classifier"
NUMBER = "<number>"  # in `needs_all`: a number that is not a time of day ("at 7", "7am", "8:30")
_COUNT = r"(?<!at )(?<![:\d])\d+(?![:.]?\d)(?!\s*(?:am|pm|o'?clock))"


def learned_mentions(
    detection: Detection,
    probabilities: Mapping[str, float],
    lexicon: Lexicon,
    threshold: float,
    thresholds: Mapping[str, float] | None = None,
) -> list[Mention]:
    # A crisis statement can be a question ("what's the point, don't want to be alive"): the
    # classifier's crisis finding does not need a reporting sentence.
    # A denial elsewhere ("no temperature, but my head...") does not stop it; a message about an
    # episode that is over does.
    crisis_only = not detection.reporting or (
        bool(detection.mentions) and all(m.status == RESOLVED for m in detection.mentions)
    )
    found_codes = {m.code for m in detection.mentions}
    # A row the patterns found asserted at a lower level ("an ache in my stomach") may be raised
    # by the classifier; any other mention of the row (negated, a question...) settles it.
    settled_rows: dict[str, tuple[bool, str | None]] = {}
    for m in detection.mentions:
        found = lexicon.finding(m.code)
        asserted, level = settled_rows.get(found.row, (True, None))
        ranked = max([level, found.level], key=lambda lv: LEVEL_RANK.get(lv or "", -1))
        settled_rows[found.row] = (asserted and m.status == ASSERTED, ranked)
    normal_reading = bool(detection.temperatures) and not any(
        lexicon.temperature_finding(t.celsius) for t in detection.temperatures
    )
    learned = []
    for row, probability in probabilities.items():
        code = lexicon.learned_findings.get(row)
        if code is None or probability < (thresholds or {}).get(row, threshold):
            continue
        finding = lexicon.finding(code)
        if crisis_only and not finding.crisis:
            continue
        if found_codes & set(finding.defers_to):
            continue
        if not _has_needed_words(finding, detection.text):
            continue
        if row in settled_rows:
            asserted, found_level = settled_rows[row]
            # A context-only finding of the row (a stiff neck alone) settles it too: the table's
            # combinations decide what it means.
            if (
                not asserted
                or found_level is None
                or LEVEL_RANK[found_level] >= LEVEL_RANK.get(finding.level or "", -1)
            ):
                continue
        if normal_reading and code in lexicon.temperature_learned:
            continue
        learned.append(Mention(code, "", 0, len(detection.text), ASSERTED, source=CLASSIFIER))
    return learned


def _has_needed_words(finding: Finding, text: str) -> bool:
    if all(_needed_words(group).search(text) for group in finding.needs_all):
        return True
    return bool(finding.or_needs) and bool(_needed_words(finding.or_needs).search(text))


@cache
def _needed_words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = [
        _COUNT if word == NUMBER else re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") + r"\b"
        for word in words
    ]
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(alternatives)})", re.IGNORECASE)


def with_learned(
    detection: Detection,
    probabilities: Mapping[str, float],
    lexicon: Lexicon,
    threshold: float,
    thresholds: Mapping[str, float] | None = None,
) -> Detection:
    extra = learned_mentions(detection, probabilities, lexicon, threshold, thresholds)
    return replace(detection, mentions=[*detection.mentions, *extra])
