"""The red-flag table is data a clinician can edit; a malformed entry must fail loudly."""

import copy

import pytest
import yaml

from bot.detect.patterns import _split_terms, compile_pattern
from bot.triage.lexicon import (
    CUES_FILE,
    LEVELS,
    RED_FLAGS_FILE,
    WORD_LIST_NAMES,
    LexiconError,
    load_lexicon,
    parse_cues,
    parse_lexicon,
)

RAW = yaml.safe_load(RED_FLAGS_FILE.read_text())
REFERENCE_ROWS = {
    "anaphylaxis",
    "sepsis",
    "collapse_chest_pain_seizure",
    "severe_bleeding",
    "neuro_deficit",
    "poisoning_emergency",
    "self_harm",
    "fever",
    "infection_signs",
    "bruising_bleeding",
    "liver",
    "severe_abdominal_pain",
    "anaemia_signs",
    "infection_contact",
    "hypersensitivity",
    "overdose_no_symptoms",
    "pregnancy",
    "skin_cancer_signs",
    "lymphoma_signs",
    "mild_rash",
    "persistent_gi",
    "mild_side_effects",
}


def test_the_shipped_table_loads():
    lexicon = load_lexicon()
    assert len(lexicon.findings) > 40
    assert {f.row for f in lexicon.findings.values()} >= REFERENCE_ROWS


def test_every_row_of_the_reference_table_has_a_finding_at_its_level():
    expected_level = {
        "anaphylaxis": "emergency",
        "sepsis": "emergency",
        "collapse_chest_pain_seizure": "emergency",
        "severe_bleeding": "emergency",
        "neuro_deficit": "emergency",
        "poisoning_emergency": "emergency",
        "self_harm": "emergency",
        "fever": "urgent",
        "infection_signs": "urgent",
        "bruising_bleeding": "urgent",
        "liver": "urgent",
        "anaemia_signs": "urgent",
        "infection_contact": "urgent",
        "hypersensitivity": "urgent",
        "overdose_no_symptoms": "urgent",
        "pregnancy": "soon",
        "skin_cancer_signs": "soon",
        "lymphoma_signs": "soon",
        "mild_rash": "soon",
        "persistent_gi": "soon",
        "mild_side_effects": "routine",
    }
    lexicon = load_lexicon()
    for row, level in expected_level.items():
        levels = {f.level for f in lexicon.findings.values() if f.row == row}
        assert level in levels, f"row {row} has no finding at level {level}: {levels}"


def _example(pattern: str) -> str:
    """A phrase the pattern should match: each term's first alternative, optional words and gaps left out."""
    words = []
    for term in _split_terms(pattern):
        if term == "..." or (term.startswith("(") and term.endswith(")")):
            continue
        first = term.strip("[]").split("|")[0]
        words.append(first.replace("*", ""))
    return " ".join(words)


def test_every_pattern_matches_the_phrase_it_describes():
    import spacy
    from spacy.matcher import Matcher

    from bot.detect.patterns import normalise_tokens

    nlp = spacy.blank("en")
    failures = []
    for finding in load_lexicon().findings.values():
        for pattern in (*finding.patterns, *finding.exclude):
            matcher = Matcher(nlp.vocab)
            matcher.add("p", compile_pattern(pattern, nlp))
            doc = nlp.make_doc(_example(pattern))
            normalise_tokens(doc)
            if not matcher(doc):
                failures.append(f"{finding.code}: {pattern!r} does not match {_example(pattern)!r}")
    assert not failures


def test_cues_load():
    cues = parse_cues(yaml.safe_load(CUES_FILE.read_text()))
    assert "not" in cues.negation and "if" in cues.conditional


@pytest.mark.parametrize(
    "block", ["who", "puzzled", "said_well", "intensity_denied", "intensity_led", "subject_dropped"]
)
def test_a_misspelt_word_list_name_is_refused(block):
    raw = yaml.safe_load(CUES_FILE.read_text())
    lists = raw[block]
    lists["misspelt_" + next(iter(lists))] = ["word"]
    with pytest.raises(LexiconError, match=f"{block}: unknown list names"):
        parse_cues(raw)


def test_a_missing_or_malformed_list_of_a_reports_dropped_subject_is_refused():
    """Each list builds a pattern: an empty one would silently stop it matching."""
    raw = yaml.safe_load(CUES_FILE.read_text())
    raw["subject_dropped"]["conditions"] = []
    with pytest.raises(LexiconError, match=r"subject_dropped: missing or empty lists \['conditions'\]"):
        parse_cues(raw)
    raw = yaml.safe_load(CUES_FILE.read_text())
    raw["subject_dropped"]["not_after_unless"] = ["the do"]
    with pytest.raises(LexiconError, match="not 'WORD unless WORDS'"):
        parse_cues(raw)


def test_every_word_list_name_the_code_knows_is_in_the_cues_file():
    raw = yaml.safe_load(CUES_FILE.read_text())
    assert {block: set(raw[block]) for block in WORD_LIST_NAMES} == {
        block: set(names) for block, names in WORD_LIST_NAMES.items()
    }


def _broken(mutate):
    raw = copy.deepcopy(RAW)
    mutate(raw)
    return raw


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["findings"][0].update(level="critical"), "level must be one of"),
        (lambda r: r["findings"][0].pop("why"), "'why' is missing"),
        (lambda r: r["findings"][0].update(source="Wikipedia"), "unknown source Wikipedia"),
        (lambda r: r["findings"][0].update(row="nowhere"), "row 'nowhere' is not listed"),
        (lambda r: r["findings"][1].update(code=r["findings"][0]["code"]), "duplicate code"),
        (lambda r: r["findings"][0].update(patterns=[]), "'patterns' is missing"),
        (lambda r: r["findings"][0].update(escalate={"loud": "emergency"}), "escalate needs"),
        (lambda r: r["findings"][0].update(suppressed_by=["no_such_code"]), "unknown codes"),
        (lambda r: r["combinations"][0].update(all_of=[["fever"], ["no_such_code"]]), "unknown finding codes"),
        (lambda r: r.update(version=2), "version: 1"),
    ],
)
def test_malformed_entries_are_refused_with_a_useful_message(mutate, message):
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(_broken(mutate))


def test_levels_are_ordered_from_least_to_most_urgent():
    assert LEVELS == ("routine", "soon", "urgent", "emergency")


def test_a_phrase_inside_an_optional_group_is_refused():
    # "(very|a bit)" would split at its space and match the brackets literally: the pattern would
    # never match what its reviewer reads ("neck going a bit stiff")
    import spacy

    with pytest.raises(ValueError, match="optional"):
        compile_pattern("neck (going|gone) (very|a bit) stiff", spacy.blank("en"))


def test_only_a_pattern_that_names_a_sentence_end_crosses_one():
    from bot.detect import default_detector

    detector = default_detector()
    crossed = detector.detect("Massive headache. Never had one like this.")
    assert "sudden_severe_headache" in {m.code for m in crossed.mentions}
    # a gap ("...") never reaches into the next sentence: "stiff|rigid|stiffness ... neck"
    gapped = detector.detect("my knees are stiff. neck is fine")
    assert "stiff_neck" not in {m.code for m in gapped.mentions}


def test_a_pattern_that_names_a_sentence_end_may_not_have_a_gap():
    from dataclasses import replace

    from bot.detect.matching import FindingMatcher
    from bot.detect.text import Tokenizer

    lexicon = load_lexicon()
    finding = next(iter(lexicon.findings.values()))
    broken = replace(finding, patterns=("headache ... . never had one like it",), exclude=())
    with pytest.raises(ValueError, match="sentence end"):
        FindingMatcher(replace(lexicon, findings={finding.code: broken}), Tokenizer(), set())
