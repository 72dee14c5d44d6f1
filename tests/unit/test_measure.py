"""The pure figures behind `make eval` and `make bench` (bot/measure/metrics.py): no servers."""

import random

import pytest

from bot.measure import metrics
from bot.measure.benchmark.report import compare, targets
from bot.measure.benchmark.scripts import Script, baseline_scripts, our_scripts
from bot.measure.chat import Reply
from bot.measure.evaluation.dialogue import _evaluation_tables
from bot.measure.evaluation.nlu import _fold_means, _without_custom_components
from bot.measure.evaluation.over_http import _overdose_advice


def test_percentile_interpolates_between_ranks_like_numpy():
    values = [4, 1, 3, 2]  # order does not matter
    assert metrics.percentile(values, 0) == 1
    assert metrics.percentile(values, 100) == 4
    assert metrics.percentile(values, 50) == pytest.approx(2.5)
    assert metrics.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert metrics.percentile([7.0], 99) == 7.0


@pytest.mark.parametrize("bad", [([], 50), ([1.0], -1), ([1.0], 101)])
def test_percentile_rejects_nonsense(bad):
    with pytest.raises(ValueError):
        metrics.percentile(*bad)


def test_latency_summary_in_milliseconds_and_messages_per_second():
    summary = metrics.latency_summary([0.1] * 99 + [1.0], wall_s=5.0, errors=2)
    assert summary["messages"] == 100 and summary["errors"] == 2
    assert summary["p50_ms"] == 100.0 and summary["p95_ms"] == 100.0
    assert summary["p99_ms"] == pytest.approx(109.0)
    assert summary["msgs_per_s"] == 20.0
    assert metrics.latency_summary([], wall_s=1.0)["p95_ms"] is None


def test_ratio_and_its_formatting():
    assert metrics.ratio(3.0, 2.0) == 1.5
    assert metrics.format_ratio(3.0, 2.0) == "1.50x"
    assert metrics.format_ratio(1.0, 3.0) == "0.33x"
    for ours, base in ((None, 1.0), (1.0, None), (1.0, 0)):
        assert metrics.ratio(ours, base) is None
        assert metrics.format_ratio(ours, base) == "n/a"


def test_bytes_are_shown_in_binary_units():
    assert metrics.format_bytes(512) == "512 B"
    assert metrics.format_bytes(1536 * 1024) == "1.5 MiB"
    assert metrics.format_bytes(int(1.5 * 1024**3)) == "1.50 GiB"
    assert metrics.format_bytes(None) == "n/a"


def test_targets_are_checked_in_the_right_direction():
    assert metrics.check_target(1.2, 1.5, at_most=True) is True
    assert metrics.check_target(1.6, 1.5, at_most=True) is False
    assert metrics.check_target(0.8, 0.8, at_most=False) is True
    assert metrics.check_target(None, 0.8, at_most=False) is None


PAIRS = [
    ("emergency", "emergency"),
    ("emergency", "urgent"),  # one emergency under-graded, still a red flag caught
    ("urgent", "urgent"),
    ("urgent", "soon"),  # one red flag missed
    ("soon", "soon"),
    ("soon", "routine"),
    ("routine", "routine"),
    ("routine", "routine"),
    ("routine", "urgent"),
    ("routine", "soon"),
]


def test_triage_metrics():
    figures = metrics.triage_metrics(PAIRS)
    assert figures["cases"] == 10
    assert figures["red_flag_recall"] == 0.75 and figures["red_flags_missed"] == 1
    assert figures["emergency_recall"] == 0.5 and figures["emergencies_under_graded"] == 1
    assert figures["exact_accuracy"] == 0.5
    assert figures["over_triage_rate"] == 0.25 and figures["routine_over_triaged"] == 1  # "soon" is not urgent+
    assert figures["under_graded"] == 3 and figures["over_graded"] == 2


def test_triage_rates_without_cases_are_none_not_zero():
    figures = metrics.triage_metrics([("routine", "routine")])
    assert figures["red_flag_recall"] is None and figures["emergency_recall"] is None
    assert figures["over_triage_rate"] == 0.0


def test_unknown_triage_level_is_an_error():
    with pytest.raises(ValueError):
        metrics.triage_metrics([("routine", "general")])


def test_confusion_matrix_rows_are_expected_columns_graded():
    matrix = metrics.confusion_matrix(PAIRS)
    assert matrix == [[2, 1, 1, 0], [1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]]
    assert sum(map(sum, matrix)) == len(PAIRS)


@pytest.mark.parametrize(
    ("expected", "got", "kind"),
    [
        ("urgent", "soon", "missed red flag"),
        ("emergency", "routine", "missed red flag"),
        ("emergency", "urgent", "under-graded emergency"),
        ("routine", "emergency", "over-triaged"),
        ("routine", "soon", "higher than expected"),
        ("urgent", "emergency", "higher than expected"),
        ("soon", "routine", "lower than expected"),
        ("soon", "soon", "correct"),
    ],
)
def test_misgrading_kinds(expected, got, kind):
    assert metrics.misgrading_kind(expected, got) == kind


REPORT = {
    "faq": {"precision": 0.9, "recall": 1.0, "f1-score": 0.947, "support": 10},
    "greet": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 4},
    "accuracy": 0.857,
    "macro avg": {"precision": 0.95, "recall": 0.75, "f1-score": 0.807, "support": 14},
    "weighted avg": {"precision": 0.93, "recall": 0.857, "f1-score": 0.867, "support": 14},
}


def test_rasa_report_per_class_and_summary():
    classes = metrics.per_class_f1(REPORT)
    assert set(classes) == {"faq", "greet"}
    assert classes["greet"] == {"f1": 0.667, "precision": 1.0, "recall": 0.5, "support": 4}
    assert metrics.report_summary(REPORT) == {"accuracy": 0.857, "macro_f1": 0.807, "weighted_f1": 0.867}
    assert metrics.worst_classes(classes, below=0.95) == [("greet", 0.667), ("faq", 0.947)]
    assert metrics.accuracy_over(REPORT, ["faq", "greet", "absent"]) == (12, 14)


def test_report_without_accuracy_falls_back_to_micro_average():
    report = {"a": REPORT["faq"], "micro avg": {"precision": 0.8, "recall": 0.8, "f1-score": 0.8, "support": 5}}
    assert metrics.report_summary(report)["accuracy"] == 0.8


def test_top_confusions_count_expected_to_predicted_pairs():
    errors = [
        {"text": "a", "intent": "faq", "intent_prediction": {"name": "out_of_scope", "confidence": 0.4}},
        {"text": "b", "intent": "faq", "intent_prediction": {"name": "out_of_scope", "confidence": 0.5}},
        {"text": "c", "intent": "greet", "intent_prediction": {"name": "thank", "confidence": 0.6}},
    ]
    top = metrics.top_confusions(errors, "intent", "intent_prediction")
    assert top[0] == {"expected": "faq", "predicted": "out_of_scope", "count": 2, "examples": ["a", "b"]}
    assert top[1]["count"] == 1


def test_rasa_log_tables_are_parsed():
    text = """
2024 INFO rasa.core.test - Evaluation Results on CONVERSATION level:
2024 INFO rasa.core.test - \tCorrect:          44 / 45
2024 INFO rasa.core.test - \tAccuracy:         0.978
2024 INFO rasa.core.test - Evaluation Results on ACTION level:
2024 INFO rasa.core.test - \tCorrect:          149 / 150
2024 INFO rasa.core.test - \tF1-Score:         0.990
2024 INFO rasa.core.test - \tAccuracy:         0.993
"""
    tables = _evaluation_tables(text)
    assert tables["CONVERSATION"] == {"correct": 44, "total": 45, "accuracy": 0.978}
    assert tables["ACTION"]["correct"] == 149 and tables["ACTION"]["accuracy"] == 0.993


def test_cross_validation_fold_means_are_parsed(tmp_path):
    log = tmp_path / "cv.log"
    log.write_text(
        "INFO rasa.nlu.test - Intent evaluation results\n"
        "INFO rasa.nlu.test - test F1-score: 0.953 (0.012)\n"
        "INFO rasa.nlu.test - Response Selection evaluation results\n"
        "INFO rasa.nlu.test - test Accuracy: 0.900 (0.020)\n"
    )
    assert _fold_means(log) == {
        "intent test F1-score": "0.953 ± 0.012",
        "response_selection test Accuracy": "0.900 ± 0.020",
    }


def test_cross_validation_config_keeps_only_the_learned_classifiers_and_the_fallback(tmp_path):
    from bot.settings import PROJECT_ROOT

    config = _without_custom_components(PROJECT_ROOT / "config.yml", tmp_path / "c.yml").read_text()
    assert "LinearIntentClassifier" in config and "LinearAnswerSelector" in config and "FallbackClassifier" in config
    assert "SymptomExtractor" not in config and "RedFlagSafetyNet" not in config


def test_load_mix_is_seeded_and_contains_every_kind():
    first = [s for _, s in zip(range(60), our_scripts(random.Random(1)), strict=False)]
    again = [s for _, s in zip(range(60), our_scripts(random.Random(1)), strict=False)]
    assert first == again
    assert {s.kind for s in first} == {"faq", "symptom", "form"}
    form = next(s for s in first if s.kind == "form")
    assert all(m in ("/deny", "/affirm") for m in form.messages[1:]) and len(form.messages) <= 9


def test_baseline_mix_uses_the_starter_bots_phrasings(tmp_path):
    nlu = tmp_path / "nlu.yml"
    nlu.write_text(
        'version: "3.1"\nnlu:\n'
        + "".join(
            f"- intent: {i}\n  examples: |\n    - {i} text\n"
            for i in ("greet", "goodbye", "affirm", "deny", "mood_great", "mood_unhappy", "bot_challenge")
        )
    )
    scripts = [s for _, s in zip(range(40), baseline_scripts(random.Random(2), nlu), strict=False)]
    assert {s.kind for s in scripts} == {"happy", "sad", "bot_challenge"}
    assert all(isinstance(s, Script) and s.messages for s in scripts)
    happy = next(s for s in scripts if s.kind == "happy")
    assert happy.messages == ("greet text", "mood_great text", "goodbye text")


def test_comparison_gives_every_figure_a_ratio_and_checks_the_targets():
    def bot(p95_1, rate_16, rss):
        return {
            "levels": {
                "1": {"p50_ms": 10, "p95_ms": p95_1, "p99_ms": 30, "msgs_per_s": 5},
                "16": {"p50_ms": 10, "p95_ms": 20, "p99_ms": 30, "msgs_per_s": rate_16},
            },
            "rss_after_load_bytes": {"rasa_server": rss},
            "rss_peak_bytes": {"rasa_server": rss, "action_server": 150 * 1024**2},
            "load_s": {"rasa_server": 30.0},
        }

    rows = compare(
        bot(60, 8, 1024**3),
        bot(50, 10, 512 * 1024**2),
        [1, 16],
        {"ours": {"training_s": 200.0}, "baseline": {"training_s": 100.0}},
    )
    assert rows["p95_ms@1"] == {"ours": 60, "baseline": 50, "ratio": 1.2}
    assert rows["msgs_per_s@16"]["ratio"] == 0.8
    assert rows["rss_peak_bytes.rasa_server"]["ratio"] == 2.0
    assert rows["training_s"]["ratio"] == 2.0
    assert rows["rss_peak_bytes.action_server"]["ours"] == 150 * 1024**2
    assert list(targets(rows, [1, 16]).values()) == [True, True, True, True, True]


def _reply(level: str, findings: list[str]) -> Reply:
    return Reply([{"text": "advice", "custom": {"triage": {"level": level, "findings": findings}}}])


def test_an_overdose_question_answered_by_the_overdose_advice_at_urgent_is_the_topic_answered():
    assert _overdose_advice("overdose", _reply("urgent", ["overdose"]), "urgent")
    assert _overdose_advice("overdose", _reply("urgent", ["overdose_described"]), "urgent")
    # Graded above the table's level, about something else, or another topic: not the overdose advice.
    assert not _overdose_advice("overdose", _reply("emergency", ["overdose", "drowsiness"]), "emergency")
    assert not _overdose_advice("overdose", _reply("urgent", ["fever"]), "urgent")
    assert not _overdose_advice("missed_dose", _reply("urgent", ["overdose"]), "urgent")


def _fake_stack(start):
    """A stack class for `runtime.assistant_stack` whose start is `start(settings)`: no servers run."""

    class FakeStack:
        services: list = []

        def __init__(self, settings, with_web, log_dir):
            self.settings = settings

        def start(self, on_ready=None):
            start(self.settings)

        def stop(self):
            pass

    return FakeStack


def test_the_stack_starts_again_on_new_ports_when_a_port_was_taken_before_the_server_bound_it(monkeypatch, tmp_path):
    from bot.launcher import LaunchError
    from bot.measure import runtime

    started: list[int] = []

    def start(settings):
        started.append(settings.rasa_port)
        if len(started) == 1:
            raise LaunchError("the rasa server exited while starting:\nOSError: [Errno 98] Address already in use")

    monkeypatch.setattr(runtime, "Stack", _fake_stack(start))
    with runtime.assistant_stack(tmp_path, tmp_path / "logs") as (stack, _):
        assert stack.settings.rasa_port == started[-1]
    assert len(started) == 2


def test_a_server_that_fails_for_another_reason_is_not_started_again(monkeypatch, tmp_path):
    from bot.launcher import LaunchError
    from bot.measure import runtime

    attempts: list[int] = []

    def start(settings):
        attempts.append(1)
        raise LaunchError("no trained model at models/assistant.tar.gz: run `make train`")

    monkeypatch.setattr(runtime, "Stack", _fake_stack(start))
    with pytest.raises(LaunchError, match="no trained model"), runtime.assistant_stack(tmp_path, tmp_path / "logs"):
        pass
    assert len(attempts) == 1


def test_a_later_failure_is_not_mistaken_for_a_taken_port_by_an_earlier_attempts_log(monkeypatch, tmp_path):
    """Each attempt starts with fresh logs: the tail quoted in the second failure is the second attempt's."""
    from types import SimpleNamespace

    from bot.launcher import LaunchError
    from bot.measure import runtime

    log = tmp_path / "logs" / "rasa-server.log"
    log.parent.mkdir()
    said = ["OSError: [Errno 98] Address already in use", "no trained model at models/assistant.tar.gz"]
    attempts: list[int] = []

    def start(settings):
        with open(log, "a") as server_output:  # as a server writes its log
            server_output.write(said[min(len(attempts), 1)] + "\n")
        attempts.append(1)
        raise LaunchError("the rasa server exited while starting:\n" + log.read_text())

    stack = _fake_stack(start)
    stack.services = [SimpleNamespace(log_path=log)]
    monkeypatch.setattr(runtime, "Stack", stack)
    with pytest.raises(LaunchError, match="no trained model") as failure, runtime.assistant_stack(tmp_path, log.parent):
        pass
    assert len(attempts) == 2
    assert "already in use" not in str(failure.value)
