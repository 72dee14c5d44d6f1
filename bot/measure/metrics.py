"""Pure metric functions for `make eval` and `make bench`: no servers, no files."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

LEVELS = ("routine", "soon", "urgent", "emergency")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
RED_FLAG_LEVELS = ("urgent", "emergency")
# Keys of sklearn / Rasa classification reports that are summaries, not classes.
REPORT_SUMMARY_KEYS = frozenset({"accuracy", "macro avg", "weighted avg", "micro avg", "conversation_accuracy"})


# ---------------------------------------------------------------- latency and throughput


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be between 0 and 100, not {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_summary(latencies_s: Sequence[float], wall_s: float, errors: int = 0) -> dict[str, Any]:
    """p50/p95/p99/mean in milliseconds and messages per second for one load level."""
    if not latencies_s:
        return {
            "messages": 0,
            "errors": errors,
            "p50_ms": None,
            "p95_ms": None,
            "p99_ms": None,
            "mean_ms": None,
            "msgs_per_s": 0.0,
            "wall_s": round(wall_s, 2),
        }
    return {
        "messages": len(latencies_s),
        "errors": errors,
        "p50_ms": round(percentile(latencies_s, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies_s, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies_s, 99) * 1000, 1),
        "mean_ms": round(sum(latencies_s) / len(latencies_s) * 1000, 1),
        "msgs_per_s": round(len(latencies_s) / wall_s, 2) if wall_s > 0 else None,
        "wall_s": round(wall_s, 2),
    }


def ratio(ours: float | None, baseline: float | None) -> float | None:
    """ours / baseline, or None when either is missing or the baseline is zero."""
    if ours is None or baseline is None or baseline == 0:
        return None
    return round(ours / baseline, 3)


def format_ratio(ours: float | None, baseline: float | None) -> str:
    """'1.23x' (ours / baseline), or 'n/a'."""
    value = ratio(ours, baseline)
    return "n/a" if value is None else f"{value:.2f}x"


def format_bytes(count: float | None) -> str:
    if count is None:
        return "n/a"
    for unit in ("B", "KiB", "MiB"):
        if abs(count) < 1024:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.2f} GiB"


def check_target(value: float | None, limit: float, *, at_most: bool) -> bool | None:
    """Whether a figure meets its target (None when it could not be measured)."""
    if value is None:
        return None
    return value <= limit if at_most else value >= limit


# ---------------------------------------------------------------- triage


def highest_level(levels: Iterable[str]) -> str | None:
    ranked = [level for level in levels if level in LEVEL_RANK]
    return max(ranked, key=LEVEL_RANK.__getitem__) if ranked else None


def triage_metrics(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Safety figures of (expected level, graded level) pairs.

    - red-flag recall: urgent and emergency cases graded urgent or above;
    - emergency recall: emergency cases graded emergency;
    - exact accuracy: graded exactly at the expected level;
    - over-triage rate: routine cases graded urgent or above.
    A rate with no cases to count is None.
    """
    pairs = list(pairs)
    for expected, got in pairs:
        if expected not in LEVEL_RANK or got not in LEVEL_RANK:
            raise ValueError(f"unknown triage level in {(expected, got)!r}")
    red_flags = [(e, g) for e, g in pairs if e in RED_FLAG_LEVELS]
    emergencies = [(e, g) for e, g in pairs if e == "emergency"]
    routine = [(e, g) for e, g in pairs if e == "routine"]
    caught = sum(LEVEL_RANK[g] >= LEVEL_RANK["urgent"] for _, g in red_flags)
    emergency_caught = sum(g == "emergency" for _, g in emergencies)
    over = sum(LEVEL_RANK[g] >= LEVEL_RANK["urgent"] for _, g in routine)
    exact = sum(e == g for e, g in pairs)

    def rate(numerator: int, denominator: int) -> float | None:
        return round(numerator / denominator, 4) if denominator else None

    return {
        "cases": len(pairs),
        "red_flag_recall": rate(caught, len(red_flags)),
        "red_flag_cases": len(red_flags),
        "red_flags_missed": len(red_flags) - caught,
        "emergency_recall": rate(emergency_caught, len(emergencies)),
        "emergency_cases": len(emergencies),
        "emergencies_under_graded": len(emergencies) - emergency_caught,
        "exact_accuracy": rate(exact, len(pairs)),
        "over_triage_rate": rate(over, len(routine)),
        "routine_cases": len(routine),
        "routine_over_triaged": over,
        "under_graded": sum(LEVEL_RANK[g] < LEVEL_RANK[e] for e, g in pairs),
        "over_graded": sum(LEVEL_RANK[g] > LEVEL_RANK[e] for e, g in pairs),
    }


def confusion_matrix(pairs: Iterable[tuple[str, str]], labels: Sequence[str] = LEVELS) -> list[list[int]]:
    """Rows: expected label; columns: predicted label (in `labels` order)."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for expected, got in pairs:
        matrix[index[expected]][index[got]] += 1
    return matrix


def misgrading_kind(expected: str, got: str) -> str:
    """'missed red flag', 'under-graded emergency', 'over-triaged', 'lower' / 'higher', or 'correct'."""
    if expected == got:
        return "correct"
    if expected in RED_FLAG_LEVELS and LEVEL_RANK[got] < LEVEL_RANK["urgent"]:
        return "missed red flag"
    if expected == "emergency":
        return "under-graded emergency"
    if expected == "routine" and LEVEL_RANK[got] >= LEVEL_RANK["urgent"]:
        return "over-triaged"
    return "lower than expected" if LEVEL_RANK[got] < LEVEL_RANK[expected] else "higher than expected"


# ---------------------------------------------------------------- Rasa reports


def per_class_f1(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    """{class: {f1, precision, recall, support}} from a Rasa/sklearn report dict."""
    classes = {}
    for label, row in report.items():
        if label in REPORT_SUMMARY_KEYS or not isinstance(row, dict) or "f1-score" not in row:
            continue
        classes[label] = {
            "f1": round(float(row["f1-score"]), 4),
            "precision": round(float(row["precision"]), 4),
            "recall": round(float(row["recall"]), 4),
            "support": int(row["support"]),
        }
    return classes


def report_summary(report: dict[str, Any]) -> dict[str, float | None]:
    """Accuracy and macro / weighted F1 of a report dict.

    Reports without an `accuracy` key (sklearn leaves it out when predictions include labels
    absent from the targets) fall back to micro-averaged F1, which equals accuracy there.
    """

    def avg(key: str) -> float | None:
        row = report.get(key)
        return round(float(row["f1-score"]), 4) if isinstance(row, dict) else None

    accuracy = report.get("accuracy")
    if isinstance(accuracy, dict):  # Rasa's story report nests it
        accuracy = accuracy.get("accuracy")
    if accuracy is None:
        accuracy = avg("micro avg")
    return {
        "accuracy": None if accuracy is None else round(float(accuracy), 4),
        "macro_f1": avg("macro avg"),
        "weighted_f1": avg("weighted avg"),
    }


def accuracy_over(report: dict[str, Any], labels: Iterable[str]) -> tuple[int, int]:
    """(correct, total) over some classes of a report, from recall x support per class."""
    correct = total = 0
    for label in labels:
        row = report.get(label)
        if not isinstance(row, dict) or "support" not in row:
            continue
        support = int(row["support"])
        correct += round(float(row["recall"]) * support)
        total += support
    return correct, total


def worst_classes(classes: dict[str, dict[str, float]], below: float, limit: int = 10) -> list[tuple[str, float]]:
    """Classes with F1 under `below`, worst first."""
    low = sorted((row["f1"], label) for label, row in classes.items() if row["f1"] < below)
    return [(label, f1) for f1, label in low[:limit]]


def top_confusions(
    errors: Iterable[dict[str, Any]], target_key: str, prediction_key: str, limit: int = 10
) -> list[dict[str, Any]]:
    """The most frequent (expected -> predicted) pairs of Rasa's *_errors.json entries."""
    counts: dict[tuple[str, str], list[str]] = {}
    for error in errors:
        expected = error.get(target_key)
        predicted = (error.get(prediction_key) or {}).get("name")
        counts.setdefault((str(expected), str(predicted)), []).append(error.get("text", ""))
    ranked = sorted(counts.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {"expected": expected, "predicted": predicted, "count": len(texts), "examples": texts[:3]}
        for (expected, predicted), texts in ranked[:limit]
    ]
