"""Finds symptom findings in a patient's message and says how each one is meant.

Built on `spacy.blank("en")` (no downloaded model), in steps that each have their module:
- matching.py: the red-flag table's patterns, and what the message's temperatures mean;
- context.py: negated, hypothetical, general (a question about the medicine) or asserted;
- intensity.py: "a bit", "very", "severe", "won't stop"...
Only asserted findings grade a message (bot/triage/engine.py); the others shape the advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from bot.detect.context import ContextReader
from bot.detect.going_round import GoingRoundReader
from bot.detect.intensity import IntensityReader
from bot.detect.matching import FindingMatcher, Match
from bot.detect.no_contact import NoContactReader
from bot.detect.puzzled import PuzzleReader
from bot.detect.started import StartReader, default_start_reader
from bot.detect.temperature import find_temperatures
from bot.detect.text import Tokenizer, normalise, phrase_hits, sentence_bounds
from bot.detect.who import WhoReader, Whose
from bot.triage.blood_results import FINDING_OF, INSIDE, BloodResult, BloodTable, find_results, load_blood_tests
from bot.triage.findings import (
    ASSERTED,
    EXPLAINED,
    GENERAL,
    HYPOTHETICAL,
    NEGATED,
    SOMEONE_ELSE,
    Detection,
    Mention,
    Temperature,
)
from bot.triage.lexicon import Cues, Lexicon, load_cues, load_lexicon
from bot.triage.medicines import load_medicines

# Where a clause ends inside a sentence.
CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "–", "—"})
SHOUTING = 0.7  # share of capital letters that reads as shouting
RECENTLY_STARTED = "recently_started"  # data/clinical/red_flags.yml: started in the first weeks


class SymptomDetector:
    def __init__(self, lexicon: Lexicon | None = None, cues: Cues | None = None, blood_tests: BloodTable | None = None):
        self.lexicon = lexicon or load_lexicon()
        self.blood_tests = blood_tests or load_blood_tests()
        self.cues = cues or load_cues()
        self.tokenizer = Tokenizer()
        self.context = ContextReader(self.cues, self.tokenizer)
        # The people the who-lists know, by the pronoun that can stand for them.
        people = [w for key in ("he", "she", "either") for w in self.cues.who.get(key, ())]
        self.matcher = FindingMatcher(
            self.lexicon,
            self.tokenizer,
            self.context.negation_words,
            self.cues.measuring,
            self.cues.measured_high,
            # a reading someone else's or from before: the people the who-lists know, and past times
            [*people, *self.cues.measured_before],
            self.context.masked,
            self.cues.doubt_words,
        )
        self.intensity = IntensityReader(self.cues, self.tokenizer)
        self.distress_markers = self.tokenizer.phrases(self.cues.distress_markers)
        self.crisis_method_asks = self.tokenizer.phrases(self.cues.crisis_method_asks)
        self.crisis_about_medicine = self.tokenizer.phrases(self.cues.crisis_about_medicine)
        self.reading_withdrawn = self.tokenizer.phrases(self.cues.reading_withdrawn)
        self.writer_words = frozenset(self.cues.who.get("writer", ()))
        # The medicine table's names; the who-lists' own names of this medicine and its relatives are
        # taken out there.
        self.who = WhoReader(self.cues.who, self.tokenizer, [n for m in load_medicines().medicines for n in m.names])
        self.starts: StartReader = default_start_reader()
        self.puzzles = PuzzleReader(self.cues.puzzled, people)
        self.going_round = GoingRoundReader(self.cues.going_round, self.tokenizer, people)
        self.no_contact = NoContactReader(self.cues.no_contact, self.tokenizer)
        self.histories = {
            code: self.tokenizer.phrases(finding.denied_as_history)
            for code, finding in self.lexicon.findings.items()
            if finding.denied_as_history
        }
        self.own_causes = {
            code: self.tokenizer.phrases(finding.explained_by)
            for code, finding in self.lexicon.findings.items()
            if finding.explained_by
        }
        self.fever_rows = frozenset(self.lexicon.finding(code).row for code in self.lexicon.temperature_findings)

    def detect(self, text: str) -> Detection:
        clean = normalise(text)
        doc = self.tokenizer.doc(clean)
        results = find_results(clean, self.blood_tests)
        # "albumin 37.8" is a blood result, not a temperature.
        temperatures = [t for t in find_temperatures(clean) if not any(r.start <= t.start < r.end for r in results)]
        temperatures = self._not_withdrawn(doc, temperatures)
        matches = self.matcher.with_temperatures(doc, self.matcher.matches(doc), temperatures)
        whose = self.who.read([t.norm_ for t in doc], [t.text for t in doc])
        mentions = _deny_the_rest_of_a_list(doc.text, [self._mention(doc, match, whose) for match in matches])
        mentions = self._unexplained_beside_a_temperature(mentions)
        mentions = self._graded_by_numbers(mentions, results)
        mentions = self._dated_start(clean, mentions)
        own_results = []
        for result in results:
            mention = self._result_mention(doc, result, whose)
            if mention is None:
                continue
            if result.finding:
                mentions.append(mention)
            if mention.asserted:
                own_results.append(result)
        # After the results: a result is something else reported.
        mentions = self.puzzles.read(doc, mentions, temperatures, asks=lambda: self._asks_outright(doc))
        mentions = self.going_round.read(doc, mentions)
        mentions = self.no_contact.read(doc, mentions)
        asked, asks_only = self._asked(doc)
        return Detection(
            text=text,
            mentions=mentions,
            temperatures=temperatures,
            distress=self._distressed(clean, doc),
            reporting=self._reporting(doc),
            results=own_results,
            asked=asked,
            asks_only=asks_only,
            history=self._history(doc, mentions),
        )

    def _unexplained_beside_a_temperature(self, mentions: list[Mention]) -> list[Mention]:
        """A finding marked `unexplained_with_temperature` (a stiff neck) and a temperature told
        together: neither is explained by a cause ("neck's gone stiff since I got back from the gym,
        now I'm shivery and hot"), as no cause in the table explains meningitis's signs together."""
        told = [m for m in mentions if m.status in (ASSERTED, EXPLAINED)]
        marked = any(self.lexicon.finding(m.code).unexplained_with_temperature for m in told)
        if not (marked and any(self.lexicon.finding(m.code).row in self.fever_rows for m in told)):
            return mentions
        return [
            replace(m, status=ASSERTED) if m.status == EXPLAINED and self._joins_a_temperature(m) else m
            for m in mentions
        ]

    def _joins_a_temperature(self, mention: Mention) -> bool:
        finding = self.lexicon.finding(mention.code)
        return finding.unexplained_with_temperature or finding.row in self.fever_rows

    def _history(self, doc: Doc, mentions: list[Mention]) -> tuple[str, ...]:
        """The denied findings that the message tells as the person's history (`denied_as_history`):
        "as far as I know I have never had chickenpox myself" denies being immune, not the contact
        told before, so a correction that says it takes nothing back."""
        denied = {m.code for m in mentions if m.code in self.histories and m.status == NEGATED}
        if not denied:
            return ()
        words = [t.norm_ for t in doc]
        return tuple(sorted(code for code in denied if phrase_hits(words, 0, len(words), self.histories[code])))

    def _dated_start(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """When the medicine was started, read as a number of days (bot/detect/started.py): in the
        first weeks it is `recently_started` whatever words said it ("only been on it since the
        14th", "commenced AZA 2/52 ago"). Only ever more: what the patterns found stands (a review
        found a reading of "not a start" lowering real first-weeks reports)."""
        if any(m.code == RECENTLY_STARTED for m in mentions):
            return mentions
        first = self.starts.first_weeks_start(text, date.today())
        if first is None:
            return mentions
        return [*mentions, Mention(RECENTLY_STARTED, text[first.start : first.end], first.start, first.end, ASSERTED)]

    def _graded_by_numbers(self, mentions: list[Mention], results: list[BloodResult]) -> list[Mention]:
        """Without the mentions a blood result over the same words suppresses (`suppressed_by`): a
        count given with its number is graded by the number ("platelets dropped to 150" is inside)."""
        return [
            m
            for m in mentions
            if not any(
                _result_code(r) in self.lexicon.finding(m.code).suppressed_by and r.start < m.end and m.start < r.end
                for r in results
            )
        ]

    def _not_withdrawn(self, doc: Doc, temperatures: list[Temperature]) -> list[Temperature]:
        """Readings the writer takes back for a lower one ("38.2?? oh wait, 36.2, misread lol")."""
        if len(temperatures) < 2:
            return temperatures
        words = [t.norm_ for t in doc]
        if phrase_hits(words, 0, len(words), self.context.masked):
            return temperatures
        ordered = sorted(temperatures, key=lambda t: t.start)
        kept = []
        for reading, following in zip(ordered, [*ordered[1:], None], strict=True):
            if following is not None and following.celsius < reading.celsius:
                between = doc.char_span(reading.end, following.end, alignment_mode="expand")
                if between is not None:
                    # ...or just after the lower one: "38.2?? oh wait, 36.2, misread lol".
                    end = min(sentence_bounds(words, between.end - 1)[1], between.end + WITHDRAWN_AFTER)
                    if phrase_hits(words, between.start, end, self.reading_withdrawn):
                        continue
            kept.append(reading)
        return kept

    def _result_mention(self, doc: Doc, result: BloodResult, whose: Whose) -> Mention | None:
        """A blood result as a mention of its finding, with how it is meant. A number is a
        measurement, whatever else the sentence says ("I stopped aza last month, neutrophils 1.4"),
        and a result asked about ("is 1.2 bad?") is the person's own: only a condition ("if my
        platelets drop below 100"), someone who does not take the medicine, or a question about
        a bound ("can aza lower neutrophils below 1.5?") makes it not so."""
        span = doc.char_span(result.start, result.end, alignment_mode="expand")
        if span is None:
            return None
        words = [t.norm_ for t in doc]
        code = _result_code(result)
        status = self.context.status(words, Match(code, span), sentence_bounds(words, span.start))
        if status != HYPOTHETICAL and not (status == GENERAL and result.comparator):
            status = ASSERTED
        finding = self.lexicon.finding(code)
        if status == ASSERTED and whose.someone_elses(span.start, finding.row, finding.level):
            status = SOMEONE_ELSE
        return Mention(code, span.text, span.start_char, span.end_char, status, result=result)

    def _reporting(self, doc: Doc) -> bool:
        """Whether any sentence says something rather than only asks or supposes."""
        words = [t.norm_ for t in doc]
        for sentence in _sentences(words):
            content = [w for w in words[sentence[0] : sentence[1]] if w[:1].isalnum()]
            if (
                content
                and not self.context.is_question(words, sentence)
                and not self.context.is_hypothetical(words, sentence[1], sentence)
            ):
                return True
        return False

    def _asks_outright(self, doc: Doc) -> bool:
        """A question mark, or a sentence that starts like a question ("can you tell me why...")."""
        words = [t.norm_ for t in doc]
        return "?" in doc.text or any(
            start < end and self.context.starts_like_question(words, (start, end)) for start, end in _sentences(words)
        )

    def _asked(self, doc: Doc) -> tuple[tuple[tuple[int, int], ...], bool]:
        """The character ranges of the clauses that ask outright (a sentence that starts like a
        question) or pass on information about the medicine ("I read that it can cause black poo"),
        in sentences that do not say it is happening to someone; and whether such clauses are all
        the message says. Clauses, not sentences: in "nurse said to report it, sick looks like
        coffee grounds" only the first passes something on."""
        words = [t.norm_ for t in doc]
        asked: list[tuple[int, int]] = []
        something_else = False
        for start, end in _sentences(words):
            general = start < end and self.context.is_general(words, (start, end))
            clause_start = start
            for index in range(start, end + 1):
                if index < end and words[index] not in CLAUSE_BREAKS:
                    continue
                clause = (clause_start, index)
                if any(w[:1].isalnum() for w in words[clause_start:index]):
                    opens = clause_start == start and self.context.starts_like_question(words, (start, end))
                    if general and (opens or self.context.informs(words, clause)):
                        last = doc[index - 1]
                        asked.append((doc[clause_start].idx, last.idx + len(last.text)))
                    else:
                        something_else = True
                clause_start = index + 1
        return tuple(asked), bool(asked) and not something_else

    def _distressed(self, text: str, doc: Doc) -> bool:
        words = [t.norm_ for t in doc]
        letters = [c for c in text if c.isalpha()]
        shouting = len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) >= SHOUTING
        return shouting or "!!!" in text or bool(phrase_hits(words, 0, len(words), self.distress_markers))

    def _crisis_asked(self, words: list[str], start: int, end: int, sentence: tuple[int, int]) -> bool:
        """A crisis statement in a question is still one: asking how to do it ("is there a painless
        way to kill myself?", "best way to end it all"), or saying it of oneself ("is it wrong that
        I want to die?"). Not a question about the medicine ("can aza cause suicidal thoughts?"),
        nor passed-on information, nor the weak "take all my tablets" ("can I take all my tablets
        at once?")."""
        before = max(sentence[0], start - MAX_METHOD_WORDS)
        if any(
            position == start or position + length == start
            for position, length in phrase_hits(words, before, end, self.crisis_method_asks)
        ):
            return True
        if words[start] in self.cues.crisis_weak_starts or self.context.informs(words, sentence):
            return False
        return bool(self.writer_words.intersection(words[sentence[0] : sentence[1]])) and not phrase_hits(
            words, sentence[0], sentence[1], self.crisis_about_medicine
        )

    def _mention(self, doc: Doc, match: Match, whose: Whose) -> Mention:
        words = [t.norm_ for t in doc]
        span = match.span
        sentence = sentence_bounds(words, span.start)
        finding = self.lexicon.finding(match.code)
        status = self.context.status(
            words,
            match,
            sentence,
            finding.explainable,
            finding.dated,
            finding.explained_by_injury,
            finding.bleed,
            self.own_causes.get(match.code, ()),
            persists=finding.persists,
        )
        if status == GENERAL and finding.crisis and self._crisis_asked(words, span.start, span.end, sentence):
            status = ASSERTED
        if status == ASSERTED and whose.someone_elses(span.start, finding.row, finding.level):
            status = SOMEONE_ELSE
        return Mention(
            code=match.code,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            status=status,
            intensities=self.intensity.intensities(words, span, sentence),
            temperature=match.temperature,
        )


WITHDRAWN_AFTER = 3  # words after a lower reading that may still take the one before it back
MAX_METHOD_WORDS = 4  # "the best way to" before "end it all"

# What may come between the findings of one list: "no fever, chills or a rash".
_LIST_GLUE = frozenset((",", "or", "nor", "a", "an", "any", "/"))
_LIST_END = frozenset(("or", "nor"))
LIST_LEAD_CHARS = 40  # how far before a list's first finding an earlier "or" is looked for
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _sentences(words: list[str]) -> Iterator[tuple[int, int]]:
    """The token positions of each sentence, in order."""
    position = 0
    while position < len(words):
        start, end = sentence_bounds(words, position)
        yield start, end
        position = end + 1


def _deny_the_rest_of_a_list(text: str, mentions: list[Mention]) -> list[Mention]:
    """A denial covers every finding of the list it starts, however long ("I haven't had a fever,
    chills, a cough or a rash"): a list is findings joined by commas that ends with the item after
    "or"/"nor". "No fever, rash on my arms" is not such a list."""
    ordered = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    chains: list[list[int]] = []
    ends: list[bool] = []
    for index in ordered:
        if chains:
            previous = mentions[chains[-1][-1]]
            current = mentions[index]
            gap = set(_TOKEN.findall(text[previous.end : current.start].lower()))
            has_or = bool(_LIST_END & gap)
            # The list ends at the item after its "or": "no fever or a cough, a rash all over her".
            if current.start < previous.end or (gap <= _LIST_GLUE and (has_or or not ends[-1])):
                chains[-1].append(index)
                ends[-1] = ends[-1] or has_or
                continue
        chains.append([index])
        ends.append(False)
    result = list(mentions)
    for chain, ends_with_or in zip(chains, ends, strict=True):
        # "no pain or fever, bruising or bleeding gums": the denied list ended before this one began.
        lead = text[max(0, mentions[chain[0]].start - LIST_LEAD_CHARS) : mentions[chain[0]].start].lower()
        if _LIST_END & set(_TOKEN.findall(re.split(r"[.?!;\n]", lead)[-1])):
            continue
        if ends_with_or and mentions[chain[0]].status == NEGATED:
            for index in chain[1:]:
                if result[index].status == ASSERTED:
                    result[index] = replace(result[index], status=NEGATED)
    return result


@lru_cache(maxsize=1)
def default_detector() -> SymptomDetector:
    return SymptomDetector()


def _result_code(result: BloodResult) -> str:
    """The finding a blood result is: outside its limit, or inside it (also when no limit grades it)."""
    return result.finding or FINDING_OF[INSIDE]
