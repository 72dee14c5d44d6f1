"""The `make eval` command: runs the steps and writes the reports."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bot.measure.corpus import DEV, SEALED
from bot.measure.evaluation import dialogue, nlu, over_http, report
from bot.measure.runtime import REPORTS_DIR, CommandFailed, assistant_stack, log, shown, source_state, write_json
from bot.settings import PROJECT_ROOT, Settings

STEPS = ("cv", "heldout", "http", "dialogue")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="how well the trained assistant understands, triages and converses")
    parser.add_argument("--model", type=Path, default=Settings().model_path)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR / "eval")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip", action="append", choices=STEPS, default=[], help="leave a step out (repeatable)")
    parser.add_argument(
        "--half",
        choices=(DEV, SEALED, "both"),
        default="both",
        help="which halves of the blind corpora to run (while developing: dev)",
    )
    return parser.parse_args(argv)


def run_over_http(out: Path, model: Path, halves: Sequence[str]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with (
        tempfile.TemporaryDirectory(prefix="aza-eval-") as state,
        assistant_stack(Path(state), out / "logs", model) as (stack, ready),
    ):
        url = stack.settings.rasa_url
        results["servers_ready_s"] = ready
        results["corpora"] = {
            "triage": {half: over_http.triage_corpus(url, half, out) for half in halves},
            "faq": {half: over_http.faq_corpus(url, half, out) for half in halves},
            "conversations": {half: over_http.conversation_corpus(url, half, out) for half in halves},
        }
        results["case_files"] = over_http.case_files(url, out)
        results["faq_heldout"] = over_http.faq_heldout(url, out)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    if not args.model.exists():
        print(f"evaluate: no trained model at {args.model}: run `make train`", file=sys.stderr)
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    halves = (DEV, SEALED) if args.half == "both" else (args.half,)
    results: dict[str, Any] = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "model": shown(args.model),
        "source": source_state(),
    }
    failed = False
    try:
        if "cv" not in args.skip:
            results["cv"] = nlu.cross_validate(
                out / "nlu-cross-validation", args.folds, PROJECT_ROOT / "config.yml", "NLU (full pipeline)"
            )
        if "heldout" not in args.skip:
            results["heldout"] = nlu.heldout_nlu(out / "nlu-heldout", args.model)
        if "http" not in args.skip:
            results["over_http"] = run_over_http(out, args.model, halves)
        if "dialogue" not in args.skip:
            results["dialogue"] = dialogue.dialogue(out / "dialogue", args.model)
    except CommandFailed as error:
        print(f"evaluate: {error}", file=sys.stderr)
        failed = True
    results["seconds"] = round(time.monotonic() - started, 1)
    write_json(out / "summary.json", results)
    (out / "summary.md").write_text(report.markdown(results), encoding="utf-8")
    log(f"\nReport: {out / 'summary.md'}")
    print(json.dumps(report.one_line_summary(results, out), ensure_ascii=False), flush=True)
    return 1 if failed else 0
