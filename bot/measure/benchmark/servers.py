"""The bots under load: ours (launcher) and Rasa's starter bot, and measuring them in turns."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from tqdm import tqdm

from bot.measure.benchmark.load import warm_up
from bot.measure.benchmark.scripts import Mix
from bot.measure.benchmark.training import baseline_model
from bot.measure.runtime import (
    RASA,
    MemoryPeaks,
    assistant_stack,
    base_env,
    free_port,
    log,
    tree_rss_bytes,
    wait_healthy,
)

Driver = Callable[[str, Mix, int, int, str], dict[str, Any]]


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
    with (
        tempfile.TemporaryDirectory(prefix="aza-bench-") as state,
        assistant_stack(Path(state), out / "logs", args.model) as (stack, ready),
    ):
        pids = {"rasa_server": stack.rasa_server.pid}
        if stack.settings.runs_own_action_server:
            pids["action_server"] = stack.action_server.pid
        yield Target(
            "assistant",
            stack.settings.rasa_url,
            pids,
            {"rasa_server": ready.get("Rasa server"), "action_server": ready.get("action server")},
        )


@contextmanager
def baseline_server(args: argparse.Namespace, out: Path, project: Path) -> Iterator[Target]:
    if args.baseline_url:
        pids = {"rasa_server": args.baseline_pid} if args.baseline_pid else {}
        yield Target("baseline", args.baseline_url.rstrip("/"), pids, {"rasa_server": None})
        return
    with tempfile.TemporaryDirectory(prefix="aza-bench-baseline-") as state:
        # Same tracker store as ours (SQLite): the ratio then compares the bots, not the storage.
        endpoints = Path(state) / "endpoints.yml"
        endpoints.write_text(
            yaml.safe_dump(
                {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(Path(state) / "conversations.db")}}
            )
        )
        port = free_port()
        log_path = out / "logs" / "baseline-rasa-server.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as log_file:
            started = time.monotonic()
            process = subprocess.Popen(
                [
                    RASA,
                    "run",
                    "--model",
                    str(baseline_model(project)),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    str(project / "credentials.yml"),
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                cwd=project,
                env=base_env(),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                url = f"http://127.0.0.1:{port}"
                with tqdm(total=1, desc="starting the baseline Rasa server", unit="server", file=sys.stderr) as bar:
                    wait_healthy(f"{url}/webhooks/rest/", process, 300, log_path)
                    bar.update(1)
                yield Target(
                    "baseline", url, {"rasa_server": process.pid}, {"rasa_server": round(time.monotonic() - started, 2)}
                )
            finally:
                _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass


def measure(
    bots: Sequence[tuple[Target, Mix, dict[str, int]]],
    levels: Sequence[int],
    messages: int,
    drive: Driver,
) -> dict[str, dict[str, Any]]:
    """The same load on every bot, interleaved level by level (ours, then the baseline, at 1 user, then
    at 4...), so a burst of activity elsewhere on the machine hits both rather than one."""
    results: dict[str, dict[str, Any]] = {}
    for target, mix, idle in bots:
        log(f"{target.name}: {target.url}")
        warm_up(target.url, mix)
        results[target.name] = {"url": target.url, "levels": {}, "rss_after_load_bytes": idle, "load_s": target.load_s}
    peaks = {target.name: MemoryPeaks(dict(target.pids)) for target, _, _ in bots}
    with ExitStack() as running:
        for sampler in peaks.values():
            running.enter_context(sampler.running())
        for users in levels:
            for target, mix, _ in bots:
                results[target.name]["levels"][str(users)] = drive(
                    target.url, mix, users, messages, f"  {target.name}: {users:>2} users"
                )
    for name, sampler in peaks.items():
        results[name]["rss_peak_bytes"] = dict(sampler.peaks)
    return results


def idle_rss(target: Target) -> dict[str, int]:
    """Resident memory right after loading, before any message."""
    return {name: tree_rss_bytes(pid) for name, pid in target.pids.items()}
