"""Adds the learned detector's findings to the patterns' findings; it can only raise a level.

A row the classifier is sure of (probability at or over its threshold) becomes that row's
`learned_row` finding (data/clinical/red_flags.yml), unless the patterns have read the message
better:
- they found the row (asserted: the pattern's own finding names it more precisely; negated,
  hypothetical, general, resolved, explained or someone else's: it is not happening now);
- they found one of the finding's `defers_to` findings ("a slight headache" is the mild
  headache, not a sudden severe one), the message has none of its `defers_unless` words
  ("headache came on like a bomb going off" is not the mild headache), and the classifier is
  not nearly certain (`certain`);
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

from bot.triage.findings import ASSERTED, GENERAL, RESOLVED, Detection, Mention
from bot.triage.lexicon import LEVEL_RANK, Finding, Lexicon, load_cues

CLASSIFIER = "classifier"
ASKED = "asked"  # a general mention in a sentence that asks outright or passes on information
# In `needs_all`: a number that is not a time of day ("at 7", "7am", "8:30"), a strength ("50mg")
# or a multiplier in how a dose is written ("2x 50mg every morning").
NUMBER = "<number>"
_COUNT = r"(?<!at )(?<![:\d])\d+(?![:.]?\d)(?!\s*(?:am|pm|o'?clock|x\b|mg|mcg|milligram))"


def learned_mentions(
    detection: Detection,
    probabilities: Mapping[str, float],
    lexicon: Lexicon,
    threshold: float,
    thresholds: Mapping[str, float] | None = None,
    sure: float | None = None,
    certain: float | None = None,
    beyond_context: Mapping[str, float] | None = None,
) -> list[Mention]:
    # A crisis statement can be a question ("what's the point, don't want to be alive"): the
    # classifier's crisis finding does not need a reporting sentence.
    # A denial elsewhere ("no temperature, but my head...") does not stop it; a message about an
    # episode that is over does.
    over = bool(detection.mentions) and all(m.status == RESOLVED for m in detection.mentions)
    found_codes = {m.code for m in detection.mentions}
    asserted_codes = {m.code for m in detection.mentions if m.status == ASSERTED}
    # Per row: the statuses the patterns gave its mentions, and the level of those read as
    # happening now (None for a context-only finding such as a stiff neck alone).
    settled_rows: dict[str, tuple[frozenset[str], list[str | None]]] = {}
    for m in detection.mentions:
        found = lexicon.finding(m.code)
        statuses, levels = settled_rows.get(found.row, (frozenset(), []))
        # A mention in a sentence that asks outright ("does it cause chest pain") stays a question.
        status = ASKED if m.status == GENERAL and detection.asked_outright(m) else m.status
        settled_rows[found.row] = (statuses | {status}, levels + ([found.level] if m.status == ASSERTED else []))
    normal_reading = bool(detection.temperatures) and not any(
        lexicon.temperature_finding(t.celsius) for t in detection.temperatures
    )
    learned = []
    for row, probability in probabilities.items():
        code = lexicon.learned_findings.get(row)
        if code is None or probability < (thresholds or {}).get(row, threshold):
            continue
        finding = lexicon.finding(code)
        # The patterns read a sentence's shape: "...coffee grounds??" is a question to them, a report
        # to a classifier trained on both. When it is sure, its reading wins over the shape; never
        # over a sentence that asks outright or passes on information, a denial, a "what if" or a
        # past episode.
        sure_of_it = sure is not None and probability >= sure
        if (over or not (detection.reporting or (sure_of_it and not detection.asks_only))) and not finding.crisis:
            continue
        # Nearly certain, it is not the plainer finding the patterns read ("a dreadful headache ... my
        # neck protesting ... the daylight too much to bear" is not the mild headache).
        certain_of_it = certain is not None and probability >= certain
        if (
            not certain_of_it
            and (asserted_codes if sure_of_it else found_codes) & set(finding.defers_to)
            and not (finding.defers_unless and _needed_words(finding.defers_unless).search(detection.text))
        ):
            continue
        if not _has_needed_words(finding, without_figures_of_speech(_without_readings(detection))):
            continue
        if row in settled_rows:
            statuses, levels = settled_rows[row]
            readable = {ASSERTED, GENERAL} if sure_of_it else {ASSERTED}
            # A row the patterns found asserted at a lower level ("an ache in my stomach") may be
            # raised by the classifier; any other mention of the row (negated, a question...) settles
            # it, and so does a context-only finding of the row (a stiff neck alone): the table's
            # combinations decide what that means.
            top = max(levels, key=lambda lv: LEVEL_RANK.get(lv or "", -1), default="")
            # ...unless the classifier reads the row without the context-only finding's words too
            # ("very strong pain in head, neck is hard and light hurt my eyes": the head pain is in
            # words no pattern read).
            context_only = top is None and all(lv is None for lv in levels)
            beyond = beyond_context is not None and beyond_context.get(row, 0.0) >= (thresholds or {}).get(
                row, threshold
            )
            if not statuses <= readable or (
                levels
                and not (context_only and beyond)
                and (top is None or LEVEL_RANK[top] >= LEVEL_RANK.get(finding.level or "", -1))
            ):
                continue
        if normal_reading and code in lexicon.temperature_learned:
            continue
        learned.append(Mention(code, "", 0, len(detection.text), ASSERTED, source=CLASSIFIER))
    return learned


# A time of day said with "around", "about", "by"... and nothing counted after it ("took my Imuran
# this morning around 7", "by 8 and"), not "about 20 of my tablets": blanked before `<number>`.
_TIME_OF_DAY = re.compile(
    r"\b(?:at|around|about|by|before|after|till|until|from|since)\s+\d{1,2}(?:[:.]\d\d)?(?:\s*ish)?"
    r"(?=\s*(?:$|[.,!?;)]|am\b|pm\b|o'?clock|this\b|tonight\b|in the\b|last\b|yesterday\b|today\b"
    r"|and\b|with\b|then\b))",
    re.IGNORECASE,
)


def _without_readings(detection: Detection) -> str:
    """The text with its temperatures and blood results blanked: "my temperature was 36.4, I only
    took it because the nurse asked" counts no tablets."""
    text = detection.text
    # Only a reading that cannot be a count: "took 40 of my tablets and feel hot" keeps its 40.
    readings = [(t.start, t.end) for t in detection.temperatures if not t.text.strip().isdigit()]
    for start, end in readings + [(r.start, r.end) for r in detection.results]:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _has_needed_words(finding: Finding, text: str) -> bool:
    text = _TIME_OF_DAY.sub(lambda m: " " * len(m.group(0)), text)
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
    sure: float | None = None,
    certain: float | None = None,
    beyond_context: Mapping[str, float] | None = None,
) -> Detection:
    extra = learned_mentions(detection, probabilities, lexicon, threshold, thresholds, sure, certain, beyond_context)
    return replace(detection, mentions=[*detection.mentions, *extra])


def without_figures_of_speech(text: str) -> str:
    """The text without the figures of speech that hold a finding's words ("doing my head in",
    "my blood is boiling"): a learned finding's words must be found outside them."""
    return _figures_of_speech().sub(" ", text)


@cache
def _figures_of_speech() -> re.Pattern[str]:
    return whole_phrases(load_cues().figures_of_speech)


def whole_phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the phrases as whole words, any case, the longest first."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![^\W\d_])", re.IGNORECASE)
