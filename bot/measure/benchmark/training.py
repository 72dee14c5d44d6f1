"""Cold training times: the assistant, and Rasa's starter bot (trained once, cached)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bot.measure.runtime import RASA, base_env, log, run_logged, shown
from bot.settings import PROJECT_ROOT

BASELINE_DIR = PROJECT_ROOT / "var" / "bench" / "baseline"


def baseline_model(project: Path) -> Path:
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
                baseline_model(project)
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
                [RASA, "init", "--no-prompt", "--init-dir", str(folder)],
                out / "logs" / "baseline-train.log",
                desc="baseline: rasa init --no-prompt (scaffold + train, cold cache)",
                cwd=folder,
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
        "model": shown(baseline_model(project)),
    }
    info_path.write_text(json.dumps(info, indent=2) + "\n")
    return {**info, "cached": False}


def train_ours(out: Path) -> dict[str, Any]:
    """The full assistant into a temporary folder, with an empty temporary Rasa cache: nothing reused."""
    with (
        tempfile.TemporaryDirectory(prefix="aza-train-") as models,
        tempfile.TemporaryDirectory(prefix="aza-rasa-cache-") as cache,
    ):
        seconds = run_logged(
            [
                RASA,
                "train",
                "--config",
                "config.yml",
                "--domain",
                "domain",
                "--data",
                "data/nlu",
                "data/rules",
                "data/stories",
                "--out",
                models,
                "--fixed-model-name",
                "assistant",
            ],
            out / "logs" / "train.log",
            desc="assistant: rasa train (cold cache)",
            # rasa/engine/caching.py: LocalTrainingCache reads its folder from RASA_CACHE_DIRECTORY.
            env=base_env({"RASA_CACHE_DIRECTORY": cache}),
        )
    return {"training_s": round(seconds, 1), "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}
