"""Confused about what one was told, not a muddled mind.

"Is Azasan the same as azathioprine? Pharmacy changed the name on my bottle and now I'm confused"
uses the word of new confusion, an emergency sign, for being puzzled by information. Such a mention
is read as general talk, not a report, only when everything in data/clinical/context_cues.yml
`puzzled` says so together (a review broke a looser first version 51 times with real confusion
blamed on a pharmacy, a letter or an appointment: "the hospital letter came and I'm muddled, I put
the kettle in the fridge"). Anything less and the emergency stands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from bot.detect.text import SENTENCE_END, sentence_bounds
from bot.triage.findings import ASSERTED, GENERAL, Mention, Temperature


class PuzzleReader:
    """Reads, from context_cues.yml `puzzled`, whether a confusion mention is the writer puzzled by
    information."""

    def __init__(self, lists: Mapping[str, tuple[str, ...]], people: Sequence[str]):
        self.codes = frozenset(lists.get("codes", ()))
        self.words = frozenset(lists.get("words", ()))
        self.writer = frozenset(lists.get("writer", ()))
        self.others = frozenset((*lists.get("others", ()), *people))
        self.state = frozenset(lists.get("state", ()))
        self.warned = frozenset(lists.get("warned", ()))
        self.state_not_after = frozenset(lists.get("state_not_after", ()))
        self.degree = frozenset(lists.get("degree", ()))
        self.information = frozenset(lists.get("information", ()))
        self.caused_by = frozenset(lists.get("caused_by", ()))
        self.reach = int((lists.get("information_reach") or ("0",))[0])

    def read(
        self, doc: Doc, mentions: list[Mention], temperatures: list[Temperature], asks: Callable[[], bool]
    ) -> list[Mention]:
        """The mentions, with those of a writer puzzled by information made general. `asks`: whether
        the message asks something outright (called only when a mention could be puzzled)."""
        puzzling = [
            i
            for i, m in enumerate(mentions)
            if m.code in self.codes and m.status == ASSERTED and m.text.lower() in self.words
        ]
        if not puzzling or temperatures or any(m.asserted and m.code not in self.codes for m in mentions):
            return mentions
        if not asks():
            return mentions
        # The detector's own normal forms: "couldn't" is "could" "not", "can't" "can" "not".
        words = [t.norm_ for t in doc]
        # Anyone else, a state or a warning anywhere in the message: the emergency stands.
        denied = any(w == "not" and words[i - 1] in self.state_not_after for i, w in enumerate(words) if i)
        if denied or (self.state | self.others | self.warned) & set(words):
            return mentions
        read = list(mentions)
        for index in puzzling:
            span = doc.char_span(mentions[index].start, mentions[index].end, alignment_mode="expand")
            if span is not None and self._puzzled(words, span.start, span.end):
                read[index] = replace(mentions[index], status=GENERAL)
        return read

    def _puzzled(self, words: list[str], position: int, end: int) -> bool:
        start, sentence_end = sentence_bounds(words, position)
        # A writer word before it in its sentence ("I", "I'm"); nobody else is named anywhere (`read`).
        if not self.writer & set(words[start:position]):
            return False
        # It ends its sentence ("...and now I'm confused.", "I am confused") or only a question follows,
        # or it gives being told or reading as its cause ("muddled after reading about them"): not
        # "I'm confused, I put my shoes in the oven".
        after = end
        while after < len(words) and words[after] in self.degree:
            after += 1
        # ...or only a question follows it ("I'm a bit confused, are they the same?").
        asked = words[after : after + 1] == [","] and words[sentence_end : sentence_end + 1] == ["?"]
        ends = after == len(words) or words[after] in SENTENCE_END or asked
        caused = after < len(words) and words[after] in self.caused_by
        if caused:
            return bool(self.information & set(words[after + 1 : after + 1 + self.reach]))
        # ...told just before it, in its sentence ("the letter says monthly and im confused").
        return ends and bool(self.information & set(words[max(start, position - self.reach) : position]))
