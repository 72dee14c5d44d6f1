"""What a detector reports about a message: pure data, no spaCy, no Rasa.

The detector (bot/detect/) fills these in; the engine (bot/triage/engine.py) grades them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.triage.blood_results import BloodResult

# How a finding is meant in the message. Only asserted findings grade a message.
ASSERTED, NEGATED, HYPOTHETICAL, GENERAL = "asserted", "negated", "hypothetical", "general"
# A finding that was true but is over ("had a fever last week, fine now"): it grades nothing.
RESOLVED = "resolved"
# A finding with an ordinary cause the person gives ("a bruise from the coffee table").
EXPLAINED = "explained"
# A finding of someone who does not take azathioprine.
SOMEONE_ELSE = "someone_else"
STATUSES = (ASSERTED, NEGATED, HYPOTHETICAL, GENERAL, RESOLVED, EXPLAINED, SOMEONE_ELSE)


@dataclass(frozen=True)
class Temperature:
    """A body temperature stated in the message, in Celsius, with where it was found."""

    celsius: float
    start: int
    end: int
    text: str

    def describe(self) -> str:
        return f"{self.celsius:.1f}°C"


@dataclass(frozen=True)
class Mention:
    """One finding found in the message, with how it was meant."""

    code: str
    text: str
    start: int
    end: int
    status: str
    intensities: tuple[str, ...] = ()
    temperature: Temperature | None = None
    source: str = "patterns"  # or "classifier": found by the learned detector, not a pattern
    result: BloodResult | None = None  # a blood result read against its limit (bot/triage/blood_results.py)

    @property
    def asserted(self) -> bool:
        return self.status == ASSERTED


@dataclass
class Detection:
    text: str
    mentions: list[Mention] = field(default_factory=list)
    temperatures: list[Temperature] = field(default_factory=list)
    distress: bool = False  # sounds urgent ("HELP!!!", "ambulance"), whatever was or wasn't found
    reporting: bool = True  # some sentence reports something (not only questions or "what if"s)
    # The person's own blood results, whatever they mean (those inside or outside a limit are
    # also mentions; the others are questions back or "I can't interpret that").
    results: list[BloodResult] = field(default_factory=list)
    # Where a sentence starts like a question ("does it cause...", "can I..."), as character
    # ranges: a sentence that only ends with "?" ("black bits in the sick??") may be a report.
    asked: tuple[tuple[int, int], ...] = ()
    asks_only: bool = False  # those clauses are all the message says
    # Denied findings the message tells as the person's history ("I have never had chickenpox
    # myself"), not as a denial of what was reported: a correction that says it takes nothing back.
    history: tuple[str, ...] = ()

    def asked_outright(self, mention: Mention) -> bool:
        return any(start <= mention.start < end for start, end in self.asked)
