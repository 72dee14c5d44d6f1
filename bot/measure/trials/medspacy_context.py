"""Trial: medspaCy's ConText in place of the hand-written negation and "what if" cues.

Runs the deterministic detector over the development half of the blind triage corpus twice:
with our cues (data/clinical/context_cues.yml), and with medspaCy's ConText (its default rules)
deciding negated, hypothetical and historical (a past, resolved episode); questions about the
medicine are read by our rules in both. Prints the triage figures of each.

    python -m bot.measure.trials.medspacy_context

Result on 2026-12-01 (929 development messages): our cues red-flag recall 0.627, emergency
recall 0.478, exact level 0.616, over-triage 14.2%; ConText 0.602, 0.434, 0.594, 15.3%. Not
adopted: worse on every figure (its default rules are written for clinicians' notes).
"""

from __future__ import annotations

import json
import logging
import sys

from bot.detect.detector import SymptomDetector
from bot.measure.corpus import DEV, expected_level, load
from bot.measure.metrics import triage_metrics
from bot.triage import default_engine
from bot.triage.findings import ASSERTED, GENERAL, HYPOTHETICAL, NEGATED, RESOLVED, Detection, Mention


class ConTextDetector(SymptomDetector):
    """Our matching and temperatures; medspaCy's ConText for negation, hypotheticals and history."""

    def __init__(self) -> None:
        super().__init__()
        from loguru import logger  # medspaCy logs every token through loguru: user text in logs

        logger.remove()
        logging.getLogger("medspacy").setLevel(logging.WARNING)
        from medspacy.context import ConText

        nlp = self.tokenizer.nlp
        if "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        self.context_component = ConText(nlp)

    def detect(self, text: str) -> Detection:
        from spacy.tokens import Span

        from bot.detect.temperature import find_temperatures
        from bot.detect.text import normalise, sentence_bounds

        clean = normalise(text)
        doc = self.tokenizer.doc(clean)
        doc = self.tokenizer.nlp.get_pipe("sentencizer")(doc)
        temperatures = find_temperatures(clean)
        matches = self.matcher.with_temperatures(doc, self.matcher.matches(doc), temperatures)
        spans: list[Span] = []
        for match in matches:
            span = Span(doc, match.span.start, match.span.end, label=match.code)
            if not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
        doc.ents = spans
        doc = self.context_component(doc)
        words = [t.norm_ for t in doc]
        mentions = []
        for match in matches:
            entity = next((e for e in doc.ents if e.start == match.span.start), None)
            sentence = sentence_bounds(words, match.span.start)
            status = ASSERTED
            if entity is not None and entity._.is_negated:
                status = NEGATED
            elif entity is not None and entity._.is_hypothetical:
                status = HYPOTHETICAL
            elif entity is not None and entity._.is_historical:
                status = RESOLVED
            elif self.context.is_general(words, sentence):
                status = GENERAL
            mentions.append(
                Mention(
                    match.code,
                    match.span.text,
                    match.span.start_char,
                    match.span.end_char,
                    status,
                    self.intensity.intensities(words, match.span, sentence),
                    match.temperature,
                )
            )
        return Detection(text, mentions, temperatures)


def figures(detector: SymptomDetector) -> dict:
    engine = default_engine()
    pairs = []
    for entry in load("triage", DEV):
        level = engine.grade(detector.detect(entry["text"])).level or "routine"
        pairs.append((expected_level(entry), level))
    result = triage_metrics(pairs)
    return {k: result[k] for k in ("red_flag_recall", "emergency_recall", "exact_accuracy", "over_triage_rate")}


def main() -> int:
    try:
        import medspacy  # noqa: F401
    except ImportError:
        print(
            "this trial needs medspaCy, which the project does not use: "
            ".venv/bin/pip install medspacy==1.3.1 numpy==1.23.5 spacy==3.4.4",
            file=sys.stderr,
        )
        return 2
    print(json.dumps({"our cues": figures(SymptomDetector()), "medspaCy ConText": figures(ConTextDetector())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
