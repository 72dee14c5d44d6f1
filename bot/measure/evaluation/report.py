"""The evaluation report (reports/eval/summary.md, for clinicians) and the one-line summary.

Each section of the report is one function. The sealed half of a blind corpus appears only as
counts: no sealed message is ever written here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.measure import metrics
from bot.measure.runtime import shown

INTENT_F1 = 0.95  # reported, no longer the target (the sealed corpora are)
HELDOUT_TOPIC_TARGET = 0.90
# Targets on the sealed halves (issues: red flags, FAQ, conversations).
TRIAGE_TARGETS = {"red_flag_recall": 0.99, "emergency_recall": 0.98, "exact_accuracy": 0.90}
OVER_TRIAGE_TARGET = 0.05
FAQ_TARGETS = {"right_topic": 0.95, "everyday_declined_or_chatted": 0.90}
FAQ_FALLBACK_TARGET = 0.03
CONVERSATION_TARGETS = {"peak_catches_red_flags": 0.99, "peak_catches_emergencies": 1.0, "latest_matches": 0.90}
LEVEL_IN_WORDS = {
    "emergency": "emergency (call 999 now)",
    "urgent": "urgent (contact the team or NHS 111 today)",
    "soon": "soon (contact the team or GP in the next few days)",
    "routine": "routine (no warning sign; mention it at the next check-up)",
}
MISGRADING_ORDER = (
    "missed red flag",
    "under-graded emergency",
    "over-triaged",
    "lower than expected",
    "higher than expected",
)


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def met(value: float | None, target: float, at_most: bool = False) -> str:
    ok = metrics.check_target(value, target, at_most=at_most)
    return "n/a" if ok is None else ("met" if ok else "NOT met")


# ---------------------------------------------------------------- sections


def header(results: dict[str, Any]) -> list[str]:
    return [
        "# Azathioprine assistant: evaluation report",
        "",
        f"Generated {results['generated']} by `make eval` (`python -m bot.measure.evaluation`) on the model "
        f"`{results['model']}` (source: commit {results['source']['commit']} with "
        f"{results['source']['modified_files']} modified files). Every figure below can be regenerated with "
        "that command.",
        "",
        "## What was measured",
        "",
        "1. **Blind corpora** (`tests/corpus/`, see its README): messages, questions and conversations "
        "written and labelled by helpers who never saw the code or the training data, each label confirmed "
        "by a second blind reader. Each corpus is split by a hash of its text into a development half (used "
        "while building) and a **sealed half** (never looked at; only its figures are reported). The sealed "
        "figures are the ones that say how the assistant does on words nobody tuned it to.",
        "2. **Case files** (`tests/triage_cases*.yml`, `tests/nlu/faq_heldout.yml`): written for the project "
        "and used while building it, so they show consistency, not generalisation.",
        "3. **Understanding (NLU)**: Rasa's cross-validation on the training phrasings (reported, not a target).",
        "4. **Scripted conversations** (`tests/stories/`).",
        "",
        "Every message was sent to the running assistant over HTTP, in a new conversation unless it is part of "
        "a conversation. Urgency levels: "
        + "; ".join(f"**{k}** = {v.split(' ', 1)[1].strip('()')}" for k, v in LEVEL_IN_WORDS.items())
        + ".",
        "",
    ]


def sealed_summary(http: dict[str, Any]) -> list[str]:
    corpora = http.get("corpora") or {}
    triage = (corpora.get("triage") or {}).get("sealed")
    faq = (corpora.get("faq") or {}).get("sealed")
    conversations = (corpora.get("conversations") or {}).get("sealed")
    if not (triage or faq or conversations):
        return []
    lines = ["## Sealed halves: the figures that count", "", "| figure | value | target | |", "|---|---|---|---|"]
    if triage:
        for key, target in TRIAGE_TARGETS.items():
            lines.append(
                f"| triage: {key.replace('_', ' ')} | {pct(triage[key])} | >= {pct(target)} | "
                f"{met(triage[key], target)} |"
            )
        lines.append(
            f"| triage: calm messages over-triaged (urgent or above) | {pct(triage['over_triage_rate'])} "
            f"({triage['routine_over_triaged']}/{triage['routine_cases']}) | <= {pct(OVER_TRIAGE_TARGET)} | "
            f"{met(triage['over_triage_rate'], OVER_TRIAGE_TARGET, at_most=True)} |"
        )
    if faq:
        lines.append(
            f"| FAQ: right topic | {pct(faq['right_topic'])} | >= {pct(FAQ_TARGETS['right_topic'])} | "
            f"{met(faq['right_topic'], FAQ_TARGETS['right_topic'])} |"
        )
        lines.append(
            f"| FAQ: in-scope questions that got a fallback | {pct(faq['fallback'])} | "
            f"<= {pct(FAQ_FALLBACK_TARGET)} | {met(faq['fallback'], FAQ_FALLBACK_TARGET, at_most=True)} |"
        )
        lines.append(
            f"| FAQ: questions graded urgent or above / given the crisis reply | "
            f"{faq['graded_urgent_or_above']} / {faq['crisis_replies']} | 0 / 0 | "
            f"{'met' if faq['graded_urgent_or_above'] == faq['crisis_replies'] == 0 else 'NOT met'} |"
        )
        key = "everyday_declined_or_chatted"
        lines.append(
            f"| everyday messages: out-of-scope or small-talk reply | {pct(faq[key])} | "
            f">= {pct(FAQ_TARGETS[key])} | {met(faq[key], FAQ_TARGETS[key])} |"
        )
    if conversations:
        for key, target in CONVERSATION_TARGETS.items():
            lines.append(
                f"| conversations: {key.replace('_', ' ')} | {pct(conversations[key])} | "
                f">= {pct(target)} | {met(conversations[key], target)} |"
            )
    return [*lines, ""]


def triage_table(title: str, figures: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        f"## {title}",
        "",
        "| set | messages | red flags caught (urgent or emergency graded at least urgent) | emergencies graded "
        "emergency | exact level | calm messages over-triaged (graded urgent+) |",
        "|---|---|---|---|---|---|",
    ]
    for name, t in figures.items():
        lines.append(
            f"| {name} | {t['cases']} | {pct(t['red_flag_recall'])} "
            f"({t['red_flag_cases'] - t['red_flags_missed']}/{t['red_flag_cases']}) | "
            f"{pct(t['emergency_recall'])} ({t['emergency_cases'] - t['emergencies_under_graded']}/"
            f"{t['emergency_cases']}) | {pct(t['exact_accuracy'])} | {pct(t['over_triage_rate'])} "
            f"({t['routine_over_triaged']}/{t['routine_cases']}) |"
        )
    return [*lines, ""]


def per_row_table(name: str, figures: dict[str, Any]) -> list[str]:
    lines = [
        f"Per table row, {name} (counts only):",
        "",
        "| row | messages | red flags missed | emergencies under-graded | calm over-triaged | exact |",
        "|---|---|---|---|---|---|",
    ]
    for row, c in figures["per_row"].items():
        lines.append(
            f"| {row} | {c.get('messages', 0)} | {c.get('red_flags_missed', 0)}/{c.get('red_flags', 0)} | "
            f"{c.get('emergencies_under_graded', 0)}/{c.get('emergencies', 0)} | "
            f"{c.get('over_triaged', 0)}/{c.get('calm', 0)} | {c.get('exact', 0)} |"
        )
    return [*lines, ""]


def misgraded_cases(name: str, figures: dict[str, Any]) -> list[str]:
    cases = figures.get("misgraded") or []
    if not cases:
        return [f"**{name}: every message was graded at the expected level.**", ""] if "misgraded" in figures else []
    lines = [f"### Messages graded differently from the label: {name} ({len(cases)})", ""]
    for case in sorted(cases, key=lambda c: MISGRADING_ORDER.index(c["problem"])):
        found = ", ".join(case["findings"]) or "nothing"
        lines.append(
            f'- *{case["problem"]}*: "{case["text"]}" - expected {LEVEL_IN_WORDS[case["expected"]]}, '
            f"the assistant said {LEVEL_IN_WORDS[case['graded']]} (it recognised: {found})."
        )
    return [*lines, ""]


def counts_line(title: str, groups: dict[str, dict[str, int]], keys: tuple[str, str, str]) -> list[str]:
    """ "title: a 3/4 (1 fallback); b 2/2." from counts per group: right, out of, and a problem count."""
    right, total, problem = keys
    parts = [
        f"{name} {c.get(right, 0)}/{c.get(total, 0)}" + (f" ({c[problem]} {problem})" if c.get(problem) else "")
        for name, c in groups.items()
    ]
    return [f"{title}: " + "; ".join(parts) + ".", ""]


def faq_section(http: dict[str, Any]) -> list[str]:
    corpora = (http.get("corpora") or {}).get("faq") or {}
    held = http.get("faq_heldout") or {}
    if not (corpora or held):
        return []
    lines = [
        "## Questions about the medicine",
        "",
        "| set | questions | right topic | fallback | graded urgent+ | everyday messages declined or chatted |",
        "|---|---|---|---|---|---|",
    ]
    for half, f in corpora.items():
        lines.append(
            f"| blind FAQ corpus, {half} half | {f['questions']} | {pct(f['right_topic'])} | "
            f"{pct(f['fallback'])} | {f['graded_urgent_or_above']} | "
            f"{pct(f['everyday_declined_or_chatted'])} ({f['everyday']}) |"
        )
    if held:
        lines.append(
            f"| held-out file (informed development) | {held['total']} | {pct(held['accuracy'])} | - | "
            f"{len(held['graded_urgent_or_above'])} | - |"
        )
    lines.append("")
    overdoses = {half: f.get("overdose_reports_given_overdose_advice") for half, f in corpora.items()}
    if any(overdoses.values()):
        lines += [
            'Questions that report taking too much ("took 150 instead of my usual 100 today") get the '
            "triage table's advice for an overdose without symptoms, at urgent; they count as the overdose "
            "topic answered, not as graded urgent+: "
            + ", ".join(f"{count} in the {half} half" for half, count in overdoses.items())
            + ".",
            "",
        ]
    sealed = corpora.get("sealed")
    if sealed:
        lines += counts_line(
            "Per topic, sealed half (right / questions; fallbacks)",
            sealed["per_topic"],
            ("right", "questions", "fallback"),
        )
    dev = corpora.get("dev") or {}
    if dev.get("misses"):
        lines += [f"Development half, questions that did not get their topic's answer ({len(dev['misses'])}):", ""]
        lines += [
            f'- "{m["text"]}" (topic {m["expected"]}): reply kind {m["kind"]}'
            + (f", answer for {m['answered']}" if m["answered"] else f', began "{m["first_line"]}"')
            for m in dev["misses"]
        ]
        lines.append("")
    return lines


def conversation_section(http: dict[str, Any]) -> list[str]:
    corpora = (http.get("corpora") or {}).get("conversations") or {}
    if not corpora:
        return []
    lines = [
        "## Conversations over several messages",
        "",
        "| half | conversations | red-flag conversations caught at some turn | emergencies caught | latest "
        "advice at the right level |",
        "|---|---|---|---|---|",
    ]
    for half, c in corpora.items():
        lines.append(
            f"| {half} | {c['conversations']} | {pct(c['peak_catches_red_flags'])} "
            f"({c['red_flag_conversations']}) | {pct(c['peak_catches_emergencies'])} "
            f"({c['emergency_conversations']}) | {pct(c['latest_matches'])} |"
        )
    lines.append("")
    sealed = corpora.get("sealed")
    if sealed:
        lines += counts_line(
            "Per pattern, sealed half (latest advice right / conversations; red flags missed)",
            sealed["per_pattern"],
            ("latest_right", "conversations", "red_flags_missed"),
        )
    return lines


def nlu_section(results: dict[str, Any]) -> list[str]:
    cv, held = results.get("cv") or {}, results.get("heldout") or {}
    if not (cv or held):
        return []
    lines = ["## Understanding (NLU), for reference", "", "| figure | value |", "|---|---|"]
    if cv.get("intent"):
        lines.append(
            f"| message type, 5-fold cross-validation, weighted F1 | {num(cv['intent']['weighted_f1'])} "
            f"(macro {num(cv['intent']['macro_f1'])}, {cv['intent']['examples']} phrasings) |"
        )
    if cv.get("faq_topic"):
        lines.append(
            f"| question topic, cross-validated, weighted F1 (ResponseSelector) | "
            f"{num(cv['faq_topic']['weighted_f1'])} |"
        )
    if held.get("faq_topic"):
        lines.append(
            f"| question topic, held-out file, accuracy (ResponseSelector alone) | "
            f"{pct(held['faq_topic']['accuracy'])} |"
        )
    lines.append("")
    if cv.get("intent"):
        confusions = cv["intent"]["top_confusions"][:6]
        if confusions:
            lines += [
                "Most frequent cross-validation confusions: "
                + "; ".join(f"`{c['expected']}` -> `{c['predicted']}` {c['count']}" for c in confusions)
                + ".",
                "",
            ]
    lines += [
        "Cross-validation re-uses the training phrasings and Rasa shuffles its folds without a seed; it is "
        "reported for comparison with earlier runs. The blind corpora are the measure.",
        "",
    ]
    return lines


def dialogue_section(results: dict[str, Any]) -> list[str]:
    dlg = results.get("dialogue") or {}
    if not dlg:
        return []
    lines = [
        "## Scripted conversations",
        "",
        f"- followed exactly: {dlg.get('stories_correct')}/{dlg.get('stories')} ({pct(dlg.get('story_accuracy'))})",
        f"- assistant steps correct: {dlg.get('actions_correct')}/{dlg.get('actions')} "
        f"({pct(dlg.get('action_accuracy'))})",
    ]
    if dlg.get("failed_stories"):
        lines.append("- went differently: " + "; ".join(dlg["failed_stories"]))
    return [*lines, ""]


def caveats() -> list[str]:
    return [
        "## What these figures do and don't show",
        "",
        "- The blind corpora were written by language models briefed as patients, carers and parents, not by "
        "patients. They vary wording, spelling and context on purpose, but real messages will include "
        "phrasings nobody anticipated. The training data for the learned detector was written the same way "
        "(by other writers, never shown the corpora), so the sealed figures may be optimistic for real "
        "patients' words.",
        "- Labels are two blind readers' agreement on the clinical reference, not a clinical panel's.",
        "- A correct urgency level does not prove the advice text is right for everyone: the advice comes "
        "from the red-flag table (`data/clinical/red_flags.yml`), which needs clinical review in its own right.",
        "- Nothing here measures whether people follow the advice, or other languages than English.",
        "",
    ]


def markdown(results: dict[str, Any]) -> str:
    http = results.get("over_http") or {}
    corpora = http.get("corpora") or {}
    lines = header(results) + sealed_summary(http)
    triage = corpora.get("triage") or {}
    if triage:
        lines += triage_table("Triage, blind corpus", {f"{half} half": f for half, f in triage.items()})
        for half, figures in triage.items():
            lines += per_row_table(f"{half} half", figures)
        if triage.get("dev"):
            lines += misgraded_cases("blind corpus, development half", triage["dev"])
    cases = http.get("case_files") or {}
    if cases:
        lines += triage_table("Triage, case files (informed development)", cases)
        for name, figures in cases.items():
            lines += misgraded_cases(name, figures)
    lines += faq_section(http) + conversation_section(http) + nlu_section(results) + dialogue_section(results)
    return "\n".join(lines + caveats())


# ---------------------------------------------------------------- one line


def one_line_summary(results: dict[str, Any], out: Path) -> dict[str, Any]:
    summary: dict[str, Any] = {"report": shown(out / "summary.md")}
    http = results.get("over_http") or {}
    corpora = http.get("corpora") or {}
    for half, t in (corpora.get("triage") or {}).items():
        for field in ("red_flag_recall", "emergency_recall", "exact_accuracy", "over_triage_rate"):
            summary[f"corpus_triage_{half}.{field}"] = t[field]
    for half, f in (corpora.get("faq") or {}).items():
        for field in (
            "right_topic",
            "fallback",
            "graded_urgent_or_above",
            "overdose_reports_given_overdose_advice",
            "crisis_replies",
            "everyday_declined_or_chatted",
        ):
            summary[f"corpus_faq_{half}.{field}"] = f.get(field)
    for half, c in (corpora.get("conversations") or {}).items():
        for field in ("peak_catches_red_flags", "peak_catches_emergencies", "latest_matches"):
            summary[f"corpus_conversations_{half}.{field}"] = c[field]
    for name, figures in (http.get("case_files") or {}).items():
        for field in ("red_flag_recall", "emergency_recall", "over_triage_rate"):
            summary[f"{Path(name).stem}.{field}"] = figures[field]
    if http.get("faq_heldout"):
        summary["heldout_faq_topic_accuracy_http"] = http["faq_heldout"]["accuracy"]
    cv = results.get("cv") or {}
    if cv.get("intent"):
        summary["cv_intent_weighted_f1"] = cv["intent"]["weighted_f1"]
    dlg = results.get("dialogue") or {}
    if dlg:
        summary["dialogue_story_accuracy"] = dlg.get("story_accuracy")
    summary["seconds"] = results.get("seconds")
    return summary
