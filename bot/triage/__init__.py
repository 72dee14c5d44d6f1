"""Urgency grading, pure Python: no Rasa and no spaCy, so the action server can use it.

The detector that turns text into findings lives in bot/detect/ (spaCy):

    from bot.detect import assess
    assess("I've got a temp of 38.6 and feel shivery").level   # "urgent"
"""

from __future__ import annotations

from functools import lru_cache

from bot.triage.engine import Assessment, Reason, TriageEngine
from bot.triage.findings import Detection, Mention, Temperature
from bot.triage.lexicon import LEVELS, load_lexicon


@lru_cache(maxsize=1)
def default_engine() -> TriageEngine:
    return TriageEngine()


__all__ = [
    "LEVELS",
    "Assessment",
    "Detection",
    "Mention",
    "Reason",
    "Temperature",
    "TriageEngine",
    "default_engine",
    "load_lexicon",
]
