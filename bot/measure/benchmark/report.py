"""The bench's report: the comparison table, the targets, the plot and the one-line summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.measure import metrics
from bot.measure.runtime import pyplot, shown

# Targets (reported against, never asserted).
TARGETS = {
    "p95_at_1_user_ratio_max": 1.3,
    "throughput_at_16_users_ratio_min": 0.8,
    "training_ratio_max": 4.0,
    "rasa_server_rss_bytes_max": 1.5e9,  # 1.5 GB: decimal, 1.40 GiB
    "action_server_rss_bytes_max": 200 * 1024**2,
}


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def compare(
    ours: dict[str, Any], baseline: dict[str, Any] | None, levels: Sequence[int], training: dict[str, Any]
) -> dict[str, Any]:
    """Every figure for both bots with the ratio ours/baseline."""
    rows: dict[str, Any] = {}

    def row(name: str, our_value: float | None, base_value: float | None) -> None:
        rows[name] = {"ours": our_value, "baseline": base_value, "ratio": metrics.ratio(our_value, base_value)}

    base = baseline or {}
    for users in map(str, levels):
        for key in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s"):
            row(f"{key}@{users}", _get(ours, "levels", users, key), _get(base, "levels", users, key))
    for name in ("rasa_server", "action_server"):
        row(
            f"rss_after_load_bytes.{name}",
            _get(ours, "rss_after_load_bytes", name),
            _get(base, "rss_after_load_bytes", name),
        )
        row(f"rss_peak_bytes.{name}", _get(ours, "rss_peak_bytes", name), _get(base, "rss_peak_bytes", name))
    our_total = sum((ours.get("rss_peak_bytes") or {}).values()) or None
    row("rss_peak_bytes.total", our_total, sum((base.get("rss_peak_bytes") or {}).values()) or None)
    row("load_s.rasa_server", _get(ours, "load_s", "rasa_server"), _get(base, "load_s", "rasa_server"))
    row("training_s", _get(training, "ours", "training_s"), _get(training, "baseline", "training_s"))
    return rows


def targets(rows: dict[str, Any], levels: Sequence[int]) -> dict[str, Any]:
    low, high = str(min(levels)), str(max(levels))
    p95 = rows.get(f"p95_ms@{low}", {}).get("ratio")
    throughput = rows.get(f"msgs_per_s@{high}", {}).get("ratio")
    training = rows["training_s"]["ratio"]
    memory = rows["rss_peak_bytes.rasa_server"]["ours"]
    actions = rows["rss_peak_bytes.action_server"]["ours"]
    return {
        f"p95@{low} ratio <= {TARGETS['p95_at_1_user_ratio_max']}": metrics.check_target(
            p95, TARGETS["p95_at_1_user_ratio_max"], at_most=True
        ),
        f"msgs_per_s@{high} ratio >= {TARGETS['throughput_at_16_users_ratio_min']}": metrics.check_target(
            throughput, TARGETS["throughput_at_16_users_ratio_min"], at_most=False
        ),
        f"training ratio <= {TARGETS['training_ratio_max']}": metrics.check_target(
            training, TARGETS["training_ratio_max"], at_most=True
        ),
        "Rasa server peak RSS <= 1.5 GB": metrics.check_target(
            memory, TARGETS["rasa_server_rss_bytes_max"], at_most=True
        ),
        "action server peak RSS <= 200 MiB": metrics.check_target(
            actions, TARGETS["action_server_rss_bytes_max"], at_most=True
        ),
    }


def _cell(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if "bytes" in name:
        return metrics.format_bytes(int(value))
    if name.endswith("_s") or "load_s" in name:
        return f"{value:.1f} s"
    if "msgs_per_s" in name:
        return f"{value:.1f}/s"
    return f"{value:.0f} ms"


def markdown_table(rows: dict[str, Any]) -> str:
    lines = ["| figure | assistant | starter bot | ratio |", "|---|---|---|---|"]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {_cell(name, row['ours'])} | {_cell(name, row['baseline'])} | "
            f"{metrics.format_ratio(row['ours'], row['baseline'])} |"
        )
    return "\n".join(lines)


def plot(results: dict[str, Any], levels: Sequence[int], path: Path) -> None:
    plt = pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    for name, color in (("assistant", "C0"), ("baseline", "C1")):
        data = results.get(name)
        if not data:
            continue
        label = "azathioprine assistant" if name == "assistant" else "Rasa starter bot"
        for key, style in (("p50_ms", "-o"), ("p95_ms", ":^")):
            values = [_get(data, "levels", str(u), key) for u in levels]
            left.plot(levels, values, style, color=color, label=f"{label} {key[:3]}")
        right.plot(levels, [_get(data, "levels", str(u), "msgs_per_s") for u in levels], "-o", color=color, label=label)
    for axis, ylabel in ((left, "latency per message (ms)"), (right, "messages per second")):
        axis.set_xscale("log", base=2)
        axis.set_xticks(list(levels), labels=[str(u) for u in levels])
        axis.set_xlabel("concurrent users")
        axis.set_ylabel(ylabel)
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    left.set_yscale("log")
    right.set_ylim(bottom=0)
    fig.suptitle("Latency and throughput versus concurrency (REST channel)", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def one_line_summary(rows: dict[str, Any], checks: dict[str, Any], levels: Sequence[int], out: Path) -> dict[str, Any]:
    summary: dict[str, Any] = {"report": shown(out / "summary.md")}
    for users in map(str, levels):
        for key in ("p95_ms", "msgs_per_s"):
            row = rows[f"{key}@{users}"]
            summary[f"{key}@{users}"] = [row["ours"], row["baseline"], row["ratio"]]
    for name in ("rss_peak_bytes.rasa_server", "rss_peak_bytes.action_server", "load_s.rasa_server", "training_s"):
        row = rows[name]
        value = row["ours"]
        if "bytes" in name:
            name = name.replace("bytes", "mib")
            summary[name] = [None if v is None else round(v / 1024**2) for v in (row["ours"], row["baseline"])] + [
                row["ratio"]
            ]
        else:
            summary[name] = [value, row["baseline"], row["ratio"]]
    summary["format"] = "[assistant, starter bot, ratio]"
    summary["targets_met"] = checks
    return summary


def markdown(results: dict[str, Any], table: str, checks: dict[str, Any], levels: Sequence[int]) -> str:
    training = results.get("training") or {}
    base_training = training.get("baseline") or {}
    lines = [
        f"# Benchmark: {results['generated']}",
        "",
        f"Command: `make bench` (`python -m bot.measure.benchmark`); {results['machine']['cpus']} CPUs, load average "
        f"at start {results['machine']['load_average_at_start']}; {results['messages_per_level']} messages per "
        f"concurrency level and bot; concurrency levels {', '.join(map(str, levels))}; source: commit "
        f"{results['source']['commit']} with {results['source']['modified_files']} modified files.",
        "",
        table,
        "",
        "Targets (reported, not asserted): "
        + ", ".join(f"{k}: {'met' if v else 'not met' if v is not None else 'n/a'}" for k, v in checks.items())
        + ".",
        "",
        "![latency versus concurrency](latency_vs_concurrency.png)",
        "",
        "## Latency by kind of message (ms)",
        "",
        "| bot | users | kind | messages | p50 | p95 |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("assistant", "baseline"):
        for users, level in (_get(results, name, "levels") or {}).items():
            for kind, row in level.get("by_kind", {}).items():
                lines.append(
                    f"| {name} | {users} | {kind} | {row['messages']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} |"
                )
    lines += [
        "",
        "## How it was measured",
        "",
        "- Each virtual user is a thread that plays whole conversations one after another, each with a new "
        "sender id, its messages in sequence; latency is measured at the client for each REST call "
        "(`/webhooks/rest/webhook`), throughput is messages / wall time of the level.",
        "- The assistant's mix: FAQ questions from `tests/nlu/faq_heldout.yml` (two per conversation), single "
        'symptom reports from the triage case files, and symptom checks ("i feel rubbish", then `/deny`... '
        "and `/affirm`); seeded, so every run sends the same messages. Symptom replies run a custom action "
        "on the action server; FAQ answers do not. The starter bot's mix: its own greet / mood / "
        "did-that-help / goodbye conversations and bot challenges.",
        "- Both bots run at the same time (started one after the other, so each load time is its own) and "
        "are loaded in turns, level by level: the assistant, then the starter bot, at 1 user, then at 4... "
        "A burst of activity elsewhere on the machine then hits both rather than one.",
        "- Both Rasa servers use a SQLite tracker store, so the ratios compare the bots, not the storage. "
        "The starter bot has no action server.",
        "- Memory: VmRSS from /proc of each server process and its children, right after loading and the peak "
        "sampled every 0.25 s under load. Load time: process start to the REST channel answering.",
        "- Training: `rasa train` of the full assistant into a temporary folder with an empty temporary cache "
        "(`RASA_CACHE_DIRECTORY`), so nothing is reused. The starter bot's training time is from "
        "`rasa init --no-prompt` (also cold), measured when it was cached in `var/bench/baseline/`"
        + (f" ({base_training.get('trained')})" if base_training.get("cached") else " (this run)")
        + ".",
        "- Only ratios carry across machines; both bots ran on the same machine in the same run, one after "
        "the other, so load from other processes affects both but not necessarily equally.",
        "",
    ]
    return "\n".join(lines)
