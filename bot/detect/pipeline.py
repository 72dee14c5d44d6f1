"""Both detectors together, as the Rasa server runs them (bot/nlu/symptom_extractor.py):

1. the patterns on the text as typed;
2. the patterns on the spelling-normalised text, for what only that shows;
3. the learned detector, which may only add findings (bot/detect/combine.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot.detect.combine import whole_phrases, with_learned, without_figures_of_speech
from bot.detect.detector import SymptomDetector
from bot.detect.learned import FindingClassifier
from bot.detect.spelling import SpellingNormaliser
from bot.detect.temperature import temperature_word_spans
from bot.triage.findings import Detection, Mention
from bot.triage.lexicon import load_cues


@dataclass
class FindingPipeline:
    detector: SymptomDetector
    spelling: SpellingNormaliser | None = None
    classifier: FindingClassifier | None = None
    threshold: float = 0.4
    thresholds: Mapping[str, float] = field(default_factory=dict)
    # At or over this probability the classifier's reading beats a question's or hearsay's shape.
    sure: float | None = None
    # At or over this probability the classifier's reading beats a plainer finding the patterns read.
    certain: float | None = None
    # Findings whose words the classifier still reads (red_flags.yml `read_again`): fixed at start-up.
    read_again: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.read_again = self.detector.lexicon.read_again

    def detect(self, text: str) -> Detection:
        detection = self.detector.detect(text)
        if self.spelling is not None:
            corrected = self.spelling.normalise(text)
            if corrected.text != text:
                detection = merge_corrected(detection, self.detector.detect(corrected.text), corrected.to_original)
        learnable = learnable_text(text)
        explained = without_found_words(detection, self.read_again)
        if self.classifier is None:
            return detection
        evidence = [w for w in own_words(learnable_text(explained)) if self.classifier.knows(w)]
        if len(evidence) < MIN_OWN_WORDS:
            return detection
        probabilities = self.classifier.probabilities(learnable)
        if explained != text:
            # A learned finding must rest on words the patterns have not already read: "a
            # temperature of 39" is the fever row, not the sepsis it often comes with.
            rest = self.classifier.probabilities(learnable_text(explained))
            probabilities = {row: min(p, (p + rest[row]) / 2) for row, p in probabilities.items()}
        unmeasured = without_figures_of_speech(without_measure_names(learnable))
        well = without_said_well(unmeasured)
        if well != unmeasured and not self.detector.detect(well).reporting:
            # ...nor on a part of the body said to be well, when the rest only asks ("lips fine,
            # breathing fine. can you be allergic to it?"); never when the rest reports something
            # (a review: "lips fine, tongue fine, but i feel like im suffocating")
            unmeasured = well
        if unmeasured != learnable:
            # Nor on the "blood" of "blood pressure" or "blood count", nor on a figure of speech: read
            # without them, a row may only lose ("blood pressure is a bit high" is not bleeding; "my
            # blood tests are!!!" stays calm; "bloods rota doing my head in" is no headache).
            plain = self.classifier.probabilities(unmeasured)
            probabilities = {row: min(p, plain[row]) for row, p in probabilities.items()}
        return with_learned(
            detection,
            probabilities,
            self.detector.lexicon,
            self.threshold,
            self.thresholds,
            self.sure,
            self.certain,
            self._beyond_context(detection, probabilities),
        )

    def _beyond_context(self, detection: Detection, probabilities: Mapping[str, float]) -> dict[str, float] | None:
        """The classifier's reading of the text without the words of the context-only findings the
        patterns asserted (a stiff neck, dislike of light): a row it still reads rests on more."""
        lexicon = self.detector.lexicon
        spans = [
            (m.start, m.end)
            for m in detection.mentions
            if m.asserted and m.end > m.start and lexicon.finding(m.code).level is None
        ]
        if not spans or self.classifier is None:
            return None
        characters = list(detection.text)
        for start, end in spans:
            characters[start:end] = " " * (end - start)
        plain = self.classifier.probabilities(learnable_text("".join(characters)))
        return {row: min(p, plain[row]) for row, p in probabilities.items()}


# A finding described in the person's own words takes words the classifier knows, beyond those
# the patterns have read: on less ("I'm on aza", "a temperature of 39", "greet" before "hot and
# shivery"), it guesses from sentence shape.
MIN_OWN_WORDS = 1
_WORD = re.compile(r"[^\W\d_]{3,}")
_NOT_DESCRIPTIVE = frozenset(ENGLISH_STOP_WORDS) | {
    "aza",
    "azathioprine",
    "imuran",
    "azasan",
    "tablet",
    "tablets",
    "meds",
    "med",
    "medicine",
    "medication",
    "pills",
    "pill",
    "just",
    "really",
    "bit",
    "lol",
    "okay",
    # what passes a reading on, and pleas: "temp says 39", "burning up. 39. pls" are the fever row
    "says",
    "said",
    "reads",
    "shows",
    "showed",
    "showing",
    "pls",
    "plz",
    "please",
}


def own_words(text: str) -> list[str]:
    """The words that could describe something: not function words or the medicine's names."""
    return [w for w in _WORD.findall(text.lower()) if w not in _NOT_DESCRIPTIVE]


_SENTENCES = re.compile(r"(?<=[.!?\n;])\s+")
_NEGATIVE_START = re.compile(r"^\W*(?:no|not|never|none|nothing|nope|neither|nor|without|zero)\b", re.IGNORECASE)


_CLAUSES = re.compile(r"(?<=[,;:])\s*|\s+-\s+")


@cache
def _said_well() -> re.Pattern[str]:
    """A clause that only says a part of the body is well (context_cues.yml `said_well`): "lips
    fine", "I'm breathing fine", "my eyes are white", "pee's a normal colour"."""
    lists = load_cues().said_well

    def any_of(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(lists.get(key, ()), key=len, reverse=True))

    return re.compile(
        rf"^\W*(?:(?:{any_of('openers')})\s+)*"
        rf"(?:(?:{any_of('parts')})(?:'s)?|(?P<eyes>{any_of('white_parts')}))\s+"
        rf"(?:(?:{any_of('between')})\s+)*"
        rf"(?:{any_of('well')}|(?(eyes)white|(?!)))"
        rf"(?:\s+(?:{any_of('after')}))*\W*$",
        re.IGNORECASE,
    )


def learnable_text(text: str) -> str:
    """The text the classifier reads: without sentences that open by denying something ("Not itchy,
    not yellow, feeling fine."), which it cannot read as denials."""
    return " ".join(s for s in _SENTENCES.split(text) if s.strip() and not _NEGATIVE_START.match(s))


def without_said_well(text: str) -> str:
    """The text without clauses that only say a part of the body is well ("lips fine, breathing
    fine" is no allergic reaction; "I'm breathing fine" was sepsis to the classifier, which reads the
    body part and not the "fine")."""
    kept = []
    for sentence in _SENTENCES.split(text):
        clauses = [c for c in _CLAUSES.split(sentence) if c.strip() and not _said_well().match(c)]
        if clauses:
            kept.append(" ".join(clauses))
    return " ".join(kept)


def without_measure_names(text: str) -> str:
    """The text with the names of tests and measures that hold a finding's word ("blood pressure",
    "blood count", "bloods") read without "blood"."""
    return _measure_names().sub(_without_blood, text)


@cache
def _measure_names() -> re.Pattern[str]:
    return whole_phrases(load_cues().measure_names)


def _without_blood(match: re.Match[str]) -> str:
    rest = re.sub(r"(?i)\bblood\s*", "", match.group(0)).strip()
    return rest if rest.lower() not in ("s", "") else "tests"


def without_found_words(detection: Detection, kept: frozenset[str] = frozenset()) -> str:
    """The text with the words of every asserted pattern finding, and every temperature reading
    and the words naming it, blanked; not those of the findings in `kept`."""
    spans = [(m.start, m.end) for m in detection.mentions if m.asserted and m.end > m.start and m.code not in kept]
    spans += [(t.start, t.end) for t in detection.temperatures]
    spans += [(r.start, r.end) for r in detection.results]
    if detection.temperatures:
        spans += temperature_word_spans(detection.text)
    characters = list(detection.text)
    for start, end in spans:
        characters[start:end] = " " * (end - start)
    return "".join(characters)


def merge_corrected(original: Detection, corrected: Detection, to_original: tuple[int, ...]) -> Detection:
    """The findings read in the typed text, plus those only the spelling-corrected text shows
    (with their positions mapped back to what was typed)."""
    known = {(m.code, m.status) for m in original.mentions}
    extra = [
        Mention(
            m.code,
            m.text,
            to_original[m.start],
            to_original[m.end],
            m.status,
            m.intensities,
            m.temperature,
            result=m.result,
        )
        for m in corrected.mentions
        if (m.code, m.status) not in known
    ]
    return Detection(
        original.text,
        [*original.mentions, *extra],
        original.temperatures,
        original.distress or corrected.distress,
        original.reporting,
        # Results are numbers and names: the corrected text only adds them when the typed one has none.
        original.results or [replace(r, start=to_original[r.start], end=to_original[r.end]) for r in corrected.results],
        original.asked,
        original.asks_only,
        # A denial told as history in either text only ever keeps a contact from being taken back.
        tuple(sorted(set(original.history) | set(corrected.history))),
    )
