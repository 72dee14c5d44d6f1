"""The blind corpora: well formed, split by their stable hash, and never copied into the data."""

import pytest
import yaml
from rapidfuzz import fuzz, process

from bot.measure.corpus import (
    DEV,
    KINDS,
    MIN_COPY_WORDS,
    NEAR_DUPLICATE,
    SEALED,
    TRIAGE_LEVELS,
    corpus_path,
    entry_text,
    half_of,
    load,
    normalised,
    tuned_texts,
)
from bot.settings import PROJECT_ROOT

HALVES = [(kind, half) for kind in KINDS for half in (DEV, SEALED)]


@pytest.mark.parametrize(("kind", "half"), HALVES)
def test_every_entry_is_in_the_half_its_hash_gives(kind, half):
    entries = load(kind, half)
    assert entries
    assert all(half_of(entry_text(kind, e)) == half for e in entries)


@pytest.mark.parametrize(("kind", "half"), HALVES)
def test_entries_are_well_formed(kind, half):
    for entry in load(kind, half):
        assert entry["writer"]
        if kind == "faq":
            assert entry["topic"]
        else:
            assert entry["level"] in TRIAGE_LEVELS
        if kind == "conversations":
            assert len(entry["turns"]) >= 2 and entry["peak"] in TRIAGE_LEVELS


def test_the_corpora_are_as_big_as_the_issues_ask():
    triage = load("triage", DEV) + load("triage", SEALED)
    faq = load("faq", DEV) + load("faq", SEALED)
    conversations = load("conversations", DEV) + load("conversations", SEALED)
    assert len(triage) >= 1500
    assert len([q for q in faq if q["topic"] not in NOT_TOPICS]) >= 640
    assert len([q for q in faq if q["topic"] in NOT_TOPICS]) >= 200
    assert len(conversations) >= 200


NOT_TOPICS = {"out_of_scope", "greet", "goodbye", "thank", "bot_challenge", "what_can_you_do"}


def test_no_sealed_entry_or_close_paraphrase_is_in_the_data():
    """Patterns, training data and case files must never learn from the sealed half.

    Counts only: a failure must not print a sealed message.
    """
    tuned = tuned_texts()
    data_text = normalised(" ".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "data").rglob("*.yml")))
    copied = close = 0
    for kind in KINDS:
        for entry in load(kind, SEALED):
            text = normalised(entry_text(kind, entry))
            # Shorter ones ("thanks a lot") are everyday phrases, not copies.
            copied += len(text.split()) >= MIN_COPY_WORDS and text in data_text
            close += process.extractOne(text, tuned, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE) is not None
    assert (copied, close) == (0, 0), f"{copied} sealed entries are in data/, {close} have a close paraphrase"


def test_the_sealed_files_are_only_read_by_make_eval():
    readers = [
        path.relative_to(PROJECT_ROOT).as_posix()
        for folder in ("bot", "actions", "tests")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if "SEALED" in path.read_text(encoding="utf-8") and path.name not in ("corpus.py", "test_corpus.py")
    ]
    assert readers == ["bot/measure/evaluation/cli.py"], readers
    assert corpus_path("triage", SEALED).exists()


def test_adding_writers_files_keeps_every_entry_in_its_half_and_drops_duplicates(tmp_path, monkeypatch):
    from bot.measure import corpus

    def conversation(first: str, level: str = "urgent", **extra):
        return {"turns": [first, "and it won't stop"], "level": level, "peak": level, "pattern": "x", **extra}

    existing = conversation("my nose has been bleeding on and off all afternoon")
    for half in (corpus.DEV, corpus.SEALED):
        entries = [existing] if corpus.half_of(corpus.entry_text("conversations", existing)) == half else []
        path = tmp_path / f"conversations-{half}.yml"
        path.write_text("# header\n" + yaml.safe_dump({"kind": "conversations", "half": half, "entries": entries}))
    monkeypatch.setattr(corpus, "corpus_path", lambda kind, half: tmp_path / f"{kind}-{half}.yml")
    agreed = {"second_label": {"level": "urgent", "peak": "urgent"}}
    writers = tmp_path / "writers"
    writers.mkdir()
    new = [
        conversation("woke up covered in a blotchy rash", **agreed),
        conversation("temperature of 38.9 since lunchtime and shivering", **agreed),
    ]
    written = [
        *new,
        {**existing, **agreed},  # already in the corpus
        conversation("my gums keep bleeding when I brush", second_label={"level": "urgent"}, second_unsure=True),
    ]
    (writers / "w.yml").write_text(yaml.safe_dump({"writer": "w", "conversations": written}))

    summary = corpus.add(writers)["conversations"]

    assert summary["kept"] == 2 and summary["second labeller unsure"] == 1
    halves = {half: corpus.load("conversations", half) for half in (corpus.DEV, corpus.SEALED)}
    assert sum(len(entries) for entries in halves.values()) == 3
    for half, entries in halves.items():
        assert all(corpus.half_of(corpus.entry_text("conversations", e)) == half for e in entries)
        assert all("second_label" not in e for e in entries)
    assert (tmp_path / "conversations-dev.yml").read_text().startswith("# header\n")
