"""What a message says about the conversation so far: a correction, a new reading, an episode
that is over, a wish to start again, a dose taken. Words from data/clinical/conversation_cues.yml;
what they mean for the urgency is decided by the pure episode grading (bot/triage/episode.py).

A question says none of these ("Actually, can I drink alcohol on aza?" is a question, not a
correction), and an "over" phrase after a negation ("I don't feel better now") is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.detect.temperature import AGE_BEFORE, spelled_temperatures, to_celsius
from bot.triage.lexicon import CLINICAL_DIR

CUES_FILE = CLINICAL_DIR / "conversation_cues.yml"
# An "over" phrase is negated by one of `ended_negated_by` within this many words before it.
NEGATION_WINDOW = 3


@dataclass(frozen=True)
class TurnCues:
    correction: bool = False  # takes back or corrects something said before
    remeasured: bool = False  # a reading taken again
    ended: bool = False  # what was reported is over
    start_over: bool = False
    take_back_last: bool = False  # the answer to "which part was wrong?": the latest report
    takes_back_all: bool = False  # "wrong chat", "false alarm": nothing reported so far was real
    replaces: bool = False  # a correction whose findings replace the latest report's ("I said back, not neck")
    adds: bool = False  # a correction that adds to what was said ("I meant to say he ALSO has...")
    dose_taken: bool = False
    topics: tuple[str, ...] = ()  # rows of the triage table a correction names by a word ("the reading")
    not_on_it: bool = False  # the person it was about does not take the medicine
    reading_c: float | None = None  # a bare number that is a body temperature in a conversation about one


def _phrases(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w.lower()).replace("'", "'?") for w in words), key=len, reverse=True)
    return re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])", re.IGNORECASE)


# A number that could be a body temperature, not followed by a unit that says it is something else.
_NOT_A_TEMPERATURE_UNIT = (
    r"mg|kg|g\b|%|mm|ml|lb|st|years?|yrs?|y/?o|months?|weeks?|days?|hours?|hrs?|mins?|minutes?|am|pm"
    r"|/10|out of|x|times|bpm|cm|k\b"
)
_NUMBER = re.compile(
    rf"(?<![\d.,:/£$-])(\d{{2,3}}(?:[.,]\d)?)(?!\d)(?![.,:/]\d)(?!\s*(?:{_NOT_A_TEMPERATURE_UNIT}))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class ConversationCueReader:
    correction: re.Pattern[str]
    remeasured: re.Pattern[str]
    ended: re.Pattern[str]
    ended_negated_by: frozenset[str]
    ended_unless: re.Pattern[str]
    start_over: re.Pattern[str]
    take_back_last: frozenset[str]
    takes_back_all: re.Pattern[str]
    replaces: re.Pattern[str]
    adds: re.Pattern[str]
    dose: re.Pattern[str]
    not_taken: re.Pattern[str]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    not_on_it: re.Pattern[str]

    @classmethod
    def from_file(cls, path: Path = CUES_FILE) -> ConversationCueReader:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        dose = raw["dose_taken"]

        def alternatives(words: list[str]) -> str:
            return "|".join(re.escape(w) for w in words)

        gap = r"(?:\s+\w+){0,3}?\s+(?:my\s+|his\s+|her\s+|the\s+|an?\s+|another\s+)?"
        return cls(
            correction=_phrases(raw["correction"]),
            remeasured=_phrases(raw["remeasured"]),
            ended=_phrases(raw["ended"]),
            ended_negated_by=frozenset(w.lower() for w in raw["ended_negated_by"]),
            ended_unless=_phrases(raw["ended_unless"]),
            start_over=_phrases(raw["start_over"]),
            take_back_last=frozenset(_bare(w) for w in raw["take_back_last"]),
            takes_back_all=_phrases(raw["takes_back_all"]),
            replaces=_phrases(raw["replaces"]),
            adds=_phrases(raw["adds"]),
            dose=re.compile(
                rf"\b(?:(?:{alternatives(dose['verbs'])}){gap}(?:{alternatives(dose['objects'])})"
                rf"|had{gap}(?:{alternatives(dose['had_objects'])}))\b",
                re.IGNORECASE,
            ),
            not_taken=_phrases(dose["not_taken"]),
            topics=tuple((row, _phrases(words)) for row, words in raw["correction_topics"].items()),
            not_on_it=_phrases(raw["not_on_it"]),
        )

    def read(self, text: str, temperature_talk: bool = False) -> TurnCues:
        """`temperature_talk`: the conversation is about a temperature, so a bare number in body range
        ("ok its 38.9 now") is a reading."""
        text = text.replace("’", "'")
        if _bare(text) in self.take_back_last:
            return TurnCues(take_back_last=True)
        question = text.strip().endswith("?") and not re.search(r"[.!]\s", text)
        takes_back_all = not question and bool(self.takes_back_all.search(text))
        correction = not question and (takes_back_all or bool(self.correction.search(text)))
        remeasured = not question and bool(self.remeasured.search(text))
        reading = self._reading(text) if (temperature_talk or correction or remeasured) else None
        if question:
            return TurnCues(reading_c=reading)
        return TurnCues(
            correction=correction,
            remeasured=remeasured,
            ended=self._ended(text),
            start_over=bool(self.start_over.search(text)),
            takes_back_all=takes_back_all,
            replaces=correction and bool(self.replaces.search(text)),
            adds=bool(self.adds.search(text)),
            dose_taken=bool(self.dose.search(text)) and not self.not_taken.search(text),
            topics=tuple(row for row, words in self.topics if correction and words.search(text)),
            not_on_it=correction and bool(self.not_on_it.search(text)),
            reading_c=reading,
        )

    def _ended(self, text: str) -> bool:
        if self.ended_unless.search(text):
            return False
        for match in self.ended.finditer(text):
            before = _WORD.findall(text[: match.start()].lower())[-NEGATION_WINDOW:]
            if not any(word.split("'")[0] in self.ended_negated_by or word.endswith("n't") for word in before):
                return True
        return False

    @staticmethod
    def _reading(text: str) -> float | None:
        """The last body temperature written as a bare number or in words ("thirty six point two");
        not an age ("he is 40")."""
        found: list[tuple[int, float]] = []
        for start, _end, value in spelled_temperatures(text):
            celsius = to_celsius(value, None)
            if celsius is not None:
                found.append((start, celsius))
        for match in _NUMBER.finditer(text):
            whole = not re.search(r"[.,]", match.group(1))
            if whole and AGE_BEFORE.search(text[: match.start()]):
                continue  # "he is 40": an age; "it is 38.9" is a reading
            celsius = to_celsius(float(match.group(1).replace(",", ".")), None)
            if celsius is not None and 34 <= celsius <= 43:
                found.append((match.start(), celsius))
        return round(max(found)[1], 1) if found else None


def _bare(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def default_cue_reader() -> ConversationCueReader:
    return ConversationCueReader.from_file()
