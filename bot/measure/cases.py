"""Loading the test data sets shared by the tests and `make eval`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.measure.chat import Reply
from bot.regions import contacts_for
from bot.settings import PROJECT_ROOT
from bot.triage.lexicon import load_lexicon, shown_sources
from bot.triage.replies import emergency_line

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
def faq_answers(region: str = "uk") -> dict[str, str]:
    """Topic -> the text of its answer as a person in `region` gets it (placeholders filled)."""
    contacts = contacts_for(region)
    values = {**contacts.values(), **load_lexicon().temperature_values(), "emergency_line": emergency_line(contacts)}
    answers = {}
    for path in sorted(FAQ_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, (variation, *_) in data["responses"].items():
            answers[key.split("/", 1)[1]] = shown_sources(variation["text"].strip().format_map(values))
    return answers


DOMAIN_DIR = PROJECT_ROOT / "domain"
# Which of the domain's replies are what kind of answer (for sorting replies in `make eval`).
REPLY_KINDS = {
    "utter_out_of_scope": "out_of_scope",
    "utter_other_medicine": "other_medicine",
    "utter_cannot_diagnose": "cannot_diagnose",
    "utter_default": "fallback",
    "utter_greet": "small_talk",
    "utter_goodbye": "small_talk",
    "utter_youre_welcome": "small_talk",
    "utter_iamabot": "small_talk",
    "utter_what_i_can_do": "small_talk",
    "utter_welcome": "small_talk",
    "utter_symptom_check_intro": "symptom_check",
}
SUGGESTED_TOPICS = "Were you asking about one of these?"  # actions/faq.py, after a fallback


@cache
def domain_reply_texts(region: str = "uk") -> dict[str, str]:
    """Each domain reply's text as sent in `region` -> the reply's name."""
    contacts = contacts_for(region)
    values = {**contacts.values(), **load_lexicon().temperature_values(), "emergency_line": emergency_line(contacts)}
    texts = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (domain.get("responses") or {}).items():
            for variation in variations:
                if "text" in variation:
                    texts[" ".join(variation["text"].split()).format_map(values)] = name
    return texts


def reply_kind(reply: Reply, region: str = "uk") -> str:
    """faq, triage, advice, crisis, out_of_scope, small_talk, fallback, ... or other."""
    triage = reply.triage or {}
    if triage.get("crisis_line"):
        return "crisis"
    if triage and not triage.get("hypothetical"):
        return "triage"
    if topic_of(reply.texts, region):
        return "faq"
    if reply.medicines:
        return "medicines"
    if triage:
        return "advice"
    names = domain_reply_texts(region)
    for text in reply.texts:
        name = names.get(" ".join(text.split()))
        if name in REPLY_KINDS:
            return REPLY_KINDS[name]
        if text.startswith(SUGGESTED_TOPICS):
            return "fallback"
    return "other"


def topic_of(texts: list[str], region: str = "uk") -> str | None:
    """Which FAQ topic's answer a reply is, if it is one."""
    answers = faq_answers(region)
    for text in texts:
        for topic, answer in answers.items():
            if text.strip() == answer:
                return topic
    return None


GOUT_MEDICINES = ("allopurinol", "febuxostat")


def answered_topic(reply: Reply, region: str = "uk") -> str | None:
    """The FAQ topic a reply answers. The answer for each medicine named covers the interactions
    topic (the allopurinol topic when it is only about the gout medicines)."""
    topic = topic_of(reply.texts, region)
    if topic or not reply.medicines:
        return topic
    found = reply.medicines.get("found") or []
    return "allopurinol" if found and all(key in GOUT_MEDICINES for key in found) else "interactions"


def graded_level(triage: dict | None) -> str:
    """The level a reply gives a message: no payload, or a hypothetical one, means routine."""
    if not triage or triage.get("hypothetical"):
        return "routine"
    return triage.get("level") or "routine"
