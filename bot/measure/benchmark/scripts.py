"""The conversations the bench sends: the assistant's mix and the starter bot's own."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.measure.cases import FAQ_HELDOUT_FILE, TRIAGE_CASE_FILES, nlu_examples, triage_cases

SEED = 20240611


@dataclass(frozen=True)
class Mix:
    """Which conversations a bot gets: the assistant's mix, or the starter bot's own."""

    bot: str  # "assistant" or "baseline"
    seed: int
    baseline_nlu: Path | None = None  # the starter bot's data/nlu.yml

    def scripts(self, user: int = 0) -> Iterator[Script]:
        rng = random.Random(self.seed + user)
        if self.bot == "baseline":
            assert self.baseline_nlu is not None
            return baseline_scripts(rng, self.baseline_nlu)
        return our_scripts(rng)

    def env(self) -> dict[str, str]:
        """The same mix for the Locust process (bot/measure/benchmark/locustfile.py)."""
        env = {"BENCH_BOT": self.bot, "BENCH_SEED": str(self.seed)}
        if self.baseline_nlu:
            env["BENCH_BASELINE_NLU"] = str(self.baseline_nlu)
        return env

    @classmethod
    def from_env(cls, env: dict[str, str]) -> Mix:
        nlu = env.get("BENCH_BASELINE_NLU")
        return cls(env.get("BENCH_BOT", "assistant"), int(env.get("BENCH_SEED", SEED)), Path(nlu) if nlu else None)


@dataclass(frozen=True)
class Script:
    """One conversation: its kind (for the mix figures) and its messages, sent in order."""

    kind: str
    messages: tuple[str, ...]


def our_scripts(rng: random.Random) -> Iterator[Script]:
    """An endless, seeded mix of FAQ questions, symptom reports and symptom-check form turns."""
    questions = [text for _, text in nlu_examples(FAQ_HELDOUT_FILE)]
    reports = [case["text"] for path in TRIAGE_CASE_FILES for case in triage_cases(path)]
    openers = ["i feel rubbish", "I feel unwell", "not feeling great today", "i feel awful"]
    while True:
        kind = rng.choices(["faq", "symptom", "form"], weights=[5, 10, 2])[0]
        if kind == "faq":
            yield Script(kind, tuple(rng.sample(questions, 2)))
        elif kind == "symptom":
            yield Script(kind, (rng.choice(reports),))
        else:
            # The check asks up to 7 yes/no questions and ends at the first yes.
            noes = rng.randint(0, 7)
            answers = ["/deny"] * noes + (["/affirm"] if noes < 7 else [])
            yield Script(kind, (rng.choice(openers), *answers))


def baseline_scripts(rng: random.Random, nlu_path: Path) -> Iterator[Script]:
    """The starter bot's own conversations: greet, a mood, (did that help?), goodbye; or a bot challenge."""
    examples: dict[str, list[str]] = {}
    for intent, text in nlu_examples(nlu_path):
        examples.setdefault(intent, []).append(text)

    def say(intent: str) -> str:
        return rng.choice(examples[intent])

    while True:
        roll = rng.random()
        if roll < 0.15:
            yield Script("bot_challenge", (say("bot_challenge"),))
        elif roll < 0.55:
            yield Script("happy", (say("greet"), say("mood_great"), say("goodbye")))
        else:
            yield Script(
                "sad", (say("greet"), say("mood_unhappy"), say(rng.choice(["affirm", "deny"])), say("goodbye"))
            )
