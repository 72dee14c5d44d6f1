"""`make bench`: latency, throughput, memory, load and training time, against Rasa's starter bot.

Drives conversations over REST at several concurrency levels (virtual users, each playing one
conversation at a time, its messages in sequence) through our Rasa server and action server,
then the same load against the bot `rasa init --no-prompt` creates (trained once, cached in
var/bench/baseline/), so every figure also comes as a ratio ours/baseline, which holds across
machines better than the raw figures. Writes reports/bench/ and prints a one-line JSON summary
last on stdout.

    python -m bot.measure.benchmark [--messages 600] [--levels 1,4,16] [--skip-training]
    python -m bot.measure.benchmark --rasa-url http://127.0.0.1:5005 --rasa-pid 1234 --action-pid 1200
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bot.measure.benchmark.load import drive_locust, drive_threads
from bot.measure.benchmark.report import compare, markdown, markdown_table, one_line_summary, plot, targets
from bot.measure.benchmark.scripts import SEED, Mix
from bot.measure.benchmark.servers import baseline_server, idle_rss, measure, our_servers
from bot.measure.benchmark.training import BASELINE_DIR, prepare_baseline, train_ours
from bot.measure.runtime import REPORTS_DIR, CommandFailed, log, source_state, write_json
from bot.settings import Settings

DRIVERS = {"locust": drive_locust, "threads": drive_threads}


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", type=Path, default=Settings().model_path)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR / "bench")
    parser.add_argument("--levels", default="1,4,16", help="concurrency levels (comma-separated)")
    parser.add_argument("--messages", type=int, default=600, help="messages per concurrency level and bot")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--driver", choices=sorted(DRIVERS), default="locust", help="how the load is generated")
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
        "messages_per_level": args.messages,
        "levels": levels,
        "seed": args.seed,
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
            bots = [(ours, Mix("assistant", args.seed), idle_rss(ours))]
            if not args.skip_baseline:
                project = project or BASELINE_DIR / "project"
                baseline = servers.enter_context(baseline_server(args, out, project))
                bots.append((baseline, Mix("baseline", args.seed, project / "data" / "nlu.yml"), idle_rss(baseline)))
            results.update(measure(bots, levels, args.messages, DRIVERS[args.driver]))
            results["driver"] = args.driver
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
