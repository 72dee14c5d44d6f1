"""Blood results in a message ("my neutrophils are 1.2, is that bad?"), read against the limits in
data/clinical/blood_tests.yml. Pure Python: the Rasa server finds the results, the engine grades
them like any finding, and the action server writes the reply from the same table.

A result is a test's name followed, within a few words, by a number and an optional unit. What it
means is one of:
- outside / inside the commonly used limit (the only two that grade a message);
- not covered: a test with no limit in the table, never interpreted;
- wrong unit, needs a unit, impossible, vague ("under 2"): a question back, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TypedDict

import yaml

from bot.triage.lexicon import CLINICAL_DIR, SOURCE_KEYS

BLOOD_TESTS_FILE = CLINICAL_DIR / "blood_tests.yml"

OUTSIDE, INSIDE = "outside", "inside"
NOT_COVERED, WRONG_UNIT, NEED_UNIT, IMPOSSIBLE, VAGUE = "not_covered", "wrong_unit", "need_unit", "impossible", "vague"
# The finding (data/clinical/red_flags.yml) each graded reading is; the others grade nothing.
FINDING_OF = {OUTSIDE: "blood_result_outside", INSIDE: "blood_result_inside"}
BELOW, ABOVE = "below", "above"


@dataclass(frozen=True)
class BloodTest:
    key: str
    label: str
    names: tuple[str, ...]
    units: tuple[tuple[str, float | None], ...]  # (kind, factor to the first kind; None: not converted)
    possible: tuple[float, float]
    meaning: str
    source: str
    limit_side: str | None = None  # BELOW: a result under the limit is outside; ABOVE: over it
    limit: float | None = None
    condition: str = ""
    not_covered: str = ""

    @property
    def usual_unit(self) -> str:
        return self.units[0][0]

    def accepts(self, kind: str) -> bool:
        return any(unit == kind for unit, _ in self.units)

    def factor(self, kind: str) -> float | None:
        """What turns a value in `kind` into the first unit's (None: not converted, or not accepted)."""
        return next((factor for unit, factor in self.units if unit == kind), None)


@dataclass(frozen=True, eq=False)
class BloodTable:
    tests: tuple[BloodTest, ...]
    units: dict[str, tuple[str, ...]]  # kind -> spellings
    replies: dict[str, str]
    local_limits: str
    never_yourself: str
    words_between: frozenset[str] = frozenset()

    def test(self, key: str) -> BloodTest:
        return next(t for t in self.tests if t.key == key)


# How each unit kind is written in a reply.
UNIT_SHOWN = {
    "count": "x10^9/L",
    "g_per_l": "g/L",
    "g_per_dl": "g/dL",
    "units_per_l": "U/L",
    "femtolitres": "fL",
    "micromol_per_l": "µmol/L",
    "mg_per_dl": "mg/dL",
    "ml_per_min": "mL/min",
    "percent": "%",
    "cells_per_ul": "cells/µL",
    "mg_per_l": "mg/L",
    "mm_per_hour": "mm/hr",
}
US_SHOWN = {"count": "K/µL"}  # the same number in US units


def parse_blood_tests(raw: dict) -> BloodTable:
    if raw.get("version") != 1:
        raise ValueError("blood_tests.yml: 'version: 1' is required")
    units = {str(kind): tuple(str(s).lower() for s in spellings) for kind, spellings in raw["units"].items()}
    unknown_kinds = set(units) - set(UNIT_SHOWN)
    if unknown_kinds:
        raise ValueError(f"blood_tests.yml: no display name for unit kinds {sorted(unknown_kinds)}")
    tests = []
    for entry in raw["tests"]:
        where = f"blood_tests.yml test {entry.get('key', '?')}"
        limit = entry.get("limit") or {}
        if len(limit) > 1 or not set(limit) <= {BELOW, ABOVE}:
            raise ValueError(f"{where}: limit must be one of 'below: N' or 'above: N'")
        test_units = tuple(
            (str(kind), None if factor is None else float(factor)) for kind, factor in entry["units"].items()
        )
        if any(kind not in units for kind, _ in test_units) or test_units[0][1] != 1:
            raise ValueError(f"{where}: units must be kinds listed under `units`, the first with factor 1")
        if limit and any(factor is None for _, factor in test_units):
            raise ValueError(f"{where}: a test with a limit must convert every unit it reads")
        if not all(key.strip() in SOURCE_KEYS for key in str(entry["source"]).split(",")):
            raise ValueError(f"{where}: unknown source {entry['source']!r}")
        low, high = entry["possible"]
        side = next(iter(limit), None)
        tests.append(
            BloodTest(
                key=str(entry["key"]),
                label=str(entry["label"]),
                names=tuple(str(n).lower() for n in entry["names"]),
                units=test_units,
                possible=(float(low), float(high)),
                meaning=str(entry.get("meaning") or "").strip(),
                source=str(entry["source"]),
                limit_side=side,
                limit=float(limit[side]) if side else None,
                condition=str(entry.get("condition") or "").strip(),
                not_covered=" ".join(str(entry.get("not_covered") or "").split()),
            )
        )
    return BloodTable(
        tests=tuple(tests),
        units=units,
        replies={k: " ".join(str(v).split()) for k, v in raw["replies"].items()},
        local_limits=" ".join(str(raw["local_limits"]).split()),
        never_yourself=str(raw["never_yourself"]).strip(),
        words_between=frozenset(str(word).lower() for word in raw["words_between"])
        | frozenset(word for phrases in _COMPARATOR.values() for phrase in phrases for word in phrase.split()),
    )


@cache
def load_blood_tests() -> BloodTable:
    return parse_blood_tests(yaml.safe_load(BLOOD_TESTS_FILE.read_text(encoding="utf-8")))


class ResultPayload(TypedDict):
    test: str
    value: float
    unit: str  # the unit kind given ("" when none)
    comparator: str  # "", "below" or "above": "under 2" is a bound, not a value
    reading: str  # OUTSIDE, INSIDE, NOT_COVERED...
    text: str  # the words as typed


@dataclass(frozen=True)
class BloodResult:
    test: str
    value: float
    unit: str
    comparator: str
    reading: str
    text: str
    start: int
    end: int

    @property
    def finding(self) -> str | None:
        return FINDING_OF.get(self.reading)

    def as_payload(self) -> ResultPayload:
        return {
            "test": self.test,
            "value": self.value,
            "unit": self.unit,
            "comparator": self.comparator,
            "reading": self.reading,
            "text": self.text,
        }

    def describe(self, table: BloodTable | None = None) -> str:
        """ "neutrophils 1.2 x10^9/L": for the reason's label."""
        test = (table or load_blood_tests()).test(self.test)
        unit = UNIT_SHOWN[self.unit or test.usual_unit]
        bound = {BELOW: "under ", ABOVE: "over "}.get(self.comparator, "")
        return f"{short_label(test)} {bound}{number(self.value)} {unit}"


def short_label(test: BloodTest) -> str:
    return test.label.split(" (")[0]


def number(value: float) -> str:
    return f"{value:g}"


def read(test: BloodTest, value: float, unit: str, comparator: str = "") -> str:
    """What one result means against the table: OUTSIDE, INSIDE, or why it is not read."""
    if unit and not test.accepts(unit):
        return WRONG_UNIT
    factor = test.factor(unit) if unit else 1.0
    if factor is None:  # a unit this test is never converted from: nothing to compare
        return NOT_COVERED
    amount = value * factor
    low, high = test.possible
    if not low <= amount <= high:
        # Without a unit, a number that fits another of the test's units is a question about the unit.
        return NEED_UNIT if not unit and len(test.units) > 1 else IMPOSSIBLE
    if test.limit is None or test.limit_side is None:
        return NOT_COVERED
    limit = test.limit
    if test.limit_side == BELOW:
        if comparator == BELOW:  # "under 1.5": outside for sure only if the bound is at or under the limit
            return OUTSIDE if amount <= limit else VAGUE
        if comparator == ABOVE:
            return INSIDE if amount >= limit else VAGUE
        return OUTSIDE if amount < limit else INSIDE
    if comparator == ABOVE:
        return OUTSIDE if amount >= limit else VAGUE
    if comparator == BELOW:
        return INSIDE if amount <= limit else VAGUE
    return OUTSIDE if amount > limit else INSIDE


# ---- finding results in text ---------------------------------------------------------------

# Same-length replacements, so positions stay those of the typed text.
_SAME_LENGTH = str.maketrans({"×": "x", "*": "^", "⁹": "9", "³": "3", "μ": "u", "µ": "u", "X": "x"})
_NUMBER = r"(?P<number>\d+(?:[.,]\d+)?)"
_COMPARATOR = {
    BELOW: ("below", "under", "less than", "lower than"),
    ABOVE: ("above", "over", "more than", "higher than", "greater than"),
}
# At most this many words between a test's name and its value, each one of the table's
# `words_between` ("neutrophils have dropped to 1.2"): anything else ("neutrophils fine, temp 38.5")
# means the number is not the test's.
_MAX_GAP_WORDS = 6
_CANDIDATE = re.compile(r"(?<![\d.,])(?P<sign>[<>]\s*)?" + _NUMBER + r"(?![\d])")
# Numbers that are not results: a reference range ("(150-400)", "150 to 400"), a date, a time, a
# year, a phone number.
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?", re.IGNORECASE)
_DATE_OR_TIME = re.compile(
    r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}|\d{1,2}[.:]\d{2}\s*(?:am|pm)\b|\d{1,2}\s*(?:am|pm)\b"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"^0\d{2,}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_BEFORE_A_YEAR = re.compile(r"\b(?:in|since|from|during|of|year|back)\s*$", re.IGNORECASE)
_MORE_DIGITS = re.compile(r"^[\s-]?\d{3,}")  # "0161 123 4567": a phone number goes on
# A number followed by these is not a result ("low for 3 weeks", "150mg", "38.5 temperature").
_NOT_A_RESULT_AFTER = re.compile(
    r"^\s*(?:weeks?|wks?|days?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|times|x\b(?!\s*10)|mg\b(?!\s*/)|"
    r"tablets?|pills?|am\b|pm\b|o'clock|th\b|st\b|nd\b|rd\b|/\d|°|º|degrees?|deg\b|temp|fever|celsius|"
    r"fahrenheit|[cf]\b(?![a-z/]))",
    re.IGNORECASE,
)
# "from 2.1 to 1.2", "2.4 last time, now 1.2": the latest value counts.
_FROM_TO = re.compile(r"^\s*(?:to|->|→)\s*" + _NUMBER, re.IGNORECASE)
_THEN = re.compile(
    r"^[^\d.?!;\n]{0,30}?\b(?:now|then|down to|up to|dropped to|fallen to|gone to|rose to|risen to|today)\b"
    r"[^\d.?!;\n]{0,12}?" + _NUMBER,
    re.IGNORECASE,
)
# ...unless a temperature word, not denied, comes before a later number in a body's range: "neutrophils
# 0.9 and now febrile 38.5" (not "now no temp, 2.8").
_TEMPERATURE_BEFORE = re.compile(r"(?<!\bno )(?<!\bnot )\b(?:temp|temperature|fever|febrile|pyrexial)\b", re.IGNORECASE)
_BODY_TEMPERATURE = ((34.0, 43.0), (93.0, 110.0))
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SENTENCE_END = re.compile(r"[?!;\n]|\.(?!\d)")


def _value_candidates(after: str) -> list[tuple[re.Match[str], str]]:
    """The numbers after a test's name that could be its value, each with the words before it,
    up to the end of the sentence. Bracketed parts, reference ranges, dates, times, years and
    phone numbers are left out; so are the words inside brackets ("Neutrophils (Absolute) 1.2")."""
    end = _SENTENCE_END.search(after)
    sentence = after[: end.start()] if end else after
    hidden = [m.span() for m in _BRACKETS.finditer(sentence)]
    found: list[tuple[re.Match[str], str]] = []
    skip_until = 0
    for match in _CANDIDATE.finditer(sentence):
        start = match.start()
        if start < skip_until or any(a <= start < b for a, b in hidden):
            continue
        rest = sentence[match.end() :]
        date = _DATE_OR_TIME.match(sentence[match.start("number") :])
        if date:
            skip_until = match.start("number") + date.end()
            continue
        if _PHONE.match(match.group("number")):
            phone = _MORE_DIGITS.match(rest)
            skip_until = match.end() + (phone.end() if phone else 0)
            continue
        if _YEAR.match(match.group("number")) and _BEFORE_A_YEAR.search(sentence[:start]):
            continue
        ranged = _RANGE_AFTER.match(rest)
        if ranged and not re.search(r"\bfrom\s*$", sentence[:start], re.IGNORECASE):
            skip_until = match.end() + ranged.end()  # "150-400", "150 to 400": a reference range
            continue
        words_before = sentence[:start]
        for a, b in hidden:
            if b <= start:
                words_before = words_before[:a] + " " * (b - a) + words_before[b:]
        found.append((match, words_before))
    return found


def _a_temperature(later: re.Match[str]) -> bool:
    """The later number is a temperature: a temperature word, not denied, before it, and a value in
    a body's range."""
    value = _value(later.group("number"))
    words = later.string[later.start() : later.start("number")]
    ranged = any(low <= value <= high for low, high in _BODY_TEMPERATURE)
    return ranged and bool(_TEMPERATURE_BEFORE.search(words))


def _words_ok(words: str, allowed: frozenset[str]) -> bool:
    found = re.findall(r"[a-z']+", words.lower())
    return len(found) <= _MAX_GAP_WORDS and all(word in allowed for word in found)


@cache
def _name_pattern(table: BloodTable) -> re.Pattern[str]:
    names = sorted({name for test in table.tests for name in test.names}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in name.split()) for name in names)
    return re.compile(rf"(?<![\w/])(?:{alternatives})(?![\w/])", re.IGNORECASE)


@cache
def _unit_pattern(table: BloodTable) -> re.Pattern[str]:
    spellings = sorted(
        ((spelling.translate(_SAME_LENGTH), kind) for kind, words in table.units.items() for spelling in words),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    spaced = r"\s*"
    groups = "|".join(
        f"(?P<{kind}_{index}>" + spaced.join(re.escape(c) for c in spelling if not c.isspace()) + ")"
        for index, (spelling, kind) in enumerate(spellings)
    )
    return re.compile(rf"^\s*(?:{groups})(?![a-z])", re.IGNORECASE)


def _test_of(table: BloodTable, name: str) -> BloodTest:
    name = " ".join(name.lower().split())
    return next(test for test in table.tests if name in test.names)


def _value(text: str) -> float:
    # "95,000" is ninety-five thousand; "1,2" is one point two.
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _comparator(words: str) -> str:
    """BELOW or ABOVE when the words before the number end with a comparator ("under 2")."""
    lowered = words.lower().rstrip(" :=")
    for side, phrases in _COMPARATOR.items():
        for phrase in sorted(phrases, key=len, reverse=True):
            if lowered.endswith(phrase) and (len(lowered) == len(phrase) or not lowered[-len(phrase) - 1].isalpha()):
                return side
    return ""


def find_results(text: str, table: BloodTable | None = None) -> list[BloodResult]:
    """Every blood result stated in the text, in order."""
    table = table or load_blood_tests()
    searchable = text.translate(_SAME_LENGTH)
    names = list(_name_pattern(table).finditer(searchable))
    found: list[BloodResult] = []
    for index, name in enumerate(names):
        stop = names[index + 1].start() if index + 1 < len(names) else len(searchable)
        candidates = _value_candidates(searchable[name.end() : stop])
        if not candidates:
            continue
        match, words_before = candidates[0]
        # "Neutrophils % 12", "Neutrophils (%) 12": a percentage, whatever follows.
        between = searchable[name.end() : name.end() + match.start()]
        percent = bool(re.search(r"%|\bper\s*cent\b|\bpercent\b", between, re.IGNORECASE))
        if not _words_ok(words_before.replace("%", " "), table.words_between):
            continue
        end = name.end() + match.end()
        rest = searchable[end:stop]
        if _NOT_A_RESULT_AFTER.match(rest):
            continue
        value_text = match.group("number")
        later = _FROM_TO.match(rest) or _THEN.match(rest)
        if later and _a_temperature(later):
            later = None
        if later and not _NOT_A_RESULT_AFTER.match(rest[later.end() :]):
            value_text = later.group("number")
            end += later.end()
            rest = searchable[end:stop]
        comparator = _comparator(words_before)
        if match.group("sign"):
            comparator = BELOW if match.group("sign").strip() == "<" else ABOVE
        unit = "percent" if percent else ""
        unit_match = _unit_pattern(table).match(rest)
        if unit_match:
            group = next(key for key, value in unit_match.groupdict().items() if value)
            unit = unit or group.rsplit("_", 1)[0]
            end += unit_match.end()
        test = _test_of(table, name.group(0))
        value = _value(value_text)
        found.append(
            BloodResult(
                test.key,
                value,
                unit,
                comparator,
                read(test, value, unit, comparator),
                text[name.start() : end].strip(),
                name.start(),
                end,
            )
        )
    return found


# ---- the reply -----------------------------------------------------------------------------


def _usual_units(test: BloodTest) -> str:
    shown = [UNIT_SHOWN[kind] for kind, _ in test.units if kind != "cells_per_ul"]
    shown += [US_SHOWN[kind] for kind, _ in test.units if kind in US_SHOWN]
    return " or ".join(shown)


def _value_text(result: ResultPayload, test: BloodTest) -> str:
    """ "1.2 x10^9/L", "under 2", or "2.8 g/dL (28 g/L)": the unit as given, and the value in the
    limit's unit when it was given in another."""
    bound = {BELOW: "under ", ABOVE: "over "}.get(result["comparator"], "")
    text = bound + number(result["value"])
    graded = result["reading"] in (OUTSIDE, INSIDE)
    unit = result["unit"] or (test.usual_unit if graded else "")
    if unit:
        text += f" {UNIT_SHOWN[unit]}"
    factor = test.factor(unit) if unit else None
    if factor is not None and factor != 1.0:
        text += f" ({number(round(result['value'] * factor, 3))} {UNIT_SHOWN[test.usual_unit]})"
    return text


def result_lines(
    results: list[ResultPayload], table: BloodTable | None = None, *, acting_on_more: bool = False
) -> list[str]:
    """What the reply says about each result: its reading, what the test is, and what to do.
    `acting_on_more`: something else in the message needs action sooner, so a result inside its
    limit is not "mention it at your next review"."""
    table = table or load_blood_tests()
    lines: list[str] = []
    graded = False
    inside = False
    for result in results:
        test = table.test(result["test"])
        reading = result["reading"]
        values = {
            "label": short_label(test),
            "label_cap": short_label(test)[:1].upper() + short_label(test)[1:],
            "value": _value_text(result, test),
            "unit_given": UNIT_SHOWN.get(result["unit"], result["unit"]),
            "usual_units": _usual_units(test),
            "limit": number(test.limit) if test.limit is not None else "",
            "limit_unit": UNIT_SHOWN[test.usual_unit],
            "direction": "under" if test.limit_side == BELOW else "over",
            "limit_side": "at least" if test.limit_side == BELOW else "at most",
            "side": "low" if test.limit_side == BELOW else "high",
            "other": "high" if test.limit_side == BELOW else "low",
            "condition": test.condition,
        }
        if reading == OUTSIDE:
            template = "outside_condition" if test.condition else "outside"
            lines += [table.replies[template].format_map(values), test.meaning]
            graded = True
        elif reading == INSIDE:
            lines += [table.replies["inside"].format_map(values), table.replies["one_sided"].format_map(values)]
            graded = inside = True
        elif reading == NOT_COVERED:
            lines += [test.meaning, test.not_covered or table.replies["not_covered"].format_map(values)]
        else:
            lines.append(table.replies[reading].format_map(values))
    if inside and not acting_on_more:
        lines.append(table.replies["inside_next_review"])
    if graded:
        lines += [table.local_limits, table.never_yourself]
    return [line for index, line in enumerate(lines) if line and line not in lines[:index]]


def result_sources(results: list[ResultPayload], table: BloodTable | None = None) -> list[str]:
    table = table or load_blood_tests()
    seen: list[str] = []
    for result in results:
        for key in table.test(result["test"]).source.split(","):
            if key.strip() not in seen:
                seen.append(key.strip())
    return seen
