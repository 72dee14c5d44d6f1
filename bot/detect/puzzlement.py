"""The writer's own "I'm confused" about something they read or were told is puzzlement, not a muddled mind.

New confusion is an emergency sign (sepsis), so this is kept narrow (context_cues.yml
`puzzlement`, red_flags.yml `puzzlement`); a white-box review broke a wider first version with
carers' messages ("Grandad woke up and was confused, the carer told me"), names it did not know
("Mam's confused"), and the writer's own new confusion ("woke up really confused, my husband said
to check here"). It applies only when:
- the confusion word has the writer as its subject, with only a few plain words between
  ("now I'm confused", "we're both muddled", "I'm honestly a bit confused now");
- its sentence names nobody else and no state coming on or time ("getting", "all", "woke",
  "today");
- its sentence or the one before names where the puzzling information came from (a letter, the
  pharmacy, the consultant, something read: not "said" or "told", which carers use to pass on
  what they see);
- the message asks a question and reports nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from spacy.tokens import Doc

from bot.detect.context import ContextReader
from bot.detect.text import Tokenizer, phrase_hits, sentence_bounds
from bot.triage.findings import ASSERTED, GENERAL, Mention
from bot.triage.lexicon import Lexicon

_WRITER = frozenset({"i", "we"})
_REACH = 5  # most words between the writer and the confusion word ("i am honestly a bit confused")


class PuzzlementReader:
    def __init__(
        self,
        lexicon: Lexicon,
        cues: Mapping[str, tuple[str, ...]],
        tokenizer: Tokenizer,
        context: ContextReader,
        other_people: Iterable[str],
    ):
        self.codes = frozenset(code for code, finding in lexicon.findings.items() if finding.puzzlement)
        self.words = frozenset(cues.get("words", ()))
        self.between = frozenset(cues.get("between", ()))
        self.sources = tokenizer.phrases(cues.get("sources", ()))
        self.states = frozenset(cues.get("states", ()))
        self.others = frozenset((*other_people, *cues.get("people", ())))
        self.context = context

    def read(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        puzzling = [m for m in mentions if m.code in self.codes and m.status == ASSERTED]
        if not puzzling or any(m.status == ASSERTED and m.code not in self.codes for m in mentions):
            return mentions
        words = [t.norm_ for t in doc]
        if not self._asks(words):
            return mentions
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in puzzling]
        if not all(span is not None and self._puzzled(words, span.start, span.end) for span in spans):
            return mentions
        return [replace(m, status=GENERAL) if m in puzzling else m for m in mentions]

    def _asks(self, words: list[str]) -> bool:
        if "?" in words:
            return True
        position = 0
        while position < len(words):
            sentence = sentence_bounds(words, position)
            if sentence[0] < sentence[1] and self.context.starts_like_question(words, sentence):
                return True
            position = sentence[1] + 1
        return False

    def _puzzled(self, words: list[str], start: int, end: int) -> bool:
        if end - start != 1 or words[start] not in self.words:
            return False
        sentence = sentence_bounds(words, start)
        said = words[sentence[0] : sentence[1]]
        if any(w in self.states or w in self.others for w in said):
            return False
        if not self._writer_says_it(words, start, sentence[0]):
            return False
        before = sentence_bounds(words, sentence[0] - 2) if sentence[0] >= 2 else sentence
        return bool(phrase_hits(words, before[0], sentence[1], self.sources))

    def _writer_says_it(self, words: list[str], start: int, sentence_start: int) -> bool:
        position = start - 1
        while position >= max(sentence_start, start - 1 - _REACH):
            if words[position] in _WRITER:
                return True
            if words[position] not in self.between:
                return False
            position -= 1
        return False
