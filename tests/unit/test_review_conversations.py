"""Conversations written by helper safety reviewers to break the reading of corrections and
endings (tests/review_conversations.yml): in each, a red flag still stands at the end, after an
apology, an explanation, a past date or a denial of something else. Nothing may grade them
lower than the end level the reviewer gave. Only conversations graded right when they were added
are kept, so each one guards against a regression."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.detect.followup import FollowUpClassifier, load_followups
from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from bot.triage.engine import rank
from tests.unit.test_followup_classifier import with_followups
from tests.unit.test_symptom_extractor_conversation import converse

REVIEWS_FILE = Path(__file__).parents[1] / "review_conversations.yml"
REVIEWS = yaml.safe_load(REVIEWS_FILE.read_text(encoding="utf-8"))["conversations"]


@pytest.fixture(scope="module")
def extractor() -> SymptomExtractor:
    """As config.yml sets it up, with the follow-up classifier trained on its data (patterns only)."""
    return with_followups(FollowUpClassifier.train(load_followups()), followup_taken_back=0.8)


def latest_level(extractor: SymptomExtractor, turns: list[str]) -> str | None:
    levels = [parsed[TRIAGE_KEY].get("level") for parsed in converse(extractor, *turns)]
    given = [level for level in levels if level]
    return given[-1] if given else None


@pytest.mark.parametrize("conversation", REVIEWS, ids=[c["id"] for c in REVIEWS])
def test_a_red_flag_that_stands_is_never_lowered(extractor, conversation):
    assert rank(latest_level(extractor, conversation["turns"])) >= rank(conversation["level"])
