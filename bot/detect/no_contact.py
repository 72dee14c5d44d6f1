"""A contact with chickenpox, shingles or measles that the message says did not happen.

"MEASLES IN MY TOWN. not near anyone", "Chickenpox at work, diff site. Never there", "Chickenpox in
my city, I not near" name the illness about, then say the writer was never near anyone who has it or
never in the place. Read as a contact, they were graded urgent (the table's row is a contact, not an
illness in the area). Such a mention becomes a "what if" (the reply still says what to do if a
contact happens) only when everything in data/clinical/context_cues.yml `no_contact` says so:
- every contact mention is followed, in its sentence or the next, by a denial of being near anyone
  or in the place (`denials`: "not near anyone", "never been in", "nobody near me has it");
- each denial is the writer's (nothing before it in its clause but "I", "we"...), has nothing after
  it in its clause but whom or where it denies, its sentence does not ask, and nothing after the
  first denial turns or dates it ("but", "only", "since", "yesterday");
- in a message naming a building (work, a school, a gym), every denial is of having been there
  ("never been in"), not of being near anyone: measles hangs in a room's air;
- every word of the message is one of `words`: illnesses, places, the denials' words and the
  words of asking what to do. A person, a time, a room, a role or anything done is in none of them,
  so a contact told in any words at all keeps the contact.
Two white-box reviews broke looser versions 103 times in 175 and 75 times in 224 (a household
member, a named child, the same room or plane, a role, a date: tests/review_contact63.yml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Doc

from bot.detect.text import Tokenizer, clause_bounds, next_sentence, phrase_hits, sentence_bounds
from bot.triage.findings import ASSERTED, HYPOTHETICAL, Mention


class NoContactReader:
    """Reads, from context_cues.yml `no_contact`, whether the message denies the contact it names."""

    def __init__(self, lists: Mapping[str, tuple[str, ...]], tokenizer: Tokenizer):
        self.codes = frozenset(lists.get("codes", ()))
        self.away = tokenizer.phrases(lists.get("away", ()))
        self.denials = tokenizer.phrases(lists.get("denials", ())) + self.away
        self.subjects = frozenset(t for p in tokenizer.phrases(lists.get("subjects", ())) for t in p)
        self.after = tokenizer.phrases(lists.get("after", ()))
        self.then_not = tokenizer.phrases(lists.get("then_not", ()))
        self.words = frozenset(t for p in tokenizer.phrases(lists.get("words", ())) for t in p)
        self.year_words = frozenset(lists.get("year_words", ()))
        self.buildings = tokenizer.phrases(lists.get("buildings", ()))
        self.breaks = frozenset(lists.get("clause_breaks", ()))

    def read(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        contacts = [i for i, m in enumerate(mentions) if m.code in self.codes and m.status == ASSERTED]
        if not contacts:
            return mentions
        words = [t.norm_ for t in doc]
        denials = self._denials(words)
        if not denials or not all(self._holds(words, start, end) for start, end in denials):
            return mentions
        if phrase_hits(words, denials[0][0], len(words), self.then_not) or not self._only_known_words(words, denials):
            return mentions
        # In a building, being near nobody is no denial (measles hangs in a room's air): only never
        # having been there is ("Chickenpox at work, diff site. Never there").
        if phrase_hits(words, 0, len(words), self.buildings) and not all(
            phrase_hits(words, start, end, self.away) for start, end in denials
        ):
            return mentions
        for index in contacts:
            span = doc.char_span(mentions[index].start, mentions[index].end, alignment_mode="expand")
            if span is None or not self._denied_after(words, span.end, denials):
                return mentions
        return [replace(m, status=HYPOTHETICAL) if i in contacts else m for i, m in enumerate(mentions)]

    def _denials(self, words: list[str]) -> list[tuple[int, int]]:
        """(start, end) of each denial, the longest at a position."""
        spans: dict[int, int] = {}
        for position, length in phrase_hits(words, 0, len(words), self.denials):
            spans[position] = max(spans.get(position, 0), position + length)
        kept: list[tuple[int, int]] = []
        for start in sorted(spans):
            if kept and start < kept[-1][1]:
                continue
            kept.append((start, spans[start]))
        return kept

    def _holds(self, words: list[str], start: int, end: int) -> bool:
        """The writer's denial (only "I", "we"... before it in its clause), with nothing after it in its
        clause but whom or where it denies, in a sentence that does not ask."""
        clause_start, clause_end = clause_bounds(words, start, end, self.breaks)
        if any(w not in self.subjects for w in words[clause_start:start]):
            return False
        covered = {p + o for p, n in phrase_hits(words, end, clause_end, self.after) for o in range(n)}
        if any(i not in covered and any(c.isalpha() for c in words[i]) for i in range(end, clause_end)):
            return False
        sentence_end = sentence_bounds(words, start)[1]
        return not (sentence_end < len(words) and words[sentence_end] == "?")

    def _only_known_words(self, words: list[str], denials: list[tuple[int, int]]) -> bool:
        """Every word is an illness, a place, a denial's or asking what to do; a number only as a school
        year ("yr 3"; never a date, a time or how long)."""
        denied = {i for start, end in denials for i in range(start, end)}
        return all(
            i in denied
            or w in self.words
            or not any(c.isalnum() for c in w)
            or (w.isdigit() and i > 0 and words[i - 1] in self.year_words)
            for i, w in enumerate(words)
        )

    def _denied_after(self, words: list[str], position: int, denials: list[tuple[int, int]]) -> bool:
        """A denial after the mention, in its sentence or the next."""
        sentence = sentence_bounds(words, max(position - 1, 0))
        end = (next_sentence(words, sentence) or sentence)[1]
        return any(position <= start and stop <= end for start, stop in denials)
