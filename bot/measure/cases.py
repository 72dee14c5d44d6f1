"""Loading the test data sets shared by the tests and `make eval`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT

TRIAGE_CASE_FILES = (PROJECT_ROOT / "tests" / "triage_cases.yml", PROJECT_ROOT / "tests" / "triage_cases_holdout.yml")
FAQ_HELDOUT_FILE = PROJECT_ROOT / "tests" / "nlu" / "faq_heldout.yml"
FAQ_DIR = PROJECT_ROOT / "data" / "nlu" / "faq"
LEVEL_RANK = {"routine": 0, "soon": 1, "urgent": 2, "emergency": 3}
NOT_CURRENT = {"negated", "hypothetical", "general_question", "normal_temperature"}


def triage_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def nlu_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) pairs of a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:  # lookup tables and synonyms are not examples of an intent
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((block["intent"], line[2:].strip()))
    return pairs


@cache
def faq_answers() -> dict[str, str]:
    """Topic -> the text of its answer, from the per-topic files."""
    answers = {}
    for path in sorted(FAQ_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, variations in data["responses"].items():
            # The variation without a condition: the UK default (others are region-specific).
            default = next(v for v in variations if "condition" not in v)
            answers[key.split("/", 1)[1]] = default["text"].strip()
    return answers


def graded_level(triage: dict | None) -> str:
    """The level a reply gives a message: no payload, or a hypothetical one, means routine."""
    if not triage or triage.get("hypothetical"):
        return "routine"
    return triage.get("level") or "routine"
