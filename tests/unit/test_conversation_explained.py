"""A later message that takes the latest report back without saying "correction": it was someone
else's, who does not take the medicine, and the writer is well; the tablets were counted and none is
missing; the mark came off with a wipe. What the user notices: the advice goes down and the reply
says what was taken back. And what only sounds like it leaves the advice standing. Patterns only
(no learned detector)."""

from __future__ import annotations

import pytest

from bot.detect.conversation import default_cue_reader
from bot.nlu.symptom_extractor import TRIAGE_KEY, SymptomExtractor
from tests.unit.test_symptom_extractor_conversation import converse


@pytest.fixture(scope="module")
def extractor() -> SymptomExtractor:
    return SymptomExtractor(SymptomExtractor.get_default_config(), None, None, None)  # type: ignore[arg-type]


def _taken_back(extractor: SymptomExtractor, report: str, follow_up: str, before: str) -> dict:
    first, second = converse(extractor, report, follow_up)
    assert first[TRIAGE_KEY]["level"] == before
    return second[TRIAGE_KEY]


@pytest.mark.parametrize(
    ("report", "follow_up", "before"),
    [
        (
            "Lips puffed right up and she can't get her breath",
            "Sorry, I wrote that badly. It isn't me, it's my neighbour Joan, and she takes nothing of the sort. "
            "I'm perfectly well myself.",
            "emergency",
        ),
        (
            "temperature 38.6 and a sore throat",
            "My mistake, that's my husband's, he doesn't take azathioprine. Mine is 36.5 and I feel fine.",
            "urgent",
        ),
        (
            "My brother is being sick blood",
            "I explain bad. My brother not take azathioprine, only me. For me there is no problem, I feel good.",
            "emergency",
        ),
        (
            "Sore throat and a temp of 38.4",
            "It's Grandad with the throat and the temp, not Nan. Grandad isn't on any tablets. "
            "Nan's the one on azathioprine and she's fine.",
            "urgent",
        ),
    ],
)
def test_a_report_given_to_someone_else_who_does_not_take_it_is_taken_back(extractor, report, follow_up, before):
    triage = _taken_back(extractor, report, follow_up, before)
    assert triage["level"] == "routine"
    assert triage["episode"]["retracted"]
    # Taken back from an emergency, the reply still names the emergency signs.
    assert triage["episode"]["was_emergency"] == (before == "emergency")


@pytest.mark.parametrize(
    "follow_up",
    [
        # The writer is the one not on it: the report was someone else's who may take it.
        "I'm not on it yet and I feel fine myself",
        # Other medicines: he may still be on azathioprine.
        "I'm fine, he doesn't take anything else",
        "he's not on any other tablets, I'm ok",
        # Stopped or paused: he may still be affected.
        "he's not on it any more, I'm fine",
        "he's not on it at the moment, I feel fine",
        # Nobody else named before the denial.
        "not taking it with food, I feel ok",
    ],
)
def test_what_only_sounds_like_someone_else_keeps_the_advice(extractor, follow_up):
    first, second = converse(extractor, "my husband has a temperature of 39 and he's shivering", follow_up)
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert second[TRIAGE_KEY]["level"] in (None, "urgent", "emergency")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


@pytest.mark.parametrize(
    ("report", "follow_up", "before"),
    [
        (
            "my 3 year old has swallowed one of my azathioprine tablets",
            "ok I've counted them, all 14 still in the strip, none missing and nothing in her mouth",
            "emergency",
        ),
        (
            "my toddler had my imuran packet in his mouth!!",
            "Found it, the tablet was under the chair, not chewed, every one is accounted for",
            "emergency",
        ),
        (
            "I think I took my aza twice this morning",
            "checked the dosette box and only today's one has gone, so I only had the one",
            "urgent",
        ),
    ],
)
def test_tablets_counted_and_none_missing_take_back_the_swallowing(extractor, report, follow_up, before):
    triage = _taken_back(extractor, report, follow_up, before)
    assert triage["level"] == "routine"
    assert triage["episode"]["retracted"]


@pytest.mark.parametrize(
    "follow_up",
    [
        "counted them and one is missing",
        "she chewed half of it, the rest are all there",
        "I counted, they're all there apart from the one in her hand",
        "not sure, I think they're all there but she might have had one",
        "he definitely swallowed one, the others are all there",
    ],
)
def test_a_count_that_leaves_one_unaccounted_keeps_the_emergency(extractor, follow_up):
    _, second = converse(extractor, "my 2 year old swallowed one of my azathioprine tablets", follow_up)
    assert second[TRIAGE_KEY]["level"] in (None, "emergency")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


@pytest.mark.parametrize(
    ("report", "follow_up", "before"),
    [
        (
            "tiny purple dots all over my son's legs, he's 6 and on aza",
            "Panic over, it's felt tip. His sister drew on him and it came straight off with a baby wipe",
            "urgent",
        ),
        (
            "her lips have gone blue",
            "it's blue ice lolly, wiped off with a flannel and she's pink underneath",
            "emergency",
        ),
        ("a new mole on my back that has changed shape", "It's biro! Washed off with soap.", "soon"),
    ],
)
def test_a_mark_that_came_off_is_taken_back(extractor, report, follow_up, before):
    triage = _taken_back(extractor, report, follow_up, before)
    assert triage["level"] == "routine"
    assert triage["episode"]["retracted"]


@pytest.mark.parametrize(
    "follow_up",
    [
        "tried a wet wipe and it didn't come off",
        "some came off with a wipe but the rest are still there",
        "I can still see them after I washed off the felt tip",
    ],
)
def test_a_mark_that_did_not_all_come_off_keeps_the_advice(extractor, follow_up):
    _, second = converse(extractor, "tiny purple dots all over my son's legs, he's 6 and on aza", follow_up)
    assert second[TRIAGE_KEY]["level"] in (None, "urgent", "emergency")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")


def test_what_the_follow_up_itself_reports_still_counts(extractor):
    _, second = converse(
        extractor,
        "my daughter swallowed one of my imuran",
        "counted, all 28 are there and none missing. But she's been sick twice and is very drowsy",
    )
    assert second[TRIAGE_KEY]["level"] == "emergency"
    assert "child_ingestion" in second[TRIAGE_KEY]["findings"]


def test_the_explained_findings_are_those_the_cue_file_lists():
    reader = default_cue_reader()
    assert "child_ingestion" in reader.read("counted and none missing").explained
    assert "petechiae" in reader.read("it was paint, it came right off").explained
    assert reader.read("it came right off").explained == reader.read("it's felt tip").explained
    assert not reader.read("the spots are still there").explained
