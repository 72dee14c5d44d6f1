"""`make eval`: how well the trained assistant understands, triages and converses.

Writes reports/eval/ (Rasa's reports and plots, our triage figures and plots, summary.md for
clinicians, summary.json) and prints a one-line JSON summary last on stdout.

    python -m bot.measure.evaluate [--model models/assistant.tar.gz] [--skip cv] [--diet-only-cv]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from tqdm import tqdm

from bot.measure import metrics
from bot.measure.cases import (
    FAQ_HELDOUT_FILE,
    TRIAGE_CASE_FILES,
    faq_answers,
    graded_level,
    nlu_examples,
    triage_cases,
)
from bot.measure.chat import Conversation
from bot.measure.runtime import (
    RASA,
    REPORTS_DIR,
    CommandFailed,
    assistant_stack,
    base_env,
    log,
    plot_confusion,
    read_json,
    run_logged,
    shown,
    source_state,
    write_json,
)
from bot.settings import PROJECT_ROOT, Settings

STEPS = ("cv", "heldout", "triage", "dialogue")
INTENT_F1_TARGET = 0.95
HELDOUT_TOPIC_TARGET = 0.90
# Our own NLU components (config.yml): deterministic, they override the intent of symptom messages.
CUSTOM_COMPONENT_PREFIX = "bot.nlu."
LEVEL_IN_WORDS = {
    "emergency": "emergency (call 999 now)",
    "urgent": "urgent (contact the team or NHS 111 today)",
    "soon": "soon (contact the team or GP in the next few days)",
    "routine": "routine (no warning sign; mention it at the next check-up)",
}


# ---------------------------------------------------------------- NLU

def _rasa_nlu_figures(folder: Path) -> dict[str, Any]:
    """Intent and FAQ-topic figures from Rasa's reports in one output folder."""
    figures: dict[str, Any] = {"folder": shown(folder)}
    for kind, report_name, errors_name, target_key, prediction_key in (
        ("intent", "intent_report.json", "intent_errors.json", "intent", "intent_prediction"),
        ("faq_topic", "response_selection_report.json", "response_selection_errors.json",
         "intent_response_key_target", "intent_response_key_prediction"),
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
    """config.yml minus our deterministic components: DIET, ResponseSelector and fallback alone."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["pipeline"] = [c for c in config["pipeline"] if not c["name"].startswith(CUSTOM_COMPONENT_PREFIX)]
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
            [RASA, "test", "nlu", "--cross-validation", "--folds", str(folds), "--config", str(config),
             "--nlu", "data/nlu", "--out", str(out)],
            out.parent / "logs" / f"{out.name}.log",
            desc=f"{label}: {folds}-fold cross-validation (train + predict per fold)",
            tick_pattern=r"Running model for predictions", total=2 * folds,
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
        [RASA, "test", "nlu", "--model", str(model), "--nlu", str(FAQ_HELDOUT_FILE.relative_to(PROJECT_ROOT)),
         "--out", str(out)],
        out.parent / "logs" / f"{out.name}.log",
        desc="held-out FAQ phrasings: rasa test nlu", tick_pattern=r"Running model for predictions", total=1,
    )
    figures = _rasa_nlu_figures(out)
    figures["seconds"] = round(seconds, 1)
    return figures


# ---------------------------------------------------------------- triage and FAQ over HTTP

def _topic_of(texts: list[str]) -> str | None:
    answers = faq_answers()
    for text in texts:
        for topic, answer in answers.items():
            if text.strip() == answer:
                return topic
    return None


def over_http(out: Path, model: Path) -> dict[str, Any]:
    """Every triage case and every held-out FAQ phrasing, each in a fresh conversation."""
    results: dict[str, Any] = {"triage": {}, "faq_heldout_http": {}}
    with tempfile.TemporaryDirectory(prefix="aza-eval-") as state, \
            assistant_stack(Path(state), out / "logs", model) as (stack, ready):
        results["servers_ready_s"] = ready
        url = stack.settings.rasa_url
        for path in TRIAGE_CASE_FILES:
            graded = []
            for case in tqdm(triage_cases(path), desc=f"triage cases: {path.name}", unit="case",
                             file=sys.stderr):
                reply = Conversation(url).send(case["text"])
                payload = reply.triage or {}
                graded.append({
                    "text": case["text"], "expected": case["level"], "graded": graded_level(payload),
                    "kinds": case.get("kinds", []), "rows": case.get("rows", []),
                    "findings": payload.get("findings", []), "hypothetical": bool(payload.get("hypothetical")),
                    "first_line": (reply.texts or [""])[0][:200],
                })
            results["triage"][path.name] = _triage_figures(graded, path.name, out)
        faq = []
        for intent, text in tqdm(nlu_examples(FAQ_HELDOUT_FILE), desc="held-out FAQ phrasings over HTTP",
                                 unit="msg", file=sys.stderr):
            reply = Conversation(url).send(text)
            faq.append({"text": text, "expected": intent.split("/", 1)[1], "answered": _topic_of(reply.texts),
                        "level": graded_level(reply.triage), "first_line": (reply.texts or [""])[0][:160]})
        results["faq_heldout_http"] = _faq_figures(faq)
    write_json(out / "triage" / "faq_heldout_http.json", faq)
    return results


def _triage_figures(graded: list[dict], name: str, out: Path) -> dict[str, Any]:
    pairs = [(g["expected"], g["graded"]) for g in graded]
    figures = metrics.triage_metrics(pairs)
    matrix = metrics.confusion_matrix(pairs)
    stem = Path(name).stem
    plot = out / "triage" / f"{stem}_confusion.png"
    plot_confusion(matrix, metrics.LEVELS, f"Triage level: {name} ({len(pairs)} cases)", plot)
    misgraded = [{**g, "problem": metrics.misgrading_kind(g["expected"], g["graded"])}
                 for g in graded if g["expected"] != g["graded"]]
    write_json(out / "triage" / f"{stem}_results.json", graded)
    figures.update(confusion_matrix={"labels": list(metrics.LEVELS), "rows_expected": matrix},
                   plot=shown(plot), misgraded=misgraded)
    return figures


def _faq_figures(faq: list[dict]) -> dict[str, Any]:
    right = sum(f["answered"] == f["expected"] for f in faq)
    by_topic: dict[str, list[int]] = {}
    for f in faq:
        by_topic.setdefault(f["expected"], [0, 0])
        by_topic[f["expected"]][1] += 1
        by_topic[f["expected"]][0] += f["answered"] == f["expected"]
    return {
        "accuracy": round(right / len(faq), 4) if faq else None,
        "right": right,
        "total": len(faq),
        "per_topic": {t: f"{r}/{n}" for t, (r, n) in sorted(by_topic.items())},
        "misses": [f for f in faq if f["answered"] != f["expected"]],
        "graded_urgent_or_above": [f["text"] for f in faq if f["level"] in metrics.RED_FLAG_LEVELS],
    }


# ---------------------------------------------------------------- dialogue

def dialogue(out: Path, model: Path) -> dict[str, Any]:
    if out.exists():
        shutil.rmtree(out)
    log_path = out.parent / "logs" / "dialogue.log"
    seconds = run_logged(
        [RASA, "test", "core", "--model", str(model), "--stories", "tests/stories", "--e2e", "--out", str(out)],
        log_path, desc="conversation stories: rasa test core --e2e",
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
            tables[name] = {"correct": int(correct.group(1)), "total": int(correct.group(2)),
                            "accuracy": round(float(accuracy.group(1)), 4)}
    return tables


# ---------------------------------------------------------------- summary

def one_line_summary(results: dict[str, Any], out: Path) -> dict[str, Any]:
    summary: dict[str, Any] = {"report": shown(out / "summary.md")}
    cv = results.get("cv") or {}
    if cv.get("intent"):
        summary["cv_intent_weighted_f1"] = cv["intent"]["weighted_f1"]
        summary["cv_intent_macro_f1"] = cv["intent"]["macro_f1"]
        summary["cv_intent_f1_target_met"] = metrics.check_target(cv["intent"]["weighted_f1"], INTENT_F1_TARGET,
                                                                   at_most=False)
    if cv.get("faq_topic"):
        summary["cv_faq_topic_weighted_f1"] = cv["faq_topic"]["weighted_f1"]
    diet = results.get("cv_diet_only") or {}
    if diet.get("intent"):
        summary["cv_diet_only_intent_weighted_f1"] = diet["intent"]["weighted_f1"]
    held = results.get("heldout") or {}
    if held.get("faq_topic"):
        summary["heldout_faq_topic_accuracy_selector"] = held["faq_topic"]["accuracy"]
    http = results.get("over_http") or {}
    if http.get("faq_heldout_http"):
        summary["heldout_faq_topic_accuracy_http"] = http["faq_heldout_http"]["accuracy"]
        summary["heldout_topic_target_met"] = metrics.check_target(
            http["faq_heldout_http"]["accuracy"], HELDOUT_TOPIC_TARGET, at_most=False)
    for name, figures in (http.get("triage") or {}).items():
        key = Path(name).stem
        for field in ("red_flag_recall", "emergency_recall", "exact_accuracy", "over_triage_rate"):
            summary[f"{key}.{field}"] = figures[field]
        summary[f"{key}.misgraded"] = len(figures["misgraded"])
    dlg = results.get("dialogue") or {}
    if dlg:
        summary["dialogue_story_accuracy"] = dlg.get("story_accuracy")
        summary["dialogue_action_accuracy"] = dlg.get("action_accuracy")
    summary["seconds"] = results.get("seconds")
    return summary


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# Azathioprine assistant: evaluation report",
        "",
        f"Generated {results['generated']} by `make eval` (`python -m bot.measure.evaluate`) on the model "
        f"`{results['model']}` (source: commit {results['source']['commit']} with "
        f"{results['source']['modified_files']} modified files). Every figure below can be regenerated with "
        "that command.",
        "",
        "## What was measured",
        "",
        "1. **Understanding (NLU).** Does the assistant recognise what kind of message it got (a question about "
        "the medicine, a symptom, small talk...) and which of the 32 question topics a question is about? "
        "Measured two ways: 5-fold cross-validation on the training phrasings (by default: train on 4/5, test "
        "on the remaining 1/5, five times), and phrasings written separately that the assistant never saw "
        "(`tests/nlu/faq_heldout.yml`).",
        "2. **Triage.** Every message in the two triage case files (`tests/triage_cases.yml`, "
        "`tests/triage_cases_holdout.yml`), each labelled with the urgency a clinician would expect, was sent "
        "to the running assistant in a new conversation, and the urgency it gave was compared with the label.",
        "3. **Conversations.** Scripted conversations (`tests/stories/`) check that the assistant takes the "
        "expected step at each turn (for example asks the symptom-check questions in order).",
        "",
        "Urgency levels: " + "; ".join(f"**{k}** = {v.split(' ', 1)[1].strip('()')}"
                                       for k, v in LEVEL_IN_WORDS.items()) + ".",
        "",
    ]
    http = results.get("over_http") or {}
    triage = http.get("triage") or {}
    if triage:
        lines += [
            "## Triage",
            "",
            "| case file | cases | red flags caught (urgent or emergency graded at least urgent) | "
            "emergencies graded emergency | exact level | routine messages over-triaged (graded urgent+) |",
            "|---|---|---|---|---|---|",
        ]
        for name, t in triage.items():
            lines.append(
                f"| `{name}` | {t['cases']} | {_pct(t['red_flag_recall'])} "
                f"({t['red_flag_cases'] - t['red_flags_missed']}/{t['red_flag_cases']}) | "
                f"{_pct(t['emergency_recall'])} ({t['emergency_cases'] - t['emergencies_under_graded']}/"
                f"{t['emergency_cases']}) | {_pct(t['exact_accuracy'])} | {_pct(t['over_triage_rate'])} "
                f"({t['routine_over_triaged']}/{t['routine_cases']}) |"
            )
        lines += ["", "Level-by-level tables (rows: expected, columns: what the assistant said): "
                  + ", ".join(f"`{t['plot']}`" for t in triage.values()) + ".", ""]
        for name, t in triage.items():
            if not t["misgraded"]:
                lines += [f"**{name}: every case was graded at the expected level.**", ""]
                continue
            lines += [f"### Cases graded differently from the label: `{name}` ({len(t['misgraded'])})", ""]
            order = ["missed red flag", "under-graded emergency", "over-triaged", "lower than expected",
                     "higher than expected"]
            for case in sorted(t["misgraded"], key=lambda c: order.index(c["problem"])):
                found = ", ".join(case["findings"]) or "nothing"
                lines.append(
                    f"- *{case['problem']}*: \"{case['text']}\" - expected {LEVEL_IN_WORDS[case['expected']]}, "
                    f"the assistant said {LEVEL_IN_WORDS[case['graded']]} (it recognised: {found}"
                    + ("; it treated the message as a question, not a report" if case["hypothetical"] else "")
                    + ")."
                )
            lines.append("")
    cv, held, diet = results.get("cv") or {}, results.get("heldout") or {}, results.get("cv_diet_only") or {}
    faq_http = http.get("faq_heldout_http") or {}
    lines += ["## Understanding (NLU)", "", "| figure | value | target |", "|---|---|---|"]
    if cv.get("intent"):
        lines.append(f"| message type (intent), cross-validated, weighted F1 (full pipeline) | "
                     f"{_f(cv['intent']['weighted_f1'])} (macro {_f(cv['intent']['macro_f1'])}, "
                     f"{cv['intent']['examples']} phrasings) | >= {INTENT_F1_TARGET} |")
    if diet.get("intent"):
        lines.append(f"| message type, cross-validated, weighted F1 (DIET classifier alone, no safety net) | "
                     f"{_f(diet['intent']['weighted_f1'])} (macro {_f(diet['intent']['macro_f1'])}) | - |")
    if cv.get("faq_topic"):
        lines.append(f"| question topic, cross-validated, weighted F1 (ResponseSelector) | "
                     f"{_f(cv['faq_topic']['weighted_f1'])} ({cv['faq_topic']['examples']} phrasings) | - |")
    if held.get("faq_topic"):
        lines.append(f"| question topic, unseen phrasings, accuracy (ResponseSelector alone) | "
                     f"{_pct(held['faq_topic']['accuracy'])} | - |")
    if faq_http:
        lines.append(f"| question topic, unseen phrasings, right answer sent over HTTP (whole assistant) | "
                     f"{_pct(faq_http['accuracy'])} ({faq_http['right']}/{faq_http['total']}) | >= 90% |")
    lines.append("")
    if cv.get("fold_means"):
        means = cv["fold_means"]
        lines += [f"Mean over the {cv.get('folds', 5)} folds (± spread between folds): message type F1 "
                  f"{means.get('intent test F1-score', 'n/a')}, question topic F1 "
                  f"{means.get('response_selection test F1-score', 'n/a')}. Rasa shuffles the folds without a "
                  "fixed seed, so cross-validated figures move by about that much between runs.", ""]
    if faq_http:
        flagged = faq_http["graded_urgent_or_above"]
        lines += [f"Questions from the unseen set that were graded urgent or emergency: "
                  f"{len(flagged)}" + (": " + "; ".join(f'"{t}"' for t in flagged) if flagged else "") + ".", ""]
        if faq_http["misses"]:
            lines += ["Unseen questions that did not get their topic's answer:", ""]
            lines += [f"- \"{m['text']}\" (topic {m['expected']}): "
                      + (f"got the answer for {m['answered']}" if m["answered"] else
                         f"got no FAQ answer; the reply began \"{m['first_line']}\"") for m in faq_http["misses"]]
            lines.append("")
    if cv.get("intent"):
        weak = metrics.worst_classes(cv["intent"]["per_class"], INTENT_F1_TARGET)
        if weak:
            lines += ["Message types under the F1 target in cross-validation: "
                      + ", ".join(f"`{label}` {f1:.2f}" for label, f1 in weak) + ".", ""]
        confusions = cv["intent"]["top_confusions"][:6]
        if confusions:
            lines += ["Most frequent cross-validation confusions (expected -> predicted, count): "
                      + "; ".join(f"`{c['expected']}` -> `{c['predicted']}` {c['count']}" for c in confusions)
                      + ".", ""]
    lines += [
        "How to read the NLU figures: the message-type figures are for the whole NLU pipeline as deployed: "
        "the guess of two classifiers averaged (DIET and a logistic regression), the FAQ-confidence check, "
        "the other-medicine check (a FAQ guess for a message naming only another medicine becomes a question "
        "about another medicine), then the deterministic red-flag safety net, which sets a symptom intent "
        "whenever the symptom detector finds a symptom (whatever the classifiers guessed). "
        "Rasa's evaluation undoes the final fallback decision and scores the intent underneath it. "
        "The question-topic figures are the ResponseSelector alone (its best topic, whatever the intent). "
        "The over-HTTP figure is what a person actually sees: the topic's answer, not a fallback. "
        "Per-class tables and Rasa's plots (confusion matrices, confidence histograms) are in "
        "`reports/eval/nlu-cross-validation/` and `reports/eval/nlu-heldout/`.",
        "",
    ]
    dlg = results.get("dialogue") or {}
    if dlg:
        lines += [
            "## Conversations",
            "",
            f"- scripted conversations followed exactly: {dlg.get('stories_correct')}/{dlg.get('stories')} "
            f"({_pct(dlg.get('story_accuracy'))})",
            f"- individual assistant steps correct: {dlg.get('actions_correct')}/{dlg.get('actions')} "
            f"({_pct(dlg.get('action_accuracy'))})",
        ]
        if dlg.get("failed_stories"):
            lines.append("- conversations that went differently: " + "; ".join(dlg["failed_stories"]) +
                         " (details: `reports/eval/dialogue/failed_test_stories.yml`)")
        lines.append("")
    lines += [
        "## What these figures do and don't show",
        "",
        "- **Both triage case files informed development.** They were written from the clinical reference "
        "without looking at the code, but both were used while building and tuning the symptom detector, so "
        "neither is an unseen test. The figures show the assistant handles these phrasings; they are an "
        "optimistic estimate for messages from real patients, which will include phrasings nobody anticipated.",
        "- The case labels are one reading of the clinical reference, not a clinical panel's consensus.",
        "- Triage was measured on single messages in fresh conversations. Longer conversations (a symptom "
        "mentioned after several turns, symptoms spread over several messages) are covered only by the "
        "scripted conversation tests and the symptom-check questions.",
        "- The held-out FAQ phrasings were written without seeing the training data, but by the same team; "
        "cross-validation re-uses the training phrasings, so it mainly shows consistency.",
        "- A correct urgency level does not prove the advice text is right for everyone: the advice comes "
        "from the red-flag table (`data/clinical/red_flags.yml`), which needs clinical review in its own right.",
        "- Nothing here measures whether people follow the advice, or how the assistant behaves for "
        "languages other than English.",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Settings().model_path)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR / "eval")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip", action="append", choices=STEPS, default=[],
                        help="leave a step out (repeatable); its figures are missing from the summary")
    parser.add_argument("--diet-only-cv", action="store_true",
                        help="also cross-validate the pipeline without our deterministic components (bot.nlu.*);"
                        " with --skip cv, only that")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    if not args.model.exists():
        print(f"evaluate: no trained model at {args.model}: run `make train`", file=sys.stderr)
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results: dict[str, Any] = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "model": shown(args.model),
        "source": source_state(),
    }
    try:
        if "cv" not in args.skip:
            results["cv"] = cross_validate(out / "nlu-cross-validation", args.folds, PROJECT_ROOT / "config.yml",
                                           "NLU (full pipeline)")
        if args.diet_only_cv:
            config = _without_custom_components(PROJECT_ROOT / "config.yml", out / "config-diet-only.yml")
            results["cv_diet_only"] = cross_validate(out / "nlu-cross-validation-diet-only", args.folds,
                                                     config, "NLU (DIET alone)")
        if "heldout" not in args.skip:
            results["heldout"] = heldout_nlu(out / "nlu-heldout", args.model)
        if "triage" not in args.skip:
            results["over_http"] = over_http(out, args.model)
        if "dialogue" not in args.skip:
            results["dialogue"] = dialogue(out / "dialogue", args.model)
    except CommandFailed as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 1
    results["seconds"] = round(time.monotonic() - started, 1)
    write_json(out / "summary.json", results)
    (out / "summary.md").write_text(markdown(results), encoding="utf-8")
    log(f"\nReport: {out / 'summary.md'}")
    print(json.dumps(one_line_summary(results, out), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
