"""Illness going round the people nearby, asked about: theirs, not the writer's.

"Half my office has flu this week, anything extra I should do on aza?" and "covid's going round
school again, can I get a booster?" name an infection that other people have, to ask how to keep
away from it. Read as the writer's own, they were graded urgent. Such a mention is someone else's
only when everything in data/clinical/context_cues.yml `going_round` says so together:
- the message asks how to keep away from it (a jab, a mask, staying off, catching it) and reports
  nothing else;
- either the illness, named as an illness ("a bug", "covid", "flu"), is followed closely by a word
  of spreading with only an opening like "there's a" before it ("a bug going round", "FLU
  EVERYWHERE AT WORK"), or a group of people has it ("half my office has flu", "in my office many
  people have cough") with nobody who could be the patient in its clause;
- its clause names no household ("the whole family has covid", "flu going round the house");
- nothing anywhere says someone has it, however briefly ("me included", "poorly with it", "I'm the
  latest", "lft came back 2 lines", "feeling grim"), and no clause anywhere that does not ask names
  someone who could be the patient ("..., Jacob is off school", "Half my office has flu. I've been
  off since Monday"), unless it names the medicine ("he's on aza").
Two white-box reviews broke looser versions 123 times in 186 and 91 times in 233 (stop 62):
tests/unit/test_going_round.py, tests/review_going_round62.yml.
Anything less and the finding stands as the writer's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from bot.detect.text import SENTENCE_END, Tokenizer, asks_something, clause_bounds, phrase_hits, sentence_bounds
from bot.triage.findings import ASSERTED, SOMEONE_ELSE, Mention

# After a person, these make them the owner of what follows ("half my daughter's class").
OWNING = frozenset(("'s", "s'", "'"))
# A clause that opens like a question, or ends a sentence with a question mark, asks.
_QUESTION_OPENINGS = frozenset(
    (
        "what",
        "whats",
        "how",
        "why",
        "which",
        "when",
        "is",
        "are",
        "can",
        "could",
        "should",
        "shall",
        "does",
        "do",
        "will",
        "would",
        "am",
        "may",
        "might",
        "any",
        "anything",
        "who",
        "where",
    )
)


class GoingRoundReader:
    """Reads, from context_cues.yml `going_round`, whether an infection mention is other people's."""

    def __init__(self, lists: Mapping[str, tuple[str, ...]], tokenizer: Tokenizer, people: Sequence[str] = ()):
        self.people = tokenizer.phrases(people)
        self.codes = frozenset(lists.get("codes", ()))
        self.spreading = tokenizer.phrases(lists.get("spreading", ()))
        self.reach = int((lists.get("reach") or ("3",))[0])
        self.between = frozenset(lists.get("between", ()))
        self.opening = frozenset(lists.get("opening", ()))
        self.illnesses = frozenset(lists.get("illnesses", ()))
        self.groups = tokenizer.phrases(lists.get("groups", ()))
        self.household = tokenizer.phrases(lists.get("household", ()))
        self.avoiding = tokenizer.phrases(lists.get("avoiding", ()))
        self.patient = frozenset(lists.get("patient", ()))
        self.places = frozenset(lists.get("places", ()))
        self.own = tokenizer.phrases(lists.get("own", ()))
        self.medicine = frozenset(lists.get("medicine", ()))
        self.breaks = frozenset(lists.get("clause_breaks", ()))

    def read(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        candidates = [i for i, m in enumerate(mentions) if m.code in self.codes and m.status == ASSERTED]
        if not candidates or not asks_something(doc.text):
            return mentions
        words = [t.norm_ for t in doc]
        # Read once for the whole message: whether anyone is told to have it, and what is asked.
        if (
            phrase_hits(words, 0, len(words), self.own)
            or self._too(words)
            or not phrase_hits(words, 0, len(words), self.avoiding)
            or self._someone_told(words, [t.text for t in doc])
        ):
            return mentions
        going_round = set()
        for index in candidates:
            span = doc.char_span(mentions[index].start, mentions[index].end, alignment_mode="expand")
            if span is None or self._household(words, span.start):
                continue
            if self._spreading(words, mentions[index].text, span.start, span.end) or self._a_groups(words, span.start):
                going_round.add(index)
        # Anything else reported makes the message a report, the illness going round its likely
        # cause ("there's a bug going round, I have a sore throat").
        if not going_round or any(m.asserted for i, m in enumerate(mentions) if i not in going_round):
            return mentions
        return [replace(m, status=SOMEONE_ELSE) if i in going_round else m for i, m in enumerate(mentions)]

    def _clause(self, words: list[str], position: int) -> tuple[int, int]:
        return clause_bounds(words, position, position, self.breaks, within=sentence_bounds(words, position))

    def _too(self, words: list[str]) -> bool:
        """ "and Jacob too.", "me too": "too" ending its clause (not "too late")."""
        return any(
            w == "too" and (i + 1 == len(words) or words[i + 1] in self.breaks or words[i + 1] in SENTENCE_END)
            for i, w in enumerate(words)
        )

    def _household(self, words: list[str], position: int) -> bool:
        start, end = self._clause(words, position)
        return bool(phrase_hits(words, start, end, self.household))

    def _someone_told(self, words: list[str], texts: list[str]) -> bool:
        """A clause anywhere in the message that tells rather than asks, naming someone who could be
        the patient: "..., Jacob is off school", "Half my office has flu. I've been off since Monday",
        "Me and half my office have flu"."""
        position = 0
        while position < len(words):
            start, stop = self._clause(words, position)
            clause = words[start:stop]
            sentence_end = sentence_bounds(words, min(stop, len(words) - 1))[1]
            asks = (clause[:1] and clause[0] in _QUESTION_OPENINGS) or (
                sentence_end < len(words)
                and words[sentence_end] == "?"
                and not self._breaks_between(words, stop, sentence_end)
            )
            if not asks and not self.medicine & set(clause) and self._names_someone(words, texts, start, stop):
                return True
            position = stop + 1
        return False

    def _breaks_between(self, words: list[str], start: int, end: int) -> bool:
        return any(w in self.breaks for w in words[start:end])

    def _names_someone(self, words: list[str], texts: list[str], start: int, end: int) -> bool:
        if self.patient & set(words[start:end]):
            return True
        if any(not self._owns_a_place(words, p + n) for p, n in phrase_hits(words, start, end, self.people)):
            return True
        # A name: a capitalised word inside its sentence ("Jacob's the latest").
        return any(
            texts[i][:1].isupper()
            and texts[i][1:].islower()
            and texts[i].isalpha()
            and i > 0
            and words[i - 1] not in SENTENCE_END
            and words[i] not in self.medicine
            for i in range(start, end)
        )

    def _owns_a_place(self, words: list[str], after: int) -> bool:
        """ "my son's class", "Jacob's school": the person owns the place ("my son's laid up" does not)."""
        return after + 1 < len(words) and words[after] in OWNING and words[after + 1] in self.places

    def _spreading(self, words: list[str], text: str, start: int, end: int) -> bool:
        """ "there's a bug going round", "Strep's going round my daughter's class": an illness named as
        one, only an opening before it in its clause, and a word of spreading right after it."""
        named = text.lower() in self.illnesses or (start > 0 and words[start - 1] in ("a", "an", "the", "some", "this"))
        clause_start = self._clause(words, start)[0]
        if not named or any(w not in self.opening for w in words[clause_start:start]):
            return False
        sentence_end = sentence_bounds(words, start)[1]
        for position, _ in phrase_hits(words, end, sentence_end, self.spreading):
            return position <= end + self.reach and all(w in self.between for w in words[end:position])
        return False

    def _a_groups(self, words: list[str], start: int) -> bool:
        """ "half my office has flu", "in my office many people have cough": a group before it in its
        clause, and nobody before it in its sentence who could be the patient ("everyone but me has
        flu", "Me and half my office have flu")."""
        clause = self._clause(words, start)[0]
        sentence = sentence_bounds(words, start)[0]
        if self.patient & set(words[sentence:start]) or any(
            not self._owns_a_place(words, p + n) for p, n in phrase_hits(words, sentence, start, self.people)
        ):
            return False
        return bool(phrase_hits(words, clause, start, self.groups))
