"""Loads and checks the clinical red-flag table and the language cues (YAML under data/clinical).

The YAML files are the single place where clinical rules live; this module only turns them
into typed objects and refuses malformed entries with a message that names the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

CLINICAL_DIR = PROJECT_ROOT / "data" / "clinical"
RED_FLAGS_FILE = CLINICAL_DIR / "red_flags.yml"
CUES_FILE = CLINICAL_DIR / "context_cues.yml"

LEVELS = ("routine", "soon", "urgent", "emergency")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
INTENSITIES = ("mild", "marked", "severe", "extreme", "unstoppable", "persistent", "long")
SOURCES_FILE = CLINICAL_DIR / "sources.yml"


@cache
def source_names() -> dict[str, str]:
    """Short key -> the name a reply shows (data/clinical/sources.yml)."""
    raw = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))
    return {key: str(entry["shown"]) for key, entry in raw["sources"].items()}


SOURCE_KEYS = frozenset(source_names())
_SOURCE_LINE = re.compile(r"Sources?: ([A-Z][A-Za-z0-9, -]*?)\.(?=\s|$)")


def shown_sources(text: str) -> str:
    """'Source: NHS, VA.' as a reader sees it: 'Source: NHS; Versus Arthritis.'"""

    def expand(match: re.Match[str]) -> str:
        keys = [k.strip() for k in match.group(1).split(",")]
        if not all(k in SOURCE_KEYS for k in keys):
            return match.group(0)
        return "Source: " + "; ".join(source_names()[k] for k in keys) + "."

    return _SOURCE_LINE.sub(expand, text)


class LexiconError(ValueError):
    """The clinical YAML has an entry the assistant cannot use."""


def highest(levels: Iterable[str | None]) -> str | None:
    """The most urgent of the given levels (None if there are none)."""
    ranked = [level for level in levels if level]
    return max(ranked, key=LEVEL_RANK.__getitem__) if ranked else None


@dataclass(frozen=True)
class Finding:
    code: str
    label: str
    row: str
    level: str | None  # None: context only, it grades nothing on its own
    why: str
    source: str
    patterns: tuple[str, ...]
    advice: str = ""
    exclude: tuple[str, ...] = ()
    suppressed_by: tuple[str, ...] = ()
    escalate: dict[str, str] = field(default_factory=dict)
    crisis: bool = False  # a crisis statement: the reply leads with the crisis line
    learned_row: str | None = None  # found by the learned detector for this row, not by patterns
    explainable: bool = False  # an ordinary cause the person gives means it is not a warning sign
    explained_by_injury: bool = False  # a knock or fall told beside it explains it (a bruise)
    bleed: bool = False  # no cause explains a bleed that went on long, keeps happening or comes from inside
    dated: bool = False  # it says when something began: a past time does not make it over
    persists: bool = False  # "I'm fine now" does not end it (in a message, unless it is placed in the past)
    read_again: bool = False  # its words stay in the text the learned detector reads
    exclude_in_sentence: bool = False  # its exclusions only read the sentence of the match
    exclude_unless_doubted: bool = False  # a denial or doubt just before an exclusion or its last word voids it
    anywhere: tuple[tuple[str, ...], ...] = ()  # word groups that, all present in a message, are it
    anywhere_unless: tuple[str, ...] = ()  # ...except when one of these is in the message
    defers_to: tuple[str, ...] = ()  # learned: pattern findings that, when found, say it better
    defers_unless: tuple[str, ...] = ()  # learned: ...unless one of these words is in the message
    measured: bool = False  # read from a number (a blood result), not from patterns
    needs_all: tuple[tuple[str, ...], ...] = ()  # learned: one word of every group must be in the message...
    or_needs: tuple[str, ...] = ()  # ...or one of these, which say it alone ("by accident")
    denied_as_history: tuple[str, ...] = ()  # a denied mention beside one of these is history, not a denial
    explained_by: tuple[str, ...] = ()  # explainable: causes of this finding only, beside `ordinary_causes`
    unexplained_with_temperature: bool = False  # no cause explains it, nor the temperature, told together

    def level_for(self, intensities: Iterable[str]) -> str | None:
        """The level once intensity words ("severe", "won't stop") are taken into account.

        Intensities only raise a level, except `mild`, which may lower it when nothing else
        in the message raises it ("I was sick once").
        """
        raised = [self.escalate[i] for i in intensities if i in self.escalate and i != "mild"]
        if raised:
            return highest([self.level, *raised])
        if "mild" in intensities and "mild" in self.escalate:
            return self.escalate["mild"]
        return self.level


@dataclass(frozen=True)
class Combination:
    name: str
    level: str
    groups: tuple[frozenset, ...]  # one finding from every group must be present
    why: str
    source: str
    label: str

    def matches(self, codes: set) -> bool:
        return all(self._group_met(group, codes) for group in self.groups)

    @staticmethod
    def _group_met(group: frozenset, codes: set) -> bool:
        if "any_other" in group:
            return len(codes) >= 2
        return bool(group & codes)


@dataclass(frozen=True)
class TemperatureBand:
    from_celsius: float
    finding: str


@dataclass(frozen=True)
class Lexicon:
    findings: dict[str, Finding]
    combinations: tuple[Combination, ...]
    rows: dict[str, str]
    temperature: tuple[TemperatureBand, ...] = ()  # highest band first

    def finding(self, code: str) -> Finding:
        return self.findings[code]

    def temperature_finding(self, celsius: float) -> str | None:
        """The finding a measured temperature is (None: a normal temperature)."""
        return next((band.finding for band in self.temperature if celsius >= band.from_celsius), None)

    def temperature_text(self, finding: str) -> str:
        """ "38°C (100.4°F)": the band of a temperature finding, in C and F, for replies."""
        celsius = next(band.from_celsius for band in self.temperature if band.finding == finding)
        return f"{celsius:g}°C ({celsius * 9 / 5 + 32:.1f}°F)"

    def temperature_values(self) -> dict[str, str]:
        """The placeholders replies use for the bands: {fever_from}, {very_high_fever_from},
        {raised_temperature_from}, each "38°C (100.4°F)"."""
        return {f"{band.finding}_from": self.temperature_text(band.finding) for band in self.temperature}

    @property
    def temperature_findings(self) -> frozenset[str]:
        return frozenset(band.finding for band in self.temperature)

    @property
    def learned_findings(self) -> dict[str, str]:
        """Row -> the finding the learned detector reports for it."""
        return {f.learned_row: code for code, f in self.findings.items() if f.learned_row}

    @property
    def temperature_learned(self) -> frozenset[str]:
        """Learned findings of the rows a measured temperature speaks to (a normal reading rules them out)."""
        rows = {self.findings[code].row for code in self.temperature_findings}
        return frozenset(code for row, code in self.learned_findings.items() if row in rows)

    @property
    def read_again(self) -> frozenset[str]:
        return frozenset(code for code, finding in self.findings.items() if finding.read_again)

    @property
    def crisis_findings(self) -> frozenset[str]:
        return frozenset(code for code, finding in self.findings.items() if finding.crisis)


@dataclass(frozen=True)
class Cues:
    negation: frozenset
    negation_phrases: tuple[str, ...]
    pseudo_negation: tuple[str, ...]
    despair: tuple[str, ...]
    negation_after: tuple[str, ...]
    scope_breakers: frozenset
    subjects: frozenset
    conditional: tuple[str, ...]
    not_conditional: tuple[str, ...]
    question_starters: tuple[str, ...]
    tag_questions: tuple[str, ...]
    tag_blockers: frozenset
    information: tuple[str, ...]
    topic_words: frozenset
    topic_query_max_words: int
    topic_query_not: tuple[str, ...]
    report_markers: tuple[str, ...]
    not_report: tuple[str, ...]
    intensity: dict[str, tuple[str, ...]]
    intensity_window: int
    negation_window: int
    distant_past: tuple[str, ...] = ()
    past_hints: tuple[str, ...] = ()  # what places a message in the past for a finding that persists
    past_hints_not_after: tuple[str, ...] = ()  # "I'm in my 20s": no past
    times_of_day: tuple[str, ...] = ()  # after a past phrase ending in "before": that time ("once before breakfast")
    dating_events: tuple[str, ...] = ()  # what a past time may date instead of the finding ("started")
    over: tuple[str, ...] = ()
    current: tuple[str, ...] = ()
    found_since: tuple[str, ...] = ()
    measure_names: tuple[str, ...] = ()
    figures_of_speech: tuple[str, ...] = ()
    masked: tuple[str, ...] = ()
    because: tuple[str, ...] = ()
    caused: tuple[str, ...] = ()  # cause words with the cause before them ("left a bruise")
    ordinary_causes: tuple[str, ...] = ()
    injuries: tuple[str, ...] = ()
    not_explained: tuple[str, ...] = ()
    cause_not_enough: tuple[str, ...] = ()
    cause_denied_between: tuple[str, ...] = ()  # words between a denial and a cause word it still denies
    cause_doubted: tuple[str, ...] = ()  # doubts that, right before a cause word, deny the cause
    # Whose finding it is (bot/detect/who.py): word lists by name.
    who: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Confused about what one was told, not a muddled mind (bot/detect/puzzled.py): word lists by name.
    puzzled: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Illness going round the people nearby, not the writer's (bot/detect/going_round.py).
    going_round: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A contact the message says did not happen (bot/detect/no_contact.py): word lists by name.
    no_contact: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # An "if" meaning "whether" that "and now" + a person ends (bot/detect/context.py): word lists by name.
    whether_now: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A report with its subject dropped ("what do i do lips are swelling"; bot/detect/dropped.py): word lists by name.
    subject_dropped: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A clause that only says a part of the body is well (bot/detect/pipeline.py): word lists by name.
    said_well: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A lowering intensity word denied right before it ("no longer mild"; bot/detect/intensity.py): word lists by name.
    intensity_denied: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A past phrase that dates no past episode ("since last year", "in the past few weeks"; bot/detect/context.py).
    not_a_past_time: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # "when she was 2": an age gone by, a past time for findings that persist (bot/detect/context.py).
    age_gone_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    intensity_adjacent: tuple[str, ...] = ()
    # An extreme phrase that starts as a severe one, past the window (bot/detect/intensity.py): word lists by name.
    intensity_led: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    distress_markers: tuple[str, ...] = ()
    crisis_method_asks: tuple[str, ...] = ()
    crisis_about_medicine: tuple[str, ...] = ()
    crisis_weak_starts: tuple[str, ...] = ()
    negated_actions: tuple[str, ...] = ()
    bleed_long: tuple[str, ...] = ()
    bleed_recurring: tuple[str, ...] = ()
    bleed_inside: tuple[str, ...] = ()
    goes_on: tuple[str, ...] = ()  # right beside a finding, it is not over ("can't stop shivering")
    goes_on_reach: int = 2
    bleed_long_minutes: int = 15
    # A bleed told with these did not go on all that time ("took 25 minutes to stop", "on and off
    # for 48 hours"): its duration does not say it will not stop.
    bleed_not_continuous: tuple[str, ...] = ()
    bleed_still_going_before: tuple[str, ...] = ()  # "it's bled for an hour": still going
    # Around a bleed's duration: the words it may be joined by, what may follow it, a bleed told past.
    bleed_duration_joins: tuple[str, ...] = ()
    bleed_duration_ends: tuple[str, ...] = ()
    bleed_told_past: tuple[str, ...] = ()
    # Just before a fever word, the act of measuring ("took my temp"): the reading says what it was.
    measuring: tuple[str, ...] = ()
    # ...unless its sentence says what it found ("took my temp, its high").
    measured_high: tuple[str, ...] = ()
    measured_before: tuple[str, ...] = ()
    # Between two readings, the first was wrong ("38.2?? oh wait, 36.2, misread").
    reading_withdrawn: tuple[str, ...] = ()
    # A bleed beside a knock that has stopped ("nose bled for like 2 mins then stopped").
    bleed_stopped: tuple[str, ...] = ()
    # With the negation words, just before an exclusion of a finding marked `exclude_unless_doubted`
    # or just before its last word, these void it ("not sure if I'm immune").
    doubt_words: tuple[str, ...] = ()


def _require(entry: dict, key: str, where: str) -> Any:
    if key not in entry or entry[key] in (None, "", []):
        raise LexiconError(f"{where}: '{key}' is missing")
    return entry[key]


def _sources_ok(source: str, where: str) -> str:
    keys = [part.strip() for part in source.split(",")]
    unknown = [key for key in keys if key not in SOURCE_KEYS]
    if unknown:
        raise LexiconError(f"{where}: unknown source {', '.join(unknown)} (use the reference's short names)")
    return source


def parse_lexicon(raw: dict) -> Lexicon:
    if raw.get("version") != 1:
        raise LexiconError("red_flags.yml: 'version: 1' is required")
    rows = _require(raw, "rows", "red_flags.yml")
    findings: dict[str, Finding] = {}
    for index, entry in enumerate(_require(raw, "findings", "red_flags.yml")):
        where = f"red_flags.yml finding #{index + 1} ({entry.get('code', '?')})"
        code = _require(entry, "code", where)
        if code in findings:
            raise LexiconError(f"{where}: duplicate code")
        level = entry.get("level")
        if level is not None and level not in LEVELS:
            raise LexiconError(f"{where}: level must be one of {', '.join(LEVELS)} or null")
        row = entry.get("learned_row") or _require(entry, "row", where)
        if row not in rows:
            raise LexiconError(f"{where}: row '{row}' is not listed under rows")
        escalate = entry.get("escalate") or {}
        for intensity, raised in escalate.items():
            if intensity not in INTENSITIES or raised not in LEVELS:
                raise LexiconError(f"{where}: escalate needs intensity: level, got {intensity}: {raised}")
        learned_row = entry.get("learned_row")
        if learned_row is not None and learned_row not in rows:
            raise LexiconError(f"{where}: learned_row '{learned_row}' is not listed under rows")
        measured = bool(entry.get("measured", False))
        patterns = entry.get("patterns") or [] if learned_row or measured else _require(entry, "patterns", where)
        if not all(isinstance(p, str) and p.strip() for p in patterns):
            raise LexiconError(f"{where}: every pattern must be non-empty text")
        findings[code] = Finding(
            code=code,
            label=_require(entry, "label", where),
            row=row,
            level=level,
            why=_require(entry, "why", where).strip(),
            source=_sources_ok(_require(entry, "source", where), where),
            patterns=tuple(patterns),
            advice=(entry.get("advice") or "").strip(),
            exclude=tuple(entry.get("exclude") or ()),
            suppressed_by=tuple(entry.get("suppressed_by") or ()),
            escalate=dict(escalate),
            crisis=bool(entry.get("crisis", False)),
            learned_row=learned_row,
            explainable=bool(entry.get("explainable", False)),
            explained_by_injury=bool(entry.get("explained_by_injury", False)),
            bleed=bool(entry.get("bleed", False)),
            dated=bool(entry.get("dated", False)),
            persists=bool(entry.get("persists", False)),
            read_again=bool(entry.get("read_again", False)),
            exclude_in_sentence=bool(entry.get("exclude_in_sentence", False)),
            exclude_unless_doubted=bool(entry.get("exclude_unless_doubted", False)),
            anywhere=tuple(tuple(str(word) for word in group) for group in entry.get("anywhere") or ()),
            anywhere_unless=tuple(str(word) for word in entry.get("anywhere_unless") or ()),
            defers_to=tuple(entry.get("defers_to") or ()),
            defers_unless=tuple(str(word) for word in entry.get("defers_unless") or ()),
            measured=measured,
            needs_all=tuple(tuple(str(word) for word in group) for group in entry.get("needs_all") or ()),
            or_needs=tuple(str(word) for word in entry.get("or_needs") or ()),
            denied_as_history=tuple(str(word) for word in entry.get("denied_as_history") or ()),
            explained_by=tuple(str(word) for word in entry.get("explained_by") or ()),
            unexplained_with_temperature=bool(entry.get("unexplained_with_temperature", False)),
        )
    for finding in findings.values():
        unknown = [c for c in (*finding.suppressed_by, *finding.defers_to) if c not in findings]
        if unknown:
            raise LexiconError(f"finding {finding.code}: suppressed_by names unknown codes {unknown}")
    combinations = []
    for index, entry in enumerate(raw.get("combinations") or ()):
        where = f"red_flags.yml combination #{index + 1} ({entry.get('name', '?')})"
        level = _require(entry, "level", where)
        if level not in LEVELS:
            raise LexiconError(f"{where}: level must be one of {', '.join(LEVELS)}")
        groups = tuple(frozenset(group) for group in _require(entry, "all_of", where))
        for group in groups:
            unknown = [c for c in group if c not in findings and c != "any_other"]
            if unknown:
                raise LexiconError(f"{where}: unknown finding codes {unknown}")
        combinations.append(
            Combination(
                name=_require(entry, "name", where),
                level=level,
                groups=groups,
                why=_require(entry, "why", where).strip(),
                source=_sources_ok(_require(entry, "source", where), where),
                label=_require(entry, "label", where),
            )
        )
    bands = []
    for index, entry in enumerate(raw.get("temperature") or ()):
        where = f"red_flags.yml temperature band #{index + 1}"
        code = _require(entry, "finding", where)
        if code not in findings:
            raise LexiconError(f"{where}: unknown finding {code!r}")
        bands.append(TemperatureBand(float(_require(entry, "from", where)), code))
    bands.sort(key=lambda band: -band.from_celsius)
    return Lexicon(findings=findings, combinations=tuple(combinations), rows=dict(rows), temperature=tuple(bands))


# The names each block of word lists may hold: the code reads lists by name, so a misspelt or
# misplaced name would otherwise be ignored in silence and its words never used.
WORD_LIST_NAMES: dict[str, frozenset[str]] = {
    "who": frozenset(
        (
            "always_counts",
            "he",
            "she",
            "either",
            "writer",
            "medicine",
            "similar_medicines",
            "stopped",
            "stopped_in_sentence",
            "statement_forms",
            "not_all_medicine",
            "told",
            "clause_breaks",
        )
    ),
    "puzzled": frozenset(
        (
            "codes",
            "words",
            "information_reach",
            "writer",
            "others",
            "degree",
            "state",
            "state_not_after",
            "warned",
            "caused_by",
            "information",
        )
    ),
    "going_round": frozenset(
        (
            "codes",
            "spreading",
            "reach",
            "between",
            "illnesses",
            "opening",
            "groups",
            "household",
            "avoiding",
            "patient",
            "places",
            "own",
            "medicine",
            "clause_breaks",
        )
    ),
    "no_contact": frozenset(
        (
            "codes",
            "denials",
            "subjects",
            "after",
            "then_not",
            "words",
            "year_words",
            "buildings",
            "away",
            "clause_breaks",
        )
    ),
    "whether_now": frozenset(("whether", "people", "mind")),
    "subject_dropped": frozenset(
        (
            "asking_what_to_do",
            "conditions",
            "reasons",
            "not_after",
            "not_after_unless",
            "question_verbs",
            "asking_why",
            "signs",
            "plural_signs",
            "be",
            "sense",
            "bare_sense",
            "degrees",
            "states",
            "not_stopping",
            "stopping",
            "why_states",
            "why_degrees",
            "why_verbs",
            "why_then_not",
            "calls_for_help",
            "readings",
            "reading_then_not",
            "verbless_states",
            "then_not",
            "then_verbs",
            "then_verbs_unless",
        )
    ),
    "said_well": frozenset(("openers", "parts", "white_parts", "between", "well", "after")),
    "intensity_denied": frozenset(("words", "by", "fillers")),
    "intensity_led": frozenset(("after", "followed_by")),
    "not_a_past_time": frozenset(
        (
            "continuing",
            "window_fillers",
            "windows",
            "names",
            "names_before",
            "school_year_after",
            "continuing_what",
            "degrees",
            "moments",
        )
    ),
    "age_gone_by": frozenset(("young", "numbers", "after_a", "not_before", "not_units")),
}


def _word_lists(raw: dict, key: str) -> dict[str, tuple[str, ...]]:
    """A block of named word lists ("puzzled", "said_well", "intensity_led"...); a single value is a list of one."""
    block = raw.get(key) or {}
    if not isinstance(block, dict):
        raise LexiconError(f"context_cues.yml {key}: expected named word lists, got {type(block).__name__}")
    unknown = sorted(set(block) - WORD_LIST_NAMES[key])
    if unknown:
        raise LexiconError(f"context_cues.yml {key}: unknown list names {unknown}")
    return {
        name: tuple(str(w) for w in words) if isinstance(words, list) else (str(words),)
        for name, words in block.items()
    }


def _complete_word_lists(raw: dict, key: str) -> dict[str, tuple[str, ...]]:
    """A block of named word lists that must all be there and not empty (each builds a pattern)."""
    lists = _word_lists(raw, key)
    missing = sorted(name for name in WORD_LIST_NAMES[key] if not lists.get(name))
    if missing:
        raise LexiconError(f"context_cues.yml {key}: missing or empty lists {missing}")
    return lists


def parse_cues(raw: dict) -> Cues:
    where = "context_cues.yml"
    subject_dropped = _complete_word_lists(raw, "subject_dropped")
    malformed = [entry for entry in subject_dropped["not_after_unless"] if " unless " not in entry]
    if malformed:
        raise LexiconError(f"{where} subject_dropped not_after_unless: {malformed} are not 'WORD unless WORDS'")
    intensity = {name: tuple(words) for name, words in _require(raw, "intensity", where).items()}
    unknown = [name for name in intensity if name not in INTENSITIES]
    if unknown:
        raise LexiconError(f"{where}: unknown intensity classes {unknown}")
    return Cues(
        negation=frozenset(_require(raw, "negation_words", where)),
        negation_phrases=tuple(raw.get("negation_phrases") or ()),
        pseudo_negation=tuple(_require(raw, "pseudo_negation", where)),
        despair=tuple(raw.get("despair") or ()),
        negation_after=tuple(raw.get("negation_after") or ()),
        scope_breakers=frozenset(_require(raw, "scope_breakers", where)),
        subjects=frozenset(_require(raw, "subjects", where)),
        conditional=tuple(_require(raw, "conditional", where)),
        not_conditional=tuple(_require(raw, "not_conditional", where)),
        question_starters=tuple(_require(raw, "question_starters", where)),
        tag_questions=tuple(raw.get("tag_questions") or ()),
        tag_blockers=frozenset(raw.get("tag_blockers") or ()),
        information=tuple(_require(raw, "information", where)),
        topic_words=frozenset(raw.get("topic_words") or ()),
        topic_query_max_words=int(raw.get("topic_query_max_words", 0)),
        topic_query_not=tuple(raw.get("topic_query_not") or ()),
        report_markers=tuple(_require(raw, "report_markers", where)),
        not_report=tuple(_require(raw, "not_report", where)),
        intensity=intensity,
        intensity_window=int(raw.get("intensity_window", 5)),
        negation_window=int(raw.get("negation_window", 6)),
        bleed_long_minutes=int(raw.get("bleed_long_minutes", 15)),
        who=_word_lists(raw, "who"),
        puzzled=_word_lists(raw, "puzzled"),
        going_round=_word_lists(raw, "going_round"),
        no_contact=_complete_word_lists(raw, "no_contact"),
        whether_now=_complete_word_lists(raw, "whether_now"),
        subject_dropped=subject_dropped,
        said_well=_word_lists(raw, "said_well"),
        intensity_denied=_word_lists(raw, "intensity_denied"),
        intensity_led=_word_lists(raw, "intensity_led"),
        not_a_past_time=_complete_word_lists(raw, "not_a_past_time"),
        age_gone_by=_complete_word_lists(raw, "age_gone_by"),
        **{
            key: tuple(raw.get(key) or ())
            for key in (
                "distant_past",
                "times_of_day",
                "past_hints",
                "past_hints_not_after",
                "dating_events",
                "over",
                "current",
                "found_since",
                "measure_names",
                "figures_of_speech",
                "masked",
                "because",
                "caused",
                "ordinary_causes",
                "injuries",
                "not_explained",
                "cause_not_enough",
                "cause_denied_between",
                "cause_doubted",
                "distress_markers",
                "crisis_method_asks",
                "crisis_about_medicine",
                "crisis_weak_starts",
                "intensity_adjacent",
                "negated_actions",
                "bleed_long",
                "bleed_recurring",
                "bleed_inside",
                "goes_on",
                "measuring",
                "measured_high",
                "measured_before",
                "reading_withdrawn",
                "bleed_stopped",
                "bleed_not_continuous",
                "bleed_still_going_before",
                "bleed_duration_joins",
                "bleed_duration_ends",
                "bleed_told_past",
                "doubt_words",
            )
        },
        goes_on_reach=int(raw.get("goes_on_reach", 2)),
    )


def _read(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise LexiconError(f"{path.name} is not valid YAML: {error}") from error


@cache
def load_lexicon(path: Path = RED_FLAGS_FILE) -> Lexicon:
    return parse_lexicon(_read(path))


@cache
def load_cues(path: Path = CUES_FILE) -> Cues:
    return parse_cues(_read(path))
