"""When the medicine was started, read from the words people use ("only been on it since the 14th",
"commenced AZA 2/52 ago", "I'm on week six of azathioprine", "my mother start this medicine imuran
since 10 days"), as a number of days.

A start is a start word ("started", "began", "commenced", "added", "switched me onto", "first dose",
"been on", "into", "week N of"...) beside a word for the medicine ("aza", "imuran", "it", "the
tablets") and, in the same sentence, a time: a duration ("12 days", "a week and a half", "3/52"), a
day ("last Friday", "on Saturday night", "the 28th", "19/11") or a long time ("years", "since
2019"). Another medicine named where azathioprine would be ("started omeprazole last week", "the
mesalazine which I started on Friday") is not it, and nor is a dose change on a long-standing
prescription or a brand switch after years on it.

How many days count as the first weeks is clinical data (context_cues.yml, `started`); the reference
gives no number, so it is a reading of "the first weeks". The reading only ever adds
`recently_started` (bot/detect/detector.py): what the patterns found stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import yaml

from bot.detect.text import NUMBER_WORDS, number_value
from bot.triage.lexicon import CLINICAL_DIR

_UNITS = {
    "day": 1,
    "days": 1,
    "d": 1,
    "week": 7,
    "weeks": 7,
    "wk": 7,
    "wks": 7,
    "w": 7,
    "fortnight": 14,
    "fortnights": 14,
    "month": 30,
    "months": 30,
    "mo": 30,
    "mth": 30,
    "mths": 30,
    "year": 365,
    "years": 365,
    "yr": 365,
    "yrs": 365,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMBER = r"(\d+(?:\.\d)?|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"
_UNIT = r"(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + ")"
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# (pattern, how to read it) for each form of a time; the reader gets the match and today.
_TIMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"\b(\d{1,2})/(52|7|12)\b", "shorthand"),  # 2/52 weeks, 10/7 days, 3/12 months
        (r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", "numeric_date"),  # 19/11, 3/11/2026
        (
            r"\b" + _NUMBER + r"(\s+and\s+(?:a\s+)?half)?(?:\s+|(?<=\d)-?)" + _UNIT + r"(\s+and\s+(?:a\s+)?half)?\b",
            "duration",
        ),
        (r"\b(a|one)?\s*fortnight\b", "fortnight"),
        (r"\b(?:week|wk)\s+" + _NUMBER + r"\b", "week_number"),
        (r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:week)\b", "week_ordinal"),
        (
            r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|1st|2nd|3rd|4th|5th|6th|7th|8th)\s+(week|month)\b",
            "ordinal_unit",
        ),
        (r"\bday\s+(\d{1,3})\b", "day_number"),
        (_MONTH + r"\s+" + _ORDINAL + r"\b", "month_day"),
        (r"\b" + _ORDINAL + r"\s+(?:of\s+)?" + _MONTH + r"\b", "day_month"),
        (r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", "day_of_month"),
        (r"\b(?:last|this past|past)\s+(" + "|".join(_WEEKDAYS) + r")\b", "weekday"),
        (r"\b(?:on\s+)?(" + "|".join(_WEEKDAYS) + r")\b", "weekday"),
        (r"\b(yesterday|last night|this morning|today|tonight)\b", "recent_day"),
        (r"\b(last|this)\s+(week|weekend)\b", "this_week"),
        (r"\b(?:the\s+)?(end|start|beginning|middle)\s+of\s+(last|this|the)\s+month\b", "part_of_month"),
        (r"\b(last|this)\s+month\b", "month_ref"),
        (r"\b(?:in|since|from)\s+(19\d\d|20\d\d)\b", "year"),
        (r"\b(ages|years|donkey's years|a long time|long time|forever|since birth|since childhood)\b", "long"),
        (r"\bsince\s+(?:i|he|she|they)\s+was\s+(?:little|small|young|a baby|a kid|a child|a teenager|\d+)\b", "long"),
    )
)


LONG_STANDING_DAYS = 180  # on it this long, it was not started in the first weeks, whatever else started
PASSIVE_REACH = 2  # "aza was started", "azathioprine was added": the medicine this close before
# Words that may join the medicine to how long someone has been on it ("on aza for about 3 weeks").
_JOINING = frozenset(
    [
        "for",
        "since",
        "from",
        "about",
        "around",
        "roughly",
        "approx",
        "approximately",
        "just",
        "under",
        "over",
        "nearly",
        "almost",
        "like",
        "only",
        "now",
        "the",
        "a",
        "already",
        "tablets",
        "tablet",
    ]
)
MAX_JOINING_WORDS = 3
_WORDS = re.compile(r"[\w']+")
# "my 7 year old", "72 years old", "18 month old": an age, not how long ago.
_AGE_AFTER = re.compile(r"\s*-?\s*old\b", re.IGNORECASE)


@dataclass(frozen=True)
class Start:
    start: int
    end: int
    days: int  # days since the medicine was started (0: today)


@dataclass(frozen=True)
class StartReader:
    first_weeks_days: int
    start_words: re.Pattern[str]
    on_it_words: re.Pattern[str]
    medicine: re.Pattern[str]
    other_medicines: re.Pattern[str]
    not_a_start: re.Pattern[str]
    reach: int  # words between the start word and the medicine
    self_evident: re.Pattern[str]  # start words that need no medicine named ("first dose")
    pronoun: re.Pattern[str]  # words for the medicine that only count right after "on" or "taking"

    @classmethod
    def from_file(cls) -> StartReader:
        raw = yaml.safe_load((CLINICAL_DIR / "context_cues.yml").read_text(encoding="utf-8"))["started"]
        return cls(
            first_weeks_days=int(raw["first_weeks_days"]),
            start_words=_words(raw["start_words"]),
            on_it_words=_words(raw["on_it_words"]),
            medicine=_words(raw["medicine"]),
            other_medicines=_words(raw["other_medicines"]),
            not_a_start=_words(raw["not_a_start"]),
            reach=int(raw["reach_words"]),
            self_evident=_words(raw["self_evident"]),
            pronoun=_words(["it", "them"]),
        )

    def starts(self, text: str, today: date) -> list[Start]:
        """Each time in the text that says when the medicine was started, with its days."""
        found = []
        # "It" or "them" is another medicine when one is named anywhere ("antihistamines ... been
        # taking them for 2 weeks").
        other_named = bool(self.other_medicines.search(text))
        for sentence_start, sentence in _sentences(text):
            if self.not_a_start.search(sentence):
                continue
            cues = [
                (m, False)
                for m in self.start_words.finditer(sentence)
                if self._of_the_medicine(sentence, m, other_named=other_named)
            ]
            cues += [
                (m, True)
                for m in self.on_it_words.finditer(sentence)
                if self._of_the_medicine(sentence, m, after_only=True, other_named=other_named)
            ]
            times = _times(sentence, today)
            # Each start word's time is the one nearest it ("started aza 3 years ago, rash since
            # Tuesday": the years).
            for cue, on_it in cues:
                # Being on it is dated by what follows ("been on azathioprine since she was little"; not
                # "two days taking aza and my joint pain is better", the days of something else).
                candidates = [t for t in times if self._dates_being_on_it(sentence, cue, t)] if on_it else times
                near = min(candidates, key=lambda t: min(abs(t[0] - cue.end()), abs(cue.start() - t[1])), default=None)
                if near is not None:
                    found.append(Start(sentence_start + near[0], sentence_start + near[1], near[2]))
        return found

    def recent(self, text: str, today: date) -> bool | None:
        """True: started in the first weeks; False: only longer ago, or on it for years (a "start" is
        then of a new habit: "been on aza 8 years. Last week I started taking it at night"); None: the
        text does not say when it was started."""
        starts = self.starts(text, today)
        if not starts:
            return None
        return self._first_weeks(starts) is not None

    def first_weeks_start(self, text: str, today: date) -> Start | None:
        """The first start read in the first weeks, when `recent` is True (one reading of the text)."""
        return self._first_weeks(self.starts(text, today))

    def _first_weeks(self, starts: list[Start]) -> Start | None:
        if any(s.days >= LONG_STANDING_DAYS for s in starts):
            return None
        return next((s for s in starts if s.days <= self.first_weeks_days), None)

    def _dates_being_on_it(self, sentence: str, cue: re.Match[str], time: tuple[int, int, int]) -> bool:
        """A time that says how long someone has been on it: between "on" and the medicine ("on week
        six of azathioprine") or just after the medicine, joined by a word like "for" or "since" ("on
        aza for 3 weeks", "on it since 3 weeks"; not "on aza for colitis and has had diarrhoea since
        Monday", "on aza since his transplant, cleared up within a few days")."""
        medicine = self.medicine.search(sentence, cue.end())
        if medicine is None or time[0] < cue.end():
            return False
        if time[1] <= medicine.start():
            return True
        between = sentence[medicine.end() : time[0]]
        words = _WORDS.findall(between.lower())
        return not re.search(r"[,;:]", between) and len(words) <= MAX_JOINING_WORDS and set(words) <= _JOINING

    def _of_the_medicine(
        self, sentence: str, cue: re.Match[str], after_only: bool = False, other_named: bool = False
    ) -> bool:
        """The nearest medicine after the start word (or just before it: "aza started 19/11",
        "azathioprine was added") is azathioprine or "it", not another one."""
        before = sentence[: cue.start()]
        if not after_only:
            # "azathioprine was added on to my mesalazine": the medicine just before is what started.
            for word in reversed(list(re.finditer(r"[\w/'-]+", before))[-PASSIVE_REACH:]):
                if self.medicine.match(before[word.start() :]) and not self.other_medicines.match(
                    before[word.start() :]
                ):
                    return True
        after = sentence[cue.end() :]
        words_after = list(re.finditer(r"[\w/'-]+", after))[: self.reach]
        for index, word in enumerate(words_after):
            rest = after[word.start() :]
            if self.other_medicines.match(rest):
                return False
            # "It" only right after ("im on it since 3 weeks", "started it"; not "a bruise on her knee
            # from it", "my knees started aching yesterday and it is really bad").
            if (index or other_named) and self.pronoun.match(rest):
                continue  # ...and not when another medicine is named ("antihistamines ... taking them")
            if self.medicine.match(rest):
                return True
        if after_only:
            return False
        if self.self_evident.fullmatch(cue.group(0)) and not any(
            self.other_medicines.match(after[w.start() :]) for w in words_after
        ):
            return True  # "my first dose was on the 14th": in a chat about azathioprine, its first dose
        for word in reversed(list(re.finditer(r"[\w/'-]+", before))[-self.reach :]):
            rest = before[word.start() :]
            if self.other_medicines.match(rest):
                return False
            if self.medicine.match(rest):
                return True
        return False


def _words(phrases: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(p.lower()).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])", re.IGNORECASE)


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in re.finditer(r"[.!?;\n]+\s*", text):
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return [(s, t) for s, t in out if t.strip()]


def _times(sentence: str, today: date) -> list[tuple[int, int, int]]:
    """(start, end, days ago) of each time in a sentence; overlapping forms read once, the longest."""
    found: list[tuple[int, int, int]] = []
    for pattern, kind in _TIMES:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            days = _days(kind, match, sentence, today)
            if days is not None:
                found.append((match.start(), match.end(), days))
    return found


def _days(kind: str, match: re.Match[str], sentence: str, today: date) -> int | None:
    groups = match.groups()
    if kind == "shorthand":
        return int(groups[0]) * {"52": 7, "7": 1, "12": 30}[groups[1]]
    if kind == "numeric_date":
        day, month = int(groups[0]), int(groups[1])
        return _ago(today, month, day)
    if kind == "duration":
        number = number_value(groups[0])
        if number is None or _AGE_AFTER.match(sentence[match.end() :]):
            return None
        half = 0.5 if (groups[1] or groups[3]) else 0.0
        return round((number + half) * _UNITS[groups[2].lower()])
    if kind == "fortnight":
        return 14
    if kind == "week_number":
        number = number_value(groups[0])
        return None if number is None else round(number * 7)
    if kind == "week_ordinal":
        return int(groups[0]) * 7
    if kind == "ordinal_unit":
        order = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
        index = order.get(groups[0].lower()) or int(re.sub(r"\D", "", groups[0]))
        return index * (7 if groups[1].lower() == "week" else 30)
    if kind == "day_number":
        return int(groups[0])
    if kind == "month_day":
        return _ago(today, _MONTHS[groups[0].lower()], int(groups[1]))
    if kind == "day_month":
        return _ago(today, _MONTHS[groups[1].lower()], int(groups[0]))
    if kind == "day_of_month":
        day = int(groups[0])
        if not 1 <= day <= 31:
            return None
        month, year = today.month, today.year
        if day > today.day:
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        return _ago(today, month, min(day, 28), year)
    if kind == "weekday":
        return 7
    if kind == "recent_day":
        return 0 if groups[0].lower() in ("today", "tonight", "this morning") else 1
    if kind == "this_week":
        return 7
    if kind == "part_of_month":
        return 40 if groups[1].lower() == "last" else 20
    if kind == "month_ref":
        return 30 if groups[0].lower() == "last" else 15
    if kind == "year":
        return max(0, (today - date(int(groups[0]), 6, 30)).days)
    if kind == "long":
        return 365
    return None


def _ago(today: date, month: int, day: int, year: int | None = None) -> int | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = year or today.year
    try:
        then = date(year, month, min(day, 28) if month == 2 else min(day, 30 if month in (4, 6, 9, 11) else 31))
    except ValueError:
        return None
    if then > today + timedelta(days=1):
        then = then.replace(year=year - 1)
    return (today - then).days


@lru_cache(maxsize=1)
def default_start_reader() -> StartReader:
    return StartReader.from_file()
