"""Finds symptom findings in a patient's message and says how each one is meant.

Built on `spacy.blank("en")` (no downloaded model): the Matcher finds the red-flag table's
patterns, then small rules read the context of every match:
- negated ("no fever", "I haven't had any bruising", "my skin isn't yellow");
- hypothetical ("what should I do if I get a fever?");
- general (a question or hearsay about the medicine, not about the person: "can aza cause
  bruising?", "my doctor said jaundice is a side effect");
- asserted: everything else, including hedged reports ("I think my eyes look yellow").
Only asserted findings grade a message; the others shape the advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from bot.triage.lexicon import Cues, Lexicon, load_cues, load_lexicon
from bot.triage.patterns import compile_pattern, normalise_tokens
from bot.triage.temperature import Temperature, find_temperatures

ASSERTED, NEGATED, HYPOTHETICAL, GENERAL = "asserted", "negated", "hypothetical", "general"
SENTENCE_END = {".", "!", "?", ";", "\n"}
MAX_CHARS = 20_000
NEGATIVE_SUFFIX = "~negative"  # the channel limits messages far below this; a cap keeps the worst case cheap

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[a-zA-Z])[-–](?=[a-zA-Z])")


@dataclass(frozen=True)
class Mention:
    """One finding found in the message, with how it was meant."""

    code: str
    text: str
    start: int
    end: int
    status: str
    intensities: tuple[str, ...] = ()
    temperature: Temperature | None = None

    @property
    def asserted(self) -> bool:
        return self.status == ASSERTED


@dataclass(frozen=True)
class _Match:
    code: str
    span: Span
    temperature: Temperature | None = None
    literal_negation: bool = False  # a negation word is part of the finding ("can't breathe")


@dataclass
class Detection:
    text: str
    mentions: list[Mention] = field(default_factory=list)
    temperatures: list[Temperature] = field(default_factory=list)


def normalise(text: str) -> str:
    """Same length as the input, so character offsets stay valid."""
    text = text[:MAX_CHARS].translate(_APOSTROPHES)
    return _HYPHEN_BETWEEN_LETTERS.sub(" ", text)


class SymptomDetector:
    def __init__(self, lexicon: Lexicon | None = None, cues: Cues | None = None):
        self.lexicon = lexicon or load_lexicon()
        self.cues = cues or load_cues()
        self.nlp = spacy.blank("en")
        self._negation_words = {w for word in self.cues.negation for w in self._phrase_tokens(word)}
        self.matcher = Matcher(self.nlp.vocab)
        self.excluder = Matcher(self.nlp.vocab)
        for finding in self.lexicon.findings.values():
            # Patterns that contain a negation word ("can't breathe", "doesn't fade") go under a
            # separate key, so the negation check knows that word belongs to the finding.
            plain, negative = [], []
            for text in finding.patterns:
                for pattern in compile_pattern(text, self.nlp):
                    (negative if self._has_negation(pattern) else plain).append(pattern)
            if plain:
                self.matcher.add(finding.code, plain)
            if negative:
                self.matcher.add(finding.code + NEGATIVE_SUFFIX, negative)
            if finding.exclude:
                self.excluder.add(
                    finding.code, [p for text in finding.exclude for p in compile_pattern(text, self.nlp)]
                )
        self._cue_phrases = {
            name: [self._phrase_tokens(p) for p in phrases]
            for name, phrases in {
                "pseudo_negation": self.cues.pseudo_negation,
                "negation_phrases": self.cues.negation_phrases,
                "negation_after": self.cues.negation_after,
                "conditional": self.cues.conditional,
                "not_conditional": self.cues.not_conditional,
                "question_starters": self.cues.question_starters,
                "information": self.cues.information,
                "not_report": self.cues.not_report,
                **{f"intensity:{k}": v for k, v in self.cues.intensity.items()},
            }.items()
        }
        self._report_markers = [re.compile(p) for p in self.cues.report_markers]

    def _has_negation(self, pattern: list[dict]) -> bool:
        for spec in pattern:
            value = spec.get("NORM")
            values = value.get("IN", []) if isinstance(value, dict) else [value]
            if any(v in self._negation_words for v in values if isinstance(v, str)):
                return True
        return False

    def _phrase_tokens(self, phrase: str) -> tuple[str, ...]:
        return tuple(t.norm_ for t in self._doc(phrase.translate(_APOSTROPHES)))

    def _doc(self, text: str) -> Doc:
        doc = self.nlp.make_doc(text)
        normalise_tokens(doc)
        return doc

    # ---- matching -------------------------------------------------------------------------

    def detect(self, text: str) -> Detection:
        clean = normalise(text)
        doc = self._doc(clean)
        temperatures = find_temperatures(clean)
        matches = self._apply_temperatures(doc, self._finding_matches(doc), temperatures)
        mentions = [self._mention(doc, match) for match in matches]
        return Detection(text=text, mentions=mentions, temperatures=temperatures)

    def _finding_matches(self, doc: Doc) -> list[_Match]:
        strings = self.nlp.vocab.strings
        excluded = [(strings[key], start, end) for key, start, end in self.excluder(doc)]
        by_code: dict[str, list[tuple[int, int, bool]]] = {}
        for key, start, end in self.matcher(doc):
            name = strings[key]
            code = name.removesuffix(NEGATIVE_SUFFIX)
            if any(c == code and s < end and start < e for c, s, e in excluded):
                continue
            if any(token.text in SENTENCE_END for token in doc[start:end]):
                continue  # a gap never reaches into the next sentence
            by_code.setdefault(code, []).append((start, end, name != code))
        chosen: list[_Match] = []
        for code, found in by_code.items():
            # Overlapping matches of one finding are one mention: keep their union.
            merged: list[list] = []
            for start, end, negative in sorted(found):
                if merged and start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                    merged[-1][2] = merged[-1][2] or negative
                else:
                    merged.append([start, end, negative])
            chosen.extend(_Match(code, doc[start:end], literal_negation=negative) for start, end, negative in merged)
        return [
            match
            for match in chosen
            if not any(
                other.code in self.lexicon.finding(match.code).suppressed_by and _overlap(match.span, other.span)
                for other in chosen
            )
        ]

    def _apply_temperatures(self, doc: Doc, matches: list[_Match], temperatures: list[Temperature]) -> list[_Match]:
        """A measured temperature decides what the fever words in its sentence mean."""
        result = list(matches)
        for temperature in temperatures:
            span = doc.char_span(temperature.start, temperature.end, alignment_mode="expand")
            if span is None:
                continue
            sentence = self._sentence_bounds(doc, span.start)
            if temperature.is_fever:
                code = "very_high_fever" if temperature.is_very_high else "fever"
            elif temperature.is_raised:
                code = "raised_temperature"
            else:
                code = None
            # Drop bare fever words in the same sentence: the number says more than the word.
            result = [m for m in result if not (m.code == "fever" and sentence[0] <= m.span.start < sentence[1])]
            if code:
                result.append(_Match(code, span, temperature))
        return result

    # ---- context --------------------------------------------------------------------------

    def _mention(self, doc: Doc, match: _Match) -> Mention:
        words = [t.norm_ for t in doc]
        span = match.span
        sentence = self._sentence_bounds(doc, span.start)
        status = ASSERTED
        if self._is_negated(words, match, sentence):
            status = NEGATED
        elif self._is_hypothetical(words, span, sentence):
            status = HYPOTHETICAL
        elif self._is_general(words, sentence):
            status = GENERAL
        return Mention(
            code=match.code,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            status=status,
            intensities=self._intensities(words, span, sentence),
            temperature=match.temperature,
        )

    @staticmethod
    def _sentence_bounds(doc: Doc, index: int) -> tuple[int, int]:
        start = index
        while start > 0 and doc[start - 1].text not in SENTENCE_END:
            start -= 1
        end = index
        while end < len(doc) and doc[end].text not in SENTENCE_END:
            end += 1
        return start, end

    def _clause_start(self, words: list[str], index: int, sentence_start: int) -> int:
        """Where the clause around `index` begins: negation does not reach across "but",
        "although", or a comma / "and" followed by a new subject ("no fever, my gums bleed")."""
        position = index
        while position > sentence_start:
            word = words[position - 1]
            following = words[position] if position < len(words) else ""
            if word in self.cues.scope_breakers:
                return position
            if word in {",", "and", "-", "–", ":"} and following in self.cues.subjects:
                return position
            position -= 1
        return sentence_start

    def _is_negated(self, words: list[str], match: _Match, sentence: tuple[int, int]) -> bool:
        span = match.span
        clause_start = self._clause_start(words, span.start, sentence[0])
        window_start = max(clause_start, span.start - self.cues.negation_window)
        # "not sure", "can't stop", "no better" contain negation words but negate nothing here.
        pseudo = {
            p + offset
            for p, length in self._phrase_hits(words, window_start, len(words), "pseudo_negation")
            for offset in range(length)
        }
        # Negation inside a gapped match counts too ("my skin isn't yellow"); negations that are
        # part of the finding itself ("can't breathe", "doesn't fade") are pseudo-negations.
        inside_end = span.start if match.literal_negation else span.end
        for position in range(window_start, inside_end):
            if position in pseudo:
                continue
            if words[position] in self._negation_words or self._starts_phrase(words, position, "negation_phrases"):
                return True
        # "fever: no", "bruising - none", "rash? nope"
        after = span.end
        while after < len(words) and words[after] in {":", "-", "?", ",", "–"}:
            after += 1
        if after == span.end or not self._starts_phrase(words, after, "negation_after"):
            return False
        # ...only when the "no" ends the clause: in "rash, no fever" it negates the fever.
        following = words[after + 1] if after + 1 < len(words) else "."
        return not following[:1].isalnum() or following in {"and", "but", "thanks"}

    def _is_hypothetical(self, words: list[str], span: Span, sentence: tuple[int, int]) -> bool:
        for position in range(sentence[0], span.start):
            if not self._starts_phrase(words, position, "conditional"):
                continue
            idiom_starts = range(max(sentence[0], position - 3), position + 1)
            if any(self._starts_phrase(words, p, "not_conditional") for p in idiom_starts):
                continue
            # The condition ends at a comma followed by a new subject ("if it helps, I have...").
            broken = any(
                words[p] in {",", "-", "–"} and p + 1 < len(words) and words[p + 1] in self.cues.subjects
                for p in range(position, span.start)
            )
            if not broken:
                return True
        return False

    def _is_general(self, words: list[str], sentence: tuple[int, int]) -> bool:
        """A question or hearsay about the medicine, with nothing saying it is happening to someone."""
        sentence_text = " " + " ".join(words[sentence[0] : sentence[1]]) + " "
        if self._has_report_marker(sentence_text):
            return False
        first = self._first_word(words, sentence)
        # "can't keep anything down" starts like a question but is a report with its subject dropped.
        starts_like_question = self._starts_phrase(words, first, "question_starters") and not (
            first + 1 < len(words) and words[first + 1] == "not"
        )
        is_question = (sentence[1] < len(words) and words[sentence[1]] == "?") or starts_like_question
        is_information = any(
            self._starts_phrase(words, p, "information") for p in range(sentence[0], sentence[1])
        )
        content = [w for w in words[sentence[0] : sentence[1]] if w[:1].isalnum()]
        is_topic_query = len(content) <= self.cues.topic_query_max_words and any(
            w in self.cues.topic_words for w in content
        )
        return is_question or is_information or is_topic_query

    def _has_report_marker(self, sentence_text: str) -> bool:
        cleaned = sentence_text
        for phrase in self._cue_phrases["not_report"]:
            cleaned = cleaned.replace(" " + " ".join(phrase) + " ", " ")
        return any(marker.search(cleaned) for marker in self._report_markers)

    @staticmethod
    def _first_word(words: list[str], sentence: tuple[int, int]) -> int:
        position = sentence[0]
        while position < sentence[1] and not words[position][:1].isalnum():
            position += 1
        return position

    def _intensities(self, words: list[str], span: Span, sentence: tuple[int, int]) -> tuple[str, ...]:
        window = self.cues.intensity_window
        start = max(sentence[0], span.start - window)
        end = min(sentence[1], span.end + window)
        found = []
        for name in self.cues.intensity:
            if self._phrase_hits(words, start, end, f"intensity:{name}") or any(
                self._starts_phrase(words, p, f"intensity:{name}") for p in range(span.start, span.end)
            ):
                found.append(name)
        return tuple(found)

    # ---- phrase helpers -------------------------------------------------------------------

    def _starts_phrase(self, words: list[str], position: int, kind: str) -> bool:
        return any(
            tuple(words[position : position + len(phrase)]) == phrase for phrase in self._cue_phrases[kind]
        )

    def _phrase_hits(self, words: list[str], start: int, end: int, kind: str) -> list[tuple[int, int]]:
        hits = []
        for position in range(start, end):
            for phrase in self._cue_phrases[kind]:
                if tuple(words[position : position + len(phrase)]) == phrase and position + len(phrase) <= end:
                    hits.append((position, len(phrase)))
        return hits


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end and a is not b


@lru_cache(maxsize=1)
def default_detector() -> SymptomDetector:
    return SymptomDetector()
