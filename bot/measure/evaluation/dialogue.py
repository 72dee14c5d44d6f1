"""Scripted conversations: `rasa test core --e2e` on tests/stories."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from bot.measure.runtime import RASA, read_json, run_logged


def dialogue(out: Path, model: Path) -> dict[str, Any]:
    if out.exists():
        shutil.rmtree(out)
    log_path = out.parent / "logs" / "dialogue.log"
    seconds = run_logged(
        [RASA, "test", "core", "--model", str(model), "--stories", "tests/stories", "--e2e", "--out", str(out)],
        log_path,
        desc="conversation stories: rasa test core --e2e",
    )
    levels = _evaluation_tables(log_path.read_text(errors="replace"))
    report = read_json(out / "story_report.json") if (out / "story_report.json").exists() else {}
    conversations = report.get("conversation_accuracy") or {}
    failed_file = out / "failed_test_stories.yml"
    failed = re.findall(r"^- story: (.+?)(?: \(.*)?$", failed_file.read_text(), re.M) if failed_file.exists() else []
    action = levels.get("ACTION", {})
    return {
        "stories": conversations.get("total"),
        "stories_correct": conversations.get("correct"),
        "story_accuracy": conversations.get("accuracy"),
        "action_accuracy": action.get("accuracy"),
        "actions_correct": action.get("correct"),
        "actions": action.get("total"),
        "all_levels": levels,
        "failed_stories": failed,
        "seconds": round(seconds, 1),
        "plots": sorted(p.name for p in out.glob("*.png")),
    }


def _evaluation_tables(text: str) -> dict[str, dict[str, float]]:
    """Rasa logs 'Evaluation Results on ACTION level:' then Correct: x / y ... Accuracy: z."""
    tables: dict[str, dict[str, float]] = {}
    for block in re.split(r"Evaluation Results on ", text)[1:]:
        name = block.split(" ", 1)[0]
        correct = re.search(r"Correct:\s+(\d+) / (\d+)", block)
        accuracy = re.search(r"Accuracy:\s+([\d.]+)", block)
        if correct and accuracy:
            tables[name] = {
                "correct": int(correct.group(1)),
                "total": int(correct.group(2)),
                "accuracy": round(float(accuracy.group(1)), 4),
            }
    return tables
