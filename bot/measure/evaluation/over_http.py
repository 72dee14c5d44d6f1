"""What a person would get: messages sent to the running assistant over HTTP, graded.

- the two triage case files and the held-out FAQ file (they informed development);
- the blind corpora (tests/corpus/): development half and sealed half. The sealed half's
  figures are counts only (per table row or topic); no sealed message or miss is ever written
  to the report, so nobody tunes to it.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

from bot.measure import metrics
from bot.measure.cases import (
    FAQ_HELDOUT_FILE,
    TRIAGE_CASE_FILES,
    answered_topic,
    graded_level,
    nlu_examples,
    reply_kind,
    triage_cases,
)
from bot.measure.chat import Conversation, Reply
from bot.measure.corpus import DEV, expected_level, load
from bot.measure.runtime import plot_confusion, shown, write_json

SMALL_TALK = ("greet", "goodbye", "thank", "bot_challenge", "what_can_you_do")
NOT_TOPICS = ("out_of_scope", *SMALL_TALK)
# A question that reports taking too much ("took 150 instead of my usual 100 today, do i need to do
# anything") is answered, as the triage table asks, by the advice for an overdose without symptoms
# at urgent, not by the FAQ answer: that is the overdose topic answered, not a question over-triaged.
OVERDOSE_TOPIC = "overdose"
OVERDOSE_FINDINGS = frozenset(("overdose", "overdose_described"))
OVERDOSE_LEVEL = "urgent"
WORKERS = 4  # a few conversations at a time: the Rasa server answers them concurrently

T = TypeVar("T")
R = TypeVar("R")


def _map(function: Callable[[T], R], items: list[T], desc: str) -> list[R]:
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(tqdm(pool.map(function, items), total=len(items), desc=desc, unit="msg", file=sys.stderr))


# ---------------------------------------------------------------- single messages


def _graded(url: str, text: str) -> tuple[str, Reply]:
    reply = Conversation(url).send(text)
    return graded_level(reply.triage), reply


def case_files(url: str, out: Path) -> dict[str, Any]:
    results = {}
    for path in TRIAGE_CASE_FILES:
        cases = triage_cases(path)
        replies = _map(lambda case: _graded(url, case["text"]), cases, f"triage cases: {path.name}")
        graded = [
            {
                "text": case["text"],
                "expected": case["level"],
                "graded": level,
                "kinds": case.get("kinds", []),
                "rows": case.get("rows", []),
                "findings": (reply.triage or {}).get("findings", []),
                "hypothetical": bool((reply.triage or {}).get("hypothetical")),
                "first_line": (reply.texts or [""])[0][:200],
            }
            for case, (level, reply) in zip(cases, replies, strict=True)
        ]
        results[path.name] = triage_figures(graded, path.stem, out, with_texts=True)
    return results


def triage_figures(graded: list[dict], name: str, out: Path, with_texts: bool) -> dict[str, Any]:
    pairs = [(g["expected"], g["graded"]) for g in graded]
    figures = metrics.triage_metrics(pairs)
    matrix = metrics.confusion_matrix(pairs)
    plot = out / "triage" / f"{name}_confusion.png"
    plot_confusion(matrix, metrics.LEVELS, f"Triage level: {name} ({len(pairs)} messages)", plot)
    figures.update(
        confusion_matrix={"labels": list(metrics.LEVELS), "rows_expected": matrix},
        plot=shown(plot),
        per_row=per_row(graded),
    )
    if with_texts:
        misgraded = [
            {**g, "problem": metrics.misgrading_kind(g["expected"], g["graded"])}
            for g in graded
            if g["expected"] != g["graded"]
        ]
        figures["misgraded"] = misgraded
        write_json(out / "triage" / f"{name}_results.json", graded)
    else:
        figures["misgraded_count"] = sum(g["expected"] != g["graded"] for g in graded)
    return figures


def per_row(graded: Iterable[dict]) -> dict[str, dict[str, int]]:
    """Counts per table row: how many messages, red flags missed, emergencies under-graded."""
    rows: dict[str, Counter] = defaultdict(Counter)
    for g in graded:
        for row in g.get("rows") or ["(none)"]:
            counts = rows[row]
            counts["messages"] += 1
            counts["exact"] += g["expected"] == g["graded"]
            if g["expected"] in metrics.RED_FLAG_LEVELS:
                counts["red_flags"] += 1
                counts["red_flags_missed"] += metrics.LEVEL_RANK[g["graded"]] < metrics.LEVEL_RANK["urgent"]
            if g["expected"] == "emergency":
                counts["emergencies"] += 1
                counts["emergencies_under_graded"] += g["graded"] != "emergency"
            if g["expected"] == "routine":
                counts["calm"] += 1
                counts["over_triaged"] += metrics.LEVEL_RANK[g["graded"]] >= metrics.LEVEL_RANK["urgent"]
    return {row: dict(counts) for row, counts in sorted(rows.items())}


def triage_corpus(url: str, half: str, out: Path) -> dict[str, Any]:
    entries = load("triage", half)
    replies = _map(lambda e: _graded(url, e["text"]), entries, f"blind triage corpus, {half} half")
    graded = [
        {
            "text": e["text"],
            "expected": expected_level(e),
            "graded": level,
            "rows": e.get("rows", []),
            "kind": e.get("kind"),
            "findings": (reply.triage or {}).get("findings", []),
            "first_line": (reply.texts or [""])[0][:200],
        }
        for e, (level, reply) in zip(entries, replies, strict=True)
    ]
    return triage_figures(graded, f"corpus_triage_{half}", out, with_texts=half == DEV)


def faq_heldout(url: str, out: Path) -> dict[str, Any]:
    examples = nlu_examples(FAQ_HELDOUT_FILE)
    replies = _map(lambda pair: Conversation(url).send(pair[1]), examples, "held-out FAQ phrasings")
    faq = [
        {
            "text": text,
            "expected": intent.split("/", 1)[1],
            "answered": answered_topic(reply),
            "level": graded_level(reply.triage),
            "first_line": (reply.texts or [""])[0][:160],
        }
        for (intent, text), reply in zip(examples, replies, strict=True)
    ]
    write_json(out / "triage" / "faq_heldout_http.json", faq)
    right = sum(f["answered"] == f["expected"] for f in faq)
    return {
        "accuracy": round(right / len(faq), 4) if faq else None,
        "right": right,
        "total": len(faq),
        "misses": [f for f in faq if f["answered"] != f["expected"]],
        "graded_urgent_or_above": [f["text"] for f in faq if f["level"] in metrics.RED_FLAG_LEVELS],
    }


def faq_corpus(url: str, half: str, out: Path) -> dict[str, Any]:
    """Questions: the right topic, a fallback, or worse; everyday messages: declined or chatted."""
    entries = load("faq", half)
    replies = _map(lambda e: Conversation(url).send(e["text"]), entries, f"blind FAQ corpus, {half} half")
    results = []
    for entry, reply in zip(entries, replies, strict=True):
        kind = reply_kind(reply)
        level = graded_level(reply.triage)
        overdose_advice = _overdose_advice(entry["topic"], reply, level)
        results.append(
            {
                "text": entry["text"],
                "expected": entry["topic"],
                "answered": OVERDOSE_TOPIC if overdose_advice else answered_topic(reply),
                "overdose_advice": overdose_advice,
                "kind": kind,
                "level": level,
                "crisis": bool((reply.triage or {}).get("crisis_line")),
                "first_line": (reply.texts or [""])[0][:160],
            }
        )
    questions = [r for r in results if r["expected"] not in NOT_TOPICS]
    everyday = [r for r in results if r["expected"] in NOT_TOPICS]
    topics: dict[str, Counter] = defaultdict(Counter)
    for r in questions:
        topics[r["expected"]]["questions"] += 1
        topics[r["expected"]]["right"] += r["answered"] == r["expected"]
        topics[r["expected"]]["fallback"] += r["kind"] == "fallback"
    declined = [r for r in everyday if r["kind"] in ("out_of_scope", "small_talk")]
    figures: dict[str, Any] = {
        "questions": len(questions),
        "right_topic": _rate(sum(r["answered"] == r["expected"] for r in questions), len(questions)),
        "fallback": _rate(sum(r["kind"] == "fallback" for r in questions), len(questions)),
        "graded_urgent_or_above": sum(
            r["level"] in metrics.RED_FLAG_LEVELS and not r["overdose_advice"] for r in questions
        ),
        "overdose_reports_given_overdose_advice": sum(r["overdose_advice"] for r in questions),
        "crisis_replies": sum(r["crisis"] for r in questions),
        "everyday": len(everyday),
        "everyday_declined_or_chatted": _rate(len(declined), len(everyday)),
        "per_topic": {t: dict(c) for t, c in sorted(topics.items())},
        "reply_kinds": dict(Counter(r["kind"] for r in results)),
    }
    if half == DEV:
        figures["misses"] = [r for r in questions if r["answered"] != r["expected"]]
        figures["everyday_misses"] = [r for r in everyday if r not in declined]
        write_json(out / "faq" / f"corpus_faq_{half}_results.json", results)
    return figures


def _overdose_advice(topic: str, reply: Reply, level: str) -> bool:
    """An overdose question answered by the triage advice for taking too much, at its level."""
    findings = set((reply.triage or {}).get("findings") or ())
    return topic == OVERDOSE_TOPIC and level == OVERDOSE_LEVEL and bool(findings & OVERDOSE_FINDINGS)


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


# ---------------------------------------------------------------- conversations


def _converse(url: str, turns: list[str]) -> list[str | None]:
    """The level each turn's reply gave (None: no urgency advice in that reply)."""
    conversation = Conversation(url)
    levels: list[str | None] = []
    for turn in turns:
        triage = conversation.send(turn).triage
        levels.append(None if not triage or triage.get("hypothetical") else triage.get("level"))
    return levels


def conversation_corpus(url: str, half: str, out: Path) -> dict[str, Any]:
    entries = load("conversations", half)
    advice = _map(lambda e: _converse(url, e["turns"]), entries, f"blind conversations, {half} half")
    graded = []
    for entry, levels in zip(entries, advice, strict=True):
        given = [level for level in levels if level]
        graded.append(
            {
                "turns": entry["turns"],
                "pattern": entry.get("pattern"),
                "expected": expected_level(entry),
                "expected_peak": "routine" if entry["peak"] == "none" else entry["peak"],
                "peak": metrics.highest_level(given) or "routine",
                "latest": given[-1] if given else "routine",
                "per_turn": levels,
            }
        )
    red_flags = [g for g in graded if g["expected"] in metrics.RED_FLAG_LEVELS]
    emergencies = [g for g in graded if g["expected"] == "emergency"]
    rank = metrics.LEVEL_RANK
    patterns: dict[str, Counter] = defaultdict(Counter)
    for g in graded:
        counts = patterns[g["pattern"] or "(none)"]
        counts["conversations"] += 1
        counts["latest_right"] += g["latest"] == g["expected"]
        if g["expected"] in metrics.RED_FLAG_LEVELS:
            counts["red_flags"] += 1
            counts["red_flags_missed"] += rank[g["peak"]] < rank["urgent"]
    figures: dict[str, Any] = {
        "conversations": len(graded),
        "red_flag_conversations": len(red_flags),
        "peak_catches_red_flags": _rate(sum(rank[g["peak"]] >= rank["urgent"] for g in red_flags), len(red_flags)),
        "emergency_conversations": len(emergencies),
        "peak_catches_emergencies": _rate(sum(g["peak"] == "emergency" for g in emergencies), len(emergencies)),
        "latest_matches": _rate(sum(g["latest"] == g["expected"] for g in graded), len(graded)),
        "per_pattern": {p: dict(c) for p, c in sorted(patterns.items())},
    }
    if half == DEV:
        figures["misses"] = [g for g in graded if g["latest"] != g["expected"]]
        write_json(out / "conversations" / f"corpus_conversations_{half}_results.json", graded)
    return figures
