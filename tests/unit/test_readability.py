"""Every answer reads easily (Flesch-Kincaid grade 8 or under) and opens with the answer."""

import re

import pytest
import textstat

from bot.measure.cases import faq_answers
from tests.unit.test_static_replies import RESPONSES

MAX_GRADE = 8.0
ANSWERS = faq_answers()
# Replies a person reads when something may be wrong: the conversational and safety replies.
REPLIES = {
    name: " ".join(v["text"].split())
    for name, variations in RESPONSES.items()
    if not name.startswith("utter_faq/")
    for v in variations[:1]
    if "text" in v
}


def _body(text: str) -> str:
    """The words a person reads, without the source line and with placeholders as a word each."""
    return re.sub(r"\{[a-z_]+\}", "999", re.sub(r"Sources?:.*$", "", text).strip())


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_every_answer_reads_at_grade_8_or_under(topic):
    assert textstat.flesch_kincaid_grade(_body(ANSWERS[topic])) <= MAX_GRADE


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_every_reply_reads_at_grade_8_or_under(name):
    assert textstat.flesch_kincaid_grade(_body(REPLIES[name])) <= MAX_GRADE


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_every_answer_opens_with_the_answer_not_a_preamble(topic):
    first = re.split(r"(?<=[.!?:])\s", ANSWERS[topic], maxsplit=1)[0].lower()
    assert not first.startswith(("there are many", "it depends", "this is a good question", "great question"))
    assert len(first.split()) <= 40
