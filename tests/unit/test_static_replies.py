"""The Rasa server's own replies, as a person in each region would get them.

The static replies are what a person sees when the action server is down, so they must be
complete and right for every level and region. They are rendered from the clinical data
(`make domain`) and filled in per region by the Rasa server's response generator (bot/nlg.py),
which these tests run.
"""

from __future__ import annotations

import asyncio
import copy
import re

import pytest
import yaml
from rasa.core.nlg.interpolator import interpolate
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.measure.cases import faq_answers, topic_of
from bot.nlg import RegionalResponses, response_values
from bot.regions import load_regions
from bot.render_domain import SAFETY_DOMAIN, rendered_files, stale_files
from bot.settings import PROJECT_ROOT, REGIONS
from bot.triage.lexicon import shown_sources
from bot.triage.replies import crisis_headline, headline, if_it_happens_headline, screening_questions

DOMAIN_DIR = PROJECT_ROOT / "domain"
SAFETY = yaml.safe_load(SAFETY_DOMAIN.read_text())


def all_responses() -> dict[str, list[dict]]:
    """Every response the Rasa server can send: the domain's and the FAQ answers."""
    responses: dict[str, list[dict]] = {}
    for path in [*sorted(DOMAIN_DIR.glob("*.yml")), *sorted((PROJECT_ROOT / "data" / "nlu" / "faq").glob("*.yml"))]:
        responses.update((yaml.safe_load(path.read_text()) or {}).get("responses") or {})
    return responses


RESPONSES = all_responses()
DOMAIN = Domain.load([str(p) for p in sorted(DOMAIN_DIR.glob("*.yml"))])


def _say(response: str, region: str, **slots: str) -> dict:
    """What the Rasa server sends for `response` to a message stamped with `region`."""
    tracker = DialogueStateTracker.from_events(
        "test",
        [UserUttered("hello", metadata={"region": region}), *(SlotSet(k, v) for k, v in slots.items())],
        slots=DOMAIN.slots,
    )
    message = asyncio.run(RegionalResponses(domain=DOMAIN).generate(response, tracker, "rest"))
    assert message is not None, f"no {response} for {slots}"
    return message


def test_the_rendered_files_are_current():
    assert stale_files() == [], "run `make domain`"
    assert set(rendered_files()) == {
        SAFETY_DOMAIN,
        PROJECT_ROOT / "bot" / "web" / "static" / "clinical.js",
        PROJECT_ROOT / "docs" / "clinical-basis.md",
    }


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", ["emergency", "urgent", "soon", "routine"])
def test_static_headline_matches_the_replies_module(level, region):
    contacts = load_regions()[region]
    message = _say("utter_triage_headline", region, triage_level=level)
    assert message["text"] == headline(level, contacts)
    assert message["custom"]["triage"]["level"] == level
    assert message["custom"]["triage"]["emergency_number"] == contacts.emergency_number


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", ["emergency", "urgent", "routine"])
def test_static_symptom_check_headline_matches(level, region):
    contacts = load_regions()[region]
    message = _say("utter_symptom_check_headline", region, symptom_check_level=level)
    assert message["text"] == headline(level, contacts)
    assert message["custom"]["triage"]["level"] == level


@pytest.mark.parametrize("region", REGIONS)
def test_static_crisis_reply_has_the_emergency_number_and_crisis_line(region):
    contacts = load_regions()[region]
    message = _say("utter_crisis_support", region)
    assert message["text"] == crisis_headline(contacts)
    assert contacts.emergency_number in message["text"] and contacts.crisis_number in message["text"]
    assert message["custom"]["triage"]["crisis_line"] == contacts.crisis_line


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", ["emergency", "urgent", "soon", "general"])
def test_static_if_it_happens_matches(level, region):
    contacts = load_regions()[region]
    message = _say("utter_symptom_info", region, triage_level=level)
    assert message["text"] == shown_sources(if_it_happens_headline(level, contacts))
    assert message["custom"]["triage"]["hypothetical"] is True


# Words that belong to one region only: nobody elsewhere may see them.
OTHER_REGIONS_WORDS = {
    "uk": [r"\b911\b", r"\b988\b", r"\b112\b", r"\bER\b", r"urgent care", r"Poison Control", r"1-800"],
    "us": [r"\b999\b", r"\b111\b", r"NHS 111", r"\bA&E\b", r"\bGPs?\b", r"Samaritans", r"116 123", r"\b112\b"],
    "eu": [
        r"\b999\b",
        r"\b911\b",
        r"\b111\b",
        r"NHS 111",
        r"\bA&E\b",
        r"\bGPs?\b",
        r"Samaritans",
        r"\b988\b",
        r"\bER\b",
        r"Poison Control",
    ],
}


@pytest.mark.parametrize("region", REGIONS)
def test_every_reply_in_every_region_has_only_that_regions_numbers_and_services(region):
    values = response_values(region, {"triage_level": None, "symptom_check_level": None})
    leaks = []
    for name, variations in RESPONSES.items():
        for variation in variations:
            filled = interpolate(copy.deepcopy({k: v for k, v in variation.items() if k != "condition"}), values)
            text = yaml.safe_dump(filled)
            assert "{" not in filled.get("text", ""), f"{name}: a placeholder was left unfilled"
            leaks += [f"{name}: {pattern}" for pattern in OTHER_REGIONS_WORDS[region] if re.search(pattern, text)]
    assert not leaks


def test_every_escalation_says_whom_how_fast_and_what_to_tell_them():
    contacts = load_regions()["uk"]
    for level, words in {"emergency": "999", "urgent": "today", "soon": "next few days"}.items():
        text = headline(level, contacts)
        assert words in text and "Tell them you take azathioprine" in text


def test_no_reply_tells_anyone_to_change_their_dose():
    forbidden = ("stop taking", "take less", "take more", "skip your", "double your", "increase your", "reduce your")
    warnings = ("do not stop taking", "don't stop taking", "never stop taking")  # the opposite advice
    for name, variations in RESPONSES.items():
        for variation in variations:
            text = variation.get("text", "").lower()
            for warning in warnings:
                text = text.replace(warning, "")
            assert not any(f in text for f in forbidden), (name, text)


def test_symptom_check_form_matches_the_clinical_file():
    questions = screening_questions()
    assert SAFETY["forms"]["symptom_check_form"]["required_slots"] == [q.slot for q in questions] + [
        "symptom_check_level"
    ]
    level_mappings = {
        m["conditions"][0]["requested_slot"]: m["value"]
        for m in SAFETY["slots"]["symptom_check_level"]["mappings"]
        if m["intent"] == ["affirm"]
    }
    assert level_mappings == {q.slot: q.level for q in questions}
    for question in questions:
        (variation,) = RESPONSES[f"utter_ask_{question.slot}"]
        assert variation["text"] == question.question
        assert [b["payload"] for b in variation["buttons"]] == ["/affirm", "/deny"]


def test_the_check_level_is_set_whenever_the_last_question_is_answered():
    """symptom_check_level is a required slot the form never asks for: any answer that fills the
    last question (or a "yes" to an earlier one) fills it in the same turn."""
    questions = screening_questions()
    mappings = SAFETY["slots"]["symptom_check_level"]["mappings"]
    last = questions[-1].slot
    answered = {(m["intent"][0], m["conditions"][0]["requested_slot"]) for m in mappings}
    assert {("affirm", q.slot) for q in questions} | {("deny", last)} == answered
    assert "utter_ask_symptom_check_level" not in RESPONSES


def test_symptom_check_levels_match_the_red_flag_table():
    from bot.triage.lexicon import highest, load_lexicon

    lexicon = load_lexicon()
    for question in screening_questions():
        levels = [lexicon.finding(code).level_for(()) for code in question.findings]
        assert highest(levels) == question.level, question.slot


FALLBACK_REPLIES = (
    "utter_default",
    "utter_out_of_scope",
    "utter_cannot_diagnose",
    "utter_other_medicine",
    "utter_symptom_check_rephrase",
)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("name", FALLBACK_REPLIES)
def test_every_fallback_ends_with_the_emergency_signs_and_the_regions_number(name, region):
    from bot.triage.replies import emergency_line

    contacts = load_regions()[region]
    for variation in RESPONSES[name]:
        text = " ".join(interpolate(variation["text"], response_values(region, {})).split())
        assert text.endswith(emergency_line(contacts))
        assert contacts.emergency_number in text and "trouble breathing" in text


def test_the_emergency_question_names_every_emergency_sign_of_the_table():
    from bot.triage.lexicon import load_lexicon

    question = screening_questions()[0]
    assert question.level == "emergency"
    words = question.question.lower()
    for sign in (
        "breathing",
        "lips",
        "rash",
        "chest pain",
        "faint",
        "fit",
        "confusion",
        "weakness on one side",
        "sight",
        "speech",
        "headache",
        "stiff neck",
        "vomiting blood",
        "black poo",
        "bleeding that won't stop",
    ):
        assert sign in words, sign
    emergency_rows = {f.row for f in load_lexicon().findings.values() if f.level == "emergency" and not f.crisis}
    asked_rows = {load_lexicon().finding(code).row for code in question.findings}
    assert emergency_rows - asked_rows <= {"poisoning_emergency", "sepsis"}  # asked as rash and confusion above


@pytest.mark.parametrize("region", ["uk", "us"])
def test_the_evaluation_recognises_every_faq_answer_as_people_see_it(region):
    """`make eval` scores a FAQ reply by its text: it must match what the server really says."""
    with_answers = RegionalResponses(domain=Domain.from_dict({"responses": RESPONSES}))
    tracker = DialogueStateTracker.from_events("test", [UserUttered("hello", metadata={"region": region})])
    for topic in faq_answers(region):
        said = asyncio.run(with_answers.generate(f"utter_faq/{topic}", tracker, "rest"))
        assert said is not None
        assert topic_of([said["text"]], region) == topic
