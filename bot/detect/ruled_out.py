"""A finding that its own row's condition rules out, told as a statement anywhere in the message.

The reference's row is "contact with chickenpox, shingles or measles (if not known to be immune)":
"Colleague has shingles. I'm VZV IgG positive" is not a contact that needs the row's advice. The
words are the finding's `ruled_out` in data/clinical/red_flags.yml. Known, not supposed: the message
says how it is known (a blood test, the clinic), and it is a statement: not in a question ("does
that mean she's immune?"), not beside a denial or a doubt ("not sure I'm immune", "I was immune
once"), never when the message denies or doubts it anywhere ("my husband is immune but I've never
had it"), and not when it names two illnesses (immunity to one says nothing of the other). Each
check keeps the finding when in doubt: this only ever lowers what that one finding would grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.detect.context import ContextReader
from bot.detect.text import Phrase, Tokenizer, phrase_hits, sentence_bounds
from bot.triage.findings import ASSERTED, RULED_OUT, Mention
from bot.triage.lexicon import Lexicon

DOUBT_REACH = 3  # words before a statement in which a denial or a doubt voids it (or its whole clause)
DOUBT_AFTER = 2  # ...and words after it ("I was immune once", "I'd be immune surely")
_CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "–", "—", "so", "but", "and", "(", ")"})


@dataclass(frozen=True)
class _Rule:
    by: list[Phrase]
    needs: list[Phrase]
    unless: list[Phrase]
    illnesses: list[list[Phrase]]
    doubts: list[Phrase]
    doubts_after: list[Phrase]


class RuleOutReader:
    def __init__(self, lexicon: Lexicon, tokenizer: Tokenizer, context: ContextReader, doubt_words: Iterable[str]):
        self.context = context
        shared = [*context.negation_words, *doubt_words]
        self.rules = {
            code: _Rule(
                tokenizer.phrases(rule.by),
                tokenizer.phrases(rule.needs),
                tokenizer.phrases(rule.unless),
                [tokenizer.phrases(group) for group in rule.illnesses],
                tokenizer.phrases([*shared, *rule.doubted_by]),
                tokenizer.phrases([*shared, *rule.doubted_after]),
            )
            for code, finding in lexicon.findings.items()
            if (rule := finding.ruled_out) is not None
        }

    def ruled_out(self, words: list[str]) -> tuple[str, ...]:
        """The findings whose row's condition the message states ("the clinic says I'm immune"),
        whether or not it names them: in a conversation it speaks to what was said before."""
        return tuple(code for code, rule in self.rules.items() if self._rules_out(words, rule))

    def illnesses(self, words: list[str]) -> dict[str, tuple[int, ...]]:
        """For each finding with a rule, which of its illnesses the message names (by position in
        the rule's list): a conversation only rules out a contact with the illnesses it names."""
        named = {
            code: tuple(i for i, group in enumerate(rule.illnesses) if phrase_hits(words, 0, len(words), group))
            for code, rule in self.rules.items()
        }
        return {code: groups for code, groups in named.items() if groups}

    @staticmethod
    def read(mentions: list[Mention], ruled: tuple[str, ...]) -> list[Mention]:
        """The asserted mentions of a finding the message rules out, as ruled out."""
        return [replace(m, status=RULED_OUT) if m.code in ruled and m.status == ASSERTED else m for m in mentions]

    def _rules_out(self, words: list[str], rule: _Rule) -> bool:
        everywhere = (0, len(words))
        if not phrase_hits(words, *everywhere, rule.needs) or phrase_hits(words, *everywhere, rule.unless):
            return False
        if sum(bool(phrase_hits(words, *everywhere, group)) for group in rule.illnesses) > 1:
            return False
        for position, length in phrase_hits(words, *everywhere, rule.by):
            end = position + length
            first, last = _clause(words, position, end)
            # A doubt anywhere in the clause before it ("I think my blood test said I'm immune"), or
            # just after it ("I was immune once").
            if phrase_hits(words, min(first, max(0, position - DOUBT_REACH)), position, rule.doubts):
                continue
            if phrase_hits(words, end, min(len(words), end + DOUBT_AFTER), rule.doubts_after):
                continue
            if not self._asked(words, first, last):
                return True
        return False

    def _asked(self, words: list[str], first: int, last: int) -> bool:
        """The clause asks it ("would he be immune?", "does that mean she's immune?")."""
        ends_asking = last < len(words) and words[last] == "?"
        return ends_asking or self.context.starts_like_question(words, (first, last))


def _clause(words: list[str], start: int, end: int) -> tuple[int, int]:
    """The token positions of the clause around [start, end): "I'm immune so is that ok?" states, then asks."""
    sentence = sentence_bounds(words, start)
    first = start
    while first > sentence[0] and words[first - 1] not in _CLAUSE_BREAKS:
        first -= 1
    last = end
    while last < sentence[1] and words[last] not in _CLAUSE_BREAKS:
        last += 1
    return first, last
