"""Finding symptoms in what people type (spaCy patterns and context rules), for the Rasa server.

from bot.detect import assess
assess("I've got a temp of 38.6 and feel shivery").level   # "urgent"
"""

from __future__ import annotations

from bot.detect.detector import SymptomDetector, default_detector
from bot.triage import Assessment, default_engine


def assess(text: str) -> Assessment:
    return default_engine().grade(default_detector().detect(text))


__all__ = ["SymptomDetector", "assess", "default_detector"]
