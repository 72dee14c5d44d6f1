"""How a finding is meant, from the words around it: negated, hypothetical, general or asserted.

- negated ("no fever", "I haven't had any bruising", "my skin isn't yellow", "rash? nope");
- hypothetical ("what should I do if I get a fever?");
- general: a question or hearsay about the medicine, not about the person ("can aza cause
  bruising?", "my doctor said jaundice is a side effect");
- asserted: everything else, including hedged reports ("I think my eyes look yellow").
The cue words are clinical data: data/clinical/context_cues.yml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.detect.matching import Match
from bot.detect.text import Tokenizer, phrase_hits, starts_phrase
from bot.triage.findings import ASSERTED, GENERAL, HYPOTHETICAL, NEGATED
from bot.triage.lexicon import Cues

Words = Sequence[str]
Bounds = tuple[int, int]


class ContextReader:
    def __init__(self, cues: Cues, tokenizer: Tokenizer):
        self.cues = cues
        self.negation_words = {w for word in cues.negation for w in tokenizer.phrase(word)}
        self.pseudo_negation = tokenizer.phrases(cues.pseudo_negation)
        self.negation_phrases = tokenizer.phrases(cues.negation_phrases)
        self.negation_after = tokenizer.phrases(cues.negation_after)
        self.conditional = tokenizer.phrases(cues.conditional)
        self.not_conditional = tokenizer.phrases(cues.not_conditional)
        self.question_starters = tokenizer.phrases(cues.question_starters)
        self.information = tokenizer.phrases(cues.information)
        self.not_report = tokenizer.phrases(cues.not_report)
        self.report_markers = [re.compile(p) for p in cues.report_markers]

    def status(self, words: Words, match: Match, sentence: Bounds) -> str:
        if self.is_negated(words, match, sentence):
            return NEGATED
        if self.is_hypothetical(words, match.span.start, sentence):
            return HYPOTHETICAL
        if self.is_general(words, sentence):
            return GENERAL
        return ASSERTED

    # ---- negation --------------------------------------------------------------------------

    def clause_start(self, words: Words, index: int, sentence_start: int) -> int:
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

    def is_negated(self, words: Words, match: Match, sentence: Bounds) -> bool:
        span = match.span
        clause_start = self.clause_start(words, span.start, sentence[0])
        window_start = max(clause_start, span.start - self.cues.negation_window)
        # "not sure", "can't stop", "no better" contain negation words but negate nothing here.
        pseudo = {
            p + offset
            for p, length in phrase_hits(words, window_start, len(words), self.pseudo_negation)
            for offset in range(length)
        }
        # Negation inside a gapped match counts too ("my skin isn't yellow"); negations that are
        # part of the finding itself ("can't breathe", "doesn't fade") are pseudo-negations.
        inside_end = span.start if match.literal_negation else span.end
        for position in range(window_start, inside_end):
            if position in pseudo:
                continue
            if words[position] in self.negation_words or starts_phrase(words, position, self.negation_phrases):
                return True
        return self._negated_after(words, span.end)

    def _negated_after(self, words: Words, end: int) -> bool:
        """ "fever: no", "bruising - none", "rash? nope"."""
        after = end
        while after < len(words) and words[after] in {":", "-", "?", ",", "–"}:
            after += 1
        if after == end or not starts_phrase(words, after, self.negation_after):
            return False
        # ...only when the "no" ends the clause: in "rash, no fever" it negates the fever.
        following = words[after + 1] if after + 1 < len(words) else "."
        return not following[:1].isalnum() or following in {"and", "but", "thanks"}

    # ---- hypotheticals -----------------------------------------------------------------------

    def is_hypothetical(self, words: Words, start: int, sentence: Bounds) -> bool:
        for position in range(sentence[0], start):
            if not starts_phrase(words, position, self.conditional):
                continue
            idiom_starts = range(max(sentence[0], position - 3), position + 1)
            if any(starts_phrase(words, p, self.not_conditional) for p in idiom_starts):
                continue
            # The condition ends at a comma followed by a new subject ("if it helps, I have...").
            broken = any(
                words[p] in {",", "-", "–"} and p + 1 < len(words) and words[p + 1] in self.cues.subjects
                for p in range(position, start)
            )
            if not broken:
                return True
        return False

    # ---- questions about the medicine -------------------------------------------------------

    def is_general(self, words: Words, sentence: Bounds) -> bool:
        """A question or hearsay about the medicine, with nothing saying it is happening to someone."""
        sentence_text = " " + " ".join(words[sentence[0] : sentence[1]]) + " "
        if self._has_report_marker(sentence_text):
            return False
        first = _first_word(words, sentence)
        # "can't keep anything down" starts like a question but is a report with its subject dropped.
        starts_like_question = starts_phrase(words, first, self.question_starters) and not (
            first + 1 < len(words) and words[first + 1] == "not"
        )
        is_question = (sentence[1] < len(words) and words[sentence[1]] == "?") or starts_like_question
        is_information = any(starts_phrase(words, p, self.information) for p in range(sentence[0], sentence[1]))
        content = [w for w in words[sentence[0] : sentence[1]] if w[:1].isalnum()]
        is_topic_query = len(content) <= self.cues.topic_query_max_words and any(
            w in self.cues.topic_words for w in content
        )
        return is_question or is_information or is_topic_query

    def _has_report_marker(self, sentence_text: str) -> bool:
        cleaned = sentence_text
        for phrase in self.not_report:
            cleaned = cleaned.replace(" " + " ".join(phrase) + " ", " ")
        return any(marker.search(cleaned) for marker in self.report_markers)


def _first_word(words: Words, sentence: Bounds) -> int:
    position = sentence[0]
    while position < sentence[1] and not words[position][:1].isalnum():
        position += 1
    return position
