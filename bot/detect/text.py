"""Tokens and sentences as every part of the detector sees them (spaCy's blank English)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bot.detect.patterns import normalise_tokens

SENTENCE_END = {".", "!", "?", ";", "\n"}
MAX_CHARS = 20_000  # the channel limits messages far below this; a cap keeps the worst case cheap
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SHOUTED = re.compile(r"\b[A-Z][A-Z']*[A-Z]\b")
_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[a-zA-Z])[-–](?=[a-zA-Z])")

Phrase = tuple[str, ...]
Span = tuple[int, int]  # token positions [start, end)


def normalise(text: str) -> str:
    """Same length as the input, so character offsets stay valid."""
    text = text[:MAX_CHARS].translate(_APOSTROPHES)
    return _HYPHEN_BETWEEN_LETTERS.sub(" ", text)


class Tokenizer:
    def __init__(self) -> None:
        self.nlp: Language = spacy.blank("en")

    def doc(self, text: str) -> Doc:
        # spaCy splits "won't", "wont" and "Wont" into "will not" but not "WON'T" or "WONT": shouted
        # words are read as written in lower case (ASCII, so character offsets stay valid).
        doc = self.nlp.make_doc(_SHOUTED.sub(lambda word: word.group(0).lower(), text))
        normalise_tokens(doc)
        return doc

    def phrase(self, phrase: str) -> Phrase:
        return tuple(t.norm_ for t in self.doc(phrase.translate(_APOSTROPHES)))

    def phrases(self, phrases: Iterable[str]) -> list[Phrase]:
        return [self.phrase(p) for p in phrases]


# Numbers in words, for counts of time ("two weeks ago", "twenty minutes", "a few hours").
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "couple of": 2,
    "a couple of": 2,
    "few": 3,
    "a few": 3,
}


DIGITS = re.compile(r"\d+(?:\.\d+)?")


def number_value(word: str) -> float | None:
    """A number written in digits or in words ("20", "1.5", "twenty", "a couple of"), or None."""
    word = " ".join(word.lower().split())
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    # Digits only: float() would also take "nan", "inf" and "1e3".
    return float(word) if DIGITS.fullmatch(word) else None


def sentence_bounds(words: Sequence[str], index: int) -> Span:
    """The token positions of the sentence around `index`."""
    start = index
    while start > 0 and words[start - 1] not in SENTENCE_END:
        start -= 1
    end = index
    while end < len(words) and words[end] not in SENTENCE_END:
        end += 1
    return start, end


def next_sentence(words: Sequence[str], sentence: Span) -> Span | None:
    """The sentence after `sentence`, past a run of marks ("bruise on my thigh!!! walked into the desk"),
    or None at the end of the message."""
    position = sentence[1]
    while position < len(words) and words[position] in SENTENCE_END:
        position += 1
    return sentence_bounds(words, position) if position < len(words) else None


def clause_bounds(
    words: Sequence[str], start: int, end: int, breaks: frozenset[str], within: Span | None = None
) -> Span:
    """The clause around the tokens [start, end): out to the nearest break on each side, never past
    `within` (the whole message when None)."""
    low, high = within if within is not None else (0, len(words))
    first = start - 1
    while first >= low and words[first] not in breaks:
        first -= 1
    last = end
    while last < high and words[last] not in breaks:
        last += 1
    return first + 1, last


def starts_phrase(words: Sequence[str], position: int, phrases: Iterable[Phrase]) -> bool:
    return any(tuple(words[position : position + len(phrase)]) == phrase for phrase in phrases)


def phrase_hits(words: Sequence[str], start: int, end: int, phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """(position, length) of every phrase that starts and ends within [start, end)."""
    # Only phrases that start with the word at a position can start there: looking them up by
    # their first word, instead of trying every phrase everywhere, took this from a tenth of a
    # message's detection time to almost nothing. Hits keep the order of the phrases given.
    by_first_word: dict[str, list[tuple[int, Phrase]]] = {}
    empty: list[tuple[int, Phrase]] = []
    for order, phrase in enumerate(phrases):
        (by_first_word.setdefault(phrase[0], []) if phrase else empty).append((order, phrase))
    hits = []
    for position in range(start, end):
        candidates = by_first_word.get(words[position], []) if position < len(words) else []
        for _, phrase in sorted(candidates + empty) if empty else candidates:
            if position + len(phrase) <= end and tuple(words[position : position + len(phrase)]) == phrase:
                hits.append((position, len(phrase)))
    return hits


# A question mark, a question word, or a verb before its subject ("is it safe to stay on it", "i take
# azathioprine could it cause birth defects"), as people dictate without punctuation.
_ASKS = re.compile(
    r"\?|\b(?:what|whats|how|why)\b"
    r"|\b(?:is|are|can|could|should|shall|does|will|would|am|may|might)\s+(?:i|it|he|she|they|we|you|"
    r"aza|azathioprine|imuran)\b",
    re.IGNORECASE,
)


def asks_something(text: str) -> bool:
    """Whether a message asks anything at all (the detector's own reading of questions is per sentence
    and stricter)."""
    return bool(_ASKS.search(text.strip()))
