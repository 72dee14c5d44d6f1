"""Grades findings into an urgency level. Pure Python: no Rasa, no spaCy.

Rules (all from data/clinical/red_flags.yml):
- only asserted findings count; negated, hypothetical and general mentions never raise the level;
- each finding has a level, which intensity words can raise ("severe", "won't stop");
- combinations can raise it further (fever with a sepsis sign is an emergency);
- the highest level wins, and every finding is kept so the reply can list them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.triage.detector import ASSERTED, Detection, Mention
from bot.triage.lexicon import LEVEL_RANK, Lexicon, highest, load_lexicon


@dataclass(frozen=True)
class Reason:
    """Why the level is what it is: one finding or one combination."""

    code: str
    label: str
    level: str
    why: str
    source: str
    advice: str = ""


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

    @property
    def is_crisis(self) -> bool:
        return "self_harm" in self.findings

    def as_payload(self) -> dict:
        return {
            "level": self.level,
            "findings": list(self.findings),
            "mentioned": list(self.mentioned),
            "negated": list(self.negated),
            "if_it_happens": self.if_it_happens,
            "temperature_c": self.temperature_c,
            "reasons": [r.code for r in self.reasons],
            "context_only": list(self.context_only),
        }

    @classmethod
    def from_payload(cls, payload: dict) -> Assessment:
        """The assessment back from `as_payload` (reasons come back only as codes there, so not here)."""
        return cls(
            level=payload.get("level"),
            findings=list(payload.get("findings") or []),
            mentioned=list(payload.get("mentioned") or []),
            negated=list(payload.get("negated") or []),
            if_it_happens=payload.get("if_it_happens"),
            temperature_c=payload.get("temperature_c"),
            context_only=list(payload.get("context_only") or []),
        )


class TriageEngine:
    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()

    def grade(self, detection: Detection) -> Assessment:
        asserted = [m for m in detection.mentions if m.status == ASSERTED]
        mentioned = [m for m in detection.mentions if m.status in ("hypothetical", "general")]
        negated = [m for m in detection.mentions if m.status == "negated"]
        codes = _unique(m.code for m in sorted(asserted, key=lambda m: m.start))
        reasons = self._finding_reasons(asserted)
        reasons += self._combination_reasons(set(codes))
        level = highest(r.level for r in reasons)
        temperatures = [m.temperature.celsius for m in asserted if m.temperature]
        return Assessment(
            level=level,
            findings=codes if level else [],
            reasons=sorted(reasons, key=lambda r: -_rank(r.level)),
            mentioned=_unique(m.code for m in mentioned if m.code not in codes),
            negated=_unique(m.code for m in negated if m.code not in codes),
            if_it_happens=highest(self._mention_level(m) for m in mentioned),
            temperature_c=max(temperatures) if temperatures else None,
            context_only=[c for c in codes if self.lexicon.finding(c).level is None],
        )

    def _mention_level(self, mention: Mention) -> str | None:
        return self.lexicon.finding(mention.code).level_for(mention.intensities)

    def _finding_reasons(self, asserted: list[Mention]) -> list[Reason]:
        best: dict[str, Reason] = {}
        for mention in asserted:
            finding = self.lexicon.finding(mention.code)
            level = finding.level_for(mention.intensities)
            if level is None:
                continue
            label = finding.label
            if mention.temperature is not None:
                label = f"{label} ({mention.temperature.describe()})"
            reason = Reason(finding.code, label, level, finding.why, finding.source, finding.advice)
            if finding.code not in best or _rank(level) > _rank(best[finding.code].level):
                best[finding.code] = reason
        return list(best.values())

    def _combination_reasons(self, codes: set) -> list[Reason]:
        return [
            Reason(combo.name, combo.label, combo.level, combo.why, combo.source)
            for combo in self.lexicon.combinations
            if combo.matches(codes)
        ]


def _rank(level: str | None) -> int:
    return LEVEL_RANK.get(level, -1) if level else -1


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
