"""What a message says about the conversation (bot/detect/conversation.py, words in
data/clinical/conversation_cues.yml)."""

from __future__ import annotations

import pytest
import yaml

from bot.detect.conversation import CUES_FILE, default_cue_reader
from bot.triage.lexicon import load_lexicon

READ = default_cue_reader().read


@pytest.mark.parametrize(
    "text",
    [
        "no wait, I misread the thermometer",
        "Scratch that, wrong chat",
        "sorry typo",
        "nvm",
        "ignore that please",
        "I'd like to correct myself, she didn't faint",
        # the phone's doing (probe 27)
        "argh stupid swipe keyboard, WRIST not that",
        "the phone wrote that, I said painted",
    ],
)
def test_corrections(text):
    assert READ(text).correction


@pytest.mark.parametrize(
    "text",
    [
        "my temperature is 38.5",
        "it's been going for ages and won't stop",
        "wait for me",
        # a likeness said of a sign, not someone else's report
        "my right hand feels like it's not mine",
        "his leg looks as if it isn't his",
    ],
)
def test_not_corrections(text):
    assert not READ(text).correction


def test_a_reading_is_read_only_when_the_conversation_is_about_a_temperature_or_corrects_one():
    assert READ("ok its 39.9 now", temperature_talk=True).reading_c == 39.9
    assert READ("ok its 39.9 now").reading_c is None
    assert READ("sorry the voice thing got that wrong I said thirty six point two").reading_c == 36.2
    assert READ("did it again and it's 101.3 F").reading_c == pytest.approx(38.5, abs=0.1)


@pytest.mark.parametrize(
    "text",
    ["took 50 mg at 9", "she's 38 years old", "it was 38 minutes ago", "pain is 40/10", "on 150mg", "at 10:38"],
)
def test_numbers_that_are_not_temperatures(text):
    assert READ(text, temperature_talk=True).reading_c is None


def test_the_latest_reading_in_a_message_is_the_one_read():
    assert READ("rechecked: 38.9 was wrong, it's 37.1", temperature_talk=True).reading_c == 37.1


@pytest.mark.parametrize(
    "text",
    ["it's gone now", "all cleared up, back to normal", "I'm pleased to say it has calmed down", "ok it went away"],
)
def test_an_episode_that_is_over(text):
    assert READ(text).ended


@pytest.mark.parametrize(
    "text",
    [
        "it went away but the rash is still there",
        "fine now apart from the bleeding",
        "it had gone but came back",
        "I don't feel better now",
        "I'm not feeling better",
        "I'm not fine now, it's worse",
        "nothing's back to normal",
        "it's never healed",
        "ok I've sorted an appointment",
        "it's gone all over her legs now",
        "is it normal to feel better now?",
        "it went red and swollen overnight",
        "it went on and on",
        "this isn't a false alarm, please help",
        "I was feeling better until lunchtime",
        "it went away for 10 mins then started again",
        "hasnt gone away at all",
        "its not gone away, if anything its spreading",
        # where it has spread, not an ending
        "It's over both my legs and my tummy now, with big watery blisters",
    ],
)
def test_not_over_when_something_is_still_there_or_denied(text):
    assert not READ(text).ended


@pytest.mark.parametrize(
    "text",
    [
        "that was last month it started, hasnt gone away at all and the GP never rang back",
        "she's back at work but it never cleared",
        "bit brighter today, the bleeding hasn't stopped though",
        "eating again, tummy no better",
        "isnt better, I dont think its going to go away",
    ],
)
def test_a_learned_reading_that_it_is_over_never_applies_where_the_words_say_it_is_not(text):
    assert not default_cue_reader().may_be_over(text)


def test_a_learned_reading_that_it_is_over_may_apply_to_an_ending_in_other_words():
    assert default_cue_reader().may_be_over("she's perked right up, back to her garden")


def test_doses_taken_and_not():
    assert READ("took my aza with breakfast").dose_taken
    assert READ("just taken another tablet").dose_taken
    assert not READ("forgot my aza this morning").dose_taken
    assert not READ("should I take my aza with food?").dose_taken


def test_a_second_one_given_is_a_dose_taken_again():
    # "gave my daughter her imuran this morning" ... "HER DAD GAVE HER ONE TOO!!!"
    cues = READ("HER DAD GAVE HER ONE TOO!!!")
    assert cues.dose_taken and cues.dose_repeat
    assert READ("then my husband gave him another one").dose_repeat
    assert not READ("gave her one look and she burst out laughing").dose_taken


def test_a_correction_names_what_it_corrects():
    cues = READ("scratch that, the reading was my son's")
    assert cues.topics == ("fever",)
    assert READ("no wait it wasn't me, my husband doesn't take it").not_on_it
    # Without a correction the same words name nothing.
    assert READ("the reading was 37").topics == ()


def test_start_over_and_take_back():
    assert READ("can we start over").start_over
    assert READ("Take back what I said").take_back_last
    # Only the button's own words: the phrase inside a sentence takes nothing back.
    assert not READ("I'd never take back what I said about the pain").take_back_last


@pytest.mark.parametrize(
    "text",
    [
        "Actually, can I drink alcohol on aza?",
        "Is azathioprine meant for Crohn's?",
        "reset my password?",
        "scratch that, is it ok to take paracetamol?",
    ],
)
def test_a_question_says_nothing_about_the_conversation(text):
    cues = READ(text)
    assert not (cues.correction or cues.start_over or cues.takes_back_all or cues.ended or cues.dose_taken)


def test_what_a_correction_takes_back():
    assert READ("sorry wrong chat, that was for my sister's group").takes_back_all
    assert READ("false alarm, he's just back from the dentist").takes_back_all
    assert not READ("ignore me if I'm being silly, but my neck is stiff too").takes_back_all
    assert READ("no it heard me wrong I said stiff back not neck").replaces
    assert not READ("hold on, my lips are swelling up").replaces
    assert READ("hold on, my lips are swelling up").correction


def test_an_age_is_not_a_reading():
    assert READ("he is 40 and otherwise healthy", temperature_talk=True).reading_c is None
    assert READ("it is 38.9 now", temperature_talk=True).reading_c == 38.9


def test_having_had_it_for_a_while_is_not_a_dose():
    assert not READ("I've had it since Monday").dose_taken
    assert not READ("I had it last year too").dose_taken
    assert READ("I had my aza at breakfast").dose_taken


def test_every_correction_topic_is_a_row_of_the_triage_table():
    rows = set(load_lexicon().rows)
    topics = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))["correction_topics"]
    assert set(topics) <= rows


def test_a_denied_number_corrects_a_reading():
    cues = READ("Correction: it's 37.8 not 38.7", temperature_talk=True)
    assert cues.correction and cues.reading_c == 37.8
    assert not READ("not a 10 out of 10 though", temperature_talk=True).correction


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("it went away after paracetamol", True),
        ("back to normal, took some calpol earlier", True),
        ("no paracetamol since Sunday and it's back to normal", False),
        ("I've not taken any paracetamol and I feel fine now", False),
        ("better now without ibuprofen", False),
    ],
)
def test_a_medicine_that_hides_a_fever_counts_only_when_taken(text, masked):
    assert READ(text).masked is masked


@pytest.mark.parametrize(
    ("text", "words", "quoted", "named"),
    [
        ("her throat's been fine for five days", "really sore throat", False, True),
        ("the shivers have settled", "shivering", False, True),
        ("no itch now", "itchy rash", False, True),
        ("the temp is back to normal", "temperature", False, True),
        ("she is feeling much better, back at school", "really sore throat", False, False),
        ("I feel great now", "feel sick", False, False),  # "feel" names nothing on its own
        ("DOWN?? meant IN", "can't keep anything down", True, True),
        ("DOWN?? meant IN", "can't keep anything down", False, False),
        ("not small, wrong word", "headache", True, False),
    ],
)
def test_a_later_message_names_a_finding_by_the_words_it_was_reported_in(text, words, quoted, named):
    reader = default_cue_reader()
    assert reader.names(text, reader.naming_words(words), quoted) is named


@pytest.mark.parametrize(
    "text",
    [
        "Context I should have given: that was back in March. No further bleeds since.",
        "sorry sorry!! that was YEARS ago from penicillin. all good now",
        "Just to add, this was back in Jan. Bloods the week after were spot on, fine since",
        "That was in August btw. Zero pain since.",
        "Historical. That was with an ulcer in 2021, treated, stable since.",
        "To be clear, that was all last year, fully recovered",
        # a year alone, "not now", winters ago, a second language (probe 27)
        "that was 2019 btw, not now!",
        "Sorry, I write it bad. This happen in 2012, not now.",
        "I do apologise. That was three winters ago and I made a full recovery, nothing like it since.",
        "I should clarify, this was back in March. Nothing since.",
    ],
)
def test_a_report_dated_to_the_distant_past(text):
    assert READ(text).dated, text


@pytest.mark.parametrize(
    "text",
    [
        "that was last month and it's started again today",  # it came back
        "that was not last month, it's today",  # denied
        "sorry, that was last month's. today's are lower",  # a result of then
        "it was last month I started the azathioprine",  # dates the medicine, not the report
        "that was back in March, but now the bruises are everywhere",  # an exception follows
        "that was this morning",  # not the distant past
        "I still have it, since last month",  # no back-reference
        "his kidney op, that was in 2019, he healed up really well",  # dates what the message names first
        "This happened last month, the GP never saw it",  # not said to be over
        "that was last year I got started on the imuran, fine since",  # dates the medicine
        "that was 2019 when I started aza, not now",  # dates the medicine
        "that was 20 minutes ago, not now",  # not a year
        "that was at 2030, not now",  # a time on the 24-hour clock (a review, stop 61)
        "this happen a lot since 2019",  # still going
    ],
)
def test_not_dated(text):
    assert not READ(text).dated, text


def test_a_reading_denied_in_words_is_not_the_new_reading():
    # voice dictation: "not" before the wrong number, spelled out as before digits
    said = READ(
        "it cut me off, I was trying to say ninety eight point one not a hundred and one", temperature_talk=True
    )
    assert said.reading_c == 36.7
    assert READ("not a hundred and one, a hundred and three", temperature_talk=True).reading_c == 39.4


@pytest.mark.parametrize(
    ("text", "word", "rest", "left"),
    [
        (
            "The sickness has stopped. I'm still a touch queasy in the mornings",
            "queasy",
            "The sickness has stopped. I'm",
            "still a touch queasy in the mornings",
        ),
        ("all settled now. Just a bit tired", "tired", "all settled now.", "Just a bit tired"),
        (
            "Feeling fine now apart from a headache, eating again",
            "headache",
            "Feeling fine now",
            "apart from a headache, eating again",
        ),
    ],
)
def test_what_an_ending_leaves_is_its_sentence_from_the_word_that_leads_in(text, word, rest, left):
    start = text.index(word)
    assert default_cue_reader().without_left_behind(text, [(start, start + len(word))]) == (rest, left)


def test_nothing_is_left_behind_when_the_part_taken_out_says_it_is_not_over():
    text = "It went away. But it's come back and I feel a bit sick"
    start = text.index("sick")
    assert default_cue_reader().without_left_behind(text, [(start, start + 4)]) is None


@pytest.mark.parametrize(
    "text", ["the bloods came back fine, all better now", "all better now, wee's back to pale yellow"]
)
def test_a_result_or_a_state_that_came_back_to_normal_is_no_recurrence(text):
    assert READ(text).ended


@pytest.mark.parametrize(
    "text", ["all better now, but the rash came back in the night", "all better now. it's back all over his legs"]
)
def test_something_that_came_back_is_not_over(text):
    assert not READ(text).ended


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("it's stopped, but I'm still a bit queasy", "it's stopped"),
        ("it's stopped but just a bit queasy", "it's stopped"),
        (
            "all settled since Monday, eating fine just still feel a little sick",
            "all settled since Monday, eating fine",
        ),
    ],
)
def test_what_is_left_is_cut_from_the_first_word_of_its_clause_that_leads_in(text, rest):
    word = "queasy" if "queasy" in text else "sick"
    start = text.index(word)
    assert default_cue_reader().without_left_behind(text, [(start, start + len(word))])[0] == rest


@pytest.mark.parametrize(
    "text",
    [
        "I count the pills two times, all 14 are there with that one",
        "Counted the box against her chart and every tablet is accounted for.",
        "I count the tablets in the box, is 28, all there, nothing missing.",
        "Ok I've counted with my husband twice. Both strips are all there, 28 tablets, none of the foil is broken.",
        "I've counted, all 28 are still sealed in the foil, not one pushed out or dented",
        "got it out. it's a tic tac. my tablets are in the locked box, counted them, none missing",
    ],
)
def test_tablets_counted_all_there(text):
    assert READ(text).counted == ("poisoning_emergency",)


@pytest.mark.parametrize(
    "text",
    [
        # something missing, or not counted yet, or not all there
        "theres one on the floor half chewed and the count is 2 short",
        "I count again the box. Only 1 tablet is missing, the other ones I find on the floor",
        "counted them, they are not all there",
        "counted them, all there but not sure, one might be missing",
        "I counted and they are all there except the one she chewed",
        "I'll count them now, if they are all there she's ok",
        # a review's: a denial in another clause, someone's own box
        "Counted, all there. No wait, she swallowed one",
        "counted Tom's strip, all 28 there",
        # all there, but nothing counted
        "the tablets are all there in the box",
    ],
)
def test_tablets_not_counted_all_there(text):
    assert READ(text).counted == ()


@pytest.mark.parametrize(
    "text",
    ["Oh no, one is missing", "Actually there are only 27", "hang on, one's not there", "What if one is missing?"],
)
def test_what_may_say_a_count_was_wrong(text):
    assert READ(text).count_doubted


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("legs feel fine now", True),
        ("Ear's fine now", True),
        ("my hands feel fine now", True),
        ("She's over it now. Back at work, throat's been fine for five days", False),
        ("all stopped tuesday night back at work", False),
        ("ok its stopped", False),
    ],
)
def test_an_ending_said_of_a_part_of_the_body_names_it(text, named):
    assert bool(default_cue_reader().parts_said_over(text)) is named
