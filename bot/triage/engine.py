"""Grades findings into an urgency level. Pure Python: no Rasa, no spaCy.

Rules (all from data/clinical/red_flags.yml):
- only asserted findings count; negated, hypothetical and general mentions never raise the level;
- each finding has a level, which intensity words can raise ("severe", "won't stop");
- combinations can raise it further (fever with a sepsis sign is an emergency);
- the highest level wins, and every finding is kept so the reply can list them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from bot.triage.blood_results import ResultPayload
from bot.triage.findings import ASSERTED, GENERAL, HYPOTHETICAL, NEGATED, SOMEONE_ELSE, Detection, Mention
from bot.triage.lexicon import LEVEL_RANK, Combination, Lexicon, highest, load_lexicon


class ReasonPayload(TypedDict):
    code: str
    label: str
    level: str
    why: str
    source: str
    advice: str


class EpisodePayload(TypedDict):
    """How a message changed the conversation's assessment (bot/triage/episode.py)."""

    messages: int  # how many messages the findings come from
    retracted: list[str]  # labels of findings the message took back
    ended: bool  # the episode is over ("it's gone", "start over")
    over: list[str]  # labels of the findings that ended with it
    start_over: bool  # ended because the person asked to start again
    ask: bool  # a correction that names nothing: the reply asks which part was wrong
    was_emergency: bool  # what ended or was taken back held an emergency sign: the reply says what to watch for
    still_stands: list[str]  # "I'm fine now" after what feeling fine does not undo: these labels' advice stands
    softened: list[str]  # labels of findings a softening correction brought down a step ("I was being dramatic")
    masked: list[str]  # labels of temperature findings that still count: a lower reading or an end after paracetamol
    changed: bool  # the advice differs from the advice before this message: the new card replaces the old
    counted: bool  # taken back by tablets counted all there: the reply says what to do if one turns up missing


class _AssessmentPayloadRequired(TypedDict):
    level: str | None
    findings: list[str]
    mentioned: list[str]
    negated: list[str]
    if_it_happens: str | None
    temperature_c: float | None
    reasons: list[ReasonPayload]
    mentioned_reasons: list[ReasonPayload]
    context_only: list[str]
    crisis: bool
    distress: bool
    results: list[ResultPayload]


class AssessmentPayload(_AssessmentPayloadRequired, total=False):
    """The assessment as the Rasa server attaches it to a parsed message (key `triage`), which
    the actions read instead of detecting again."""

    episode: EpisodePayload  # only when earlier messages of the conversation count too


@dataclass(frozen=True)
class Reason:
    """Why the level is what it is: one finding or one combination."""

    code: str
    label: str
    level: str
    why: str
    source: str
    advice: str = ""

    def as_payload(self) -> ReasonPayload:
        return {
            "code": self.code,
            "label": self.label,
            "level": self.level,
            "why": self.why,
            "source": self.source,
            "advice": self.advice,
        }


def _reason_from(payload: ReasonPayload) -> Reason:
    return Reason(
        payload["code"],
        payload["label"],
        payload["level"],
        payload["why"],
        payload["source"],
        payload.get("advice", ""),
    )


@dataclass
class Assessment:
    level: str | None  # None when nothing was asserted: no triage for this message
    findings: list[str] = field(default_factory=list)  # asserted finding codes, in message order
    reasons: list[Reason] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)  # hypothetical or general
    negated: list[str] = field(default_factory=list)
    if_it_happens: str | None = None  # the level a hypothetical/general mention would have
    temperature_c: float | None = None
    context_only: list[str] = field(default_factory=list)  # asserted but grade nothing alone
    mentioned_reasons: list[Reason] = field(default_factory=list)  # why each mentioned finding matters
    crisis: bool = False  # a crisis statement (data/clinical/red_flags.yml `crisis: true`)
    distress: bool = False  # the message sounds urgent, whatever was found
    results: list[ResultPayload] = field(default_factory=list)  # the person's blood results, as read
    episode: EpisodePayload | None = None  # set when earlier messages of the conversation count too

    @property
    def is_crisis(self) -> bool:
        return self.crisis

    @property
    def names_a_finding(self) -> bool:
        """A finding or a reading was seen in any sense: reported, asked about, denied."""
        return bool(self.findings or self.mentioned or self.negated or self.context_only or self.results) or (
            self.temperature_c is not None
        )

    def as_payload(self) -> AssessmentPayload:
        payload: AssessmentPayload = {
            "level": self.level,
            "findings": list(self.findings),
            "mentioned": list(self.mentioned),
            "negated": list(self.negated),
            "if_it_happens": self.if_it_happens,
            "temperature_c": self.temperature_c,
            "reasons": [r.as_payload() for r in self.reasons],
            "mentioned_reasons": [r.as_payload() for r in self.mentioned_reasons],
            "context_only": list(self.context_only),
            "crisis": self.crisis,
            "distress": self.distress,
            "results": list(self.results),
        }
        if self.episode is not None:
            payload["episode"] = self.episode
        return payload

    @classmethod
    def from_payload(cls, payload: AssessmentPayload) -> Assessment:
        """The assessment back from `as_payload`, reasons and all."""
        return cls(
            level=payload.get("level"),
            findings=list(payload.get("findings") or []),
            reasons=[_reason_from(r) for r in payload.get("reasons") or []],
            mentioned=list(payload.get("mentioned") or []),
            negated=list(payload.get("negated") or []),
            if_it_happens=payload.get("if_it_happens"),
            temperature_c=payload.get("temperature_c"),
            context_only=list(payload.get("context_only") or []),
            mentioned_reasons=[_reason_from(r) for r in payload.get("mentioned_reasons") or []],
            crisis=bool(payload.get("crisis")),
            distress=bool(payload.get("distress")),
            results=list(payload.get("results") or []),
            episode=payload.get("episode"),
        )


class TriageEngine:
    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()

    def grade(self, detection: Detection) -> Assessment:
        assessment = self.grade_mentions(detection.mentions)
        assessment.distress = detection.distress
        assessment.results = [result.as_payload() for result in detection.results]
        return assessment

    def grade_mentions(self, mentions: Iterable[Mention]) -> Assessment:
        """Grades any set of mentions: one message's, or an episode's over several messages."""
        mentions = list(mentions)
        asserted = [m for m in mentions if m.status == ASSERTED]
        mentioned = [m for m in mentions if m.status in (HYPOTHETICAL, GENERAL)]
        negated = [m for m in mentions if m.status == NEGATED]
        codes = _unique(m.code for m in sorted(asserted, key=lambda m: m.start))
        reasons = self._finding_reasons(asserted)
        reasons += self.combination_reasons(set(codes))
        reasons, codes = self._emergencies_of_others(mentions, reasons, codes)
        level = highest(r.level for r in reasons)
        temperatures = [m.temperature.celsius for m in asserted if m.temperature]
        mentioned_codes = _unique(m.code for m in mentioned if m.code not in codes)
        return Assessment(
            level=level,
            findings=codes if level else [],
            reasons=sorted(reasons, key=lambda r: -rank(r.level)),
            mentioned=mentioned_codes,
            negated=_unique(m.code for m in negated if m.code not in codes),
            if_it_happens=highest(self._mention_level(m) for m in mentioned),
            temperature_c=max(temperatures) if temperatures else None,
            context_only=[c for c in codes if self.lexicon.finding(c).level is None],
            mentioned_reasons=[self._plain_reason(code) for code in mentioned_codes],
            crisis=bool(self.lexicon.crisis_findings & set(codes)),
        )

    def _plain_reason(self, code: str) -> Reason:
        finding = self.lexicon.finding(code)
        return Reason(
            finding.code, finding.label, finding.level or "routine", finding.why, finding.source, finding.advice
        )

    def _mention_level(self, mention: Mention) -> str | None:
        return self.lexicon.finding(mention.code).level_for(mention.intensities)

    def _finding_reasons(self, asserted: list[Mention]) -> list[Reason]:
        best: dict[str, Reason] = {}
        # Blood results of one finding are one reason that names them all.
        measured: dict[str, list[str]] = {}
        for mention in asserted:
            if mention.result is not None:
                measured.setdefault(mention.code, []).append(mention.result.describe())
        for mention in asserted:
            finding = self.lexicon.finding(mention.code)
            level = finding.level_for(mention.intensities)
            if level is None:
                continue
            label = finding.label
            if mention.temperature is not None:
                label = f"{label} ({mention.temperature.describe()})"
            if mention.code in measured:
                label = f"{label} ({'; '.join(_unique(measured[mention.code]))})"
            reason = Reason(finding.code, label, level, finding.why, finding.source, finding.advice)
            if finding.code not in best or rank(level) > rank(best[finding.code].level):
                best[finding.code] = reason
        return list(best.values())

    def _emergencies_of_others(
        self, mentions: list[Mention], reasons: list[Reason], codes: list[str]
    ) -> tuple[list[Reason], list[str]]:
        """Findings set aside as someone else's (who does not take the medicine) still make the
        table's emergency combinations among themselves: whoever has a temperature with a stiff
        neck needs the emergency number ("My husband has a stiff neck and a temperature. He's not
        on aza"). Not with the writer's own: "I have a rash, my husband (not on anything) has a
        temperature" is two people's findings (a review found pooling them over-triaged)."""
        others = {m.code for m in mentions if m.status == SOMEONE_ELSE} - set(codes)
        if not others:
            return reasons, codes
        found = {r.code for r in reasons}
        made = [
            combo
            for combo in self.lexicon.combinations
            if combo.level == "emergency" and combo.name not in found and combo.matches(others)
        ]
        if not made:
            return reasons, codes
        listed = set(codes) | {code for combo in made for group in combo.groups for code in group & others}
        ordered = _unique(m.code for m in sorted(mentions, key=lambda m: m.start) if m.code in listed)
        added = [_combination_reason(combo) for combo in made]
        return reasons + added, ordered

    def combination_reasons(self, codes: set[str]) -> list[Reason]:
        """The table's combinations these findings make (one message's, or an episode's)."""
        return [_combination_reason(combo) for combo in self.lexicon.combinations if combo.matches(codes)]


def _combination_reason(combo: Combination) -> Reason:
    return Reason(combo.name, combo.label, combo.level, combo.why, combo.source)


def rank(level: str | None) -> int:
    """A level's place in the order routine < soon < urgent < emergency (-1: none)."""
    return LEVEL_RANK.get(level, -1) if level else -1


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
