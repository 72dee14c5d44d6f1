"""Blood results read against the limits in data/clinical/blood_tests.yml, and what the assistant
says about them: every limit at, just under and just over its value, US units, units that don't fit,
impossible numbers, results together with symptoms."""

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.detect import default_detector
from bot.nlu.routing import ASK_BLOOD_RESULT, REPORT_SYMPTOM, route
from bot.regions import load_regions
from bot.triage import default_engine
from bot.triage.blood_results import (
    ABOVE,
    BELOW,
    IMPOSSIBLE,
    INSIDE,
    NEED_UNIT,
    NOT_COVERED,
    OUTSIDE,
    VAGUE,
    WRONG_UNIT,
    find_results,
    load_blood_tests,
    parse_blood_tests,
    result_lines,
)
from bot.triage.lexicon import SOURCE_KEYS
from bot.triage.replies import blood_result_detail, symptom_detail

TABLE = load_blood_tests()
LIMITED = [test for test in TABLE.tests if test.limit is not None]
UK = load_regions()["uk"]


def readings(text: str) -> list[tuple[str, str]]:
    return [(r.test, r.reading) for r in find_results(text)]


def assess(text: str):
    return default_engine().grade(default_detector().detect(text))


def test_the_table_has_every_limit_of_the_clinical_reference():
    limits = {test.key: (test.limit_side, test.limit) for test in LIMITED}
    assert limits == {
        "white_cells": (BELOW, 3.5),
        "neutrophils": (BELOW, 1.6),
        "platelets": (BELOW, 140),
        "alt": (ABOVE, 100),
        "ast": (ABOVE, 100),
        "mcv": (ABOVE, 105),
        "eosinophils": (ABOVE, 0.5),
        "albumin": (BELOW, 30),
    }


def test_every_test_names_a_known_source():
    for test in TABLE.tests:
        assert all(key.strip() in SOURCE_KEYS for key in test.source.split(",")), test.key


def test_a_malformed_table_is_refused():
    import yaml

    from bot.triage.blood_results import BLOOD_TESTS_FILE

    raw = yaml.safe_load(BLOOD_TESTS_FILE.read_text(encoding="utf-8"))
    raw["tests"][0]["limit"] = {"between": 3}
    with pytest.raises(ValueError, match="limit"):
        parse_blood_tests(raw)


def _just(value: float, step: float) -> str:
    return f"{value + step:g}"


@pytest.mark.parametrize("test", LIMITED, ids=lambda t: t.key)
def test_every_limit_at_just_under_and_just_over(test):
    assert test.limit is not None
    step = 0.1 if test.limit < 10 else 1
    name = test.names[0]
    at, under, over = (
        readings(f"{name} {test.limit:g}"),
        readings(f"{name} {_just(test.limit, -step)}"),
        readings(f"{name} {_just(test.limit, step)}"),
    )
    assert at == [(test.key, INSIDE)]  # the limit itself is inside: "under 1.6" means less than 1.6
    if test.limit_side == BELOW:
        assert under == [(test.key, OUTSIDE)] and over == [(test.key, INSIDE)]
    else:
        assert under == [(test.key, INSIDE)] and over == [(test.key, OUTSIDE)]


@pytest.mark.parametrize("test", LIMITED, ids=lambda t: t.key)
def test_every_name_of_every_test_is_read(test):
    for name in test.names:
        assert [key for key, _ in readings(f"my {name} is 1.0")] == [test.key], name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my neutrophils are 1.2, is that bad?", [("neutrophils", OUTSIDE)]),
        ("Neutrophils: 1.2 x10^9/L", [("neutrophils", OUTSIDE)]),
        ("neutrophils 1.2 x 10*9/l", [("neutrophils", OUTSIDE)]),
        ("neutrophils 1.2 ×10⁹/L", [("neutrophils", OUTSIDE)]),
        ("ANC 1.2 K/uL", [("neutrophils", OUTSIDE)]),  # US: the same number
        ("ANC 1500 cells/uL", [("neutrophils", OUTSIDE)]),  # 1.5 x10^9/L
        ("ANC 2000 cells/uL", [("neutrophils", INSIDE)]),
        ("platelets have dropped to 95", [("platelets", OUTSIDE)]),
        ("wbc 3.1, neut 1.2, plt 150", [("white_cells", OUTSIDE), ("neutrophils", OUTSIDE), ("platelets", INSIDE)]),
        ("neutrophils went from 2.1 to 1.2", [("neutrophils", OUTSIDE)]),
        ("ALT 120 U/L", [("alt", OUTSIDE)]),
        ("my AST came back at 85 IU/L", [("ast", INSIDE)]),
        ("albumin 2.8 g/dL", [("albumin", OUTSIDE)]),  # 28 g/L
        ("albumin 3.2 g/dl", [("albumin", INSIDE)]),  # 32 g/L
        ("MCV 106 fL", [("mcv", OUTSIDE)]),
        ("neutrophils below 1.5", [("neutrophils", OUTSIDE)]),
        ("neutrophils under 2", [("neutrophils", VAGUE)]),
        ("alt over 150", [("alt", OUTSIDE)]),
        ("Hb 12.5 g/dL", [("haemoglobin", NOT_COVERED)]),
        ("lymphocytes 0.8", [("lymphocytes", NOT_COVERED)]),
        ("creatinine 95", [("creatinine", NOT_COVERED)]),
        ("bilirubin 1.2 mg/dL", [("bilirubin", NOT_COVERED)]),
        ("eGFR 45 ml/min", [("egfr", NOT_COVERED)]),
        ("platelets 95 g/L", [("platelets", WRONG_UNIT)]),
        ("neutrophils 45%", [("neutrophils", WRONG_UNIT)]),
        ("ALT 120 g/dL", [("alt", WRONG_UNIT)]),
        ("ANC 1500", [("neutrophils", NEED_UNIT)]),
        ("platelets 95,000", [("platelets", NEED_UNIT)]),
        ("albumin 3.2", [("albumin", NEED_UNIT)]),
        ("platelets 4000 x10^9/L", [("platelets", IMPOSSIBLE)]),
        ("mcv 5", [("mcv", IMPOSSIBLE)]),
        # A report's reference range, a date or a time before the value is not the value.
        ("Neutrophils (2.0-7.5) 1.2", [("neutrophils", OUTSIDE)]),
        ("Neutrophils 2.0-7.5 1.4", [("neutrophils", OUTSIDE)]),
        ("Platelets [150-400]: 120", [("platelets", OUTSIDE)]),
        ("Platelet count (150 - 410 10*9/L) 118", [("platelets", OUTSIDE)]),
        ("WBC 3.2 L (4.0-11.0)", [("white_cells", OUTSIDE)]),
        ("neutrophils 12.11.2024 1.4", [("neutrophils", OUTSIDE)]),
        ("neutrophils (12 Nov) 1.2", [("neutrophils", OUTSIDE)]),
        ("neutrophils at 0800 were 1.2", [("neutrophils", OUTSIDE)]),
        ("platelets 12-11-2024 130", [("platelets", OUTSIDE)]),
        ("neutrophils 2.4 last time, now 1.2", [("neutrophils", OUTSIDE)]),
        ("Hb 128 g/L, WBC 4.1, Plt 210, Neut 2.3", [
            ("haemoglobin", NOT_COVERED), ("white_cells", INSIDE), ("platelets", INSIDE), ("neutrophils", INSIDE)
        ]),
        ("Neutrophils (Absolute) 1.2 x10E3/uL", [("neutrophils", OUTSIDE)]),
        ("ANC 1200 cells/mm3", [("neutrophils", OUTSIDE)]),
        # A percentage, wherever its sign is, is a question about the unit.
        ("Neutrophils % 12", [("neutrophils", WRONG_UNIT)]),
        ("Neutrophils (%) 12", [("neutrophils", WRONG_UNIT)]),
        ("neutrophils 45", [("neutrophils", NEED_UNIT)]),
        ("eos 5", [("eosinophils", NEED_UNIT)]),
        ("albumin 5.2", [("albumin", NEED_UNIT)]),
        ("CRP 38.5", [("crp", NOT_COVERED)]),
    ],
)  # fmt: skip
def test_results_are_read_with_their_units(text, expected):
    assert readings(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "neutrophils fine, temp 38.5",  # the number is the temperature's
        "my neutrophils have been low for 3 weeks",
        "I take 150mg of azathioprine and my platelets are fine",
        "what is a normal neutrophil count?",
        "why do I need blood tests?",
        "I had 2 blood tests this month",
        "alternative medicines 2 try",
    ],
)
def test_numbers_that_are_not_results_are_not_read(text):
    assert readings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "platelets 150 to 400 is normal, mine is fine",
        "platelets 150-400 is the normal range?",
        "call the haematology line about my platelets on 0161 123 4567",
        "ALT was high in 2022",
        "my neutrophils were high 38.5 temperature",
    ],
)
def test_ranges_phone_numbers_years_and_temperatures_are_not_results(text):
    assert readings(text) == []


def test_a_question_about_a_bound_is_not_the_persons_result():
    assert assess("can azathioprine lower neutrophils below 1.5?").level is None


def test_a_result_stays_a_result_whatever_else_the_sentence_says():
    assert assess("i stopped aza last month, neutrophils 1.4").level == "urgent"


def test_with_a_fever_a_result_inside_the_limit_does_not_say_wait():
    reply = symptom_detail(assess("neutrophils 2.3 and temp 38.5"), UK)
    assert reply.custom["triage"]["level"] == "urgent"
    assert "next review" not in reply.text and "don't ask for action" not in reply.text


def test_a_result_is_not_a_temperature():
    assessment = assess("albumin 37.8")
    assert assessment.temperature_c is None and assessment.level == "routine"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my neutrophils are 1.2, is that bad?", "urgent"),
        ("platelets 139", "urgent"),
        ("neutrophils 2.1 and platelets 200", "routine"),
        ("neutrophils 1.2 and a temp of 38.5", "emergency"),
        ("platelets 95 and a sore throat", "emergency"),
        ("MCV 107 and a bit of a cold", "urgent"),  # a cold alone is not a sign of infection here
        ("my white count was 2.9 and I've got mouth ulcers", "emergency"),
        ("neutrophils 2.1 and a temperature of 38.4", "urgent"),  # the fever, not the result
        ("ALT 150 and I feel a bit sick", "urgent"),
        # a later number that a temperature word comes before is the temperature, not a new count
        ("Neutrophils 0.9 and now febrile 38.5.", "emergency"),
        ("white cells 2.9, now a temperature of 38.2", "emergency"),
        # ...but a temperature denied, or a number out of a body's range, leaves the later count the latest
        ("Neutrophils 1.1 last month, now no temp, 2.8 on Tuesday's bloods", "routine"),
        ("white cells were 3.1 in May, now (no fever) 5.2", "routine"),
    ],
)
def test_results_grade_the_message_with_its_symptoms(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text", ["what if my neutrophils drop below 1.5?", "my husband's platelets are 95, he doesn't take aza"]
)
def test_a_result_someone_else_has_or_might_have_grades_nothing(text):
    assessment = assess(text)
    assert assessment.level is None and not assessment.results


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # With a fever or a sign of infection: possible neutropenic sepsis.
        ("my white count was low and now i have a temp of 38.5", "emergency"),
        ("white cell count came back low, also got a sore throat", "emergency"),
        ("low neuts and shivering", "emergency"),
        # Alone it grades nothing (the symptom check asks about the rest): "low" without a number is
        # too often long-standing, someone else's or already in the team's hands.
        ("The practice nurse rang to say my white cell count was low on Tuesday's blood test.", None),
        ("my platelets have dropped", None),
        # With its number, the number decides.
        ("platelets dropped to 150", "routine"),
        ("platelets dropped to 120", "urgent"),
        ("neutrophils low at 1.9", "routine"),
        # Another count, not low, long-standing, or asked about: nothing, even with a cold sign.
        ("white cells fine, iron low and a sore throat", "urgent"),
        ("my white cells have dropped slightly but still within normal range, and a sore throat", "urgent"),
        ("I've always had lowish platelets, haematologist not worried. Sore throat today", "urgent"),
        ("my platelets were low but have come back up, sore throat today", "urgent"),
        ("white count was low, now it's normal again, and I've got a sore throat", "urgent"),
        ("my white cell count is not low", None),
        ("white count low normal", None),
        ("does aza cause a low white count?", None),
    ],
)
def test_a_count_said_to_be_low_without_its_number_matters_with_an_infection(text, level):
    assert assess(text).level == level


def test_a_count_said_to_be_low_is_read_only_of_the_count():
    for text in ("white cells fine, iron low", "platelets ok, mood low", "had my blood count done, dropped the kids"):
        assert "blood_count_said_low" not in assess(text).findings
    mentions = default_detector().detect("nurse rang, white count low").mentions
    assert [(m.code, m.asserted) for m in mentions] == [("blood_count_said_low", True)]


def test_the_result_names_the_test_and_the_value_in_the_reason():
    assessment = assess("wbc 3.1, plt 120")
    (reason,) = assessment.reasons
    assert "white cell count 3.1 x10^9/L" in reason.label and "platelets 120 x10^9/L" in reason.label


def test_results_route_to_a_reply_about_them():
    inside, unread = assess("neutrophils 2.1"), assess("my hb is 115")
    # Even when the classifier is sure the message is a FAQ question.
    assert route(inside, "faq", 0.99, 0.99).intent == REPORT_SYMPTOM
    assert route(unread, "faq", 0.99, 0.99).intent == ASK_BLOOD_RESULT
    assert route(assess("neutrophils 1.2"), "faq", 0.99, 0.99).triage_level == "urgent"


def test_the_reply_outside_a_limit_says_same_day_and_never_to_change_the_dose():
    reply = symptom_detail(assess("my neutrophils are 1.2"), UK)
    assert "under 1.6 x10^9/L" in reply.text and TABLE.never_yourself in reply.text
    assert TABLE.local_limits in reply.text
    assert reply.custom["triage"]["level"] == "urgent"
    assert "Source:" in reply.text


def test_the_reply_inside_says_next_review():
    reply = symptom_detail(assess("platelets 200"), UK)
    assert "next review" in reply.text and "only about platelets being too low" in reply.text
    assert reply.custom["triage"]["level"] == "routine"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("my hb is 115", "don't cover haemoglobin"),
        ("platelets 95 g/L", "Can you check the unit"),
        ("ANC 1500", "Can you tell me the unit"),
        ("platelets 4000 x10^9/L", "Can you check the number"),
        ("neutrophils under 2", "exact number"),
        ("creatinine 95", "one result can't show that"),
    ],
)
def test_results_no_limit_grades_are_explained_or_asked_about_never_guessed(text, says):
    reply = blood_result_detail(assess(text), UK)
    assert says in reply.text
    assert "999" in reply.text  # the way out
    assert not reply.custom  # no card: nothing was graded
    assert "that is" not in reply.text  # no reading against a limit


def test_every_reply_line_reads_easily():
    texts = [
        "wbc 3.1, neut 1.2, plt 150, alt 120, ast 130, mcv 110, eos 0.6, albumin 25",
        "my hb is 115 and creatinine 95",
        "platelets 95 g/L",
        "ANC 1500",
        "mcv 5",
        "neutrophils under 2",
    ]
    for text in texts:
        for line in result_lines(assess(text).results):
            assert textstat.flesch_kincaid_grade(line) <= 10, line


@settings(max_examples=60, deadline=None)
@given(
    test=st.sampled_from(LIMITED),
    value=st.floats(min_value=0, max_value=2000, allow_nan=False).map(lambda v: round(v, 2)),
)
def test_a_result_is_outside_exactly_when_it_is_past_its_limit(test, value):
    (result,) = find_results(f"{test.names[0]} {value:g}")
    low, high = test.possible
    assert test.limit is not None
    if not low <= value <= high:
        assert result.reading in (IMPOSSIBLE, NEED_UNIT)
    elif test.limit_side == BELOW:
        assert result.reading == (OUTSIDE if value < test.limit else INSIDE)
    else:
        assert result.reading == (OUTSIDE if value > test.limit else INSIDE)
