"""The symptom extractor reads the conversation so far from the tracker Rasa gives it: each
message is kept with its episode turn, and a follow-up is graded with the messages before it.
Patterns only (no learned detector), so what is tested is the conversation handling."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.core.events import SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot.detect import default_detector
from bot.detect.text import normalise
from bot.nlu.symptom_extractor import EPISODE_TURN_KEY, TRIAGE_KEY, SymptomExtractor
from bot.triage.lexicon import LEVEL_RANK


@pytest.fixture(scope="module")
def extractor() -> SymptomExtractor:
    return SymptomExtractor(SymptomExtractor.get_default_config(), None, None, None)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def configured() -> SymptomExtractor:
    """As config.yml sets it up, with the follow-up classifier trained on its data (patterns only)."""
    # Imported here: test_followup_classifier imports this module's `converse`.
    from bot.detect.followup import FollowUpClassifier, load_followups
    from tests.unit.test_followup_classifier import with_followups

    return with_followups(FollowUpClassifier.train(load_followups()), followup_taken_back=0.8)


def converse(extractor: SymptomExtractor, *texts: str, tracker: DialogueStateTracker | None = None) -> list[dict]:
    """Each message's parse as Rasa would store it, one after the other in one conversation."""
    tracker = tracker or DialogueStateTracker("someone", [])
    parsed = []
    for text in texts:
        message = Message({"text": text})
        extractor.process([message], tracker)
        data = message.as_dict(only_output_properties=True)
        tracker.update(UserUttered(text, {"name": "report_symptom", "confidence": 1.0}, [], data))
        parsed.append(data)
    return parsed


def test_every_message_is_kept_with_its_turn(extractor):
    (first,) = converse(extractor, "I've got a temperature of 38.4")
    assert first[EPISODE_TURN_KEY]["assessment"]["level"] == "urgent"
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert "episode" not in first[TRIAGE_KEY]


def test_a_fever_and_then_a_stiff_neck_is_an_emergency(extractor):
    _, second = converse(extractor, "temp is 38.3", "and my neck is really stiff, I can't bend it")
    assert second[TRIAGE_KEY]["level"] == "emergency"
    assert second[TRIAGE_KEY]["episode"]["messages"] == 2


@pytest.mark.parametrize(
    ("turns", "first_level"),
    [
        (("my nose is bleeding", "it's been going for ages and it won't stop"), "urgent"),
        # A low count (alone it grades nothing), then a fever: possible neutropenic sepsis.
        (
            (
                "The nurse rang, my white cell count was low on Tuesday's blood test",
                "and now I've come over all hot and shivery, the thermometer says 38.6",
            ),
            None,
        ),
    ],
)
def test_a_detail_that_only_makes_sense_after_the_message_before(extractor, turns, first_level):
    first, second = converse(extractor, *turns)
    assert first[TRIAGE_KEY]["level"] == first_level
    assert second[TRIAGE_KEY]["level"] == "emergency"


@pytest.mark.parametrize(
    ("reading", "correction"),
    [
        ("thermometer says 38.9", "no wait, I misread it, it's 36.9"),
        # dictated: "not" before the wrong number in words, as before digits
        (
            "my temperature is a hundred and one",
            "no wait the phone got that wrong i said ninety eight point one not a hundred and one",
        ),
    ],
)
def test_a_corrected_thermometer_reading_lowers_the_advice(extractor, reading, correction):
    first, second = converse(extractor, reading, correction)
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["retracted"]


@pytest.mark.parametrize(
    "stronger",
    [
        "its unbearable now",
        "cant even stand up straight its unbearable im crying with it HELP",
        "The pain is very strong, I cannot stand straight. 10 from 10. I am crying from it",
    ],
)
def test_how_strong_it_is_now_raises_what_was_told_before(extractor, stronger):
    first, second = converse(extractor, "stomach ache, bad one", stronger)
    assert first[TRIAGE_KEY]["level"] == "soon"
    assert second[TRIAGE_KEY]["level"] == "emergency"


@pytest.mark.parametrize(
    "not_stronger",
    [
        "its not unbearable, just annoying",
        "it was unbearable earlier but it's settled now",
        "I overstated it, unbearable was the wrong word",
        "thanks, that's so bad of me to bother you",
    ],
)
def test_strength_denied_past_or_taken_back_raises_nothing(extractor, not_stronger):
    _, second = converse(extractor, "stomach ache, bad one", not_stronger)
    assert second[TRIAGE_KEY]["level"] != "emergency"


def test_an_everyday_question_after_a_symptom_is_not_escalated(extractor):
    _, second = converse(extractor, "I've got a temperature of 38.4", "can I take paracetamol with aza?")
    assert second[TRIAGE_KEY]["level"] is None


def test_a_new_session_starts_a_new_episode(extractor):
    tracker = DialogueStateTracker("someone", [])
    converse(extractor, "temp is 38.3", tracker=tracker)
    tracker.update(SessionStarted())
    (after,) = converse(extractor, "my neck is really stiff", tracker=tracker)
    assert after[TRIAGE_KEY]["level"] != "emergency"
    assert "episode" not in after[TRIAGE_KEY]


def test_without_a_tracker_each_message_is_read_alone(extractor):
    text = "and my neck is really stiff, I can't bend it"
    _, with_tracker = converse(extractor, "temp is 38.3", text)
    assert with_tracker[TRIAGE_KEY]["level"] == "emergency"
    message = Message({"text": text})
    extractor.process([message])  # as `rasa test nlu` and /model/parse call it
    assert message.get(TRIAGE_KEY)["level"] is None


@pytest.mark.parametrize(
    "follow_up",
    ["is a stiff neck a side effect of aza?", "I don't feel better now", "Actually, can I drink alcohol on aza?"],
)
def test_questions_and_denials_do_not_change_the_advice(extractor, follow_up):
    _, second = converse(extractor, "temp is 38.6", follow_up)
    assert second[TRIAGE_KEY]["level"] in (None, "urgent")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("retracted")
    assert not (second[TRIAGE_KEY].get("episode") or {}).get("ended")


@pytest.mark.parametrize(
    ("first", "follow_up", "at_least"),
    [
        ("I've got black tarry poo and a stomach ache", "the stomach ache has settled down", "emergency"),
        ("temp 39.2 and my neck is so stiff I can't bend it", "I need to reset the thermometer", "emergency"),
        (
            "temp 39.2 and my neck is so stiff I can't bend it",
            "hopefully he'll be feeling better tomorrow",
            "emergency",
        ),
        ("temp 39.2 and my neck is so stiff I can't bend it", "I just want him back to normal", "emergency"),
        ("temp 39.2 and my neck is so stiff I can't bend it", "I meant to say she's been vomiting", "emergency"),
        ("temp 39.5 and shivering", "I checked again, her sats are 96", "urgent"),
        ("temperature of 39.4", "it wasn't this high yesterday, it was 37.5", "urgent"),
        ("I've got loads of bruises I can't explain", "No, the bruises are spreading", "urgent"),
        ("I've got loads of bruises I can't explain", "I didn't bang into anything, they just appeared", "urgent"),
        ("the whites of my eyes have gone yellow", "I'm not taking it anymore since my eyes went yellow", "urgent"),
        ("I get so out of breath now", "I get breathless even when I climb the stairs", "urgent"),
        ("I've got black tarry poo", "my period pain has gone now", "emergency"),
        ("I've got black tarry poo", "I was feeling better until lunchtime", "emergency"),
        ("I've got black tarry poo", "it went away for 10 mins then started again", "emergency"),
        ("my temperature is 38.9", "it went away after paracetamol", "urgent"),
        ("my temperature is 39.6", "I took paracetamol not 40 mins ago and now it's 37.9", "urgent"),
        ("my nose has been bleeding for an hour and won't stop", "forget what I said, it's much worse", "emergency"),
        ("my nose has been bleeding for an hour and won't stop", "it went on and on", "emergency"),
        (
            "my nose has been bleeding for an hour and won't stop",
            "ignore that, it's way worse than I said",
            "emergency",
        ),
        ("my nose has been bleeding for an hour and won't stop", "it start again", "emergency"),
        ("I've got black tarry poo", "this isn't a false alarm, please help", "emergency"),
        ("I've got black tarry poo", "Ok I've calmed down a bit", "emergency"),
        ("I've got black tarry poo", "my energy is all gone now", "emergency"),
        ("I've got loads of bruises I can't explain", "Actually no, the bruises are spreading", "urgent"),
        # a denial of one emergency sign does not take back another sign of its row
        ("my lips are swollen and my throat feels tight", "sorry, correction: my lips aren't swollen", "emergency"),
        # a correction of how much was taken beyond the dose, not of whether
        ("I took 3 extra tablets of my aza this morning by mistake", "typo, it was 1 extra not 3", "urgent"),
        ("took an extra 50mg of aza by mistake", "sorry, typo, it was an extra 150mg, three extra tablets", "urgent"),
        ("I took 2 extra tablets of my aza by mistake", "oops I meant another one, not two", "urgent"),
    ],
)
def test_a_follow_up_that_only_sounds_like_an_end_or_a_correction_keeps_the_advice(
    extractor, first, follow_up, at_least
):
    from bot.triage.engine import rank

    before, after = converse(extractor, first, follow_up)
    assert rank(before[TRIAGE_KEY]["level"]) >= rank(at_least)
    level = after[TRIAGE_KEY]["level"]
    assert level is None or rank(level) >= rank(before[TRIAGE_KEY]["level"]), (follow_up, level)


@pytest.mark.parametrize(
    "question",
    [
        "should I go to A&E if it reaches 40?",
        "Ok thanks. What should I do if it goes up to 38.5?",
        "what if it goes to 38.5",
    ],
)
def test_a_question_with_a_number_is_not_a_new_reading(extractor, question):
    _, after = converse(extractor, "temp is 37.6", question)
    assert after[TRIAGE_KEY]["level"] != "urgent"


@pytest.mark.parametrize(
    "follow_up",
    [
        "nobody would miss me anyway",
        "I'm not ok I want to die",
        "not joking, I want to end it all",
        "I'm scared. Can you help?",
    ],
)
def test_after_a_crisis_statement_a_follow_up_keeps_the_crisis_reply(extractor, follow_up):
    _, after = converse(extractor, "I want to kill myself", follow_up)
    assert after[TRIAGE_KEY]["crisis"] is True


def test_an_ending_that_names_what_got_better_ends_that(extractor):
    # The cue words hear something is over; the throat named is the sore throat reported before.
    _, ended = converse(
        extractor,
        "My wife's had a really sore throat since Thursday",
        "She's over it now. Back at work, her throat's fine now, five days",
    )
    assert ended[TRIAGE_KEY]["level"] == "routine"
    assert ended[TRIAGE_KEY]["episode"]["ended"]


def test_an_ending_that_names_one_thing_leaves_the_rest(extractor):
    _, second, third = converse(
        extractor,
        "I've got a sore throat",
        "and a temperature of 38.5",
        "the throat is better now",
    )
    assert second[TRIAGE_KEY]["level"] == "urgent"
    assert third[TRIAGE_KEY]["level"] == "urgent"
    assert third[TRIAGE_KEY]["findings"] == ["fever"]
    assert third[TRIAGE_KEY]["episode"]["over"] == ["a sore throat"]


def test_a_temperature_back_to_normal_without_paracetamol_ends_the_fever(extractor):
    _, ended = converse(
        extractor,
        "My temperature this morning was 38.4 and I feel a little hot",
        "The temperature was back to normal by the Monday and has stayed normal, I've not taken any paracetamol",
    )
    assert ended[TRIAGE_KEY]["level"] == "routine"
    _, masked = converse(
        extractor,
        "My temperature this morning was 38.4 and I feel a little hot",
        "The temperature was back to normal after I took paracetamol",
    )
    # Paracetamol hides a fever: nothing is over, the earlier advice stands.
    assert masked[TRIAGE_KEY]["level"] != "routine"
    assert not (masked[TRIAGE_KEY].get("episode") or {}).get("ended")


def test_a_correction_of_a_word_replaces_only_what_it_quotes(extractor):
    # "DOWN?? meant IN": the quoted word was in the report it replaces.
    _, replaced = converse(
        extractor, "can't keep anything down", "DOWN?? meant IN. stupid autocorrect. it's the runs, 5 days now"
    )
    assert "cannot_keep_down" not in replaced[TRIAGE_KEY]["findings"]
    # "Not small, wrong word": the headache is not taken back, it is worse.
    _, worse = converse(
        extractor,
        "I have small headache",
        "Wait. Not small, I use wrong word. Is very very strong, worst of my life, and the light hurt my eyes",
    )
    assert worse[TRIAGE_KEY]["level"] == "emergency"


@pytest.mark.parametrize(
    ("turns", "finding"),
    [
        # A word shared with an earlier finding names it only when it is what is over, and never ends
        # an emergency: found by a review of the named endings.
        (
            (
                "I can't lift my left arm and my face has dropped",
                "and my temp is 38.2",
                "my temperature has dropped back to normal now",
            ),
            "one_sided_weakness",
        ),
        (
            (
                "he hasn't had a wee since this morning",
                "and he's got a cough",
                "the cough's much better now, hasn't bothered him since lunch",
            ),
            "no_urine",
        ),
        (
            (
                "my poo has been black and sticky since yesterday",
                "and I've got a black eye from walking into a door",
                "the black eye is much better now",
            ),
            "black_stools",
        ),
        (("I've got chest pain", "and a stomach ache", "the stomach pain is a bit better now"), "chest_pain"),
        (("temp 38.4 and my neck is really stiff", "my morning stiffness is much better now"), "stiff_neck"),
        (
            (
                "my skin and eyes have gone yellow",
                "I've got an itchy rash on my arms too",
                "the rash on my skin has gone now",
            ),
            "jaundice",
        ),
        (("I've got loads of tiny red spots on my legs", "the spots on my face have cleared up"), "petechiae"),
        (
            ("my son's temp was 39.1", "his temperature is back to normal, he'd had calpol an hour before"),
            "fever",
        ),
    ],
)
def test_an_ending_never_ends_what_it_does_not_name(extractor, turns, finding):
    parsed = converse(extractor, *turns)
    latest = [p[TRIAGE_KEY] for p in parsed if p[TRIAGE_KEY]["level"] is not None][-1]
    assert finding in latest["findings"]


@pytest.mark.parametrize(
    "turns",
    [
        # Found by the second review: a date, a pen or a phone call is not the end of a red flag.
        ("my throat feels like its closing up and i cant breathe properly", "this happened last year with nuts"),
        ("black tarry poo", "I'm talking about today, not back in March"),
        ("im vomiting blood", "it happened today 14/06/2025 at about 3pm"),
        ("purple spots that don't fade under a glass", "I drew round them with a biro so I can see if they spread"),
        (
            "tiny purple dots, don't fade in glass test",
            "just came off the phone with 111, they're sending an ambulance",
        ),
        ("tiny purple dots, don't fade in glass test", "i tried to wipe it off in case it was pen"),
        ("temp 39.1 and shivering", "temperature is back to normal now. he's very drowsy"),
        ("black tarry poo since yesterday", "it's been fine on aza for 3 years, this is new"),
        ("i'm peeing blood", "my bloods have been fine"),
        # ...and by the third: something else that washed off, a similar episode long ago, "ok now".
        ("he has a rash that doesn't fade when I press a glass on it", "the calamine lotion washed off in the bath"),
        ("there are tiny purple dots all over his legs", "I thought it was pen, it isn't"),
        (
            "I've got crushing chest pain going down my arm",
            "I had something similar. That was last year and it went away",
        ),
        ("I've got a temp of 38.8 and I'm shivering", "I'm ok now I think"),
        ("itchy rash on my arm since this morning", "it's over both my legs and my back now, blistering"),
    ],
)
def test_what_is_not_an_ending_leaves_the_advice_standing(extractor, turns):
    first, later = converse(extractor, *turns)
    assert later[TRIAGE_KEY]["level"] in (None, first[TRIAGE_KEY]["level"], "emergency")
    assert not (later[TRIAGE_KEY].get("episode") or {}).get("ended")
    assert not (later[TRIAGE_KEY].get("episode") or {}).get("retracted")


def test_a_report_the_next_message_dates_to_months_ago_is_over(extractor):
    first, second = converse(
        extractor, "I fainted in the church hall", "I should have said, that was back in June. Right as rain since."
    )
    assert first[TRIAGE_KEY]["level"] == "emergency"
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["ended"] and second[TRIAGE_KEY]["episode"]["was_emergency"]
    # Something that is still going is not over, whatever was dated.
    _, still = converse(extractor, "I fainted in the church hall", "that was back in June and it still keeps happening")
    assert still[TRIAGE_KEY]["level"] in (None, "emergency")


@pytest.mark.parametrize(
    "correction",
    [
        "scratch that about the tablets, I checked the pill box and today's is still there",
        "scratch that about the tablets, I double checked the pill box and today's is still there",
    ],
)
def test_a_correction_about_the_tablets_that_gives_no_extra_amount_takes_the_dose_back(extractor, correction):
    _, second = converse(extractor, "I think I took an extra tablet this morning", correction)
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["retracted"]


def test_a_second_dose_taken_without_thinking_is_a_double_dose(extractor):
    first, second = converse(
        extractor,
        "had my azathioprine at about seven this morning",
        "my husband handed me one with lunch and I took it without thinking, so that's two lots today",
    )
    assert first[TRIAGE_KEY]["level"] is None
    assert second[TRIAGE_KEY]["level"] == "urgent"


def test_a_second_dose_given_by_someone_who_did_not_know_is_a_double_dose(extractor):
    # the "didn't" is about knowing, in another clause; the bracketed age does not hide the dose
    first, second = converse(
        extractor,
        "Gave Noah (4, 16kg, kidney transplant) his aza at 8 this morning",
        "my partner didn't know and gave him another dose at 9, he seems totally normal",
    )
    assert first[TRIAGE_KEY]["level"] is None
    assert second[TRIAGE_KEY]["level"] in ("urgent", "emergency")


def test_a_dose_denied_in_its_own_clause_is_no_dose(extractor):
    _, second = converse(extractor, "had my azathioprine this morning", "and I didn't take another one at lunch")
    assert second[TRIAGE_KEY]["level"] is None


@pytest.mark.parametrize(
    ("turns", "level"),
    [
        # the intensity comes down one step, never below the finding's own level
        (
            (
                "PAIN IN MY STOMACH IS UNBEARABLE",
                "ok I was being dramatic, it's not unbearable, more crampy on and off",
            ),
            "urgent",
        ),
        # the sign itself stands: a fit, however it is softened
        (
            (
                "my little girl had a fit that lasted ages, she's on azathioprine",
                "sorry, I was panicking, it lasted about 3 minutes, she's very sleepy and floppy now",
            ),
            "emergency",
        ),
        # "worse" after a softening word is not softening
        (("stomach pain is unbearable", "sorry I panicked but it's getting worse not better"), "emergency"),
    ],
)
def test_a_correction_that_softens_brings_the_intensity_down_one_step(extractor, turns, level):
    assert converse(extractor, *turns)[-1][TRIAGE_KEY]["level"] == level


@pytest.mark.parametrize(
    ("turns", "level"),
    [
        # a gradual onset told later takes nothing back on its own words (stop 51: two reviews broke
        # every reading of it that lowered, 73 of 100 and 59 of 74)
        (("worst headache of my life", "it built up slowly over the last hour"), "emergency"),
        # still the worst, or the same row told again: it stands
        (
            (
                "worst headache of my life",
                "my mistake about the time, it came on slowly, but it is still the worst I've ever had",
            ),
            "emergency",
        ),
        (
            (
                "worst headache of my life",
                "my mistake, it came on slowly, but now my neck is stiff and the light hurts my eyes",
            ),
            "emergency",
        ),
        # the gradual onset denied
        (
            ("sudden awful headache out of nowhere", "my mistake, it didn't come on slowly, it hit me all at once"),
            "emergency",
        ),
        # more than the headache in the report, an onset of seconds, a contrast, a hedged admission: it stands
        (
            (
                "worst headache of my life and my neck feels odd",
                "I was being dramatic, it came on slowly over the afternoon",
            ),
            "emergency",
        ),
        (("worst headache of my life", "I exaggerated, it built up slowly over about 30 seconds"), "emergency"),
        (
            (
                "worst headache of my life",
                "I was being dramatic, it came on slowly this morning, but she keeps wanting the curtains shut",
            ),
            "emergency",
        ),
        (("worst headache of my life", "maybe I'm overreacting, it built up slowly over the day"), "emergency"),
    ],
)
def test_a_gradual_onset_told_later_leaves_a_sudden_headache_standing(extractor, turns, level):
    # The advice standing at the end: a message that changes nothing gives no new level.
    given = [parsed[TRIAGE_KEY]["level"] for parsed in converse(extractor, *turns) if parsed[TRIAGE_KEY]["level"]]
    assert given[-1] == level


def test_a_limb_that_feels_like_someone_elses_is_a_sign_not_a_take_back(extractor):
    # "not mine" is someone else's report only when it is not a likeness (a stop-51 reviewer's: the
    # whole episode was taken back)
    parsed = converse(
        extractor,
        "worst headache of my life",
        "sorry, i panicked",
        "it built up slowly over the morning. now my right hand feels like its not mine",
    )
    assert parsed[-1][TRIAGE_KEY]["level"] == "emergency"


def test_a_correction_that_denies_the_collapse_takes_it_back(extractor):
    _, second = converse(
        extractor,
        "My wife just fainted in the kitchen",
        "Let me correct that, she didn't actually go down or black out. She sat on the floor herself, talking to me.",
    )
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["retracted"]


def test_the_softened_finding_is_named_and_the_way_out_kept(extractor):
    _, second = converse(
        extractor, "PAIN IN MY STOMACH IS UNBEARABLE", "ok I was being dramatic, it's not unbearable, more crampy"
    )
    episode = second[TRIAGE_KEY]["episode"]
    assert episode["softened"] == ["stomach pain"]
    assert episode["was_emergency"] and episode["changed"]


def test_a_tablet_given_again_by_someone_else_is_a_double_dose(extractor):
    _, second = converse(
        extractor,
        "I give my daughter her azathioprine after breakfast, 25 mg.",
        "Problem. Her grandmother also give her the tablet at lunch, she don't know I already give it.",
    )
    assert second[TRIAGE_KEY]["level"] in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("turns", "level"),
    [
        # a unit of time swapped: the first weeks' rule applies
        (("rash on both hands, not itchy, on aza 2 yrs", "typo, 2 WEEKS not years"), "urgent"),
        (("new itchy rash on my legs, been on imuran 3 months", "oops I meant 3 weeks not months"), "urgent"),
        # only ever more: taken back in other words only (a review), and nothing else the report said
        # changes ("started aza 3 weeks ago" read as "3 months ago" makes its signs read as past)
        (("new rash!! started aza 3 weeks ago", "oops I meant 3 years not weeks. small patch, no temp"), "urgent"),
        (
            (
                "Started aza 3 weeks ago, my lips are swelling up and my throat feels tight",
                "sorry i meant 3 months not weeks",
            ),
            "emergency",
        ),
        # not a unit for a number, nor a unit that is in the report twice
        (("itchy red rash on my arms, started aza 2/52 ago", "correction: years, not 2"), "urgent"),
        (("rash for 2 weeks, started aza 2 weeks ago", "oops, years not weeks"), "urgent"),
    ],
)
def test_a_correction_that_swaps_a_unit_of_time_adds_the_first_weeks(configured, turns, level):
    levels = [parsed[TRIAGE_KEY].get("level") for parsed in converse(configured, *turns)]
    assert [given for given in levels if given][-1] == level


def test_the_medicine_named_in_a_message_that_reported_nothing_counts_in_the_next(extractor):
    """A reviewer's: the pot left open, then the child who swallowed two "of them"."""
    _, second = converse(
        extractor,
        "I take azathioprine 50mg tablets, left the pot open on the side",
        "my 2 yr old just swallowed 2 of them and he's been sick",
    )
    assert second[TRIAGE_KEY]["level"] == "emergency"


@pytest.mark.parametrize(
    ("turns", "level"),
    [
        # the reading denied beside the new one is replaced; the shivering told with it stands
        (("temp 38.9 and shivering", "typo, 39.8 not 38.9"), "emergency"),
        (("temp 38.9 and shivery", "typo: 36.9, not 38.9"), "urgent"),
        (("temp 38.9", "typo: 36.9, not 38.9"), "routine"),
    ],
)
def test_a_corrected_reading_leaves_what_was_told_with_it(extractor, turns, level):
    assert converse(extractor, *turns)[-1][TRIAGE_KEY]["level"] == level


@pytest.mark.parametrize(
    ("turns", "over", "left"),
    [
        (
            (
                "been sick on and off for two days now",
                "The sickness stopped yesterday, thank goodness. Still a touch queasy at breakfast",
            ),
            "vomiting",
            "nausea",
        ),
        (
            (
                "had the runs for five days",
                "Good news, it all settled on Monday and things are back to normal. "
                "Only thing left is I feel a little queasy after meals",
            ),
            "diarrhoea",
            "nausea",
        ),
    ],
)
def test_an_ending_that_leaves_something_mild_ends_the_rest(configured, turns, over, left):
    first, later = converse(configured, *turns)
    assert over in first[TRIAGE_KEY]["findings"]
    assert later[TRIAGE_KEY]["level"] == "routine"
    assert later[TRIAGE_KEY]["findings"] == [left]
    assert later[TRIAGE_KEY]["episode"]["ended"]


@pytest.mark.parametrize(
    "turns",
    [
        # What is left makes a combination with what was told: "the headache's gone, just a stiff neck".
        ("temp 38.4 and a headache", "the headache has gone, still got a stiff neck though"),
        # What is left is what was told, in other words, or it has come back.
        ("I've been being sick all day", "the sickness has stopped, still being sick now and then"),
        ("really sore throat since yesterday", "it went away. But it's come back and I feel a bit sick"),
        # Paracetamol hides a fever: the fever still counts.
        ("temp 38.6 and shivery", "it's gone down to 37 with paracetamol, just a bit of a headache still"),
        # An emergency is never ended by it.
        ("my nose has been bleeding for 40 minutes and it won't stop", "it's stopped now, still a bit queasy"),
    ],
)
def test_an_ending_that_leaves_something_does_not_lower_what_it_cannot_end(configured, turns):
    first, later = converse(configured, *turns)
    assert later[TRIAGE_KEY]["level"] in (first[TRIAGE_KEY]["level"], "emergency")


@pytest.mark.parametrize(
    "turns",
    [
        ("temp 38.6", "took it again after calpol, it's 37.2 now"),
        ("woke up at 38.4 feeling awful", "nvm, took 2 paracetamol and now it's 37.1 so all good"),
        ("my temp is 38.5", "rechecked it after paracetamol and it's 37.0"),
    ],
)
def test_a_lower_reading_after_paracetamol_leaves_the_fever_standing(extractor, turns):
    # The reference: a high temperature brought down by paracetamol still counts.
    _, later = converse(extractor, *turns)
    assert later[TRIAGE_KEY]["level"] == "urgent"
    assert "fever" in later[TRIAGE_KEY]["findings"]
    assert later[TRIAGE_KEY]["episode"]["masked"]


def test_a_reading_said_to_be_wrong_is_replaced_even_after_paracetamol(extractor):
    _, later = converse(extractor, "my temp is 38.5", "typo, it's 37.0 not 38.5. had paracetamol this morning")
    assert later[TRIAGE_KEY]["level"] == "routine"
    assert not later[TRIAGE_KEY]["episode"]["masked"]


def test_a_mistyped_reading_taken_back_leaves_no_fever_behind(extractor):
    # Read after the message before, "Temp is 103.1" without its number is a bare "Temp": no new finding.
    first, later = converse(
        extractor,
        "Temp is 103.1 this morning, what do I do?",
        "TYPO. 99.1. Fat fingers on this phone. I feel totally fine, no chills.",
    )
    assert first[TRIAGE_KEY]["level"] == "urgent"
    assert later[TRIAGE_KEY]["level"] == "routine" and not later[TRIAGE_KEY]["findings"]


def test_a_correction_that_also_says_a_named_sign_is_over_ends_it(extractor):
    first, later = converse(
        extractor,
        "40.2 and I'm shaking all over",
        "sorry, my partner read it properly, it's 38.4 not 40.2. the shaking has gone now",
    )
    assert first[TRIAGE_KEY]["level"] == "emergency"
    assert later[TRIAGE_KEY]["findings"] == ["fever"] and later[TRIAGE_KEY]["level"] == "urgent"


def test_paracetamol_told_in_an_earlier_message_keeps_the_fever_through_a_recheck(extractor):
    *_, later = converse(extractor, "my son has a temp of 38.6", "I gave him some calpol", "rechecked, it's 37.1 now")
    assert later[TRIAGE_KEY]["level"] == "urgent" and "fever" in later[TRIAGE_KEY]["findings"]
    assert later[TRIAGE_KEY]["episode"]["masked"]


STRONGER59_REVIEW = yaml.safe_load((Path(__file__).parents[1] / "review_stronger59.yml").read_text(encoding="utf-8"))


def _told_of_it(text: str) -> tuple[str, ...]:
    detector = default_detector()
    return detector.intensity.told_of_it([t.norm_ for t in detector.tokenizer.doc(normalise(text))])


@pytest.mark.parametrize(
    "conversation", STRONGER59_REVIEW["raised"], ids=[c["id"] for c in STRONGER59_REVIEW["raised"]]
)
def test_a_follow_up_that_says_how_strong_it_now_is_raises_what_was_told(extractor, conversation):
    """tests/review_stronger59.yml: "its unbearable now" after a stomach ache."""
    parsed = converse(extractor, *conversation["turns"])
    assert _told_of_it(conversation["turns"][-1])
    first, last = (LEVEL_RANK[p[TRIAGE_KEY]["level"] or "routine"] for p in (parsed[0], parsed[-1]))
    assert last > first


@pytest.mark.parametrize(
    "conversation", STRONGER59_REVIEW["not_raised"], ids=[c["id"] for c in STRONGER59_REVIEW["not_raised"]]
)
def test_strong_words_asked_denied_past_or_about_something_else_say_nothing_of_it(conversation):
    """ "what if it becomes unbearable?", "I don't think it's unbearable", "the wait on the phone is unbearable"."""
    assert _told_of_it(conversation["turns"][-1]) == ()


@pytest.mark.parametrize(
    "count, taken_back",
    [
        ("counted the strip with my wife, all 28 are there, he didn't have one", True),
        ("I counted, one is missing and I can't find it", False),
        ("she's fine now, playing with her toys", False),
    ],
)
def test_tablets_counted_all_there_take_back_a_childs_swallowing(extractor, count, taken_back):
    first, second = converse(extractor, "my 2 year old swallowed one of my azathioprine tablets", count)
    assert first[TRIAGE_KEY]["level"] == "emergency"
    # Not taken back: the emergency advice stands (given again, or not changed by a message that adds nothing).
    assert second[TRIAGE_KEY]["level"] in (("routine",) if taken_back else ("emergency", None))


@pytest.mark.parametrize(
    "then",
    ["that was 2019 btw, not now!", "Sorry, I write it bad. This happen in 2012, not now."],
)
def test_an_emergency_dated_to_a_past_year_and_not_now_is_over(extractor, then):
    first, second = converse(extractor, "my throat swelled up and I couldn't breathe after my infusion", then)
    assert first[TRIAGE_KEY]["level"] == "emergency"
    assert second[TRIAGE_KEY]["level"] == "routine"
    assert second[TRIAGE_KEY]["episode"]["ended"]
