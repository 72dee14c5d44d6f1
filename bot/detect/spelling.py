"""Spelling normalised before detection: "feaver", "brusing", "yelow" become the table's words.

symspellpy finds the nearest word by edit distance. Its English frequency dictionary (shipped in
the package) says which tokens are real words and are left alone; the corrections themselves may
only be words of the project's own vocabulary (the red-flag patterns, the context cues and the
medicine's names), so "feaver" becomes "fever", never "beaver", and slang or names that are not
near a clinical word stay as they were. The detector reads the corrected text; what was typed is
kept everywhere it is shown or stored, and each corrected character maps back to the original.
"""

from __future__ import annotations

import bisect
import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import yaml
from symspellpy import SymSpell, Verbosity

from bot.triage.lexicon import CLINICAL_DIR, load_cues, load_lexicon

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_PATTERN_WORD = re.compile(r"[a-z]+\*?")
MIN_LENGTH = 4  # shorter tokens are too often text-speak ("u", "gf", "rn") to correct safely


@dataclass(frozen=True)
class Corrected:
    text: str
    to_original: tuple[int, ...]  # for each character of `text` (and its end), the original offset

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_original[start], self.to_original[end]


def english_words() -> frozenset[str]:
    path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.split(" ", 1)[0] for line in handle)


def project_words(english: frozenset[str]) -> set[str]:
    """Every word the clinical data uses to recognise something, prefixes ("bruis*") expanded
    to the English words they cover."""
    texts: list[str] = []
    for finding in load_lexicon().findings.values():
        texts += [*finding.patterns, *finding.exclude]
    cues = load_cues()
    texts += [*cues.negation, *cues.negation_phrases, *cues.conditional, *cues.pseudo_negation]
    for words in cues.intensity.values():
        texts += list(words)
    texts += _medicine_names()
    ordered = sorted(english)
    vocabulary: set[str] = set()
    for text in texts:
        for token in _PATTERN_WORD.findall(text.lower()):
            if token.endswith("*"):
                stem = token[:-1]
                if len(stem) >= MIN_LENGTH:
                    position = bisect.bisect_left(ordered, stem)
                    while position < len(ordered) and ordered[position].startswith(stem):
                        if len(ordered[position]) <= len(stem) + 4:
                            vocabulary.add(ordered[position])
                        position += 1
            elif len(token) >= MIN_LENGTH:
                vocabulary.add(token)
    return vocabulary


def _medicine_names() -> list[str]:
    path = CLINICAL_DIR.parent / "nlu" / "lookups" / "medicines.yml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for block in data.get("nlu", []):
        names += [line.strip()[2:] for line in str(block.get("examples", "")).splitlines() if line.strip()]
    return names


class SpellingNormaliser:
    def __init__(self, vocabulary: Iterable[str] | None = None, english: frozenset[str] | None = None):
        self.english = english if english is not None else english_words()
        words = set(vocabulary) if vocabulary is not None else project_words(self.english)
        self.vocabulary = frozenset(words)
        self.symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word in sorted(words):
            self.symspell.create_dictionary_entry(word, 1)

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance lives as long as the model
    def correct_word(self, word: str) -> str:
        lower = word.lower()
        base = lower.split("'")[0]  # "wife's", "temp's": the word before the apostrophe
        if len(base) < MIN_LENGTH or "'" in lower or sum(c.isupper() for c in word) > 1 or base in self.english:
            return word  # short, a contraction or possessive, an acronym ("LFTs"), or a real word
        if lower in self.vocabulary:
            return word
        distance = 1 if len(lower) <= 6 else 2
        found = self.symspell.lookup(lower, Verbosity.TOP, max_edit_distance=distance)
        # The first letter is rarely the one mistyped; a correction must keep it.
        if found and found[0].term[0] == lower[0]:
            return found[0].term
        return word

    def normalise(self, text: str) -> Corrected:
        parts: list[str] = []
        mapping: list[int] = []
        position = 0
        for match in _WORD.finditer(text):
            parts.append(text[position : match.start()])
            mapping.extend(range(position, match.start()))
            word = match.group(0)
            corrected = self.correct_word(word)
            parts.append(corrected)
            if corrected == word:
                mapping.extend(range(match.start(), match.end()))
            else:  # every character of the correction points into the original word
                mapping.extend(min(match.start() + i, match.end() - 1) for i in range(len(corrected)))
            position = match.end()
        parts.append(text[position:])
        mapping.extend(range(position, len(text) + 1))
        return Corrected("".join(parts), tuple(mapping))
