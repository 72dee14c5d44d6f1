"""The learned detector: trained on its own corpus, it may only add findings, never lower a level."""

from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.detect import assess, default_detector
from bot.detect.combine import learned_mentions
from bot.detect.learned import Example, FindingClassifier, corpus_fingerprint, load_training_corpus
from bot.detect.pipeline import FindingPipeline
from bot.measure.corpus import load
from bot.nlu.symptom_extractor import SymptomExtractor
from bot.triage import default_engine
from bot.triage.findings import Detection
from bot.triage.lexicon import LEVEL_RANK, load_lexicon

LEXICON = load_lexicon()


@cache
def classifier() -> FindingClassifier:
    return FindingClassifier.train(load_training_corpus(), LEXICON.learned_findings.keys())


def sure(row: str) -> dict[str, float]:
    return {row: 0.99}


def test_every_learned_finding_has_a_row_with_training_examples():
    rows = {row for example in load_training_corpus() for row in example.rows}
    assert set(LEXICON.learned_findings) <= rows
    assert set(classifier().rows) == set(LEXICON.learned_findings)


def test_a_sure_row_becomes_its_learned_finding_when_the_patterns_found_nothing():
    detection = default_detector().detect("my eyes are the colour of old piano keys")
    (mention,) = learned_mentions(detection, sure("liver"), LEXICON, 0.5)
    assert mention.code == LEXICON.learned_findings["liver"] and mention.asserted


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("my eyes are not yellow", "liver"),  # negated by the patterns: not happening now
        ("what if my eyes go yellow?", "liver"),  # only a question
        ("my eyes went yellow", "liver"),  # the pattern's own finding says it better
        ("slight headache today, nothing bad", "headache_meningism"),  # defers to the mild headache
        ("feel hot, thermometer says 36.9", "fever"),  # a normal reading
    ],
)
def test_the_patterns_reading_wins(text, row):
    detection = default_detector().detect(text)
    assert learned_mentions(detection, sure(row), LEXICON, 0.5) == []


@pytest.mark.parametrize(
    "text",
    [
        # how suddenly, in words the patterns do not read
        "head pain but it came on in a split second while lifting",
        "headache that started abruptly an hour ago",
        "got a headache out of the blue, came on like a light switch",
    ],
)
def test_a_headache_the_patterns_read_keeps_the_learned_emergency_when_told_as_sudden(text):
    detection = default_detector().detect(text)
    (mention,) = learned_mentions(detection, sure("headache_meningism"), LEXICON, 0.5)
    assert mention.code == LEXICON.learned_findings["headache_meningism"]


def test_a_finding_that_needs_its_words_is_not_added_without_them():
    sure_overdose = sure("overdose_no_symptoms")
    both = {"overdose_no_symptoms": 0.99, "poisoning_emergency": 0.99}
    for text in (
        "i feel unwell",
        "i feel unwell again",
        "i took my tablets and now i feel unwell",
        "took my imuran this morning at 7",  # a time of day is not a number of tablets
        "had my aza at 8:30 with breakfast",
        "took my aza with breakfast at 7am",
        "Took my Imuran this morning around 7",
        "had my tablet by 8 and felt fine",
        "my temperature was 36.4 today, I only took it because the nurse asked",  # a reading counts no tablets
    ):
        assert learned_mentions(default_detector().detect(text), both, LEXICON, 0.5) == [], text
    for counted in ("took 4 of my aza tablets", "i took about 20 of my aza tablets", "took 2 around 7 and 2 more"):
        (mention,) = learned_mentions(Detection(counted), sure_overdose, LEXICON, 0.5)
        assert mention.code == "overdose_described", counted
    (child,) = learned_mentions(Detection("2yo ingested 50mg azathioprine"), sure("poisoning_emergency"), LEXICON, 0.5)
    assert child.code == "poisoning_described"
    # The medicine named in an earlier message: words that say it alone are enough.
    later = Detection("AND AGAIN AT LUNCH BY ACCIDENT and now ive thrown up twice and feel really drowsy")
    (alone,) = learned_mentions(later, sure("poisoning_emergency"), LEXICON, 0.5)
    assert alone.code == "poisoning_described"
    (mention,) = learned_mentions(Detection("had both lots by accident"), sure_overdose, LEXICON, 0.5)
    assert mention.code == "overdose_described"
    # Not keeping fluids down must be said: a question about drinking alcohol is not it.
    sure_fluids = sure("fluids_down")
    assert learned_mentions(Detection("can i drink on aza"), sure_fluids, LEXICON, 0.5) == []
    for text in (
        "cant drink, it all comes straight back",
        # a review's: lay words for bringing it back up
        "can't tolerate liquids or my tablets since yesterday",
        "gagging on every drink and my meds",
        "chundering after every drink since this morning",
        "being ill after every drink since yesterday",
        "i'm hurling after every drink",
    ):
        (kept,) = learned_mentions(Detection(text), sure_fluids, LEXICON, 0.5)
        assert kept.code == "fluids_not_staying_down_described", text


@pytest.mark.parametrize(
    ("text", "row", "code"),
    [
        ("everything I drink go out again, also my tablet", "fluids_down", "fluids_not_staying_down_described"),
        ("the whites of my eyes are the colour of old piano keys", "liver", "liver_signs_described"),
        ("maple syrup coloured pee today", "liver", "liver_signs_described"),
        ("my skin has a lemony tinge", "liver", "liver_signs_described"),
    ],
)
def test_a_learned_guess_told_in_its_rows_words_is_added(text, row, code):
    (mention,) = learned_mentions(default_detector().detect(text), sure(row), LEXICON, 0.5)
    assert mention.code == code


@pytest.mark.parametrize(
    "text",
    [
        "bloods rota doing my head in",
        "The view from Snowdon took my breath away last year. Can I still go hill walking on aza?",
        "honestly can't see the point, 5 weeks in and my joints are no better",
        "I had a fit of the giggles in clinic when the doctor dropped his pen",
        "dress fitting today, any tips for hot weather on aza",
        "loose-fitting clothes in the sun, is that enough on aza?",
    ],
)
def test_a_figure_of_speech_is_not_what_its_words_name(text):
    assert trained_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my head is killing me and the light hurts my eyes, this is doing my head in", "emergency"),
        ("my blood is boiling, and my nose has been pouring blood for an hour", "emergency"),
        ("brother takes imuran, cut himself shaving an hour ago and it's still dripping off his chin", "emergency"),
    ],
)
def test_a_red_flag_beside_a_figure_of_speech_still_counts(text, level):
    assert trained_level(text) == level


def test_a_bleeding_sore_that_will_not_heal_is_the_skin_sign_not_a_bleed():
    text = "sore on the side of my nose that scabs over, bleeds a bit, and never heals, two months now"
    assert learned_mentions(default_detector().detect(text), sure("bruising_bleeding"), LEXICON, 0.5) == []
    assert assess(text).level == "soon"


def test_below_the_threshold_nothing_is_added():
    detection = default_detector().detect("my eyes are the colour of old piano keys")
    assert learned_mentions(detection, {"liver": 0.3}, LEXICON, 0.5) == []
    assert learned_mentions(detection, {"liver": 0.3}, LEXICON, 0.5, {"liver": 0.2})


TEXTS = [e["text"] for e in load("triage", "dev")][:200]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEXTS), st.dictionaries(st.sampled_from(sorted(LEXICON.learned_findings)), st.floats(0, 1)))
def test_the_learned_detector_never_lowers_a_level(text, probabilities):
    engine = default_engine()
    detection = default_detector().detect(text)
    before = engine.grade(detection).level
    extra = learned_mentions(detection, probabilities, LEXICON, 0.5)
    after = engine.grade(Detection(text, [*detection.mentions, *extra], detection.temperatures)).level
    assert LEVEL_RANK.get(after or "", -1) >= LEVEL_RANK.get(before or "", -1)


def test_the_trained_classifier_recognises_a_described_finding():
    pipeline = FindingPipeline(default_detector(), classifier=classifier(), threshold=0.4)
    level = default_engine().grade(pipeline.detect("everything I drink comes back up within minutes")).level
    assert level == "urgent"


def test_the_classifier_round_trips_through_its_stored_bytes():
    text = "gums doing a horror movie"
    assert FindingClassifier.loads(classifier().dumps()).probabilities(text) == classifier().probabilities(text)


def test_the_fingerprint_changes_with_the_corpus(tmp_path):
    (tmp_path / "a.yml").write_text("version: 1\nmessages: []\n")
    before = corpus_fingerprint(tmp_path)
    (tmp_path / "a.yml").write_text("version: 1\nmessages: [{text: x, current: [fever]}]\n")
    assert corpus_fingerprint(tmp_path) != before
    assert Example("x", frozenset({"fever"})) == load_training_corpus(tmp_path)[0]


class SureOfEverything(FindingClassifier):
    """A classifier sure of every row for any text, that knows every word but "greet"."""

    def __init__(self) -> None:
        super().__init__(sorted(LEXICON.learned_findings), None, {})  # type: ignore[arg-type]

    def probabilities(self, text: str) -> dict[str, float]:
        return dict.fromkeys(self.rows, 0.99)

    def knows(self, word: str) -> bool:
        return word != "greet"


@pytest.mark.parametrize(
    "text",
    [
        "I'm on aza",  # nothing but the medicine
        "I have a temperature of 39",  # nothing the temperature rule has not read
        "fever 39 and I'm on imuran",
        "greet burning up and hot and shivery",  # a word it never saw adds no evidence
        "temp says 39",  # what passes a reading on describes nothing
        "burning up. 39. pls",
    ],
)
def test_the_classifier_adds_nothing_when_the_patterns_read_every_word(text):
    pipeline = FindingPipeline(default_detector(), classifier=SureOfEverything(), threshold=0.4)
    assert not [m for m in pipeline.detect(text).mentions if m.source == "classifier"]


def test_words_the_patterns_did_not_read_are_left_to_the_classifier():
    pipeline = FindingPipeline(default_detector(), classifier=SureOfEverything(), threshold=0.4)
    detection = pipeline.detect("temp 39 and my gums look like a horror movie")
    assert [m for m in detection.mentions if m.source == "classifier"]


def test_words_of_a_finding_read_again_stay_for_the_classifier():
    """ "Floppy" is drowsiness to the patterns, and sepsis in a carer's words to the classifier."""
    pipeline = FindingPipeline(default_detector(), classifier=SureOfEverything(), threshold=0.4)
    detection = pipeline.detect("she's gone all floppy")
    assert [m for m in detection.mentions if m.source == "classifier"]


def test_a_denial_elsewhere_does_not_silence_the_classifier():
    pipeline = FindingPipeline(default_detector(), classifier=SureOfEverything(), threshold=0.4)
    detection = pipeline.detect("my gums look like a horror movie, no temperature though")
    assert [m for m in detection.mentions if m.source == "classifier"]


def test_an_episode_that_is_over_keeps_the_classifier_quiet():
    pipeline = FindingPipeline(default_detector(), classifier=SureOfEverything(), threshold=0.4)
    detection = pipeline.detect("had a rash years ago when I started aza, it cleared up and has been fine since")
    # (a crisis statement is heard whatever else the message says)
    assert not [m for m in detection.mentions if m.source == "classifier" and not LEXICON.finding(m.code).crisis]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        # A statement with a rising tone: "?" but no question word.
        ("cant keep anything down and theres black bits in the sick like coffee grounds??", "severe_bleeding"),
        ("1 wk imuran, SO dizzy, allergy??", "hypersensitivity"),
    ],
)
def test_a_sure_classifier_reads_a_report_the_patterns_took_for_a_question(text, row):
    detection = default_detector().detect(text)
    assert learned_mentions(detection, sure(row), LEXICON, 0.5) == []  # without `sure`, the shape wins
    (mention,) = learned_mentions(detection, sure(row), LEXICON, 0.5, sure=0.7)
    assert mention.code == LEXICON.learned_findings[row]
    assert learned_mentions(detection, {row: 0.6}, LEXICON, 0.5, sure=0.7) == []  # not sure enough


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("does imuran cause chest pain", "collapse_chest_pain_seizure"),  # asks outright
        ("can you catch shingles off someone with chickenpox?", "infection_contact"),
        ("does aza make your eyes go yellow??", "liver"),
        ("what if my eyes go yellow?", "liver"),
        ("my eyes are not yellow", "liver"),
        ("had yellow eyes last year when I started aza, all cleared up since", "liver"),
    ],
)
def test_being_sure_never_beats_a_question_a_denial_or_a_past_episode(text, row):
    detection = default_detector().detect(text)
    assert learned_mentions(detection, sure(row), LEXICON, 0.5, sure=0.7) == []


def test_the_detection_marks_the_sentences_that_ask_outright():
    text = "Small water blisters on my back, burning. Is it shingles? Does aza cause that"
    detection = default_detector().detect(text)
    asked = [text[start:end] for start, end in detection.asked]
    assert asked == ["Is it shingles", "Does aza cause that"]
    assert not detection.asks_only
    assert default_detector().detect("black bits in my sick??").asked == ()
    # Information passed on is asked about only in its own clause.
    hearsay = "nurse said to report it, sick looks like coffee grounds"
    assert [hearsay[a:b] for a, b in default_detector().detect(hearsay).asked] == ["nurse said to report it"]
    assert default_detector().detect("does imuran cause chest pain").asks_only


def test_the_first_weeks_reaction_needs_the_message_to_say_when_it_started():
    hypersensitivity = sure("hypersensitivity")
    assert learned_mentions(Detection("I feel dizzy and achy"), hypersensitivity, LEXICON, 0.3) == []
    for text in ("started aza 2 weeks ago and feel dizzy and achy", "is this an allergic reaction? dizzy and achy"):
        (mention,) = learned_mentions(Detection(text), hypersensitivity, LEXICON, 0.3)
        assert mention.code == "early_reaction_described", text


def test_bleeding_said_to_go_on_is_not_only_the_plain_nosebleed():
    bleeding = {"severe_bleeding": 0.9}
    text = "nose pouring blood for half an hour, pinched it the whole time and its still going"
    assert statuses(text) == {"nosebleed": "asserted"}
    (mention,) = learned_mentions(default_detector().detect(text), bleeding, LEXICON, 0.4)
    assert mention.code == "severe_bleeding_described"
    assert learned_mentions(default_detector().detect("had a nosebleed this morning"), bleeding, LEXICON, 0.4) == []
    bruise = "bruise on my arm is still going purple, from the blood test"
    assert learned_mentions(default_detector().detect(bruise), bleeding, LEXICON, 0.4) == []


def test_a_nearly_certain_reading_beats_the_plainer_finding_the_patterns_read():
    text = "Dreadful headache all day, my neck complains whenever I turn it and the daylight is too much"
    detection = default_detector().detect(text)
    assert "headache" in statuses(text)
    assert learned_mentions(detection, {"headache_meningism": 0.98}, LEXICON, 0.4, sure=0.7, certain=0.99) == []
    (mention,) = learned_mentions(detection, {"headache_meningism": 0.995}, LEXICON, 0.4, sure=0.7, certain=0.99)
    assert mention.code == "headache_or_meningitis_described"


def statuses(text: str) -> dict[str, str]:
    return {m.code: m.status for m in default_detector().detect(text).mentions}


def trained_level(text: str) -> str | None:
    pipeline = FindingPipeline(default_detector(), classifier=classifier(), threshold=0.35, sure=0.7)
    return default_engine().grade(pipeline.detect(text)).level


@pytest.mark.parametrize(
    "text",
    [
        "I read that azathioprine can cause black poo and vomiting blood",
        "my consultant told me to look out for chest pain and breathlessness",
        "coffee ground vomit is a sign of what?",
        "pharmacist said to watch for yellow eyes and dark pee",
        "why does my leaflet say to report bruising or bleeding",
        "why is my GP checking for pancreatitis",
        "my bf says aza causes chest pain",  # a relative who passes something on reports nothing
        "my nan read that aza can cause yellow eyes",
        "I take 2x 50mg azathioprine tablets every morning",  # how a dose is written
        "consultant upped my dose to 2x 50mg",
    ],
)
def test_the_trained_classifier_does_not_turn_information_into_a_report(text):
    assert trained_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a part of the body said to be well is not a sign (the classifier reads the body part, not
        # the "fine": "I'm breathing fine" was sepsis to it, "lips fine" an allergic reaction)
        ("I'm breathing fine", None),
        ("lips fine, breathing fine", None),
        ("Lips normal, no swelling, breathing is good. Can you be allergic to azathioprine?", None),
        ("My eyes are white, pee's a normal colour. Why does the nurse keep asking about them?", None),
        # ...while what is not well in the same message still counts, whatever words tell it (a
        # review: "lips fine, tongue fine, but i feel like im suffocating"; "my wee is pink again")
        ("my lips are swelling but breathing is fine", "emergency"),
        ("lips fine, tongue fine, but i feel like im suffocating", "emergency"),
        (
            "breathing ok, but dad's really vague and off his head, not been to the loo since yesterday morning",
            "emergency",
        ),
        ("pee pink again today, eyes are white, tummy fine", "urgent"),
        ("Breathing fine, temp 39.5 and shivering", "emergency"),
        ("took my dose twice this morning, feel ok", "urgent"),
    ],
)
def test_a_part_of_the_body_said_to_be_well_is_not_a_sign(text, level):
    assert trained_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "nurse said to report it, sick looks like coffee grounds",  # a report after what was said
        "pharmacist said it's a sign of low platelets, nosebleed won't stop for an hour",
    ],
)
def test_the_trained_classifier_hears_a_report_after_something_passed_on(text):
    assert trained_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "got a headache today",
        "I've had a headache all day",
        "stress headache after work",
        "head kinda hurts a bit thats all",
        "My head is paining little bit today, not strong",
        "got a light headache this afternoon",
        "tension headache in my neck and shoulders from the desk",
        "I get a headache when I look at a screen too long",
    ],
)
def test_the_trained_classifier_leaves_an_ordinary_headache_ordinary(text):
    assert trained_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "head pain came on like a bomb going off then I threw up",  # a headache the patterns read, and a bomb
        "my head hurts and I can't bend my neck",
        "head is pounding and the light hurts my eyes so much",
        "head pounding and she's got her sunglasses on indoors, temp 38.9",
    ],
)
def test_the_trained_classifier_still_hears_a_headache_the_row_describes(text):
    assert trained_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "passed my driving test today",
        "small red rash on my chest, itches a bit",
        "Bruise on my arm freaked me out then I remembered slamming it in the kitchen drawer",
    ],
)
def test_the_trained_classifier_needs_the_chest_and_how_it_feels_or_a_collapse(text):
    assert trained_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "like a car's parked on my chest",
        "Nan's down on the landing, not answering",
        "legs just gave way and I hit the deck",
        # what presses on the chest, where a collapse ended up (probe 29 and earlier probes)
        "feels like someone is standing on my chest",
        "next thing I knew I was on the kitchen lino and didn't know how long I'd been there",
    ],
)
def test_the_trained_classifier_still_hears_chest_pain_or_a_collapse_in_other_words(text):
    assert trained_level(text) == "emergency"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The names of tests and measures are not bleeding (each was an emergency)...
        ("blood pressure is a bit high", False),
        ("blood count fine", False),
        ("my blood pressure was low at the GP today", False),
        # read without "blood", a row may only lose: these were calm and stay so
        ("had my blood count done then dropped the kids at school", False),
        ("so confused about which days my blood tests are!!!", False),
        # ...nor is giving it (blind probe 20)
        ("is it ok to give blood while on azathioprine", False),
        ("can I still be donating blood on aza?", False),
        # ...and what is said beside them still is.
        ("pooing blood and my blood pressure is low", True),
        ("went to give blood and now my arm won't stop bleeding, it's soaked two plasters", True),
    ],
)
def test_a_blood_test_or_blood_pressure_is_not_bleeding(text, expected):
    assert (trained_level(text) == "emergency") is expected


@pytest.mark.parametrize(
    "text",
    [
        # A stiff neck read by a pattern would hide the headache the classifier reads in the rest: a
        # review found "neck is very stiff" as a pattern took these from emergency to nothing.
        "neck is proper stiff and my head is killing me",
        "my neck is very stiff and my head is banging",
    ],
)
def test_the_trained_classifier_hears_a_stiff_neck_with_a_bad_head(text):
    assert trained_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # the patterns set "take all my pills with ..." aside (a way of taking them); the classifier
        # must still hear a plan, so exclusions never silence it (a safety review's reports)
        "I'm going to take all my pills with the wine tonight and then it'll be over",
        "I want to take all my tablets with a bottle of vodka",
    ],
)
def test_the_classifier_still_hears_what_the_patterns_set_aside(text):
    assert trained_level(text) == "emergency"


@pytest.mark.parametrize("text", ["gums doing a horror movie", "my wee is the colour of cola", "hello", ""])
def test_the_probabilities_are_each_row_models_own(text):
    """The stacked product gives what each row's model says on its own."""
    trained = classifier()
    features = trained.features.transform([text])
    for row, probability in trained.probabilities(text).items():
        assert probability == pytest.approx(trained.models[row].predict_proba(features)[0, 1], abs=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        # A reading under 39.5 C with shivering is not the fever row alone when a sepsis sign is told
        # in other words (a rule that read it so was tried twice and lowered these).
        "temp 38.7, shivering and really floppy",
        "38.6 and shaking, her knees have gone all lacy and purple",
        "temp 38.5 and no wet nappy since 6am. He's really floppy and sleepy and won't take his bottle",
    ],
)
def test_the_trained_classifier_hears_sepsis_told_in_other_words_beside_a_fever(text):
    assert trained_level(text) == "emergency"


SEPSIS_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_sepsis.yml").read_text(encoding="utf-8"))[
    "messages"
]


@cache
def configured_pipeline() -> FindingPipeline:
    """The detectors as the Rasa server builds them from config.yml, with this module's classifier."""
    config = yaml.safe_load((Path(__file__).parents[2] / "config.yml").read_text(encoding="utf-8"))
    settings = next(c for c in config["pipeline"] if c["name"].endswith("SymptomExtractor"))
    extractor = SymptomExtractor({**SymptomExtractor.get_default_config(), **settings}, None, None, None)  # type: ignore[arg-type]
    extractor.pipeline.classifier = classifier()
    return extractor.pipeline


@pytest.mark.parametrize("message", SEPSIS_REVIEW, ids=[m["id"] for m in SEPSIS_REVIEW])
def test_a_fever_with_an_emergency_sign_a_reviewer_wrote_is_never_graded_lower(message):
    """Written to break a rule that read shivering under 39.5 C as the fever row (tests/review_sepsis.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


IDIOM_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_idioms.yml").read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("message", IDIOM_REVIEW, ids=[m["id"] for m in IDIOM_REVIEW])
def test_a_red_flag_beside_an_everyday_idiom_a_reviewer_wrote_is_never_graded_lower(message):
    """Written to break the idiom exclusions ("nearly had a heart attack when I saw the bill"): the
    same words in their literal sense, or beside a real warning sign (tests/review_idioms.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


RAISE52_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_raise52.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "message",
    RAISE52_REVIEW["calm"] + RAISE52_REVIEW["tag_calm"],
    ids=[m["id"] for m in RAISE52_REVIEW["calm"] + RAISE52_REVIEW["tag_calm"]],
)
def test_everyday_senses_of_the_stop52_raises_are_not_graded_above_their_level(message):
    """A breath of fresh air, blood thinners brought up with the GP, cerebral palsy's "CP", tomorrow's
    appointment moved as well (tests/review_raise52.yml)."""
    label = "routine" if message["level"] == "none" else message["level"]
    assert LEVEL_RANK[assess(message["text"]).level or "routine"] <= LEVEL_RANK[label]


@pytest.mark.parametrize(
    "message",
    RAISE52_REVIEW["flags"] + RAISE52_REVIEW["tag_flags"],
    ids=[m["id"] for m in RAISE52_REVIEW["flags"] + RAISE52_REVIEW["tag_flags"]],
)
def test_red_flags_beside_the_stop52_raises_are_never_graded_lower(message):
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


RAISE53_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_raise53.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "message",
    RAISE53_REVIEW["calm"] + RAISE53_REVIEW["wee_calm"],
    ids=[m["id"] for m in RAISE53_REVIEW["calm"] + RAISE53_REVIEW["wee_calm"]],
)
def test_a_pain_beside_something_else_unbearable_is_not_graded_above_its_level(message):
    """The wait, the heat, a tooth, someone else screaming, yesterday's peak; a stool that is a seat
    (tests/review_raise53.yml)."""
    label = "routine" if message["level"] == "none" else message["level"]
    assert LEVEL_RANK[assess(message["text"]).level or "routine"] <= LEVEL_RANK[label]


@pytest.mark.parametrize(
    "message",
    RAISE53_REVIEW["flags"] + RAISE53_REVIEW["well_flags"],
    ids=[m["id"] for m in RAISE53_REVIEW["flags"] + RAISE53_REVIEW["well_flags"]],
)
def test_red_flags_beside_a_part_of_the_body_said_to_be_well_are_never_graded_lower(message):
    """ "lips fine, tongue fine, but i feel like im suffocating" (tests/review_raise53.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


RAISE54_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_raise54.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("message", RAISE54_REVIEW["calm"], ids=[m["id"] for m in RAISE54_REVIEW["calm"]])
def test_something_else_unbearable_or_a_denial_of_something_else_does_not_raise_a_pain(message):
    """ "tummy ache, the itch so bad I can't bear it", "not once since" (tests/review_raise54.yml)."""
    assert LEVEL_RANK[assess(message["text"]).level or "routine"] <= LEVEL_RANK[message["level"]]


@pytest.mark.parametrize("message", RAISE54_REVIEW["flags"], ids=[m["id"] for m in RAISE54_REVIEW["flags"]])
def test_unbearable_pain_told_past_the_window_is_never_graded_lower(message):
    """ "my belly is hurting so bad i cant bear it 😭😭" (tests/review_raise54.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


RAISE_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_raise.yml").read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("message", RAISE_REVIEW, ids=[m["id"] for m in RAISE_REVIEW])
def test_a_red_flag_a_reviewer_wrote_against_the_raising_rules_is_never_graded_lower(message):
    """Floppy children, someone else's emergency, bleeding through a dressing, asking how to
    overdose, a bruise a cause does not explain (tests/review_raise.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


CRISIS_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_crisis.yml").read_text(encoding="utf-8"))[
    "messages"
]


@pytest.mark.parametrize("message", CRISIS_REVIEW, ids=[m["id"] for m in CRISIS_REVIEW])
def test_a_crisis_asked_as_a_question_is_an_emergency_and_nothing_else_is(message):
    """tests/review_crisis.yml: "is it wrong that I want to die?" is a crisis; "can aza make me
    suicidal?" and "how to end things politely with my private rheumy" are not."""
    assessment = default_engine().grade(configured_pipeline().detect(message["text"]))
    if message["level"] == "emergency":
        assert assessment.level == "emergency"
    else:
        assert not assessment.crisis and assessment.level != "emergency"


LOWER_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_lower.yml").read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("message", LOWER_REVIEW, ids=[m["id"] for m in LOWER_REVIEW])
def test_a_reviewers_message_against_the_lowering_rules_keeps_its_level(message):
    """tests/review_lower.yml: red flags graded at least at their level, calm messages at most."""
    level = LEVEL_RANK[default_engine().grade(configured_pipeline().detect(message["text"])).level or "routine"]
    expected = LEVEL_RANK[message["level"]]
    assert level >= expected if expected >= LEVEL_RANK["urgent"] else level <= expected


RAISE40_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_raise40.yml").read_text(encoding="utf-8"))[
    "messages"
]


@pytest.mark.parametrize("message", RAISE40_REVIEW, ids=[m["id"] for m in RAISE40_REVIEW])
def test_a_reviewers_message_against_the_stop_40_raising_rules_keeps_its_level(message):
    """tests/review_raise40.yml: red flags graded at least at their level; calm messages at most at
    theirs by the patterns (the rules under review are patterns; this module's classifier is trained
    here, not the deployed one, and reads a few of them higher)."""
    expected = LEVEL_RANK[message["level"]]
    if expected >= LEVEL_RANK["urgent"]:
        level = default_engine().grade(configured_pipeline().detect(message["text"])).level
        assert LEVEL_RANK[level or "routine"] >= expected
    else:
        assert LEVEL_RANK[assess(message["text"]).level or "routine"] <= expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head pain is in words no pattern reads; the stiff neck or light alone grades nothing
        ("I have very strong pain in head, neck is hard and light hurt my eyes", "emergency"),
        ("my neck is stiff", None),
        ("stiff neck from sleeping funny", None),
    ],
)
def test_a_stiff_neck_or_light_does_not_hide_a_headache_the_classifier_reads_without_them(text, expected):
    assert default_engine().grade(configured_pipeline().detect(text)).level == expected


EXCLUSIONS41_REVIEW = yaml.safe_load(
    (Path(__file__).parents[1] / "review_exclusions41.yml").read_text(encoding="utf-8")
)["messages"]


@pytest.mark.parametrize("message", EXCLUSIONS41_REVIEW, ids=[m["id"] for m in EXCLUSIONS41_REVIEW])
def test_a_reviewers_message_against_reading_exclusions_as_other_things_keeps_its_level(message):
    """tests/review_exclusions41.yml: red flags (pregnancy, at soon, among them) graded at least at
    their level, calm messages at most at theirs."""
    level = LEVEL_RANK[default_engine().grade(configured_pipeline().detect(message["text"])).level or "routine"]
    expected = LEVEL_RANK["routine" if message["level"] == "none" else message["level"]]
    assert level >= expected if expected >= LEVEL_RANK["soon"] else level <= expected


@pytest.mark.parametrize(
    "text",
    [
        "a few red blotches on his tummy, they go pale when I press a glass on them",
        "rash on my arms that fades when I press a glass on it, no temperature",
        "I did the tumbler test and they blanch",
    ],
)
def test_a_rash_that_passes_the_glass_test_is_not_sepsis_by_the_words_of_the_test(text):
    detection = default_detector().detect(text)
    codes = {m.code for m in detection.mentions if m.asserted}
    assert "blanching_rash" in codes and not codes & {"non_blanching_rash", "pallor"}
    assert learned_mentions(detection, sure("sepsis"), LEXICON, 0.5) == []
    assert assess(text).level in ("soon", None)


@pytest.mark.parametrize(
    "text",
    [
        "purple spots on her legs that don't fade when I press a glass on them",
        "he has tiny red dots, they not go away when I press the glass",
        "the rash doesn't blanch under a glass",
    ],
)
def test_a_rash_that_fails_the_glass_test_is_still_an_emergency(text):
    assert assess(text).level == "emergency"
    assert "blanching_rash" not in {m.code for m in default_detector().detect(text).mentions if m.asserted}


RAISE55_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_raise55.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("message", RAISE55_REVIEW["calm"], ids=[m["id"] for m in RAISE55_REVIEW["calm"]])
def test_a_bleed_not_going_on_now_or_another_things_duration_does_not_raise_it(message):
    """ "It's been 2 hours since my nosebleed", "gums bleed 25 min at a time" (tests/review_raise55.yml)."""
    assert LEVEL_RANK[assess(message["text"]).level or "routine"] <= LEVEL_RANK[message["level"]]


@pytest.mark.parametrize("message", RAISE55_REVIEW["flags"], ids=[m["id"] for m in RAISE55_REVIEW["flags"]])
def test_a_bleed_told_with_how_long_it_has_gone_on_is_never_graded_lower(message):
    """ "my nose has been bleeding for 20 min, i'm pressing on it" (tests/review_raise55.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


DROPPED58_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_dropped58.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("message", DROPPED58_REVIEW["calm"], ids=[m["id"] for m in DROPPED58_REVIEW["calm"]])
def test_a_question_about_a_sign_in_a_reports_shape_gets_no_level(message):
    """ "is chest feeling tight a symptom of anaphylaxis", "what are the signs that throat is closing"
    (tests/review_dropped58.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] <= LEVEL_RANK["routine"]


@pytest.mark.parametrize("message", DROPPED58_REVIEW["flags"], ids=[m["id"] for m in DROPPED58_REVIEW["flags"]])
def test_a_report_with_its_subject_dropped_is_graded_at_its_level(message):
    """ "what do i do lips are swelling up", "why is poo black", "help tongue feels huge"."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


def test_an_injury_told_after_asking_what_to_do_is_a_report():
    """ "I cut / sliced / burned ..." says what happened to the writer, even after "how do i stop it"."""
    text = "how do i stop it i sliced my thumb on a tin lid 40 mins ago and its still pouring out"
    assert trained_level(text) == "emergency"
    # ...and what one does to a tablet is not an injury: the question stays a question.
    assert trained_level("do I cut the tablets in half? is bruising normal on it?") in (None, "routine")


BECAUSE59_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_because59.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("message", BECAUSE59_REVIEW["calm"], ids=[m["id"] for m in BECAUSE59_REVIEW["calm"]])
def test_a_condition_with_a_reason_or_a_worry_stays_a_question(message):
    """ "call 999 if lips swell because it could be anaphylaxis", "when should i call 999 because i'm
    worried about chest pain" (tests/review_because59.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] <= LEVEL_RANK["routine"]


@pytest.mark.parametrize("message", BECAUSE59_REVIEW["flags"], ids=[m["id"] for m in BECAUSE59_REVIEW["flags"]])
def test_a_sign_told_as_the_reason_for_asking_is_a_report(message):
    """ "so when should i call 999 because chest pain is really bad now"."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


GOING_ROUND62_REVIEW = yaml.safe_load(
    (Path(__file__).parents[1] / "review_going_round62.yml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("message", GOING_ROUND62_REVIEW["flags"], ids=[m["id"] for m in GOING_ROUND62_REVIEW["flags"]])
def test_ones_own_infection_told_beside_what_is_going_round_stays_a_red_flag(message):
    """ "everyone at work has flu, me included", "strep going round nursery, Alfie's poorly with it"
    (tests/review_going_round62.yml)."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


@pytest.mark.parametrize("message", GOING_ROUND62_REVIEW["calm"], ids=[m["id"] for m in GOING_ROUND62_REVIEW["calm"]])
def test_a_question_about_keeping_away_from_an_illness_going_round_gets_no_level(message):
    """ "half my team has flu, can I work from home on aza?"."""
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] <= LEVEL_RANK["routine"]


# Reviewers' messages written against readings tried in stops 63 and 64, each file with `calm` (graded
# routine or below) and `flags` (never graded below the reviewer's level): mild tiredness and a pet on the
# chest ("the cat sat on my chest all night lol"; review_tiredness63.yml), a contact nobody was near
# ("MEASLES IN MY TOWN. not near anyone"; review_contact63.yml), a sign pointed at that is not the
# person's now ("why are there all these bruises on my apples"; review_pointed63.yml), a past episode
# said to be over in other words ("Had a rash on my arm last week. Arm's fine now."; review_over63.yml),
# and the readings of stop 64 ("cut myself cooking 🙃 (i didnt)", "temp was 38.9 and it dropped like a
# stone after paracetamol"; review_readings64.yml).
REVIEW_FILES = ("tiredness63", "contact63", "pointed63", "over63", "readings64", "headache65", "neck66", "across66")
REVIEWS = {
    name: yaml.safe_load((Path(__file__).parents[1] / f"review_{name}.yml").read_text(encoding="utf-8"))
    for name in REVIEW_FILES
}
REVIEW_CALM = [m for name in REVIEW_FILES for m in REVIEWS[name]["calm"]]
REVIEW_FLAGS = [m for name in REVIEW_FILES for m in REVIEWS[name]["flags"]]


@pytest.mark.parametrize("message", REVIEW_CALM, ids=[m["id"] for m in REVIEW_CALM])
def test_a_calm_message_a_reviewer_wrote_gets_no_level(message):
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] <= LEVEL_RANK["routine"]


@pytest.mark.parametrize("message", REVIEW_FLAGS, ids=[m["id"] for m in REVIEW_FLAGS])
def test_a_sign_a_reviewer_wrote_is_never_graded_lower(message):
    level = default_engine().grade(configured_pipeline().detect(message["text"])).level
    assert LEVEL_RANK[level or "routine"] >= LEVEL_RANK[message["level"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an "if" that means "whether", then what is happening now (probe 30)
        (
            "i couldnt remember if id had my aza so i took it again and now im really shaky and ive been sick",
            "emergency",
        ),
        ("not sure if it's the tablets and now his eyes have gone yellow", "urgent"),
        # a true condition, or a mind at work, stays what it was
        ("my nurse said ring if i get a temperature and now im checking every hour lol", None),
        ("she asked if I'd ever had a fit and now I'm worried aza causes them", None),
        # a dose given again by mistake, and what it does
        ("grandma gave her another dose at lunch not knowing she'd had it, she's 6 and just threw up", "emergency"),
        ("his dad gave him a second dose by mistake tonight, he's 9, seems ok", "urgent"),
        ("we gave him another dose of calpol at bedtime as the leaflet says", None),
        ("nearly passed out laughing at the pharmacist's joke", None),
        ("she fainted laughing and hit her head", "emergency"),
        # a reading dictated in a run without punctuation, not a question about one
        ("hot and cold all evening bit shivery thermometer says thirty eight point six", "urgent"),
        ("once thermometer says 38 do I ring 111 or my team?", None),
    ],
)
def test_readings_of_stop_64(text, expected):
    level = default_engine().grade(configured_pipeline().detect(text)).level
    assert level == expected


EXCLUSIONS68_REVIEW = yaml.safe_load(
    (Path(__file__).parents[1] / "review_exclusions68.yml").read_text(encoding="utf-8")
)["messages"]


@pytest.mark.parametrize("message", EXCLUSIONS68_REVIEW, ids=[m["id"] for m in EXCLUSIONS68_REVIEW])
def test_a_reviewers_message_against_the_stop68_exclusions_keeps_its_level(message):
    """tests/review_exclusions68.yml: a bleed beside a lump, a real double dose told with "doubled up",
    a stroke told with a band down one side, blood brought up in any words: red flags graded at least
    at their level, calm messages at most at theirs."""
    level = LEVEL_RANK[default_engine().grade(configured_pipeline().detect(message["text"])).level or "routine"]
    expected = LEVEL_RANK["routine" if message["level"] in ("none", "routine") else message["level"]]
    assert level >= expected if expected >= LEVEL_RANK["soon"] else level <= expected


PAST_TIMES69_REVIEW = yaml.safe_load(
    (Path(__file__).parents[1] / "review_past_times69.yml").read_text(encoding="utf-8")
)["messages"]


@pytest.mark.parametrize("message", PAST_TIMES69_REVIEW, ids=[m["id"] for m in PAST_TIMES69_REVIEW])
def test_a_reviewers_message_against_the_stop69_past_times_keeps_its_level(message):
    """tests/review_past_times69.yml: reports told beside a past phrase that places no past episode
    ("since last year" after a treatment, "in the past 20 mins", "when I was a bit distracted") and
    tablets swallowed told with "he seems fine now" graded at least at their level; past episodes,
    however they are dated, at most at theirs."""
    level = LEVEL_RANK[default_engine().grade(configured_pipeline().detect(message["text"])).level or "routine"]
    expected = LEVEL_RANK["routine" if message["level"] in ("none", "routine") else message["level"]]
    assert level >= expected if expected >= LEVEL_RANK["soon"] else level <= expected
