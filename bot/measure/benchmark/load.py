"""The load itself: virtual users that play whole conversations, each message timed.

Two drivers: `locust` (Locust, headless, read back from its CSV statistics) and `threads` (one
Python thread per user). README, "Measuring it", says which the figures come from and why.
"""

from __future__ import annotations

import csv
import itertools
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from tqdm import tqdm

from bot.measure import metrics
from bot.measure.benchmark.scripts import Mix, Script
from bot.measure.runtime import VENV_PYTHON, base_env

REQUEST_TIMEOUT_S = 120
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


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
            by_kind[kind] = {
                "messages": len(values),
                "p50_ms": round(metrics.percentile(values, 50) * 1000, 1),
                "p95_ms": round(metrics.percentile(values, 95) * 1000, 1),
            }
        figures["by_kind"] = by_kind
        if self.errors:
            figures["error_examples"] = self.errors[:3]
        return figures


def drive_threads(url: str, mix: Mix, users: int, messages: int, desc: str) -> dict[str, Any]:
    """`messages` messages over `users` threads; each thread plays whole conversations in turn."""
    scripts = mix.scripts()
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
                    response = session.post(
                        endpoint, json={"sender": sender, "message": text}, timeout=REQUEST_TIMEOUT_S
                    )
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
    return result.summary()


def warm_up(url: str, mix: Mix, count: int = 12) -> None:
    """A few untimed conversations: the first predictions of a freshly loaded model are slow."""
    drive_threads(url, mix, 1, count, "  warm-up")


def _percentiles(row: dict[str, str]) -> dict[str, float]:
    return {"p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]), "p99_ms": float(row["99%"])}


def locust_seconds(messages: int) -> int:
    """Locust runs for a time, not a count: the time a level of `messages` takes at about 15 a second."""
    return max(20, round(messages / 15))


def drive_locust(url: str, mix: Mix, users: int, messages: int, desc: str) -> dict[str, Any]:
    """The same load with Locust (headless, in its own process); figures from its CSV statistics."""
    env = base_env(mix.env())
    with tempfile.TemporaryDirectory(prefix="aza-locust-") as folder:
        prefix = Path(folder) / "level"
        started = time.perf_counter()
        with tqdm(total=1, desc=desc + " (locust)", unit="level", file=sys.stderr) as bar:
            subprocess.run(
                [
                    VENV_PYTHON,
                    "-m",
                    "locust",
                    "-f",
                    str(LOCUSTFILE),
                    "--headless",
                    "--host",
                    url,
                    "--users",
                    str(users),
                    "--spawn-rate",
                    str(users),
                    "--run-time",
                    f"{locust_seconds(messages)}s",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--exit-code-on-error",
                    "0",
                ],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            bar.update(1)
        wall = time.perf_counter() - started
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    count, failures = int(total["Request Count"]), int(total["Failure Count"])
    return {
        "messages": count - failures,
        "errors": failures,
        **_percentiles(total),
        "mean_ms": round(float(total["Average Response Time"]), 1),
        "msgs_per_s": round(float(total["Requests/s"]), 2),
        "wall_s": round(wall, 2),
        "by_kind": {
            name: {"messages": int(row["Request Count"]), **_percentiles(row)}
            for name, row in sorted(rows.items())
            if name != "Aggregated"
        },
    }
