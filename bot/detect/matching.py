"""Where the red-flag table's patterns match a message, and what its temperatures mean."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from bot.detect.patterns import compile_pattern
from bot.detect.text import SENTENCE_END, Tokenizer, phrase_hits, sentence_bounds
from bot.triage.findings import Temperature
from bot.triage.lexicon import Lexicon

NEGATIVE_SUFFIX = "~negative"
# Patterns that name a full stop themselves ("headache. never had one like it") may cross into the next
# sentence; a gap never does.
ACROSS_SUFFIX = "~across"
DOUBT_REACH = 3  # words before an exclusion, or before its last word, in which a denial or doubt voids it


@dataclass(frozen=True)
class Match:
    code: str
    span: Span
    temperature: Temperature | None = None
    literal_negation: bool = False  # a negation word is part of the finding ("can't breathe")


class FindingMatcher:
    def __init__(
        self,
        lexicon: Lexicon,
        tokenizer: Tokenizer,
        negation_words: set[str],
        measuring: Iterable[str] = (),
        measured_high: Iterable[str] = (),
        measured_elsewhere: Iterable[str] = (),
        masked: list[tuple[str, ...]] | None = None,
        doubt_words: Iterable[str] = (),
    ):
        self.lexicon = lexicon
        self.measuring = frozenset(measuring)
        self.measured_high = frozenset(measured_high)
        self.measured_elsewhere = frozenset(measured_elsewhere)
        self.masked = masked or []
        self.strings = tokenizer.nlp.vocab.strings
        self.negation_words = negation_words
        self.matcher = Matcher(tokenizer.nlp.vocab)
        self.excluder = Matcher(tokenizer.nlp.vocab)
        for finding in lexicon.findings.values():
            # Patterns that contain a negation word ("can't breathe", "doesn't fade") go under a
            # separate key, so the negation check knows that word belongs to the finding.
            by_key: dict[str, list[list[dict]]] = {}
            for text in finding.patterns:
                for pattern in compile_pattern(text, tokenizer.nlp):
                    key = finding.code + (NEGATIVE_SUFFIX if self._has_negation(pattern) else "")
                    if _names_a_sentence_end(pattern):
                        if any("NORM" not in spec for spec in pattern):
                            # its gap would cross the sentence end too ("headache. gone. never had one")
                            raise ValueError(f"a pattern that names a sentence end has no '...': {text!r}")
                        key += ACROSS_SUFFIX
                    by_key.setdefault(key, []).append(pattern)
            for key, patterns in by_key.items():
                self.matcher.add(key, patterns)
            if finding.exclude:
                self.excluder.add(
                    finding.code, [p for text in finding.exclude for p in compile_pattern(text, tokenizer.nlp)]
                )
        # Findings whose exclusions only read the sentence of the match: fixed at start-up.
        self.excluded_in_sentence = frozenset(c for c, f in lexicon.findings.items() if f.exclude_in_sentence)
        self.excluded_unless_doubted = frozenset(c for c, f in lexicon.findings.items() if f.exclude_unless_doubted)
        self.doubt_words = frozenset(negation_words) | frozenset(doubt_words)
        self.anywhere = {
            code: ([tokenizer.phrases(group) for group in finding.anywhere], tokenizer.phrases(finding.anywhere_unless))
            for code, finding in lexicon.findings.items()
            if finding.anywhere
        }

    def _has_negation(self, pattern: list[dict]) -> bool:
        for spec in pattern:
            value = spec.get("NORM")
            values = value.get("IN", []) if isinstance(value, dict) else [value]
            if any(v in self.negation_words for v in values if isinstance(v, str)):
                return True
        return False

    def _doubted(self, words: list[str], start: int, end: int) -> bool:
        """A denial or a doubt just before an exclusion or just before the word it ends on: "my son has
        chickenpox and I'm not immune", "never had the jab", "not sure if I'm immune" do not rule the
        contact out; "chickenpox but no worries, I'm immune" does."""
        last = end - 1  # the immunity or vaccine word the exclusion ends on
        near = [*words[max(0, start - DOUBT_REACH) : start], *words[max(start, last - DOUBT_REACH) : last]]
        return any(word in self.doubt_words for word in near)

    def matches(self, doc: Doc) -> list[Match]:
        # A finding's exclusions may read the next sentence ("how to end his life? old dog"), unless
        # they are kept to their own (`exclude_in_sentence`): "my son has chickenpox. do I need a jab?"
        # is contact, whatever the second sentence asks.
        words = [t.norm_ for t in doc]
        # A denied or doubted exclusion (`exclude_unless_doubted`: "...and I'm not immune") still
        # rules out what lies inside it ("not immune to chickenpox, what if I catch it?", "never had
        # chickenpox as a kid"), not a contact that reaches outside it ("my son has chickenpox").
        excluded = [
            (code, start, end, code in self.excluded_unless_doubted and self._doubted(words, start, end))
            for key, start, end in self.excluder(doc)
            if not ((code := self.strings[key]) in self.excluded_in_sentence and _crosses_sentences(doc, start, end))
        ]
        by_code: dict[str, list[tuple[int, int, bool]]] = {}
        for key, start, end in self.matcher(doc):
            name = self.strings[key]
            across = name.endswith(ACROSS_SUFFIX)
            name = name.removesuffix(ACROSS_SUFFIX)
            code = name.removesuffix(NEGATIVE_SUFFIX)
            if any(
                c == code and s < end and start < e and not (doubted and not s <= start < end <= e)
                for c, s, e, doubted in excluded
            ):
                continue
            if _crosses_sentences(doc, start, end) and not across:
                continue  # a gap never reaches into the next sentence
            by_code.setdefault(code, []).append((start, end, name != code))
        for code, (groups, unless) in self.anywhere.items():
            hits = [phrase_hits(words, 0, len(doc), group) for group in groups]
            if all(hits) and code not in by_code and not phrase_hits(words, 0, len(doc), unless):
                # The finding is where its last group's word is, so its context is read there
                # ("he didn't swallow any" is negated).
                position, length = hits[-1][0]
                by_code[code] = [(position, position + length, False)]
        chosen: list[Match] = []
        for code, found in by_code.items():
            # Overlapping matches of one finding are one mention: keep their union.
            merged: list[list] = []
            for start, end, negative in sorted(found):
                if merged and start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                    merged[-1][2] = merged[-1][2] or negative
                else:
                    merged.append([start, end, negative])
            chosen.extend(Match(code, doc[start:end], literal_negation=negative) for start, end, negative in merged)
        return [
            match
            for match in chosen
            if not any(
                other.code in self.lexicon.finding(match.code).suppressed_by and _overlap(match.span, other.span)
                for other in chosen
            )
        ]

    def with_temperatures(self, doc: Doc, matches: list[Match], temperatures: list[Temperature]) -> list[Match]:
        """A measured temperature decides what the fever words in its sentence mean."""
        words = [t.norm_ for t in doc]
        fever_words = self.lexicon.temperature_findings
        spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in temperatures]
        # "Took my temp 4 times. 36.9 every time": the reading in the next sentence says what the
        # measuring found, when every reading is normal and nothing hides a fever.
        normal = bool(temperatures) and all(self.lexicon.temperature_finding(t.celsius) is None for t in temperatures)
        normal = normal and not phrase_hits(words, 0, len(words), self.masked)
        result = [
            m
            for m in matches
            if not (normal and m.code in fever_words and self._measured(words, m, [s for s in spans if s is not None]))
        ]
        for temperature, span in zip(temperatures, spans, strict=True):
            if span is None:
                continue
            sentence = sentence_bounds(words, span.start)
            # Drop fever words in the same sentence: the number says more than the word.
            result = [
                m
                for m in result
                if not (m.code in fever_words and m.temperature is None and sentence[0] <= m.span.start < sentence[1])
            ]
            code = self.lexicon.temperature_finding(temperature.celsius)
            if code:
                result.append(Match(code, span, temperature))
        return result

    def _measured(self, words: list[str], match: Match, readings: list[Span]) -> bool:
        """ "took my temp", "checked Sue's temp": the act of measuring, the fever word alone ("took my
        temp and it was high" says more), with a reading in the next sentence that is not someone
        else's or from before ("My husband's is 36.8", "Yesterday it was 37.2")."""
        before = words[max(0, match.span.start - 3) : match.span.start]
        sentence = sentence_bounds(words, match.span.start)
        says_what = any(word in self.measured_high for word in words[match.span.start : sentence[1]])
        if len(match.span) != 1 or says_what or match.temperature is not None:
            return False
        if not any(word in self.measuring for word in before) or sentence[1] + 1 >= len(words):
            return False
        following = sentence_bounds(words, sentence[1] + 1)
        elsewhere = any(word in self.measured_elsewhere for word in words[following[0] : following[1]])
        return not elsewhere and any(following[0] <= r.start < following[1] for r in readings)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end and a is not b


def _names_a_sentence_end(pattern: list[dict]) -> bool:
    norms = [spec.get("NORM") for spec in pattern]
    return any(
        (isinstance(norm, str) and norm in SENTENCE_END)
        or (isinstance(norm, dict) and bool(SENTENCE_END.intersection(norm.get("IN", ()))))
        for norm in norms
    )


def _crosses_sentences(doc: Doc, start: int, end: int) -> bool:
    return any(token.text in SENTENCE_END for token in doc[start:end])
