"""NLU figures: Rasa's cross-validation on the training data, and the held-out FAQ file."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from bot.measure import metrics
from bot.measure.cases import FAQ_HELDOUT_FILE
from bot.measure.runtime import RASA, base_env, read_json, run_logged, shown
from bot.settings import PROJECT_ROOT

# Our own NLU components (config.yml): deterministic, they override the intent of symptom messages.
CUSTOM_COMPONENT_PREFIX = "bot.nlu."
# The learned classifiers: cross-validation measures them (and the fallback) alone.
LEARNED_COMPONENTS = ("bot.nlu.linear_intent.LinearIntentClassifier", "bot.nlu.linear_answer.LinearAnswerSelector")


def _rasa_nlu_figures(folder: Path) -> dict[str, Any]:
    """Intent and FAQ-topic figures from Rasa's reports in one output folder."""
    figures: dict[str, Any] = {"folder": shown(folder)}
    for kind, report_name, errors_name, target_key, prediction_key in (
        ("intent", "intent_report.json", "intent_errors.json", "intent", "intent_prediction"),
        (
            "faq_topic",
            "response_selection_report.json",
            "response_selection_errors.json",
            "intent_response_key_target",
            "intent_response_key_prediction",
        ),
    ):
        report_path = folder / report_name
        if not report_path.exists():
            continue
        report = read_json(report_path)
        classes = metrics.per_class_f1(report)
        errors_path = folder / errors_name
        errors = read_json(errors_path) if errors_path.exists() else []
        figures[kind] = {
            **metrics.report_summary(report),
            "examples": sum(row["support"] for row in classes.values()),
            "errors": len(errors),
            "per_class": classes,
            "top_confusions": metrics.top_confusions(errors, target_key, prediction_key),
        }
    figures["plots"] = sorted(p.name for p in folder.glob("*.png"))
    return figures


def _without_custom_components(config_path: Path, out_path: Path) -> Path:
    """config.yml minus our deterministic components: the learned classifiers and fallback alone."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["pipeline"] = [
        c
        for c in config["pipeline"]
        if not c["name"].startswith(CUSTOM_COMPONENT_PREFIX) or c["name"] in LEARNED_COMPONENTS
    ]
    config.pop("policies", None)
    out_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return out_path


def cross_validate(out: Path, folds: int, config: Path, label: str) -> dict[str, Any]:
    if out.exists():
        shutil.rmtree(out)
    # The fold models are thrown away: a temporary training cache keeps them out of .rasa/cache,
    # which `make train` relies on (rasa/engine/caching.py reads RASA_CACHE_DIRECTORY).
    with tempfile.TemporaryDirectory(prefix="aza-cv-cache-") as cache:
        seconds = run_logged(
            [
                RASA,
                "test",
                "nlu",
                "--cross-validation",
                "--folds",
                str(folds),
                "--config",
                str(config),
                "--nlu",
                "data/nlu",
                "--out",
                str(out),
            ],
            out.parent / "logs" / f"{out.name}.log",
            desc=f"{label}: {folds}-fold cross-validation (train + predict per fold)",
            tick_pattern=r"Running model for predictions",
            total=2 * folds,
            env=base_env({"RASA_CACHE_DIRECTORY": cache}),
        )
    figures = _rasa_nlu_figures(out)
    figures["seconds"] = round(seconds, 1)
    figures["folds"] = folds
    figures["fold_means"] = _fold_means(out.parent / "logs" / f"{out.name}.log")
    return figures


def _fold_means(log_path: Path) -> dict[str, str]:
    """Rasa logs the mean and standard deviation over folds ('test F1-score: 0.95 (0.01)')."""
    means, section = {}, None
    for line in log_path.read_text(errors="replace").splitlines():
        heading = re.search(r"(Intent|Response Selection|Entity) evaluation results", line)
        if heading:
            section = heading.group(1).lower().replace(" ", "_")
        found = re.search(r"(train|test) (Accuracy|F1-score|Precision): ([\d.]+) \(([\d.]+)\)", line)
        if found and section:
            means[f"{section} {found.group(1)} {found.group(2)}"] = f"{found.group(3)} ± {found.group(4)}"
    return means


def heldout_nlu(out: Path, model: Path) -> dict[str, Any]:
    if out.exists():
        shutil.rmtree(out)
    seconds = run_logged(
        [
            RASA,
            "test",
            "nlu",
            "--model",
            str(model),
            "--nlu",
            str(FAQ_HELDOUT_FILE.relative_to(PROJECT_ROOT)),
            "--out",
            str(out),
        ],
        out.parent / "logs" / f"{out.name}.log",
        desc="held-out FAQ phrasings: rasa test nlu",
        tick_pattern=r"Running model for predictions",
        total=1,
    )
    figures = _rasa_nlu_figures(out)
    figures["seconds"] = round(seconds, 1)
    return figures
