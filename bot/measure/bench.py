"""`make bench`: latency, throughput, memory, load and training time, against Rasa's starter bot.

Drives conversations over REST at several concurrency levels (threads; one conversation at a
time per virtual user, its messages in sequence) through our Rasa server and action server,
then the same load against the bot `rasa init --no-prompt` creates (trained once, cached in
var/bench/baseline/), so every figure also comes as a ratio ours/baseline, which holds across
machines better than the raw figures. Writes reports/bench/ and prints a one-line JSON summary
last on stdout.

    python -m bot.measure.bench [--messages 600] [--levels 1,4,16] [--skip-training]
    python -m bot.measure.bench --rasa-url http://127.0.0.1:5005 --rasa-pid 1234 --action-pid 1200
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import requests
import yaml
from tqdm import tqdm

from bot.measure import metrics
from bot.measure.cases import FAQ_HELDOUT_FILE, TRIAGE_CASE_FILES, nlu_examples, triage_cases
from bot.measure.runtime import (
    RASA,
    REPORTS_DIR,
    CommandFailed,
    MemoryPeaks,
    assistant_stack,
    base_env,
    free_port,
    log,
    pyplot,
    run_logged,
    shown,
    source_state,
    tree_rss_bytes,
    wait_healthy,
    write_json,
)
from bot.settings import PROJECT_ROOT, Settings

BASELINE_DIR = PROJECT_ROOT / "var" / "bench" / "baseline"
SEED = 20240611
REQUEST_TIMEOUT_S = 120
# Targets from issue 6 (reported against, never asserted).
TARGETS = {
    "p95_at_1_user_ratio_max": 1.5,
    "throughput_at_16_users_ratio_min": 0.8,
    "training_s_max": 300,
    "rasa_server_rss_bytes_max": 1.5e9,  # the issue says 1.5 GB: decimal, 1.40 GiB
}


# ---------------------------------------------------------------- conversations

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
            yield Script("sad", (say("greet"), say("mood_unhappy"), say(rng.choice(["affirm", "deny"])),
                                 say("goodbye")))


# ---------------------------------------------------------------- load

@dataclass
class LevelResult:
    users: int
    latencies: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    def summary(self) -> dict[str, Any]:
        figures = metrics.latency_summary(self.latencies, self.wall_s, len(self.errors))
        by_kind = {}
        for kind in sorted(set(self.kinds)):
            values = [lat for lat, k in zip(self.latencies, self.kinds, strict=True) if k == kind]
            by_kind[kind] = {"messages": len(values), "p50_ms": round(metrics.percentile(values, 50) * 1000, 1),
                             "p95_ms": round(metrics.percentile(values, 95) * 1000, 1)}
        figures["by_kind"] = by_kind
        if self.errors:
            figures["error_examples"] = self.errors[:3]
        return figures


def drive(url: str, scripts: Iterator[Script], users: int, messages: int, desc: str) -> LevelResult:
    """`messages` messages over `users` threads; each thread plays whole conversations in turn."""
    result = LevelResult(users)
    lock = threading.Lock()
    budget = itertools.count()
    endpoint = f"{url}/webhooks/rest/webhook"
    bar = tqdm(total=messages, desc=desc, unit="msg", file=sys.stderr)

    def next_script() -> Script:
        with lock:
            return next(scripts)

    def user() -> None:
        session = requests.Session()
        while True:
            script = next_script()
            sender = f"bench-{uuid.uuid4()}"
            for text in script.messages:
                with lock:
                    if next(budget) >= messages:
                        return
                started = time.perf_counter()
                error = None
                try:
                    response = session.post(endpoint, json={"sender": sender, "message": text},
                                            timeout=REQUEST_TIMEOUT_S)
                    if response.status_code != 200:
                        error = f"HTTP {response.status_code} for {text!r}"
                    elif not response.json():
                        error = f"empty reply to {text!r}"
                except requests.RequestException as exc:
                    error = f"{type(exc).__name__} for {text!r}"
                elapsed = time.perf_counter() - started
                with lock:
                    if error:
                        result.errors.append(error)
                    else:
                        result.latencies.append(elapsed)
                        result.kinds.append(script.kind)
                    bar.update(1)

    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall_s = time.perf_counter() - started
    bar.close()
    return result


def warm_up(url: str, scripts: Iterator[Script], count: int = 12) -> None:
    """A few untimed conversations: the first predictions of a freshly loaded model are slow."""
    drive(url, scripts, 1, count, "  warm-up")


# ---------------------------------------------------------------- servers

@dataclass
class Target:
    """A bot under load: where it answers, which processes to measure, how long it took to load."""

    name: str
    url: str
    pids: dict[str, int]
    load_s: dict[str, float | None]


@contextmanager
def our_servers(args: argparse.Namespace, out: Path) -> Iterator[Target]:
    if args.rasa_url:
        pids = {k: v for k, v in (("rasa_server", args.rasa_pid), ("action_server", args.action_pid)) if v}
        yield Target("assistant", args.rasa_url.rstrip("/"), pids, {"rasa_server": None, "action_server": None})
        return
    with tempfile.TemporaryDirectory(prefix="aza-bench-") as state, \
            assistant_stack(Path(state), out / "logs", args.model) as (stack, ready):
        pids = {"rasa_server": stack.rasa_server.process.pid}
        if stack.settings.runs_own_action_server:
            pids["action_server"] = stack.action_server.process.pid
        yield Target("assistant", stack.settings.rasa_url, pids,
                     {"rasa_server": ready.get("Rasa server"), "action_server": ready.get("action server")})


@contextmanager
def baseline_server(args: argparse.Namespace, out: Path, project: Path) -> Iterator[Target]:
    if args.baseline_url:
        pids = {"rasa_server": args.baseline_pid} if args.baseline_pid else {}
        yield Target("baseline", args.baseline_url.rstrip("/"), pids, {"rasa_server": None})
        return
    with tempfile.TemporaryDirectory(prefix="aza-bench-baseline-") as state:
        # Same tracker store as ours (SQLite): the ratio then compares the bots, not the storage.
        endpoints = Path(state) / "endpoints.yml"
        endpoints.write_text(yaml.safe_dump(
            {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(Path(state) / "conversations.db")}}))
        port = free_port()
        log_path = out / "logs" / "baseline-rasa-server.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as log_file:
            started = time.monotonic()
            process = subprocess.Popen(
                [RASA, "run", "--model", str(_baseline_model(project)), "--endpoints", str(endpoints),
                 "--credentials", str(project / "credentials.yml"), "--interface", "127.0.0.1", "--port", str(port)],
                cwd=project, env=base_env(), stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
            )
            try:
                url = f"http://127.0.0.1:{port}"
                with tqdm(total=1, desc="starting the baseline Rasa server", unit="server", file=sys.stderr) as bar:
                    wait_healthy(f"{url}/webhooks/rest/", process, 300, log_path)
                    bar.update(1)
                yield Target("baseline", url, {"rasa_server": process.pid},
                             {"rasa_server": round(time.monotonic() - started, 2)})
            finally:
                _stop(process)


def _stop(process: subprocess.Popen) -> None:
    import signal

    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass


def measure(bots: Sequence[tuple[Target, Iterator[Script], dict[str, int]]], levels: Sequence[int],
            messages: int) -> dict[str, dict[str, Any]]:
    """The same load on every bot, interleaved level by level (ours, then the baseline, at 1 user, then
    at 4...), so a burst of activity elsewhere on the machine hits both rather than one."""
    results: dict[str, dict[str, Any]] = {}
    for target, scripts, idle in bots:
        log(f"{target.name}: {target.url}")
        warm_up(target.url, scripts)
        results[target.name] = {"url": target.url, "levels": {}, "rss_after_load_bytes": idle,
                                "load_s": target.load_s}
    peaks = {target.name: MemoryPeaks(dict(target.pids)) for target, _, _ in bots}
    with ExitStack() as running:
        for sampler in peaks.values():
            running.enter_context(sampler.running())
        for users in levels:
            for target, scripts, _ in bots:
                level = drive(target.url, scripts, users, messages, f"  {target.name}: {users:>2} users")
                results[target.name]["levels"][str(users)] = level.summary()
    for name, sampler in peaks.items():
        results[name]["rss_peak_bytes"] = dict(sampler.peaks)
    return results


def idle_rss(target: Target) -> dict[str, int]:
    """Resident memory right after loading, before any message."""
    return {name: tree_rss_bytes(pid) for name, pid in target.pids.items()}


# ---------------------------------------------------------------- training

def _baseline_model(project: Path) -> Path:
    models = sorted((project / "models").glob("*.tar.gz"))
    if not models:
        raise FileNotFoundError(f"no model in {project / 'models'}")
    return models[-1]


def prepare_baseline(rebuild: bool, out: Path) -> dict[str, Any]:
    """`rasa init --no-prompt` in a temporary folder, trained once (cold cache) and kept in var/bench/."""
    info_path = BASELINE_DIR / "baseline.json"
    project = BASELINE_DIR / "project"
    import rasa

    if not rebuild and info_path.exists() and project.exists():
        info = json.loads(info_path.read_text())
        if info.get("rasa_version") == rasa.__version__:
            try:
                _baseline_model(project)
                log(f"baseline: using the starter bot cached in {shown(project)} (trained {info['trained']})")
                return {**info, "cached": True}
            except FileNotFoundError:
                pass
    shutil.rmtree(BASELINE_DIR, ignore_errors=True)
    BASELINE_DIR.mkdir(parents=True)
    folder = Path(tempfile.mkdtemp(prefix="rasa-init-", dir=BASELINE_DIR))
    try:
        with tempfile.TemporaryDirectory(prefix="rasa-cache-") as cache:
            seconds = run_logged(
                [RASA, "init", "--no-prompt", "--init-dir", str(folder)], out / "logs" / "baseline-train.log",
                desc="baseline: rasa init --no-prompt (scaffold + train, cold cache)", cwd=folder,
                # rasa/engine/caching.py: LocalTrainingCache reads its folder from RASA_CACHE_DIRECTORY.
                env=base_env({"RASA_CACHE_DIRECTORY": cache}),
            )
        folder.rename(project)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    info = {
        "rasa_version": rasa.__version__,
        "trained": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "training_s": round(seconds, 1),
        "load_average_at_training": [round(x, 2) for x in os.getloadavg()],
        "model": shown(_baseline_model(project)),
    }
    info_path.write_text(json.dumps(info, indent=2) + "\n")
    return {**info, "cached": False}


def train_ours(out: Path) -> dict[str, Any]:
    """The full assistant into a temporary folder, with an empty temporary Rasa cache: nothing reused."""
    with tempfile.TemporaryDirectory(prefix="aza-train-") as models, \
            tempfile.TemporaryDirectory(prefix="aza-rasa-cache-") as cache:
        seconds = run_logged(
            [RASA, "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data/nlu", "data/rules",
             "data/stories", "--out", models, "--fixed-model-name", "assistant"],
            out / "logs" / "train.log", desc="assistant: rasa train (cold cache)",
            # rasa/engine/caching.py: LocalTrainingCache reads its folder from RASA_CACHE_DIRECTORY.
            env=base_env({"RASA_CACHE_DIRECTORY": cache}),
        )
    return {"training_s": round(seconds, 1), "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}


# ---------------------------------------------------------------- report

def _get(data: dict, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def compare(ours: dict[str, Any], baseline: dict[str, Any] | None, levels: Sequence[int],
            training: dict[str, Any]) -> dict[str, Any]:
    """Every figure for both bots with the ratio ours/baseline."""
    rows: dict[str, Any] = {}

    def row(name: str, our_value: float | None, base_value: float | None) -> None:
        rows[name] = {"ours": our_value, "baseline": base_value, "ratio": metrics.ratio(our_value, base_value)}

    base = baseline or {}
    for users in map(str, levels):
        for key in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s"):
            row(f"{key}@{users}", _get(ours, "levels", users, key), _get(base, "levels", users, key))
    for name in ("rasa_server", "action_server"):
        row(f"rss_after_load_bytes.{name}", _get(ours, "rss_after_load_bytes", name),
            _get(base, "rss_after_load_bytes", name))
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
    training = rows["training_s"]["ours"]
    memory = rows["rss_peak_bytes.rasa_server"]["ours"]
    return {
        f"p95@{low} ratio <= {TARGETS['p95_at_1_user_ratio_max']}": metrics.check_target(
            p95, TARGETS["p95_at_1_user_ratio_max"], at_most=True),
        f"msgs_per_s@{high} ratio >= {TARGETS['throughput_at_16_users_ratio_min']}": metrics.check_target(
            throughput, TARGETS["throughput_at_16_users_ratio_min"], at_most=False),
        "training <= 300 s": metrics.check_target(training, TARGETS["training_s_max"], at_most=True),
        "Rasa server peak RSS <= 1.5 GB": metrics.check_target(memory, TARGETS["rasa_server_rss_bytes_max"],
                                                                 at_most=True),
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
        lines.append(f"| {name} | {_cell(name, row['ours'])} | {_cell(name, row['baseline'])} | "
                     f"{metrics.format_ratio(row['ours'], row['baseline'])} |")
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
        right.plot(levels, [_get(data, "levels", str(u), "msgs_per_s") for u in levels], "-o", color=color,
                   label=label)
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


def one_line_summary(rows: dict[str, Any], checks: dict[str, Any], levels: Sequence[int],
                     out: Path) -> dict[str, Any]:
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
            summary[name] = [None if v is None else round(v / 1024**2) for v in (row["ours"], row["baseline"])] \
                + [row["ratio"]]
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
        f"Command: `make bench` (`python -m bot.measure.bench`); {results['machine']['cpus']} CPUs, load average "
        f"at start {results['machine']['load_average_at_start']}; {results['messages_per_level']} messages per "
        f"concurrency level and bot; concurrency levels {', '.join(map(str, levels))}; source: commit "
        f"{results['source']['commit']} with {results['source']['modified_files']} modified files.",
        "",
        table,
        "",
        "Targets (reported, not asserted): " + ", ".join(
            f"{k}: {'met' if v else 'not met' if v is not None else 'n/a'}" for k, v in checks.items()) + ".",
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
                lines.append(f"| {name} | {users} | {kind} | {row['messages']} | {row['p50_ms']:.0f} | "
                             f"{row['p95_ms']:.0f} |")
    lines += [
        "",
        "## How it was measured",
        "",
        "- Each virtual user is a thread that plays whole conversations one after another, each with a new "
        "sender id, its messages in sequence; latency is measured at the client for each REST call "
        "(`/webhooks/rest/webhook`), throughput is messages / wall time of the level.",
        "- The assistant's mix: FAQ questions from `tests/nlu/faq_heldout.yml` (two per conversation), single "
        "symptom reports from the triage case files, and symptom checks (\"i feel rubbish\", then `/deny`... "
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
        + (f" ({base_training.get('trained')})" if base_training.get("cached") else " (this run)") + ".",
        "- Only ratios carry across machines; both bots ran on the same machine in the same run, one after "
        "the other, so load from other processes affects both but not necessarily equally.",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Settings().model_path)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR / "bench")
    parser.add_argument("--levels", default="1,4,16", help="concurrency levels (comma-separated)")
    parser.add_argument("--messages", type=int, default=600, help="messages per concurrency level and bot")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--skip-training", action="store_true", help="do not time a training of the assistant")
    parser.add_argument("--skip-baseline", action="store_true", help="no starter bot: figures without ratios")
    parser.add_argument("--rebuild-baseline", action="store_true", help="re-create and re-train the starter bot")
    parser.add_argument("--rasa-url", help="use our Rasa server running here instead of starting one")
    parser.add_argument("--rasa-pid", type=int, help="its process id (for memory)")
    parser.add_argument("--action-pid", type=int, help="the running action server's process id (for memory)")
    parser.add_argument("--baseline-url", help="use a starter bot running here")
    parser.add_argument("--baseline-pid", type=int, help="its process id (for memory)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    levels = sorted({int(x) for x in args.levels.split(",")})
    if not args.rasa_url and not args.model.exists():
        print(f"bench: no trained model at {args.model}: run `make train`", file=sys.stderr)
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results: dict[str, Any] = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "source": source_state(),
        "messages_per_level": args.messages, "levels": levels, "seed": args.seed,
    }
    training: dict[str, Any] = {}
    try:
        # Trainings first and one at a time: never two trainings (or a training and a load test) at once.
        project = None
        if not args.skip_baseline and not args.baseline_url:
            training["baseline"] = prepare_baseline(args.rebuild_baseline, out)
            project = BASELINE_DIR / "project"
        if not args.skip_training:
            training["ours"] = train_ours(out)
        results["training"] = training
        # Started one after the other (each load time is its own), then loaded in turns.
        with ExitStack() as servers:
            ours = servers.enter_context(our_servers(args, out))
            bots = [(ours, our_scripts(random.Random(args.seed)), idle_rss(ours))]
            if not args.skip_baseline:
                project = project or BASELINE_DIR / "project"
                baseline = servers.enter_context(baseline_server(args, out, project))
                scripts = baseline_scripts(random.Random(args.seed), project / "data" / "nlu.yml")
                bots.append((baseline, scripts, idle_rss(baseline)))
            results.update(measure(bots, levels, args.messages))
    except (CommandFailed, FileNotFoundError, RuntimeError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    rows = compare(results["assistant"], results.get("baseline"), levels, training)
    checks = targets(rows, levels)
    results["comparison"] = rows
    results["targets_met"] = checks
    results["seconds"] = round(time.monotonic() - started, 1)
    plot(results, levels, out / "latency_vs_concurrency.png")
    write_json(out / "summary.json", results)
    table = markdown_table(rows)
    (out / "summary.md").write_text(markdown(results, table, checks, levels), encoding="utf-8")
    log("\n" + table + "\n")
    log("targets: " + json.dumps(checks))
    print(json.dumps(one_line_summary(rows, checks, levels, out)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
