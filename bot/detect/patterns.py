"""Turns the red-flag table's readable patterns into spaCy Matcher patterns.

Pattern language (documented for reviewers at the top of data/clinical/red_flags.yml):
    words separated by spaces must appear in that order, case-insensitively;
    a|b|c     any one of the alternatives (an alternative may be several words: "can't|cannot");
    word*     any word starting with "word" ("bruis*" matches bruise, bruises, bruising);
    (word)    the word is optional;
    ...       up to three other words may come in between.
"""

from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

GAP = "..."
MAX_GAP_WORDS = 3


def _split_terms(pattern: str) -> list[str]:
    """Split on spaces, keeping [bracketed phrase groups] together."""
    terms, current, depth = [], "", 0
    for char in pattern.strip().lower():
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == " " and depth == 0:
            if current:
                terms.append(current)
            current = ""
        else:
            current += char
    if depth != 0:
        raise ValueError(f"unbalanced brackets in pattern {pattern!r}")
    if current:
        terms.append(current)
    return terms


def _token_spec(words: list[str], optional: bool) -> dict:
    if any(w.endswith("*") for w in words):
        regex = "|".join(re.escape(w[:-1]) + ".*" if w.endswith("*") else re.escape(w) for w in words)
        spec: dict = {"NORM": {"REGEX": f"^(?:{regex})$"}}
    elif len(words) == 1:
        spec = {"NORM": words[0]}
    else:
        spec = {"NORM": {"IN": sorted(set(words))}}
    if optional:
        spec["OP"] = "?"
    return spec


# Parts of the body (and readings) that one has one of: typed with an "s", they are the "'s" of a
# phone's dropped apostrophe ("my throats really sore", "heads pounding", "his temps 39"), read as
# the word itself.
ONE_OF = frozenset(
    ("throat", "head", "chest", "tummy", "belly", "stomach", "neck", "nose", "mouth", "tongue", "face", "skin", "temp")
)


def normalise_tokens(doc: Doc) -> None:
    """Give every token the normal form the patterns match on: spaCy's norm (lower case;
    "can't", "cannot" and "cant" all become "can not"; "I've" becomes "i have"), "im" read as
    "i am", and "throats" read as "throat" (ONE_OF)."""
    for token in doc:
        norm = token.norm_.lower()
        if norm == "m" and token.i > 0 and doc[token.i - 1].lower_ == "i":
            norm = "am"
        elif norm.endswith("s") and norm[:-1] in ONE_OF:
            norm = norm[:-1]
        token.norm_ = norm


def compile_pattern(pattern: str, nlp: Language) -> list[list[dict]]:
    """All spaCy token patterns that together implement one readable pattern."""
    # Each term becomes a list of options; an option is a list of tokens (alternatives such
    # as "can't" tokenize into several tokens, so options can differ in length).
    term_options: list[list[list[dict]]] = []
    for term in _split_terms(pattern):
        if term == GAP:
            term_options.append([[{"OP": "?"}] * MAX_GAP_WORDS])
            continue
        optional = term.startswith("(") and term.endswith(")")
        if optional:
            term = term[1:-1]
        if ("(" in term or ")" in term) and not term.startswith("["):
            # "(very|a bit)" splits at its space into "(very|a" and "bit)", which would match the
            # brackets literally: a phrase in an optional group must be written [very|a bit] or left out
            raise ValueError(f"no spaces inside an (optional) group in pattern {pattern!r}")
        if term.startswith("[") and term.endswith("]"):
            term = term[1:-1]
            if "(" in term or ")" in term:
                raise ValueError(f"no optional (words) inside [phrase|alternatives] in pattern {pattern!r}")
        single_token: list[str] = []
        multi_token: list[list[str]] = []
        for alternative in term.split("|"):
            alternative_doc = nlp.make_doc(alternative)
            normalise_tokens(alternative_doc)
            tokens = [t.norm_ for t in alternative_doc]
            if alternative.endswith("*"):
                tokens = [*tokens[:-1], tokens[-1] + "*"] if tokens[-1] != "*" else [*tokens[:-2], tokens[-2] + "*"]
            (single_token.append(tokens[0]) if len(tokens) == 1 else multi_token.append(tokens))
        options: list[list[dict]] = []
        if single_token:
            options.append([_token_spec(single_token, optional)])
        for tokens in multi_token:
            specs = [_token_spec([t], optional) for t in tokens]
            options.append(specs)
        term_options.append(options)
    return [list(itertools.chain.from_iterable(choice)) for choice in itertools.product(*term_options)]
