"""`make bench-cluster`: throughput through nginx with two Rasa servers against one, in one run.

One cluster (bot/cluster.py) is started; nginx balances first over one Rasa server, then over
both (a graceful reload in between), and the same Locust load runs at each level of users. The
ratio of messages per second, two servers to one, is what the README reports, with its limits:
on a 2-core machine the two servers, Locust, nginx, PostgreSQL and Redis share the same cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.cluster import Cluster, Ports
from bot.measure.benchmark.load import drive_locust, drive_threads, warm_up
from bot.measure.benchmark.scripts import SEED, Mix
from bot.measure.runtime import source_state
from bot.settings import PROJECT_ROOT

REPORTS = PROJECT_ROOT / "reports" / "bench"
DRIVERS = {"locust": drive_locust, "threads": drive_threads}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--messages-per-user", type=int, default=12)
    parser.add_argument("--driver", choices=sorted(DRIVERS), default="locust")
    args = parser.parse_args(argv)
    drive = DRIVERS[args.driver]
    mix = Mix("assistant", SEED)
    (PROJECT_ROOT / "var").mkdir(exist_ok=True)
    state = Path(tempfile.mkdtemp(prefix="bench-cluster-", dir=PROJECT_ROOT / "var"))
    cluster = Cluster(state_dir=state, ports=Ports.free())
    results: dict[str, Any] = {**source_state(), "driver": args.driver, "cores": os.cpu_count(), "levels": {}}
    print("starting the cluster (PostgreSQL, Redis, an action server, two Rasa servers, nginx)...", file=sys.stderr)
    cluster.start()
    try:
        for servers in ((0,), (0, 1)):
            cluster.balance_over(servers)
            warm_up(cluster.public_url, mix)
            for users in args.users:
                figures = drive(
                    cluster.public_url, mix, users, users * args.messages_per_user, f"{len(servers)} server(s), {users}"
                )
                results["levels"][f"{len(servers)}x{users}"] = figures
    finally:
        cluster.stop()
        shutil.rmtree(state, ignore_errors=True)
    results["ratio"] = {
        str(users): round(
            results["levels"][f"2x{users}"]["msgs_per_s"] / max(results["levels"][f"1x{users}"]["msgs_per_s"], 1e-9), 2
        )
        for users in args.users
    }
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "cluster.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    lines = [
        f"Cluster throughput through nginx (commit {results['commit']}, {results['cores']} cores, {args.driver}):",
        "| users | 1 server msgs/s | 2 servers msgs/s | ratio | p95 1 server ms | p95 2 servers ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for users in args.users:
        one, two = results["levels"][f"1x{users}"], results["levels"][f"2x{users}"]
        lines.append(
            f"| {users} | {one['msgs_per_s']} | {two['msgs_per_s']} | {results['ratio'][str(users)]} |"
            f" {one['p95_ms']} | {two['p95_ms']} | {one['errors'] + two['errors']} |"
        )
    table = "\n".join(lines)
    (REPORTS / "cluster.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
