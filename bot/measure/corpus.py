"""The blind evaluation corpora in tests/corpus/: loading, the stable split, and building them.

Each corpus was written by helpers who saw only the clinical reference, a persona brief and
the output format (tests/corpus/README.md says how). A message belongs to the development half
or the sealed half by the first byte of the SHA-1 of its normalised text: even is development,
odd is sealed. The split never changes when messages are added, so a sealed message stays
sealed. Development code reads `*-dev.yml`; only `make eval` reads `*-sealed.yml`, and it
prints counts, never the sealed messages themselves.

    python -m bot.measure.corpus build /path/to/writer/output   # rebuilds tests/corpus/*.yml
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

CORPUS_DIR = PROJECT_ROOT / "tests" / "corpus"
KINDS = ("triage", "faq", "conversations")
DEV, SEALED = "dev", "sealed"
NEAR_DUPLICATE = 85  # rapidfuzz ratio (0-100) above which two messages count as the same
MIN_COPY_WORDS = 5  # a message this long found inside tuned text counts as copied from it
TRIAGE_LEVELS = ("none", "routine", "soon", "urgent", "emergency")


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def half_of(text: str) -> str:
    """DEV or SEALED, by the first byte of the SHA-1 of the normalised text."""
    return DEV if hashlib.sha1(normalised(text).encode("utf-8")).digest()[0] % 2 == 0 else SEALED


def corpus_path(kind: str, half: str) -> Path:
    return CORPUS_DIR / f"{kind}-{half}.yml"


def entry_text(kind: str, entry: dict[str, Any]) -> str:
    """The text an entry is split and de-duplicated by (a conversation's turns, joined)."""
    if kind == "conversations":
        return "\n".join(entry["turns"])
    return str(entry["text"])


def load(kind: str, half: str) -> list[dict[str, Any]]:
    """The entries of one half of one corpus."""
    if kind not in KINDS or half not in (DEV, SEALED):
        raise ValueError(f"no corpus {kind}-{half}")
    data = yaml.safe_load(corpus_path(kind, half).read_text(encoding="utf-8"))
    return list(data["entries"])


def expected_level(entry: dict[str, Any]) -> str:
    """The corpus's `none` (nothing to report) is graded like `routine`: no escalation."""
    level = entry["level"]
    return "routine" if level == "none" else level


# ---------------------------------------------------------------- building


@dataclass(frozen=True)
class Writer:
    name: str
    kind: str
    entries: list[dict[str, Any]]


def _writer_files(source: Path) -> Iterator[Writer]:
    for path in sorted(source.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = str(data.get("writer") or path.stem)
        if "messages" in data:
            yield Writer(name, "triage", list(data["messages"]))
        elif "questions" in data:
            yield Writer(name, "faq", list(data["questions"]))
        elif "conversations" in data:
            yield Writer(name, "conversations", list(data["conversations"]))


def _valid(kind: str, entry: dict[str, Any]) -> bool:
    if kind == "conversations":
        turns = entry.get("turns")
        return (
            isinstance(turns, list)
            and len(turns) >= 2
            and all(isinstance(t, str) and t.strip() for t in turns)
            and entry.get("level") in TRIAGE_LEVELS
            and entry.get("peak", entry.get("level")) in TRIAGE_LEVELS
        )
    if not isinstance(entry.get("text"), str) or not entry["text"].strip():
        return False
    if kind == "triage":
        return entry.get("level") in TRIAGE_LEVELS
    return isinstance(entry.get("topic"), str) and bool(entry["topic"].strip())


def tuned_texts(root: Path = PROJECT_ROOT) -> list[str]:
    """Every phrasing the project was tuned on: training data, patterns, case files, stories."""
    texts: list[str] = []
    for path in [*sorted((root / "data").rglob("*.yml")), *sorted((root / "tests").rglob("*.yml"))]:
        if CORPUS_DIR in path.parents:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            for prefix in ("- text:", "text:", "- user:", "user:", "- "):
                if line.startswith(prefix):
                    value = line[len(prefix) :].strip().strip("\"'|>")
                    if len(value) >= 8:
                        texts.append(normalised(value))
                    break
    return texts


def second_opinion(kind: str, entry: dict[str, Any]) -> str | None:
    """Why an entry is not kept on its second label (None: both labellers agree).

    Every entry was labelled again by a helper who saw only the clinical reference and the text;
    an entry is kept only when the two agree (on the level as graded: `none` = `routine`) and the
    second labeller did not mark it unsure.
    """
    second = entry.get("second_label")
    if not isinstance(second, dict):
        return "no second label"
    if entry.get("second_unsure"):
        return "second labeller unsure"
    if kind == "faq":
        return None if second.get("topic") == entry["topic"] else "labellers disagree"

    def graded(level: Any) -> Any:
        return "routine" if level == "none" else level

    same_level = graded(second.get("level")) == graded(entry["level"])
    if kind == "conversations":
        same_peak = graded(second.get("peak")) == graded(entry.get("peak", entry["level"]))
        return None if same_level and same_peak else "labellers disagree"
    return None if same_level else "labellers disagree"


def deduplicated(
    kind: str, entries: Iterable[dict[str, Any]], against: list[str], inside: str = ""
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Entries without exact or near duplicates of each other or of `against` (already normalised)."""
    from rapidfuzz import fuzz, process

    kept: list[dict[str, Any]] = []
    kept_texts: list[str] = []
    dropped = {"invalid": 0, "duplicate in corpus": 0, "close to tuned data": 0}
    for entry in entries:
        if not _valid(kind, entry):
            dropped["invalid"] += 1
            continue
        reason = second_opinion(kind, entry)
        if reason:
            dropped[reason] = dropped.get(reason, 0) + 1
            continue
        text = normalised(entry_text(kind, entry))
        if kept_texts and process.extractOne(text, kept_texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE):
            dropped["duplicate in corpus"] += 1
            continue
        if against and process.extractOne(text, against, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE):
            dropped["close to tuned data"] += 1
            continue
        if len(text.split()) >= MIN_COPY_WORDS and text in inside:
            dropped["inside tuned data"] = dropped.get("inside tuned data", 0) + 1
            continue
        kept.append(entry)
        kept_texts.append(text)
    return kept, dropped


def _clean(kind: str, entry: dict[str, Any], writer: str) -> dict[str, Any]:
    keys = {
        "triage": ("text", "level", "rows", "kind", "persona", "note"),
        "faq": ("text", "topic", "persona", "note"),
        "conversations": ("turns", "level", "peak", "rows", "pattern", "persona", "note"),
    }[kind]
    cleaned = {k: entry[k] for k in (*keys, "second_label", "second_unsure") if entry.get(k) not in (None, "", [])}
    if kind == "triage":
        cleaned.setdefault("rows", [])
    if kind == "conversations":
        cleaned.setdefault("peak", cleaned.get("level"))
    cleaned["writer"] = writer
    return cleaned


def _written(source: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each corpus kind with the writers' entries of that kind in `source`, cleaned."""
    for kind in KINDS:
        pooled = [_clean(kind, e, w.name) for w in _writer_files(source) if w.kind == kind for e in w.entries]
        if pooled:
            yield kind, pooled


def _data_text() -> str:
    """Everything in data/, normalised: a corpus entry found inside it was copied from it."""
    return normalised(" ".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "data").rglob("*.yml")))


def build(source: Path, built_on: date | None = None) -> dict[str, dict[str, int]]:
    """Writes tests/corpus/<kind>-{dev,sealed}.yml from the writers' files in `source`."""
    against, inside = tuned_texts(), _data_text()
    summary: dict[str, dict[str, int]] = {}
    for kind, pooled in _written(source):
        kept, dropped = deduplicated(kind, pooled, against, inside)
        for entry in kept:
            entry.pop("second_label", None)
            entry.pop("second_unsure", None)
        halves: dict[str, list[dict[str, Any]]] = {DEV: [], SEALED: []}
        for entry in kept:
            halves[half_of(entry_text(kind, entry))].append(entry)
        for half, entries in halves.items():
            header = (
                f"# Blind {kind} corpus, {half} half: written by helpers who saw only the clinical reference,\n"
                "# a persona brief and the output format (see README.md). Split by the first byte of the\n"
                "# SHA-1 of the normalised text (even: dev, odd: sealed). Do not edit by hand; do not copy\n"
                "# any sealed entry, or a close paraphrase of one, into data/ or the patterns.\n"
            )
            document = {"kind": kind, "half": half, "built": str(built_on or date.today()), "entries": entries}
            corpus_path(kind, half).write_text(
                header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
            )
        summary[kind] = {
            "written": len(pooled),
            "kept": len(kept),
            DEV: len(halves[DEV]),
            SEALED: len(halves[SEALED]),
            **dropped,
        }
    return summary


def add(source: Path) -> dict[str, dict[str, int]]:
    """Adds new writers' files (second labels attached) to the corpora: the same checks as `build`,
    and duplicates of entries already in either half are dropped too. Each new entry goes to the
    half its hash gives, so an entry already split never moves."""
    against, inside = tuned_texts(), _data_text()
    summary: dict[str, dict[str, int]] = {}
    for kind, pooled in _written(source):
        existing = {half: load(kind, half) for half in (DEV, SEALED)}
        known = [normalised(entry_text(kind, e)) for entries in existing.values() for e in entries]
        kept, dropped = deduplicated(kind, pooled, against + known, inside)
        added = {DEV: 0, SEALED: 0}
        for entry in kept:
            entry.pop("second_label", None)
            entry.pop("second_unsure", None)
            half = half_of(entry_text(kind, entry))
            existing[half].append(entry)
            added[half] += 1
        for half, entries in existing.items():
            path = corpus_path(kind, half)
            header = "".join(
                line + "\n" for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
            )
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            document["entries"] = entries
            document["added"] = str(date.today())
            path.write_text(
                header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
            )
        summary[kind] = {"written": len(pooled), "kept": len(kept), **added, **dropped}
    return summary


TRAINING_FILE = PROJECT_ROOT / "data" / "findings" / "written.yml"
TRAINING_HEADER = """\
# Training data for the learned finding detector (bot/detect/learned.py): messages written by
# helpers briefed with the clinical reference and the personas, never shown the evaluation
# corpora (tests/corpus/). `current` lists the triage-table rows a message reports as happening
# now; messages that only mention, negate or ask about a row have none. Built by
# `python -m bot.measure.corpus training <writers' folder>`, which drops every message within a
# rapidfuzz ratio of {cutoff} of any evaluation entry or turn, or containing one, and near
# duplicates of each other.
"""
TRAINING_CUTOFF = 80


def evaluation_texts() -> list[str]:
    """Every evaluation entry and conversation turn, normalised: training data keeps away from them."""
    texts = []
    for kind in KINDS:
        for half in (DEV, SEALED):
            for entry in load(kind, half):
                texts.append(normalised(entry_text(kind, entry)))
                texts += [normalised(turn) for turn in entry.get("turns") or ()]
    return texts


class Novelty:
    """Keeps training text away from the evaluation entries and from what is already kept."""

    def __init__(self, evaluation: list[str], seen: Iterable[str] = ()):
        self.evaluation = evaluation
        self.long_entries = [text for text in evaluation if len(text.split()) >= MIN_COPY_WORDS]
        self.seen = list(seen)

    def rejects(self, text: str) -> str | None:
        """Why the text may not be kept, or None (then it counts as seen)."""
        from rapidfuzz import fuzz, process

        clean = normalised(text)
        if process.extractOne(clean, self.evaluation, scorer=fuzz.ratio, score_cutoff=TRAINING_CUTOFF) or any(
            entry in clean for entry in self.long_entries
        ):
            return "close to an evaluation entry"
        if self.seen and process.extractOne(clean, self.seen, scorer=fuzz.ratio, score_cutoff=90):
            return "duplicate"
        self.seen.append(clean)
        return None

    def admits(self, text: object, valid: bool, dropped: dict[str, int]) -> bool:
        """Whether a writer's text is kept; if not, counts why in `dropped`."""
        if not valid or not isinstance(text, str) or not text.strip():
            dropped["invalid"] += 1
            return False
        reason = self.rejects(text)
        if reason:
            dropped[reason] += 1
            return False
        return True


def build_training(source: Path, rows: Iterable[str]) -> dict[str, int]:
    known = set(rows)
    novelty = Novelty(evaluation_texts())
    kept: list[dict[str, Any]] = []
    dropped = {"invalid": 0, "close to an evaluation entry": 0, "duplicate": 0}
    for path in sorted(source.glob("*.yml")):
        for message in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("messages") or ():
            text = message.get("text")
            current = message.get("current") or []
            if not novelty.admits(text, all(r in known for r in current), dropped):
                continue
            kept.append({"text": text, "current": sorted(set(current)), "level": message.get("level", "none")})
    document = yaml.safe_dump({"version": 1, "messages": kept}, allow_unicode=True, sort_keys=False, width=110)
    TRAINING_FILE.write_text(TRAINING_HEADER.format(cutoff=TRAINING_CUTOFF) + document, encoding="utf-8")
    return {"kept": len(kept), **dropped}


def _faq_topics_and_examples() -> tuple[list[str], list[str]]:
    """The FAQ topics (data/nlu/faq/*.yml) and every hand-written example under data/nlu."""
    topics = sorted(p.stem for p in (PROJECT_ROOT / "data" / "nlu" / "faq").glob("*.yml"))
    examples = []
    for path in (PROJECT_ROOT / "data" / "nlu").rglob("*.yml"):
        if path.parent.name == "written" or path.parent.name == "lookups":
            continue
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or ():
            examples += [line[2:] for line in str(block.get("examples") or "").splitlines() if line.startswith("- ")]
    return topics, examples


FAQ_TRAINING_DIR = PROJECT_ROOT / "data" / "nlu" / "written"
FAQ_TRAINING_HEADER = """\
# Generated by `python -m bot.measure.corpus faq-training SOURCE`: do not edit by hand.
# Questions and everyday messages written for training by helpers who saw only the topic list,
# the clinical reference and a persona brief (never the evaluation corpora), minus any within a
# rapidfuzz ratio of {cutoff} of an evaluation entry or turn, or containing one, and near
# duplicates of each other or of the hand-written examples.
"""
# Labels the writers use that are not FAQ topics: the intent of the same name.
EVERYDAY_INTENTS = ("out_of_scope", "greet", "goodbye", "thank", "bot_challenge", "what_can_you_do")


def build_faq_training(source: Path, topics: Iterable[str], existing: Iterable[str]) -> dict[str, int]:
    """Writes data/nlu/written/{faq,everyday}.yml from the writers' question files."""
    from bot.measure.cases import FAQ_HELDOUT_FILE, nlu_examples

    known = set(topics)
    # The project's own held-out questions are an evaluation set too.
    evaluation = evaluation_texts() + [normalised(text) for _, text in nlu_examples(FAQ_HELDOUT_FILE)]
    novelty = Novelty(evaluation, [normalised(text) for text in existing])
    examples: dict[str, list[str]] = {}
    dropped = {"invalid": 0, "close to an evaluation entry": 0, "duplicate": 0}
    for path in sorted(source.glob("*.yml")):
        for question in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions") or ():
            text, topic = question.get("text"), question.get("topic")
            # Brackets and braces are Rasa's entity markup; a line break would end the example.
            markup = isinstance(text, str) and any(c in text for c in "[]{}\n")
            if not novelty.admits(text, not markup and (topic in known or topic in EVERYDAY_INTENTS), dropped):
                continue
            intent = topic if topic in EVERYDAY_INTENTS else f"faq/{topic}"
            examples.setdefault(intent, []).append(" ".join(text.split()))
    FAQ_TRAINING_DIR.mkdir(parents=True, exist_ok=True)
    for name, wanted in (("faq", lambda i: i.startswith("faq/")), ("everyday", lambda i: not i.startswith("faq/"))):
        blocks = [
            {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
            for intent, texts in sorted(examples.items())
            if wanted(intent)
        ]
        document = yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True, sort_keys=False, width=10_000)
        (FAQ_TRAINING_DIR / f"{name}.yml").write_text(
            FAQ_TRAINING_HEADER.format(cutoff=TRAINING_CUTOFF) + document, encoding="utf-8"
        )
    return {"kept": sum(map(len, examples.values())), **dropped}


FOLLOWUPS_HEADER = """\
# Generated by `python -m bot.measure.corpus followup-training SOURCE`: do not edit by hand.
# Later messages in a conversation, each labelled over / taken_back / continues / other, written
# for training by helpers who saw only the clinical reference, a persona brief and the labels
# (never the evaluation conversations), minus any within a rapidfuzz ratio of {cutoff} of an
# evaluation entry or turn, or containing one, and near duplicates of each other.
"""


def build_followup_training(source: Path) -> dict[str, int]:
    """Writes data/conversation/followups.yml (bot/detect/followup.py) from the writers' files."""
    from bot.detect.followup import FOLLOWUPS_FILE, LABELS

    novelty = Novelty(evaluation_texts())
    kept: list[dict[str, str]] = []
    dropped = {"invalid": 0, "close to an evaluation entry": 0, "duplicate": 0}
    for path in sorted([*source.glob("*.yml"), *source.glob("*.yaml")]):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("items") or ():
            text, label = item.get("later"), item.get("label")
            if not novelty.admits(text, label in LABELS, dropped):
                continue
            kept.append({"text": " ".join(text.split()), "label": label})
    FOLLOWUPS_FILE.parent.mkdir(parents=True, exist_ok=True)
    document = yaml.safe_dump({"version": 1, "followups": kept}, allow_unicode=True, sort_keys=False, width=110)
    FOLLOWUPS_FILE.write_text(FOLLOWUPS_HEADER.format(cutoff=TRAINING_CUTOFF) + document, encoding="utf-8")
    return {"kept": len(kept), **dropped}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the blind corpora, or the learned detector's training data.")
    parser.add_argument("command", choices=["build", "add", "training", "faq-training", "followup-training"])
    parser.add_argument("source", type=Path, help="folder with the writers' YAML files")
    args = parser.parse_args(argv)
    if args.command == "training":
        from bot.triage.lexicon import load_lexicon

        print(build_training(args.source, load_lexicon().rows))
        return 0
    if args.command == "faq-training":
        print(build_faq_training(args.source, *_faq_topics_and_examples()))
        return 0
    if args.command == "followup-training":
        print(build_followup_training(args.source))
        return 0
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    for kind, counts in (add if args.command == "add" else build)(args.source).items():
        print(kind, counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
