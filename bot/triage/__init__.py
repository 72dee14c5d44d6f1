"""Symptom detection and urgency grading, independent of Rasa.

    from bot.triage import assess
    assess("I've got a temp of 38.6 and feel shivery").level   # "urgent"
"""

from __future__ import annotations

from functools import lru_cache

from bot.triage.detector import Detection, SymptomDetector, default_detector
from bot.triage.engine import Assessment, Reason, TriageEngine
from bot.triage.lexicon import LEVELS, load_lexicon


@lru_cache(maxsize=1)
def default_engine() -> TriageEngine:
    return TriageEngine()


def assess(text: str) -> Assessment:
    return default_engine().grade(default_detector().detect(text))


__all__ = [
    "LEVELS",
    "Assessment",
    "Detection",
    "Reason",
    "SymptomDetector",
    "TriageEngine",
    "assess",
    "default_detector",
    "default_engine",
    "load_lexicon",
]
