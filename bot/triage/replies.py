"""The words of every triage reply, and the `custom.triage` payload the widget renders.

Pure functions: the action server sends them, the tests read them, and a test checks that the
Rasa server's own static replies in domain.yml say the same thing as `headline()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

import yaml

from bot.regions import RegionContacts
from bot.triage.blood_results import ResultPayload, result_lines, result_sources
from bot.triage.engine import Assessment, Reason
from bot.triage.lexicon import CLINICAL_DIR, Lexicon, load_lexicon, shown_sources

SAY_YOU_TAKE_IT = "Tell them you take azathioprine."
# The widget's urgency card headings (rendered into clinical.js by `make domain`); `{number}` is
# the emergency number the card shows.
CARD_HEADINGS = {
    "emergency": "Call {number} now",
    "urgent": "Contact your team today",
    "soon": "Contact your team in the next few days",
}
# When a correction or the end of an episode leaves nothing to act on, the widget shows this card
# in place of the earlier ones, which it marks with CARD_REPLACED.
CARD_UPDATED = "No warning sign now"
CARD_REPLACED = "Replaced by the advice below"


def headline(level: str, contacts: RegionContacts) -> str:
    """What to do, whom to contact and how fast: the first thing a triage reply says."""
    if level == "emergency":
        return (
            f"This could be an emergency. Call {contacts.emergency_service} now. "
            f"Don't drive yourself. {SAY_YOU_TAKE_IT}"
        )
    if level == "urgent":
        return (
            "Contact your specialist team or the doctor who prescribes your azathioprine today. "
            f"If you can't reach them, use {contacts.urgent_advice} today. {SAY_YOU_TAKE_IT}"
        )
    if level == "soon":
        return (
            f"Contact your specialist team or {contacts.family_doctor} in the next few days. If it gets worse, "
            f"contact them today. {SAY_YOU_TAKE_IT}"
        )
    return (
        "This doesn't sound like a warning sign. Mention it at your next check-up or blood test, "
        "and contact your team if it gets worse or you're worried."
    )


def emergency_line(contacts: RegionContacts) -> str:
    """The way out, in one short line: what an emergency looks like, and the number. Every reply
    that did not understand or cannot help ends with it."""
    return (
        "If it might be an emergency (trouble breathing, chest pain, a fit, collapse, bleeding that "
        f"won't stop, or thoughts of harming yourself), call {contacts.emergency_number} now."
    )


def crisis_headline(contacts: RegionContacts) -> str:
    return (
        "I'm really sorry you're feeling like this. If you might act on these thoughts, or you've "
        f"hurt yourself, call {contacts.emergency_number} now. You can talk to {contacts.crisis_line} "
        "at any time."
    )


def if_it_happens_headline(level: str, contacts: RegionContacts) -> str:
    """Advice for a symptom someone asks about but does not have."""
    if level == "emergency":
        return (
            f"If that happens, it could be an emergency: call {contacts.emergency_service} straight "
            "away and say you take azathioprine."
        )
    if level == "urgent":
        return (
            "If that happens, contact your specialist team the same day. If you can't reach them, "
            f"use {contacts.urgent_advice}. Say you take azathioprine."
        )
    if level == "soon":
        return f"If that happens, contact your specialist team or {contacts.family_doctor} within a few days."
    return when_to_get_help(contacts)


def when_to_get_help(contacts: RegionContacts) -> str:
    fever = load_lexicon().temperature_values()["fever_from"]
    return (
        f"Contact your team the same day if you get a temperature of {fever} or more, chills, a sore "
        "throat, mouth ulcers, unexplained bruising or bleeding, yellow skin or eyes, dark pee, "
        "severe stomach pain, or unusual tiredness. Call "
        f"{contacts.emergency_number} for trouble breathing, swelling of the lips or throat, chest "
        "pain, collapse, or a rash that doesn't fade under a glass. Source: NHS, VA, CDHB."
    )


class _TriageCardRequired(TypedDict):
    level: str
    findings: list[str]
    emergency_number: str


class TriageCard(_TriageCardRequired, total=False):
    """`custom.triage`: the widget's contract (README, "The custom.triage payload")."""

    labels: list[str]  # the findings in words
    hypothetical: bool  # a "what if" question: information, not a current red flag
    if_it_happens: str | None  # the level the finding would have if it happened
    mentioned: list[str]
    crisis_line: str
    symptom_check: bool
    supersedes: bool  # the conversation's latest advice: it replaces the cards before it


def payload(
    level: str,
    findings: list[str],
    contacts: RegionContacts,
    *,
    labels: list[str] | None = None,
    hypothetical: bool = False,
    if_it_happens: str | None = None,
    mentioned: list[str] | None = None,
    crisis_line: str | None = None,
    symptom_check: bool = False,
    supersedes: bool = False,
) -> dict[str, TriageCard]:
    """The widget's contract: level, finding codes, emergency number, and the optional extras."""
    card: TriageCard = {"level": level, "findings": list(findings), "emergency_number": contacts.emergency_number}
    if labels is not None:
        card["labels"] = labels
    if hypothetical:
        card["hypothetical"] = True
        card["if_it_happens"] = if_it_happens
    if mentioned is not None:
        card["mentioned"] = mentioned
    if crisis_line is not None:
        card["crisis_line"] = crisis_line
    if symptom_check:
        card["symptom_check"] = True
    if supersedes:
        card["supersedes"] = True
    return {"triage": card}


@dataclass(frozen=True)
class Reply:
    text: str
    custom: dict[str, TriageCard]

    def __post_init__(self) -> None:
        # Sources by the names a reader knows ("Versus Arthritis", not "VA").
        object.__setattr__(self, "text", shown_sources(self.text))


def _sources(reasons: list[Reason], results: list[ResultPayload] | None = None) -> str:
    seen: list[str] = []
    for reason in reasons:
        for source in reason.source.split(","):
            if source.strip() not in seen:
                seen.append(source.strip())
    seen += [source for source in result_sources(results or []) if source not in seen]
    return ", ".join(seen)


def fill(text: str, contacts: RegionContacts) -> str:
    """The clinical data's placeholders: the region's contacts and the temperature bands."""
    return text.format_map({**contacts.values(), **load_lexicon().temperature_values()})


def _lines(reasons: list[Reason], contacts: RegionContacts) -> list[str]:
    lines: list[str] = []
    for text in [r.why for r in reasons] + [r.advice for r in reasons if r.advice]:
        filled = fill(text, contacts)
        if filled not in lines:
            lines.append(filled)
    return lines


# The button that answers the question after a correction that names nothing (its words are a cue in
# data/clinical/conversation_cues.yml, `take_back_last`).
TAKE_BACK_BUTTON = "Take back what I said"


def _said_and(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def episode_lines(assessment: Assessment, contacts: RegionContacts) -> list[str]:
    """What changed since the last advice, said first: taken back, over, or a question about a
    correction that names nothing."""
    episode = assessment.episode
    if not episode:
        return []
    lines: list[str] = []
    if episode["retracted"] and episode.get("counted"):
        # A count can be wrong: a tablet not found is treated as swallowed.
        lines.append(
            f"Thank you for counting them. I've taken that back: {_said_and(episode['retracted'])}. "
            "If any tablet can't be found, or you're not sure, treat it as swallowed: that is an emergency."
        )
    elif episode["retracted"]:
        # Taken back on the person's word: a sign they were unsure of must still have a way back.
        lines.append(
            f"OK, I've taken that back: {_said_and(episode['retracted'])}. If you're not sure, or it comes back, "
            "tell me or contact your team."
        )
    if episode["ended"] and episode.get("start_over"):
        about = f" about {_said_and(episode['over'])}" if episode["over"] else ""
        lines.append(f"OK, let's start again. I've put aside what you told me{about}. What would you like to ask?")
    elif episode["ended"]:
        about = f" about {_said_and(episode['over'])}" if episode["over"] else ""
        lines.append(
            f"I'm glad it's over. I've put aside what you told me{about}. If it comes back, tell me or "
            "contact your team."
        )
    if episode.get("softened"):
        lines.append(
            f"OK, thanks for telling me it's less severe than it first sounded: {_said_and(episode['softened'])}."
        )
    # Advice that comes down from an emergency still says what an emergency looks like.
    came_down = (
        episode["retracted"] or episode["ended"] or episode.get("softened")
    ) and assessment.level != "emergency"
    if episode["was_emergency"] and came_down and not episode.get("start_over"):
        lines.append(emergency_line(contacts))
    if episode.get("masked"):
        lines.append(
            "Paracetamol and similar medicines can bring a temperature down without treating what causes it, "
            f"so what you told me earlier still counts: {_said_and(episode['masked'])}."
        )
    if episode.get("still_stands"):
        about = _said_and(episode["still_stands"])
        lines.append(f"I'm glad you feel better. Feeling well doesn't change the advice about {about}.")
    if episode["ask"]:
        lines.append(
            "Just to check: which part was wrong? Tell me what isn't happening (for example 'I don't have a "
            f"temperature'), or tap '{TAKE_BACK_BUTTON}' to take back your last message about symptoms. "
            "Until then, my advice stays the same."
        )
    return lines


def symptom_detail(assessment: Assessment, contacts: RegionContacts) -> Reply:
    """The detail after the headline: what was recognised, why it matters, the source. In a
    conversation, what changed first, then the advice for everything that still stands."""
    changes = episode_lines(assessment, contacts)
    episode = assessment.episode
    # Advice that changes earlier advice in this conversation: the widget marks the old cards.
    supersedes = bool(episode and episode.get("changed", True))
    if changes and not assessment.findings:
        lines = [*changes, "From what you've told me now, there's no warning sign to act on."]
        custom = payload("routine", [], contacts, labels=[], supersedes=supersedes)
        return Reply("\n".join(lines), custom)
    by_code = {r.code: r for r in assessment.reasons}
    findings = [by_code[code] for code in assessment.findings if code in by_code]
    combinations = [r for r in assessment.reasons if r.code not in assessment.findings]
    noticed = ", ".join(r.label for r in findings) or "the symptoms you described"
    # When something else needs action, "a result inside the limits" must not sound like "wait".
    acting_on_more = assessment.level not in (None, "routine")
    explained = [r for r in combinations + findings if not (acting_on_more and r.level == "routine")]
    so_far = " (from what you've told me in this conversation)" if episode and episode["messages"] > 1 else ""
    lines = [
        *changes,
        f"I noticed: {noticed}{so_far}.",
        *_lines(explained, contacts),
        *result_lines(assessment.results, acting_on_more=acting_on_more),
        f"Source: {_sources(combinations + findings, assessment.results)}.",
    ]
    custom = payload(
        assessment.level or "routine",
        assessment.findings,
        contacts,
        labels=[r.label for r in findings],
        supersedes=supersedes,
    )
    return Reply("\n".join(lines), custom)


def blood_result_detail(assessment: Assessment, contacts: RegionContacts) -> Reply:
    """For blood results that no limit grades: what the assistant can and cannot say, or the
    question back about the number or its unit. Never a card: nothing was graded."""
    if not assessment.results:
        text = (
            "Tell me the test's name and the number as your report shows them (for example "
            "'neutrophils 1.2'), and I'll compare it with the limits specialist teams commonly use."
        )
        return Reply(f"{text}\n\n{emergency_line(contacts)}", {})
    lines = [
        *result_lines(assessment.results),
        f"Source: {_sources([], assessment.results)}.",
        "",
        emergency_line(contacts),
    ]
    return Reply("\n".join(lines), {})


def crisis_detail(assessment: Assessment, contacts: RegionContacts) -> Reply:
    other = [r for r in assessment.reasons if r.code != "self_harm" and r.code in assessment.findings]
    parts = [
        f"You don't have to go through this alone. You can also talk to your {contacts.family_doctor} or mental health "
        "team today, or to someone you trust.",
    ]
    if other:
        parts.append("I also noticed: " + ", ".join(r.label for r in other) + ".")
        parts += _lines(other, contacts)
    parts.append("Source: NHS.")
    findings = assessment.findings or ["self_harm"]
    custom = payload("emergency", findings, contacts, crisis_line=contacts.crisis_line)
    return Reply("\n".join(parts), custom)


def advice_detail(assessment: Assessment, contacts: RegionContacts) -> Reply:
    """For "what should I do if...": the same advice, framed as information."""
    reasons = assessment.mentioned_reasons
    if not reasons:
        return Reply(
            "If you're worried about a symptom right now, tell me what it is and I'll say how urgent it is.",
            payload("routine", [], contacts, hypothetical=True, if_it_happens=None),
        )
    parts = [f"About {', '.join(r.label for r in reasons)}:"]
    parts += _lines(reasons, contacts)
    parts.append("If this is happening to you now, tell me and I'll say how urgent it is.")
    parts.append(f"Source: {_sources(reasons)}.")
    custom = payload(
        "routine",
        [],
        contacts,
        hypothetical=True,
        if_it_happens=assessment.if_it_happens,
        mentioned=[r.code for r in reasons],
        labels=[r.label for r in reasons],
    )
    return Reply("\n".join(parts), custom)


@dataclass(frozen=True)
class ScreeningQuestion:
    slot: str
    level: str
    findings: tuple[str, ...]
    label: str
    question: str


@lru_cache(maxsize=1)
def screening_questions() -> tuple[ScreeningQuestion, ...]:
    raw = yaml.safe_load((CLINICAL_DIR / "symptom_check.yml").read_text(encoding="utf-8"))
    return tuple(
        ScreeningQuestion(q["slot"], q["level"], tuple(q["findings"]), q["label"], q["question"])
        for q in raw["questions"]
    )


def screening_detail(answers: dict, contacts: RegionContacts, lexicon: Lexicon | None = None) -> Reply:
    """The detail after the symptom check: which warning sign the person said yes to."""
    lexicon = lexicon or load_lexicon()
    positive = [q for q in screening_questions() if answers.get(q.slot) == "yes"]
    if not positive:
        text = (
            "Good: you didn't say yes to any of the warning signs I asked about. Rest, drink plenty, "
            f"and contact your team or {contacts.family_doctor} if you don't feel better in a few days, or "
            "sooner if you get any of those signs. "
            f"In an emergency call {contacts.emergency_number}.\nSource: NHS, VA, CDHB."
        )
        return Reply(text, payload("routine", [], contacts, symptom_check=True))
    question = positive[0]
    findings = [lexicon.finding(code) for code in question.findings]
    reasons = [Reason(f.code, f.label, f.level or "routine", f.why, f.source, f.advice) for f in findings[:1]]
    level = question.level
    text = "\n".join(
        [
            f"You said yes to: {fill(question.label, contacts)}.",
            *_lines(reasons, contacts),
            f"Source: {_sources(reasons)}.",
        ]
    )
    return Reply(text, payload(level, list(question.findings), contacts, symptom_check=True, labels=[question.label]))
