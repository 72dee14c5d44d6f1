"""A report with its subject dropped ("what do i do lips are swelling up", "why is poo black").

A sentence that asks is otherwise read as a question about signs in general. The words are clinical
data (data/clinical/context_cues.yml, `subject_dropped`); this module only builds the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

# Stands for an asking of what to do, in the sentence the patterns read: "what should i do lips swollen".
_ASKED = "asked_what_to_do"
# A reading, whatever its unit: whether it is a fever is for the temperature rules.
_NUMBER = r"\d{2,3}(?:[.,]\d+)?"
# Sentences seen again (one per mention of the message) are not searched again.
_CACHED_SENTENCES = 256


def _any(words: Iterable[str]) -> str:
    """The words as alternatives, the longest first ("chest pain" before "chest")."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _not_after(word: str, unless: Iterable[str] = ()) -> str:
    """Not right after `word`, unless one of `unless` comes right before it."""
    exceptions = "".join(rf"(?<!\b{re.escape(u)} )" for u in unless)
    boundary = "" if word.startswith("'") else r"\b"
    return rf"(?<!{exceptions}{boundary}{re.escape(word)} )"


class DroppedSubject:
    def __init__(self, lists: Mapping[str, tuple[str, ...]]):
        self.asking_what_to_do = tuple(" " + phrase + " " for phrase in lists["asking_what_to_do"])
        self.condition = re.compile(rf"\b{_any(lists['conditions'])}\b")
        self.reason = re.compile(rf" {_any(lists['reasons'])} ")
        # "what do i do the lips are swelling": after asking what to do, as after "do".
        # "WORD unless WORDS" (the loader refuses any other shape).
        unless_rules = [
            (word, [*unless.split(), _ASKED])
            for word, unless in (entry.split(" unless ", 1) for entry in lists["not_after_unless"])
        ]
        # "why is poo black" is read by its own pattern, which knows a why about a sign in general.
        not_after = "".join(_not_after(w) for w in lists["not_after"] + lists["question_verbs"])
        rules = "".join(_not_after(word, unless) for word, unless in unless_rules)
        # "the nosebleed won't stop": "the" is kept before a bleed that goes on.
        rules_but_the = "".join(_not_after(word, unless) for word, unless in unless_rules if word != "the")
        states_and_degrees = rf"(?: {_any(lists['states'] + lists['degrees'])})*"
        # Not what a sign means, past any further state ("lips are swelling up is an allergy", "skin going
        # yellow is jaundice"; but "...is it serious").
        ends = (
            rf"\b(?!{states_and_degrees}\s*{_any(lists['then_not'])}(?:\s|$))"
            rf"(?!{states_and_degrees}\s+{_any(lists['then_verbs'])}\b(?!\s+{_any(lists['then_verbs_unless'])}\b))"
        )
        reading_ends = rf"(?![\d.,])(?!\s*{_any(lists['reading_then_not'])}(?:\s|$))"
        why_ends = rf"{ends}(?!{states_and_degrees} {_any(lists['why_then_not'])}\b)"
        signs = _any(lists["signs"])
        degrees = rf"(?: {_any(lists['degrees'])})*"
        states = _any(lists["states"])
        told = not_after + rules
        why_degrees = rf"(?: {_any(lists['degrees'] + lists['why_degrees'])})*"
        why_states = _any(lists["states"] + lists["why_states"])
        asking_why = rf"\b{_any(lists['asking_why'])} {_any(lists['why_verbs'])}"
        asked_or_called = rf"\b(?:{_ASKED}|{_any(lists['calls_for_help'])}) ,? ?"
        self.patterns = [
            re.compile(rf"{told}\b{signs} {_any(lists['be'])}{degrees} {states}{ends}"),
            re.compile(rf"{told}\b{signs} {_any(lists['sense'])}{degrees} {states}{ends}"),
            re.compile(rf"{told}\b{_any(lists['plural_signs'])} {_any(lists['bare_sense'])}{degrees} {states}{ends}"),
            re.compile(
                rf"{not_after}{rules_but_the}\b{signs} {_any(lists['not_stopping'])} {_any(lists['stopping'])}{ends}"
            ),
            re.compile(rf"{asking_why} (?:the )?{signs}{why_degrees} {why_states}{why_ends}"),
            re.compile(rf"{asked_or_called}{signs} {_any(lists['verbless_states'])}\b"),
            re.compile(rf"{told}\b{_any(lists['readings'])}(?: {_any(lists['be'])})? {_NUMBER}{reading_ends}"),
        ]
        self.reports = lru_cache(maxsize=_CACHED_SENTENCES)(self._reports)

    def _reports(self, sentence_text: str) -> bool:
        """Whether the sentence (lower case, words spaced, " " at each end) reports a sign with its
        subject dropped, before any condition word ("what do i do if lips are swelling" asks)."""
        for phrase in self.asking_what_to_do:
            sentence_text = sentence_text.replace(phrase, f" {_ASKED} ")
        condition = self.condition.search(sentence_text)
        before = condition.start() if condition else len(sentence_text)
        # `search` finds the first match: if it starts after the condition, none starts before it.
        if any((found := pattern.search(sentence_text)) and found.start() < before for pattern in self.patterns):
            return True
        # ...or right after a reason for asking, told after the condition: "when should i call 999 because
        # lips are swelling up?" (what follows it is the sign, with its subject dropped).
        reasons = [r.end() - 1 for r in self.reason.finditer(sentence_text, before)] if condition else []
        return any(
            (found := pattern.search(sentence_text, at)) is not None and found.start() <= at + 1
            for at in reasons
            for pattern in self.patterns
        )
