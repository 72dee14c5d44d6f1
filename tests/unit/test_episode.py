"""The conversation-level assessment (bot/triage/episode.py): pure, graded from each message's
own findings and what it says about the conversation, without Rasa or spaCy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.triage import default_engine
from bot.triage.engine import Assessment, rank
from bot.triage.episode import TurnPayload, grade_episode, turn_payload
from bot.triage.findings import ASSERTED, GENERAL, NEGATED, Mention, Temperature

ENGINE = default_engine()


def said(*codes: str, status: str = ASSERTED, celsius: float | None = None, **cues: object) -> TurnPayload:
    """One message's turn: the findings it reports (with a temperature, if given) and its cues."""
    mentions = []
    for code in codes:
        temperature = Temperature(celsius, 0, 4, f"{celsius}") if celsius is not None and "fever" in code else None
        mentions.append(Mention(code, code, 0, len(code), status, temperature=temperature))
    return turn_payload(ENGINE.grade_mentions(mentions), **cues)


def nothing(**cues: object) -> TurnPayload:
    return turn_payload(Assessment(level=None), **cues)


def graded(*turns: TurnPayload) -> Assessment:
    assessment = grade_episode(turns[:-1], turns[-1], ENGINE).assessment
    assert assessment is not None, "the message should change the conversation's assessment"
    return assessment


def test_findings_in_different_messages_combine_under_the_table():
    result = graded(said("fever", celsius=38.2), said("stiff_neck"))
    assert result.level == "emergency"
    assert "possible_meningitis" in [r.code for r in result.reasons]
    assert result.episode is not None and result.episode["messages"] == 2
    assert result.findings == ["fever", "stiff_neck"]


def test_when_the_medicine_was_started_makes_the_early_weeks_rule_apply():
    assert graded(said("rash"), said("recently_started")).level == "urgent"
    # However it is put: "should have mentioned she only began it ten days ago" reads as general.
    assert graded(said("rash"), said("recently_started", status=GENERAL)).level == "urgent"


def test_a_corrected_reading_replaces_the_earlier_one():
    result = graded(
        said("very_high_fever", "chills", celsius=39.8), said("fever", "chills", celsius=38.9, correction=True)
    )
    assert result.level == "urgent"
    assert result.temperature_c == 38.9
    assert result.episode is not None and result.episode["retracted"] == ["a very high temperature (39.8°C)"]


def test_a_normal_reading_taken_again_takes_the_fever_back():
    result = graded(said("fever", celsius=38.9), nothing(remeasured=True, reading_c=36.9))
    assert result.level == "routine"
    assert result.findings == []
    assert result.episode is not None and result.episode["retracted"] == ["a high temperature (38.9°C)"]


def test_a_reading_that_has_come_down_still_counts_without_a_correction():
    first = said("very_high_fever", celsius=39.8)
    result = graded(first, said("fever", celsius=38.2))
    assert result.level == first["assessment"]["level"]
    assert {"very_high_fever", "fever"} <= set(result.findings)


def test_a_bare_number_after_a_temperature_is_a_reading():
    result = graded(said("fever", celsius=38.2), nothing(reading_c=39.9))
    assert "very_high_fever" in result.findings
    assert result.temperature_c == 39.9


def test_a_correction_takes_back_what_it_denies_gives_to_someone_else_or_names():
    assert graded(said("overdose"), said("overdose", status=NEGATED, correction=True)).level == "routine"
    assert graded(said("fever", celsius=38.6), nothing(correction=True, set_aside=["fever"])).level == "routine"
    assert graded(said("fever", celsius=38.6), nothing(correction=True, topics=["fever"])).level == "routine"


def test_a_correction_about_someone_who_does_not_take_it_takes_back_the_latest_report():
    result = graded(said("rash"), said("nosebleed"), nothing(correction=True, not_on_it=True))
    assert result.findings == ["rash"]
    assert result.level == "soon"


def test_new_findings_replace_the_last_report_only_when_the_correction_says_so():
    # "I said stiff back, not neck": replaced, with the learned guesses read from the same words.
    first = said("stiff_neck", "headache")
    first["learned"] = ["headache_or_meningitis_described"]
    first["assessment"]["findings"].append("headache_or_meningitis_described")
    replaced = graded(first, said("tiredness", correction=True, replaces=True, names=["stiff_neck"]))
    assert replaced.findings == ["headache", "tiredness"]
    # "Not small, wrong word. Very strong, worst of my life, the light hurts my eyes" names nothing
    # of the headache it corrects: the headache stands, and with the new finding it is an emergency.
    stands = graded(said("headache"), said("light_sensitivity", correction=True, replaces=True))
    assert "headache" in stands.findings and stands.level == "emergency"
    # "hold on, my lips are swelling up": a correction word, but it adds.
    added = graded(said("fever", celsius=39.2), said("facial_swelling", correction=True))
    assert {"fever", "facial_swelling"} <= set(added.findings) and added.level == "emergency"


def test_wrong_chat_takes_everything_back_unless_the_message_reports_something():
    assert graded(said("fever", celsius=38.5), nothing(correction=True, takes_back_all=True)).level == "routine"
    # "ignore me if I'm being silly, but my neck is stiff too" reports something: nothing is taken back.
    kept = graded(said("fever", celsius=38.5), said("stiff_neck", correction=True, takes_back_all=True))
    assert kept.level == "emergency"


def test_without_a_correction_word_a_denial_or_an_explanation_takes_nothing_back():
    # Across messages a "not" or a cause is too often about something else ("No, the bruises are
    # spreading", "I'm not taking it today because of the rash"): the advice stands.
    assert grade_episode([said("bruising")], said("bruising", status=NEGATED), ENGINE).assessment is None
    assert grade_episode([said("rash")], nothing(set_aside=["rash"]), ENGINE).assessment is None


def test_a_correction_that_names_nothing_is_asked_about_not_acted_on():
    result = graded(said("fever", celsius=38.6), nothing(correction=True))
    assert result.level == "urgent"
    assert result.episode is not None and result.episode["ask"] and not result.episode["retracted"]


def test_a_sure_correction_after_one_report_takes_it_back_without_asking():
    # "It's felt tip, it came off with a wipe" after "tiny purple dots on her shins": nothing to ask.
    result = graded(said("petechiae"), sure())
    assert result.level == "routine" and result.findings == []
    assert result.episode is not None and result.episode["retracted"] and not result.episode["ask"]
    # A message in between that reports nothing changes nothing.
    assert graded(said("jaundice"), nothing(), sure()).level == "routine"


def sure(**cues: object) -> TurnPayload:
    """A correction that names nothing, of which the extractor is sure it takes back what was said."""
    return nothing(correction=True, sure_take_back=True, **cues)


def test_a_sure_correction_still_asks_where_it_could_be_about_more_or_counts_whatever():
    # Two messages reported something: which one?
    two = graded(said("rash"), said("sore_throat"), sure())
    assert two.level == "urgent" and two.episode is not None and two.episode["ask"]
    # Or one message reported two things ("a new rash, started aza 2/52 ago" ... "Correction: 2 years").
    both = graded(said("rash", "recently_started"), sure())
    assert both.level == "urgent" and both.episode is not None and both.episode["ask"]
    # An emergency is taken back only by its own denial.
    emergency = graded(said("chest_pain"), sure())
    assert emergency.level == "emergency" and emergency.episode is not None and emergency.episode["ask"]
    # "temp 39.2" ... "typo": maybe 38.2; the right reading is asked for.
    reading = graded(said("fever", celsius=39.2), sure())
    assert reading.level == "urgent" and reading.episode is not None and reading.episode["ask"]
    # A dose taken or a crisis statement is not undone by words.
    dose = graded(said("overdose"), sure())
    assert dose.level == rank_name("overdose") and dose.episode is not None and dose.episode["ask"]
    crisis = graded(said("self_harm"), sure())
    assert crisis.level == "emergency" and crisis.crisis
    # A correction that adds ("I meant to say he ALSO...") takes nothing back; one that only softens
    # lowers what strong words raised, never takes the sign back.
    assert graded(said("rash"), sure(adds=True)).findings == ["rash"]
    assert graded(said("petechiae"), sure(softens=True)).findings == ["petechiae"]
    # Not sure: asked, as before; so is a turn stored before the flag existed.
    unsure = graded(said("rash"), nothing(correction=True))
    assert unsure.episode is not None and unsure.episode["ask"]
    stored = nothing(correction=True)
    del stored["sure_take_back"]  # type: ignore[misc]
    old = graded(said("rash"), stored)
    assert old.episode is not None and old.episode["ask"]


def rank_name(code: str) -> str:
    level = ENGINE.lexicon.finding(code).level
    assert level is not None
    return level


def test_the_take_back_button_takes_back_the_latest_report_only():
    result = graded(said("rash"), said("nosebleed"), nothing(take_back_last=True))
    assert result.findings == ["rash"]
    assert result.episode is not None and result.episode["retracted"] == ["nosebleeds"]


def test_an_episode_that_is_over_ends_and_the_next_one_starts_afresh():
    ended = graded(said("fever", celsius=38.6), nothing(ended=True, ended_all=True))
    assert ended.level == "routine" and ended.findings == []
    assert ended.episode is not None and ended.episode["ended"] and ended.episode["over"]
    # After it ended, a new finding is graded alone: the old fever does not combine with it.
    later = grade_episode(
        [said("fever", celsius=38.6), nothing(ended=True, ended_all=True)], said("stiff_neck"), ENGINE
    )
    assert later.assessment is None


def test_an_ended_emergency_is_flagged_so_the_reply_names_the_emergency_signs():
    result = graded(said("very_high_fever", "chills", celsius=40.1), nothing(ended=True, ended_all=True))
    assert result.episode is not None and result.episode["was_emergency"]


def test_feeling_fine_does_not_end_a_crisis_a_dose_taken_or_a_child_who_swallowed_a_tablet():
    for code in ("self_harm", "overdose", "child_ingestion"):
        result = graded(said(code), nothing(ended=True, ended_all=True))
        assert code in result.findings, code
        assert result.level == ENGINE.lexicon.finding(code).level
    assert graded(said("self_harm"), nothing(ended=True, ended_all=True)).crisis


def test_nothing_takes_back_a_crisis_statement():
    cues = ({"correction": True, "takes_back_all": True}, {"take_back_last": True}, {"correction": True})
    for cue in cues:
        result = grade_episode([said("self_harm")], nothing(**cue), ENGINE).assessment
        assert result is not None and "self_harm" in result.findings and result.crisis, cue
    # "I'm not ok, I want to die" may read as a denial: it is not taken as one.
    denied = graded(said("self_harm"), said("self_harm", status=NEGATED, correction=True))
    assert denied.crisis


def test_a_crisis_statement_earlier_keeps_the_crisis_reply():
    result = graded(said("self_harm"), said("rash"))
    assert result.crisis and result.level == "emergency"


def test_the_learned_detectors_guesses_on_a_correction_only_add():
    lips = said("facial_swelling", learned=["facial_swelling"], correction=True)
    assert graded(said("facial_swelling"), lips).level == "emergency"


def test_a_question_about_a_finding_does_not_combine():
    # "is a stiff neck a side effect of aza?" after a temperature: a question, not a stiff neck.
    assert grade_episode([said("fever", celsius=38.5)], said("stiff_neck", status=GENERAL), ENGINE).assessment is None


def test_starting_over_ends_the_episode():
    result = graded(said("overdose"), nothing(start_over=True))
    assert result.episode is not None and result.episode["start_over"] and result.level == "routine"


def test_a_second_dose_in_the_episode_is_a_double_dose():
    result = graded(nothing(dose_taken=True), nothing(dose_taken=True, dose_repeat=True))
    assert result.level == "urgent"
    assert result.findings == ["overdose"]


def test_two_reports_of_the_usual_dose_are_not_a_double_dose():
    assert grade_episode([nothing(dose_taken=True)], nothing(dose_taken=True), ENGINE).assessment is None


def test_what_is_over_ends_only_what_the_message_names():
    # "the stomach ache has settled down": the black stools still stand.
    result = graded(said("black_stools", "abdominal_pain"), nothing(ended=True, set_aside=["abdominal_pain"]))
    assert result.findings == ["black_stools"] and result.level == "emergency"
    # "has settled down" naming nothing, after several things: nothing is ended.
    assert grade_episode([said("fever", "stiff_neck", celsius=39.0)], nothing(ended=True), ENGINE).assessment is None
    # After one thing only, "it went!!" can only be about that...
    assert graded(said("rash"), nothing(ended=True, ended_it=True)).level == "routine"
    # ...but "the headache went away" names something else: the black stools stand.
    assert grade_episode([said("black_stools")], nothing(ended=True), ENGINE).assessment is None


def test_paracetamol_does_not_end_a_temperature():
    result = grade_episode([said("fever", celsius=38.9)], nothing(ended=True, ended_it=True, masked=True), ENGINE)
    assert result.assessment is None or "fever" in result.assessment.findings


def test_starting_over_keeps_what_the_same_message_reports_and_a_crisis():
    result = graded(said("sore_throat"), said("self_harm", start_over=True))
    assert result.crisis and result.findings == ["self_harm"]
    child = graded(said("sore_throat"), said("child_ingestion", start_over=True))
    assert child.level == "emergency" and child.findings == ["child_ingestion"]
    kept = graded(said("self_harm"), nothing(start_over=True))
    assert kept.crisis


def test_after_a_crisis_statement_what_else_is_said_keeps_the_crisis_reply():
    assert graded(said("self_harm"), nothing()).crisis  # "nobody would miss me": no known words
    assert graded(said("self_harm"), nothing(question=True)).crisis  # "I'm scared. Can you help?"
    assert grade_episode([said("self_harm")], nothing(small_talk=True), ENGINE).assessment is None  # "thanks"


def test_a_message_that_adds_nothing_is_graded_alone():
    # An everyday question after a symptom: its answer is not raised by the earlier fever.
    assert grade_episode([said("fever", celsius=38.6)], nothing(), ENGINE).assessment is None
    # The first message of a conversation is always graded alone.
    assert grade_episode([], said("fever", celsius=38.6), ENGINE).assessment is None


REPORTABLE = [
    "fever",
    "rash",
    "nosebleed",
    "overdose",
    "headache",
    "stiff_neck",
    "chills",
    "recently_started",
    "self_harm",
]
CUES = [
    "correction",
    "remeasured",
    "ended",
    "start_over",
    "take_back_last",
    "takes_back_all",
    "replaces",
    "adds",
    "sure_take_back",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(REPORTABLE), min_size=0, max_size=3), min_size=2, max_size=5))
def test_without_corrections_the_conversation_is_never_graded_below_any_of_its_messages(messages):
    turns = [said(*codes, celsius=38.5) for codes in messages]
    episode = grade_episode(turns[:-1], turns[-1], ENGINE).assessment
    if episode is None:
        return
    for turn in turns:
        assert rank(episode.level) >= rank(turn["assessment"]["level"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(REPORTABLE), max_size=2), st.sets(st.sampled_from(CUES), max_size=3)),
        min_size=2,
        max_size=5,
    )
)
def test_no_cue_takes_back_a_crisis_statement(messages):
    turns = [said(*codes, celsius=38.5, **dict.fromkeys(cues, True)) for codes, cues in messages]
    episode = grade_episode(turns[:-1], turns[-1], ENGINE).assessment
    said_crisis = [i for i, (codes, _) in enumerate(messages) if "self_harm" in codes]
    if not said_crisis or len(messages) - 1 in said_crisis:
        return  # the last message's own crisis statement is graded by the message alone anyway
    assert episode is not None, "a follow-up to a crisis statement must keep the crisis reply"
    assert episode.crisis and episode.level == "emergency"


def test_a_report_dated_to_the_distant_past_is_over():
    result = graded(said("collapse"), nothing(dated=True))
    assert result.level == "routine" and result.findings == []
    assert result.episode is not None and result.episode["ended"] and result.episode["was_emergency"]
    # Dated months back, a dose taken twice is over too.
    assert graded(said("overdose"), nothing(dated=True)).findings == []


def test_dating_ends_only_the_latest_report_never_a_crisis_and_not_what_the_message_reports():
    earlier = graded(said("rash"), said("nosebleed"), nothing(dated=True))
    assert earlier.findings == ["rash"]
    assert graded(said("self_harm"), nothing(dated=True)).crisis
    now = graded(said("fever", celsius=38.6), said("sore_throat", dated=True))
    assert now.findings == ["sore_throat"] and now.level == "urgent"


def test_a_correction_that_dates_the_report_is_not_asked_about():
    result = graded(said("collapse"), nothing(correction=True, dated=True))
    assert result.level == "routine"
    assert result.episode is not None and not result.episode["ask"]


def test_an_ending_that_names_a_finding_in_its_own_words_ends_it_and_only_it():
    # "the shivers have stopped": the detector reads shivers, the ending names them.
    ended = graded(said("chills"), said("chills", ended=True, names=["chills"]))
    assert ended.level == "routine" and ended.episode is not None and ended.episode["ended"]
    fever = graded(said("fever", "chills", celsius=38.9), said("chills", ended=True, ended_all=True, names=["chills"]))
    assert fever.findings == ["fever"] and fever.level == "urgent"
    # Without the ending, the same words are a report.
    assert graded(said("fever", celsius=38.9), said("chills")).findings == ["fever", "chills"]


def test_advice_taken_back_from_an_emergency_still_names_the_emergency_signs():
    from bot.regions import load_regions
    from bot.triage.replies import emergency_line, symptom_detail

    uk = load_regions()["uk"]
    # "sorry, my lips aren't swollen at all": the advice comes down, the way out stays
    denied = said("facial_swelling", status=NEGATED, correction=True)
    reply = symptom_detail(graded(said("facial_swelling"), denied), uk).text
    assert "taken that back" in reply and emergency_line(uk) in reply
    # from urgent: the plain reply
    fever = said("fever", celsius=38.5)
    reply = symptom_detail(graded(fever, nothing(correction=True, reading_c=36.8)), uk).text
    assert "taken that back" in reply and emergency_line(uk) not in reply
    # taken back on the person's word: unsure, or if it comes back, the way back is named
    reply = symptom_detail(graded(said("petechiae"), sure()), uk).text
    assert "taken that back" in reply and "not sure, or it comes back, tell me or contact your team" in reply


COUNTED = ["poisoning_emergency"]


def test_tablets_counted_all_there_take_back_a_childs_swallowing():
    # "My 3 year old had my box open" ... "counted with my husband, all 28 there": it did not happen,
    # though "she's fine now" never ends it.
    result = graded(said("child_ingestion"), nothing(counted=COUNTED))
    assert result.level == "routine" and result.findings == []
    assert result.episode is not None and result.episode["counted"] and result.episode["was_emergency"]
    assert result.episode["retracted"] == [ENGINE.lexicon.finding("child_ingestion").label]
    # The learned detector's guess of a child and tablets from the count's own words is the count.
    count = said("poisoning_described", learned=["poisoning_described"], counted=COUNTED)
    assert graded(said("child_ingestion"), count).level == "routine"


def test_a_count_takes_back_nothing_told_with_it_or_beside_an_extra_dose_or_a_crisis():
    def unchanged(*turns: TurnPayload) -> bool:
        return grade_episode(turns[:-1], turns[-1], ENGINE).assessment is None

    count = nothing(counted=COUNTED)
    # "swallowed one, she keeps being sick": the child may have swallowed something all the same.
    assert unchanged(said("child_ingestion", "vomiting"), count)
    # ...and told between the scare and the count ("she's being sick now").
    assert unchanged(said("child_ingestion"), said("vomiting"), count)
    # "all there, but now she's vomiting": the count's message reports something of its own.
    assert graded(said("child_ingestion"), said("vomiting", counted=COUNTED)).level == "emergency"
    # An adult's extra dose in the episode ("I took mine twice, and the toddler had the strip").
    assert unchanged(said("overdose"), said("child_ingestion"), count)
    assert unchanged(said("overdose"), count)
    result = graded(said("self_harm"), count)
    assert result.crisis and "self_harm" in result.findings


def test_a_count_takes_back_only_the_child_swallowing_not_what_was_told_before_it():
    told_before = graded(said("rash"), said("child_ingestion"), nothing(counted=COUNTED))
    assert told_before.findings == ["rash"]


def test_a_message_after_a_count_that_doubts_it_or_reports_anything_brings_it_back():
    scare, count = said("child_ingestion"), nothing(counted=COUNTED)
    # "wait, I recounted, there are only 27"
    assert graded(scare, count, nothing(count_doubted=True)).level == "emergency"
    # "she's very drowsy now"
    assert graded(scare, count, said("drowsiness")).level == "emergency"
    # "thanks so much" changes nothing.
    assert grade_episode([scare, count], nothing(small_talk=True), ENGINE).assessment is None
