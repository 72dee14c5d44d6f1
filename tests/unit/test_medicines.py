"""The medicine checker's table, how it finds names, and what it says (data/clinical/medicines.yml)."""

import re

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.detect.spelling import english_words
from bot.triage.medicines import (
    LEVELS,
    NamedMedicines,
    load_medicines,
    medicine_reply,
    named_medicines,
    payload_medicines,
)

TABLE = load_medicines()
ENGLISH = english_words()
NAMES = sorted((name, m.key) for m in TABLE.medicines for name in m.names)
OTHERS = ("tofacitinib", "hydroxychloroquine", "omeprazole")
CAUTION = {m.key for m in TABLE.medicines if m.level in ("avoid", "specialist")}


def keys(text: str) -> list[str]:
    return [m.key for m in named_medicines(text, TABLE, OTHERS, ENGLISH).found]


def test_the_table_covers_the_interactions_in_the_clinical_reference():
    covered = {name for m in TABLE.medicines for name in m.names}
    for name in (
        "allopurinol", "oxipurinol", "febuxostat", "co-trimoxazole", "trimethoprim", "ramipril", "lisinopril",
        "enalapril", "perindopril", "warfarin", "ribavirin", "mesalazine", "sulfasalazine", "mmr", "clozapine",
        "methotrexate", "infliximab", "paracetamol", "ibuprofen", "naproxen", "cetirizine", "amoxicillin",
        "contraceptive pill", "atorvastatin",
    ):  # fmt: skip
        assert name in covered, name


@pytest.mark.parametrize(("name", "key"), NAMES)
def test_every_name_and_brand_is_found_in_a_question(name, key):
    assert keys(f"can I take {name} with azathioprine?") == [key]
    assert keys(f"{name.upper()} and aza ok?") == [key]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([(n, k) for n, k in NAMES if len(n) >= 8 and n.isalpha() and k in CAUTION]), st.data())
def test_a_name_that_needs_care_is_still_found_with_one_letter_missing(pair, data):
    name, key = pair
    position = data.draw(st.integers(1, len(name) - 2))
    typo = name[:position] + name[position + 1 :]
    if typo in ENGLISH:  # an everyday word is never read as a misspelt name
        return
    assert key in keys(f"is {typo} ok with imuran")


def test_everyday_words_are_not_read_as_names():
    assert keys("is the station near the hospital, and is my statement ready") == []


def test_several_medicines_in_one_message_in_the_order_named():
    assert keys("ramipril, allopurinol and paracetamol with aza?") == ["ace_inhibitors", "allopurinol", "paracetamol"]


def test_an_unknown_medicine_is_reported_never_called_safe():
    named = named_medicines("can I take tofacitinib with imuran", TABLE, OTHERS, ENGLISH)
    assert named.unknown == ("tofacitinib",) and not named.found
    reply = medicine_reply(named, TABLE)
    assert TABLE.unknown in reply
    assert not any(TABLE.levels[level] in reply for level in LEVELS)


def test_the_reply_puts_the_most_cautious_first_and_never_says_to_stop_alone():
    reply = medicine_reply(named_medicines("paracetamol, febuxostat or ramipril?", TABLE, OTHERS, ENGLISH), TABLE)
    assert reply.index("Febuxostat") < reply.index("Ace inhibitor") < reply.index("Paracetamol")
    assert TABLE.never_yourself in reply


@pytest.mark.parametrize("medicine", TABLE.medicines, ids=lambda m: m.key)
def test_every_answer_reads_easily_and_names_its_source(medicine):
    reply = medicine_reply(NamedMedicines((medicine,), ()), TABLE)
    body = re.sub(r"Source:.*$", "", reply.split("\n\n")[0])
    assert textstat.flesch_kincaid_grade(body) <= 8.0, body
    assert re.search(r"Source: [^.]+\.", reply)
    # Never a dose change or a stop the person makes on their own.
    assert not re.search(
        r"\b(stop|start) taking\b|\bincrease\b|\bdouble\b|\bstop your azathioprine\b(?! unless)", reply, re.IGNORECASE
    )
    # Region-neutral: numbers and services come from the region's reply, not the table.
    assert not re.search(r"\b(999|911|112|NHS 111|GP)\b", reply)


def test_names_survive_the_trip_through_the_message_payload():
    named = named_medicines("trimethoprim and tofacitinib with aza", TABLE, OTHERS, ENGLISH)
    assert payload_medicines(named.as_payload(), TABLE) == named
    assert not payload_medicines(None, TABLE)


@pytest.mark.parametrize(
    ("text", "asks"),
    [("can I take ibuprofen with it", True), ("is clarithromycin ok", True), ("side effects of clarithromycin", False)],
)
def test_asking_about_taking_together(text, asks):
    assert TABLE.asks_about_taking_together(text) is asks


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("is sulfamethoxazole-trimethoprim ok with aza", "trimethoprim"),
        ("can i have 6-mercaptopurine and azathioprine", "mercaptopurine"),
    ],
)
def test_hyphenated_names_are_found(text, key):
    assert key in keys(text)


def test_a_near_miss_is_never_read_as_a_medicine_that_is_usually_fine():
    # penicillamine is not penicillin: unknown, never "usually fine"
    assert keys("can i take penicillamine with aza") == []


@pytest.mark.parametrize(
    ("key", "level"),
    [("febuxostat", "avoid"), ("ribavirin", "avoid"), ("mercaptopurine", "avoid"), ("live_vaccines", "avoid"),
     ("allopurinol", "specialist"), ("trimethoprim", "specialist"), ("co_trimoxazole", "specialist"),
     ("paracetamol", "tell_pharmacist"), ("nsaids", "tell_pharmacist"), ("statins", "not_listed")],
)  # fmt: skip
def test_levels_follow_the_clinical_reference(key, level):
    assert TABLE.by_key(key).level == level


def test_every_answer_says_it_checked_only_the_medicines_named():
    assert medicine_reply(named_medicines("paracetamol with aza?", TABLE), TABLE).endswith(TABLE.only_named)
