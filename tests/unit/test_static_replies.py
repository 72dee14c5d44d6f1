"""The Rasa server's own static escalation (domain.yml) says what bot/triage/replies.py says.

The static replies are what a person sees when the action server is down, so they must be
complete and right for every level and region.
"""

import pytest
import yaml

from bot.regions import load_regions
from bot.settings import PROJECT_ROOT, REGIONS
from bot.triage.replies import crisis_headline, headline, if_it_happens_headline, screening_questions

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
RESPONSES = DOMAIN["responses"]


def _variation(response: str, **slots):
    for variation in RESPONSES[response]:
        conditions = {c["name"]: c["value"] for c in variation.get("condition", [])}
        if conditions == slots:
            return variation
    raise AssertionError(f"{response} has no variation for {slots}")


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", ["emergency", "urgent", "soon", "routine"])
def test_static_headline_matches_the_replies_module(level, region):
    contacts = load_regions()[region]
    variation = _variation("utter_triage_headline", triage_level=level, region=region)
    assert variation["text"] == headline(level, contacts)
    assert variation["custom"]["triage"]["level"] == level
    assert variation["custom"]["triage"]["emergency_number"] == contacts.emergency_number


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", ["emergency", "urgent", "routine"])
def test_static_symptom_check_headline_matches(level, region):
    contacts = load_regions()[region]
    variation = _variation("utter_symptom_check_headline", symptom_check_level=level, region=region)
    assert variation["text"] == headline(level, contacts)
    assert variation["custom"]["triage"]["level"] == level


@pytest.mark.parametrize("region", REGIONS)
def test_static_crisis_reply_has_the_emergency_number_and_crisis_line(region):
    contacts = load_regions()[region]
    variation = _variation("utter_crisis_support", region=region)
    assert variation["text"] == crisis_headline(contacts)
    assert contacts.emergency_number in variation["text"] and contacts.crisis_number in variation["text"]


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", ["emergency", "urgent", "soon", "general"])
def test_static_if_it_happens_matches(level, region):
    contacts = load_regions()[region]
    variation = _variation("utter_symptom_info", triage_level=level, region=region)
    assert variation["text"] == if_it_happens_headline(level, contacts)
    assert variation["custom"]["triage"]["hypothetical"] is True


@pytest.mark.parametrize("level", ["emergency", "urgent", "soon"])
def test_every_escalation_says_whom_how_fast_and_what_to_tell_them(level):
    text = headline(level, load_regions()["uk"])
    assert {"emergency": "999", "urgent": "today", "soon": "next few days"}[level] in text
    assert "Tell them you take azathioprine" in text


def test_no_static_reply_tells_anyone_to_change_their_dose():
    forbidden = ("stop taking", "take less", "take more", "skip your", "double your", "increase your", "reduce your")
    for name, variations in RESPONSES.items():
        for variation in variations:
            text = variation.get("text", "").lower()
            assert not any(f in text for f in forbidden), (name, text)


def test_symptom_check_form_matches_the_clinical_file():
    questions = screening_questions()
    form_slots = DOMAIN["forms"]["symptom_check_form"]["required_slots"]
    assert form_slots == [q.slot for q in questions] + ["symptom_check_level"]
    level_mappings = {
        m["conditions"][0]["requested_slot"]: m["value"]
        for m in DOMAIN["slots"]["symptom_check_level"]["mappings"]
        if m["type"] == "from_intent" and m["intent"] == ["affirm"]
    }
    assert level_mappings == {q.slot: q.level for q in questions}
    for question in questions:
        assert f"utter_ask_{question.slot}" in RESPONSES


def test_symptom_check_levels_match_the_red_flag_table():
    from bot.triage.lexicon import highest, load_lexicon

    lexicon = load_lexicon()
    for question in screening_questions():
        levels = [lexicon.finding(code).level_for(()) for code in question.findings]
        assert highest(levels) == question.level, question.slot
