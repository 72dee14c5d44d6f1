"""A note to hand to the clinician: what the person reported, built from the conversation.

Pure Python over the tracker's events as plain dicts (what the action server receives), so it is
tested without Rasa. It only ever copies or counts what is in the events: the person's own words,
quoted; the temperature the detector read from them; when they wrote; the level the assistant gave
and the reasons it gave for it; the dose only if they typed one. Nothing is summarised, inferred or
added, so the note cannot say something the person did not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from bot.regions import RegionContacts
from bot.triage.lexicon import LEVEL_RANK
from bot.triage.replies import CARD_HEADINGS, fill, screening_questions

TITLE = "Note for the call"
# Levels after which the assistant offers the note (issue 17: "soon" or above).
OFFERED_FROM = "soon"
# Intents whose message is a report in the person's own words.
REPORTS = frozenset(("report_symptom", "report_unwell", "report_crisis", "ask_blood_result"))
_DOSE = re.compile(r"\b\d{1,3}(?:\.\d+)?\s*(?:mg|milligrams?)\b", re.IGNORECASE)
_OUR_MEDICINE = re.compile(r"\b(?:aza\w*|imuran|azasan|jayempi|my dose|my tablets?|my meds)\b", re.IGNORECASE)


def offers_note(level: str | None) -> bool:
    return bool(level) and LEVEL_RANK.get(level or "", -1) >= LEVEL_RANK[OFFERED_FROM]


@dataclass
class Said:
    when: float
    text: str
    asked: str = ""  # what the symptom-check question this answered asked about


@dataclass
class NoteContent:
    said: list[Said] = field(default_factory=list)
    temperatures: list[float] = field(default_factory=list)
    level: str | None = None
    latest: str | None = None  # the advice given last, when a correction or more detail changed it
    labels: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    doses: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.said


def current_episode(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events since the conversation last started afresh (a new session or "start over")."""
    start = 0
    for index, event in enumerate(events):
        if event.get("event") in ("session_started", "restart"):
            start = index + 1
    return list(events[start:])


def _question_labels() -> dict[str, str]:
    return {f"utter_ask_{q.slot}": q.label for q in screening_questions()}


def _card(event: Mapping[str, Any]) -> dict | None:
    """The triage card a bot message carried, if it was advice (not a "what if" answer)."""
    custom = (event.get("data") or {}).get("custom")
    card = custom.get("triage") if isinstance(custom, dict) else None
    if isinstance(card, dict) and not card.get("hypothetical") and card.get("level") in LEVEL_RANK:
        return card
    return None


def collect(events: Sequence[Mapping[str, Any]]) -> NoteContent:
    """What the note is made of, from the events of the current episode."""
    content = NoteContent()
    questions = _question_labels()
    last_question = ""
    # Each card the assistant gave, with the reasons of the message it answered.
    advice: list[tuple[str, list[str], list[str]]] = []
    answered: dict = {}
    for event in current_episode(events):
        kind = event.get("event")
        if kind == "bot":
            card = _card(event)
            if card is not None:
                reasons = [
                    str(r.get("why") or "")
                    for r in answered.get("reasons") or []
                    if r.get("level") == card["level"] and r.get("why")
                ]
                advice.append((card["level"], [str(label) for label in card.get("labels") or []], reasons))
            template = (event.get("metadata") or {}).get("utter_action") or ""
            last_question = questions.get(template, last_question if not template else "")
            continue
        if kind != "user":
            continue
        text = str(event.get("text") or "").strip()
        if not text or text.startswith("/"):
            continue  # a button's command, not the person's words
        parse = event.get("parse_data") or {}
        intent = (parse.get("intent") or {}).get("name")
        triage = parse.get("triage") or {}
        answered = triage
        when = float(event.get("timestamp") or 0)
        content.doses += [d for d in doses(text) if d not in content.doses]
        reported = intent in REPORTS or triage.get("findings") or triage.get("context_only") or triage.get("results")
        if reported:
            content.said.append(Said(when, text))
            if triage.get("temperature_c") is not None:
                content.temperatures.append(float(triage["temperature_c"]))
        elif last_question and intent in ("affirm", "deny"):
            content.said.append(Said(when, text, asked=last_question))
        last_question = ""
    if advice:
        # The most urgent advice, and everything that led to it: every card at that level.
        content.level = max((level for level, _, _ in advice), key=LEVEL_RANK.__getitem__)
        at_level = [(labels, reasons) for level, labels, reasons in advice if level == content.level]
        content.labels = list(dict.fromkeys(label for labels, _ in at_level for label in labels))
        content.reasons = list(dict.fromkeys(reason for _, reasons in at_level for reason in reasons))
        content.latest = advice[-1][0]
    return content


def doses(text: str) -> list[str]:
    """The person's sentences that give an amount in mg and are about their azathioprine, quoted
    whole ("I take 150mg a day, 3 tablets"): the amount is never separated from its words."""
    return [
        " ".join(sentence.split())
        for sentence in re.split(r"(?<=[.!?\n])\s+", text)
        if _OUR_MEDICINE.search(sentence) and _DOSE.search(sentence)
    ]


def _time(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


def render(content: NoteContent, contacts: RegionContacts) -> str:
    """The note as plain text, easy to copy, read out or print."""
    first, last = _time(content.said[0].when), _time(content.said[-1].when)
    when = f"{first:%-d %B %Y}, {first:%H:%M}"
    when += f" to {last:%H:%M} UTC" if f"{last:%H:%M}" != f"{first:%H:%M}" else " UTC"
    lines = [
        f"{TITLE} (written by the azathioprine chat assistant from what was typed; not a diagnosis)",
        "",
        "Medicine: azathioprine (this assistant is for people who take it)."
        + (
            " What they said about the dose: " + " / ".join(f'"{dose}"' for dose in content.doses)
            if content.doses
            else " Dose: not given in the chat."
        ),
        f"When: {when}",
        "",
        "In their own words:",
    ]
    for said in content.said:
        stamp = f"{_time(said.when):%H:%M}"
        if said.asked:
            lines.append(f'- {stamp} asked about {fill(said.asked, contacts)}: answered "{said.text}"')
        else:
            lines.append(f'- {stamp} "{said.text}"')
    if content.temperatures:
        shown = ", ".join(f"{c:.1f}°C ({c * 9 / 5 + 32:.1f}°F)" for c in dict.fromkeys(content.temperatures))
        lines += ["", f"Temperature given: {shown}"]
    if content.level:
        heading = CARD_HEADINGS.get(content.level, "Mention it at your next check-up").format(
            number=contacts.emergency_number
        )
        lines += ["", f"Advice the assistant gave: {content.level} ({heading})."]
        if content.labels:
            lines.append(f"Because of: {', '.join(content.labels)}.")
        if content.reasons:
            lines.append("Why it matters: " + " ".join(fill(reason, contacts) for reason in content.reasons))
        if content.latest and content.latest != content.level:
            latest = CARD_HEADINGS.get(content.latest, "no warning sign now").format(number=contacts.emergency_number)
            lines.append(f"Latest advice, after what they said next: {content.latest} ({latest}).")
    return "\n".join(lines)


def clinician_note(events: Sequence[Mapping[str, Any]], contacts: RegionContacts) -> str | None:
    """The note, or None when nothing has been reported in this conversation yet."""
    content = collect(events)
    return None if content.empty else render(content, contacts)
