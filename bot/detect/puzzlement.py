"""The writer's own "I'm confused" about what they were told or read is puzzlement, not a muddled mind.

New confusion is an emergency sign (sepsis), so this is kept narrow (context_cues.yml
`puzzlement`, red_flags.yml `puzzlement`): it applies only when the message asks a question,
names where the puzzling information came from (a letter, the pharmacy, a consultant, something
read), reports nothing else, and the clause of the confusion word has the writer or nobody as
its subject and no word of a state coming on ("feeling", "getting", "all", "suddenly", "today").
"the letter says every two weeks and then monthly and im confused" is puzzlement; "mum is
muddled", "I'm getting confused", "I'm so muddled today" and "I'm confused and my temp is 38.5,
is it the aza?" are not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from spacy.tokens import Doc

from bot.detect.context import ContextReader
from bot.detect.text import Tokenizer, phrase_hits, sentence_bounds
from bot.triage.findings import ASSERTED, GENERAL, Mention
from bot.triage.lexicon import Lexicon

# Where a clause ends inside a sentence, for the confusion word's own clause.
_CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "–", "—", "and", "but", "so", "because", "cos"})


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
        self.sources = tokenizer.phrases(cues.get("sources", ()))
        self.states = frozenset(cues.get("states", ()))
        self.others = frozenset(other_people)
        self.context = context

    def read(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        puzzling = [m for m in mentions if m.code in self.codes and m.status == ASSERTED]
        if not puzzling or any(m.status == ASSERTED and m.code not in self.codes for m in mentions):
            return mentions
        words = [t.norm_ for t in doc]
        if not self._asks(words) or not phrase_hits(words, 0, len(words), self.sources):
            return mentions
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in puzzling]
        if not all(span is not None and self._own_puzzlement(words, span.start, span.end) for span in spans):
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

    def _own_puzzlement(self, words: list[str], start: int, end: int) -> bool:
        """The confusion word alone, in a clause whose subject is the writer or nobody."""
        if end - start != 1 or words[start] not in self.words:
            return False
        sentence_start, sentence_end = sentence_bounds(words, start)
        clause_start, clause_end = start, end
        while clause_start > sentence_start and words[clause_start - 1] not in _CLAUSE_BREAKS:
            clause_start -= 1
        while clause_end < sentence_end and words[clause_end] not in _CLAUSE_BREAKS:
            clause_end += 1
        before, after = words[clause_start:start], words[end:clause_end]
        return not any(w in self.states or w in self.others for w in before) and not any(
            w in self.states for w in after
        )
