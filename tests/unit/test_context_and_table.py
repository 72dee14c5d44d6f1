"""The updated triage table and the context rules: what a clinician reading the message would say."""

import pytest

from bot.detect import assess, default_detector
from bot.detect.temperature import find_temperatures
from bot.triage.findings import ASSERTED, EXPLAINED, GENERAL, NEGATED, RESOLVED, SOMEONE_ELSE


def level(text: str) -> str:
    return assess(text).level or "routine"


def statuses(text: str) -> dict[str, str]:
    return {m.code: m.status for m in default_detector().detect(text).mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A sudden, very severe headache; a headache or fever with a stiff neck, light or a rash.
        ("worst headache of my life, came on suddenly an hour ago", "emergency"),
        ("headache and my neck is really stiff", "emergency"),
        ("temp of 38.6 and the light hurts my eyes", "emergency"),
        ("fever and a rash on my chest", "emergency"),
        ("a bit of a headache today", "routine"),
        # Unable to keep fluids or tablets down: urgent.
        ("everything I drink comes straight back up", "urgent"),
        ("can't keep my tablets down", "urgent"),
        # Any stomach pain together with repeated vomiting: urgent.
        ("tummy ache and I've been sick 5 times", "urgent"),
        # Flu-like illness, joint or muscle pain or a new rash in the first weeks: urgent.
        ("started aza 10 days ago and my joints ache", "urgent"),
        ("new rash on my arms since I started azathioprine last week", "urgent"),
    ],
)
def test_the_updated_table(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A headache told as coming on in seconds, or as unlike any before, in other words (stop 65).
        ("my migraine just hit me all at once, cant see straight", "emergency"),
        ("headache came on like a switch about 20 mins ago", "emergency"),
        ("Dad has a headache, says he has never had one like it", "emergency"),
        ("never had one like this, headache came on in seconds at the gym", "emergency"),
        ("never had a migraine this bad, and it started suddenly", "emergency"),
        ("i have never had such a bad headache, it came on when i bent down", "emergency"),
        ("never felt a headache like this, please help", "emergency"),
        # ...or as the next sentence (stop 66: a pattern that names the full stop may cross it)
        ("Massive headache. Never had one like this.", "emergency"),
        ("Terrible headache. I've never had one this bad.", "emergency"),
        ("Dad has a headache! says he's never had one like it", "emergency"),
        ("Headache. Never experienced one like this", "emergency"),
        ("Headache. Never in my life had one like this", "emergency"),
        # ...not relief, two things at once, a usual or mild one, the "one" beside another complaint, one
        # unlike any since, nor a denial that "never had anything like" names
        ("headache gone within seconds of the paracetamol", "routine"),
        ("headache and a runny nose hit all at once, no temp", "soon"),
        ("my usual migraine hit me out of nowhere, same as always", "routine"),
        ("slight headache came on all at once when the alarm went off", "routine"),
        ("mouth ulcer and headache, never had one this bad, the ulcer is huge", "urgent"),
        ("had a migraine as a teenager, never had one like that since", "routine"),
        ("never had such a bad migraine since i started aza, it's been great", "routine"),
        ("she's never had anything like a seizure before, just a headache today", "routine"),
        ("mild headache. never had one like this since i was a kid", "routine"),
        ("Massive headache. Never had chickenpox though.", "routine"),
        # ...nor a headache that is a figure of speech, someone else's or from before (a review, stop 66)
        ("My new puppy is a real headache! Never had one like this before", "routine"),
        ("This tax return is a headache. Never had one like this, 40 pages", "routine"),
        ("My sister described her migraine. I've never had one like that, thankfully.", "routine"),
    ],
)
def test_a_headache_that_came_on_in_seconds_or_unlike_any_before(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A short sentence naming the medicine is a search, unless it says how it came about (stop 65).
        ("Take double dose aza by mistake. Feel strange", "urgent"),
        ("double dose aza accidentally", "urgent"),
        ("aza double dose", "routine"),
        ("aza double dose by mistake?", "routine"),
    ],
)
def test_a_short_sentence_that_says_how_it_happened_is_not_a_search(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my grandson got into my bag and chewed one of my imuran, he seems totally fine",
        "found my 2 year old with my azathioprine strip, I think she swallowed one, she's happy and playing",
        # whoever went "onto" it, the writer's tablets (a review, stop 56, of "onto aza" as the child's)
        "grandkids were over and one of them had some of my pills, i went onto imuran after my transplant",
        "Is it bad that my kid licked an imuran? I only got put onto imuran recently.",
    ],
)
def test_a_child_and_the_medicine_and_eating_is_an_emergency_however_well_the_child_seems(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my daughter is 7 and takes aza, can she eat grapefruit",
        "my son (kidney transplant) swallowed his aza this morning with breakfast",
    ],
)
def test_a_child_taking_their_own_medicine_is_not_an_ingestion(text):
    assert "child_ingestion" not in assess(text).findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "get up from the sofa" says how tired, not why; "swelled up from the bang" gives a cause
        ("Exhausted for a fortnight, I can barely get up from the sofa", "urgent"),
        ("so tired from the gym", "routine"),
        ("Face swelled up from the bang on the table", "routine"),
    ],
)
def test_causes_that_explain_and_words_that_only_look_like_one(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "bruise on my leg nowhere near where the needle went in",
        "a bruise from the blood test, and another one on my hip",
        "the bruise from the jab has got bigger and there are 2 more",
    ],
)
def test_a_cause_does_not_explain_more_than_it_could(text):
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cause denied explains nothing (review, stop 66)
        ("headache and my neck is very stiff, not from exercise", "emergency"),
        ("headache and neck really stiff, it's not because I slept funny", "emergency"),
        ("fever and my neck has seized up, and no it's not from the gym", "emergency"),
        ("so tired from the gym", "routine"),
    ],
)
def test_a_denied_cause_explains_nothing(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a denial of something else before the cause word leaves the cause (review, stop 66)
        "bruise came up not long after my blood test this morning",
        "gums bled a tiny bit, nothing major, after flossing last night",
        "bruise on my arm - dont worry - from the blood test",
        "so tired, no wonder after the gym this morning",
    ],
)
def test_a_denial_of_something_else_leaves_the_cause(text):
    assert level(text) == "routine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what stiffens a neck explains a stiff neck...
        ("Neck's gone stiff after yoga, first class in years. Small headache.", "routine"),
        ("my neck has gone completely stiff after a deep tissue massage, slight headache afterwards", "routine"),
        ("My neck is very stiff after deadlifts on Monday and I've got a bit of a headache", "routine"),
        # ...not told with a temperature, whatever cause is named (review, stop 66)
        (
            "My son is on azathioprine, he has a fever of 38.7 and a bad headache and his neck is so stiff he"
            " missed rugby because of it",
            "emergency",
        ),
        (
            "Had to cancel my massage because I've got a temperature of 38.5, a headache and my neck is really stiff",
            "emergency",
        ),
        ("headache and my neck's gone stiff since I got back from the gym, now I'm shivery and hot", "emergency"),
        # ...nor doubted
        ("Neck very stiff and a headache and I honestly don't think it's from sleeping funny", "emergency"),
    ],
)
def test_a_stiff_neck_s_own_causes_explain_it_but_not_beside_a_temperature(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a neck's causes explain nothing else: a pillow, the rugby do not explain bleeding gums or bruises
        ("new bruises all over my legs after yoga", "bruising"),
        ("My husband's gums started bleeding after watching the rugby, he hadn't even brushed", "bleeding_gums"),
    ],
)
def test_a_finding_s_own_causes_explain_nothing_else(text, code):
    assert statuses(text)[code] == ASSERTED


def test_a_cause_still_explains_a_bruise_where_it_happened():
    assert level("bruise from the blood test yesterday") == "routine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we nearly had a heart attack when we saw his temperature was 40.1 and he was floppy", "emergency"),
        ("my little girl is on aza, temp 38.6 and she's gone all floppy", "emergency"),
        ("Mum's on aza, temp 39 and keeps nodding off mid sentence", "emergency"),
        # a floppy thing or limb is not a floppy child
        ("temp 38.4, and yes I'm wearing my floppy sun hat indoors", "urgent"),
        ("arm's gone floppy from the flu jab, temp 38.2", "urgent"),
        ("No wet nappy since 7am, she's floppy and sleepy", "emergency"),
        ("no wet nappy since 10 minutes ago, just changed her", "routine"),
    ],
)
def test_a_floppy_child_with_a_temperature_is_a_sepsis_sign(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I realised I took my husband's tablets and mine, feeling dizzy and drowsy", "emergency"),
        ("I took mine and my husband's this morning by mistake", "urgent"),
        ("I took the kids' tablets and mine to the car", "routine"),
        ("I had mine and my husband's flu jabs today", "routine"),
        # a child's is the child's row, whatever else was taken
        ("My toddler got hold of the pill box and took his dad's tablets and mine", "emergency"),
    ],
)
def test_someone_elses_tablets_taken_as_well_as_ones_own(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stiff neck, bright light hurts, feel rough", "emergency"),
        # a stiff neck or the light in other words, beside a headache or a temperature
        ("7/10 headache, neck feel very stiff, light make my eyes pain, i am on azathioprine", "emergency"),
        ("headache 6 out of 10, neck very stiff, 38.9", "emergency"),
        ("headache 2/10 earlier now 7/10 and neck going stiff", "emergency"),
        ("sorry my english. headache 6/10, neck is hard can not move, fever high", "emergency"),
        ("headache 6/10 and cannot move neck and 39.4 fever", "emergency"),
        ("headache 7 /10 and high fever and neck pain when bending forward", "emergency"),
        ("7/10 headache and i have a fever and can't tolerate light", "emergency"),
        ("headache 6/10, hot and shivery, and bright lights make me wince", "emergency"),
        ("headache score 6/10 with high fever, vomiting, and light sensitivity", "emergency"),
        ("headache 6/10 and i vomited and cant keep my eyes open in the light", "emergency"),
        ("neck ok, knees very stiff, bit of a headache", "routine"),
        # either alone, with an ordinary cause, is not the meningitis row
        ("neck stiff after sleeping funny on the train", "routine"),
    ],
)
def test_a_stiff_neck_with_dislike_of_light(text, expected):
    assert level(text) == expected


def test_day_so_many_of_the_medicine_is_the_first_weeks():
    assert level("day 9 aza, aching joints and a temp of 37.8") == "urgent"
    # a break or a new dose is not a new start
    assert level("day 5 aza break before surgery, got a rash") == "soon"
    assert level("On imuran since 2015. Day 14 aza 150mg after they upped the dose, itchy rash") == "soon"


@pytest.mark.parametrize(
    ("text", "code", "status"),
    [
        ("had a nosebleed a month ago, nothing since", "nosebleed", RESOLVED),
        ("fainted once at a blood test back in college. Fine ever since.", "collapse", RESOLVED),
        ("bruise on my shin from the coffee table", "bruising", EXPLAINED),
        ("breathing fast cos I just ran up the stairs", "rapid_breathing", EXPLAINED),
        ("my husband has a high temperature but he's not on any tablets", "fever", SOMEONE_ELSE),
        ("my gums bleed whenever i brush, they never used to", "bleeding_gums", ASSERTED),
        ("had a seizure in the past, years ago", "seizure", RESOLVED),
        # "in the past hour" is now
        ("vomited blood twice in the past hour", "vomiting_blood", ASSERTED),
        ("I've had black poo in the past few days", "black_stools", ASSERTED),
        # "no" straight after a finding denies it when it ends the clause
        ("Fever no. Only asking.", "fever", NEGATED),
        ("fever no better today", "fever", ASSERTED),
        # a cause told as what made it happen
        ("The hygienist made my gums bleed a little with her scraping this morning", "bleeding_gums", EXPLAINED),
        ("the tablets made my gums bleed", "bleeding_gums", ASSERTED),
        ("Blood draw left a bruise lol", "bruising", EXPLAINED),
        ("something left a bruise on my back, no idea what", "bruising", ASSERTED),
        # a question about what it would look like "if I got it" reports nothing
        ("what would shingles look like if i got it on this medicine", "infection_contact", GENERAL),
        # what the person sees, not what a sign of something is
        ("cut finger, bleeding, showing no signs of stopping", "uncontrolled_bleeding", ASSERTED),
        # Paracetamol hides a fever only when it was taken.
        ("had a temperature of 38.5 last week, fine now and no paracetamol since", "fever", RESOLVED),
        ("had a temperature of 38.5 last week, fine now after paracetamol", "fever", ASSERTED),
        # "if ur on aza" is left a report: a review found "is it normal to have a rash that doesnt fade
        # with a glass if ur on aza?? my daughters got one" lost its emergency when it was general
        (
            "is it normal to have a rash that doesnt fade with a glass if ur on aza?? my daughters got one",
            "non_blanching_rash",
            ASSERTED,
        ),
    ],
)
def test_past_explained_and_someone_elses_findings_do_not_grade(text, code, status):
    assert statuses(text)[code] == status


@pytest.mark.parametrize(
    "text",
    [
        "temp was 39.4 this morning, paracetamol brought it down and I feel fine now",
        "I collapsed this morning but I'm fine now",
        "had a fever last week and it's back again today",
        "my gums have bled all week. Also I had a rash last year, all gone now.",
        # Found since, whatever went before.
        "The rash has completely gone now, but I've just noticed lots of bruises on his shins he can't explain",
        # What is over is something else: the finding's own words say it goes on.
        "38.2, can't stop shivering and my wee has stopped, nothing since this morning",
        "nosebleed won't stop, the one I had last week settled down though",
    ],
)
def test_a_recent_or_current_episode_is_not_over(text):
    assert level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # Noticing now what happened then (a review's reports).
        "just noticed in my diary that I had a fever three weeks ago which went away after a day",
        "I just noticed the yellow tinge in my eyes from last month has cleared up completely",
        "just noticed I had a high temp on the thermometer history from last winter, I'm fine now",
    ],
)
def test_noticing_an_old_episode_now_does_not_make_it_current(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level_expected"),
    [
        # "faint" that says how something looks is not fainting
        ("I've got a faint red rash on my stomach, doesn't itch much, no fever, feel fine.", "soon"),
        ("faint yellow tinge in my eyes", "urgent"),
        ("I fainted at work", "emergency"),
        ("faint red dots on my ankles that don't go when I press them", "emergency"),
        ("she went faint and dropped", "emergency"),
    ],
)
def test_faint_as_a_look_and_as_fainting(text, level_expected):
    assert level(text) == level_expected


def test_something_else_sorted_before_now_does_not_end_a_finding():
    # What is over comes first and "now" brings the message back to the present.
    assert statuses("Got my repeat sorted at last, and now my lips are swelling up") == {"facial_swelling": ASSERTED}
    assert statuses("That rash cleared up, but now my gums bleed") == {"rash": RESOLVED, "bleeding_gums": ASSERTED}
    # Said to be over after the finding, or in a finding's own clause, it still is.
    assert statuses("nosebleed on Sunday, all sorted now") == {"nosebleed": RESOLVED}
    assert statuses("my rash went away, fine now") == {"rash": RESOLVED}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("wanted to ask if I can have a pint at the weekend but also I've been itching all over", "itching"),
        ("Could you check if the clinic is open Monday, however I've got a rash on my arms", "rash"),
    ],
)
def test_a_question_with_if_ends_where_a_new_statement_begins(text, code):
    assert statuses(text)[code] == ASSERTED


@pytest.mark.parametrize(
    "text",
    ["what if I get a rash but no temperature", "if my eyes went yellow but I felt fine, would that matter?"],
)
def test_a_condition_goes_on_past_but_when_no_new_statement_begins(text):
    assert level(text) == "routine"


def test_asking_why_one_is_covered_in_something_reports_it():
    assert level("WHY AM I COVERED IN BRUISES??") == "urgent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "still" says a finding goes on only right before it; "still working" is coping.
        ("week 2 on aza, a little more tired than normal but still working full days", "routine"),
        ("I'm still exhausted", "urgent"),
    ],
)
def test_still_doing_things_is_not_a_finding_that_goes_on(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "10 days ago my husband started azathioprine and now he's got a rash and achy legs",
        "A week ago I began taking imuran, today my joints are killing me",
    ],
)
def test_the_first_weeks_read_with_the_time_first(text):
    assert "recently_started" in statuses(text)
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Two reviews' reports: how long, said as a count, was tried as the first weeks and removed (a
        # supply, a gap, a past course, another medicine).
        "3 days of it and my joints hurt",
        "I've only got 2 weeks of aza left, need a repeat prescription, also got a bit of a rash from the sun",
        "I missed 3 days of aza last week and now my joints ache",
        "6 days with imuran stopped for my op, joints sore now",
        "my rash, 3 days into it, is getting itchy, been on aza 5 years",
        "the first 3 weeks on azathioprine were rough but I've been on it 2 years now, bit of a rash from the sun",
        "been taking aza 4 yrs, started doxycycline, few days taking them and got a rash on my arms in the sun",
        "two days taking aza and my joint pain from the arthritis is already a bit better",
    ],
)
def test_days_of_it_a_supply_or_a_gap_is_not_the_first_weeks(text):
    assert "recently_started" not in statuses(text)


@pytest.mark.parametrize(
    "text",
    [
        # What has just started is something else: a probe's false alarm kept a pregnancy standing.
        "Update: two tests, both negative, and my period's just started, false alarm",
        "my period has only just started so not pregnant",
        "the cough only just started, been on aza 6 years",
        "school's just started again and the kids are full of colds",
    ],
)
def test_something_else_just_started_is_not_the_first_weeks(text):
    assert "recently_started" not in statuses(text)


def test_once_before_a_meal_is_a_time_of_day_not_a_past_episode():
    # Probe 26: two doses this morning, not an extra dose long ago.
    text = "I think I've taken my morning azathioprine twice, once before breakfast and once after. I feel fine."
    assert level(text) == "urgent"
    assert level("took too many tabs by mistake once before, years ago") == "routine"


def test_the_medicine_just_started_is_still_the_first_weeks():
    assert "recently_started" in statuses("I've just started azathioprine and have a rash")
    assert "recently_started" in statuses("new rash on my arms, my imuran treatment has only just started")
    assert "recently_started" in statuses("I just started it 2 weeks ago and my period has just started")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A white-box review's reports against a first version of the rules above.
        ("Cleared up now thank you, the shingles rash took three weeks to go", "routine"),
        ("Everything cleared up now, I had a high temperature and shivers for 2 days last week", "routine"),
        ("All sorted now, the nosebleed lasted about 20 mins on Sunday", "routine"),
        ("It's all healed now, the mouth ulcers were really bad over Christmas", "routine"),
        ("It has calmed down now, my tummy pain and vomiting lasted two days", "routine"),
        ("Symptoms settled down now, I had chest pain at the weekend and A&E said it was muscular", "routine"),
        ("back to normal now, the diarrhoea went on for 5 days", "routine"),
        ("what should I do if my temp is normal but I start shivering?", "routine"),
        ("Last week I started taking it with food and I've got a small rash, been on it 4 years", "soon"),
        ("last week I started taking them in the evening, I've had a mild rash since, on aza since 2019", "soon"),
    ],
)
def test_past_episodes_and_conditions_stay_what_they_were(text, expected):
    assert level(text) == expected


def test_a_new_time_of_day_is_not_a_new_start():
    assert level("Been on aza 8 years. Last week I started taking it at night and I've got a slight rash") == "soon"


def test_a_bleed_that_will_not_stop_is_never_explained_away():
    assert level("cut my finger chopping onions and it won't stop bleeding") == "emergency"


@pytest.mark.parametrize(
    ("text", "celsius"),
    [
        ("shivering and 39", 39.0),
        ("hot and shaky, 101", 38.3),
        ("thirty nine point two", 39.2),
        ("temp was one oh two", 38.9),
        ("thirty eight and a half, feverish", 38.5),
        ("my temperature is ninety eight point six so I think I'm fine", 37.0),
    ],
)
def test_bare_and_spelled_temperatures_are_read_when_the_message_speaks_of_fever(text, celsius):
    assert [t.celsius for t in find_temperatures(text)] == [celsius]


@pytest.mark.parametrize("text", ["im 38 and shivering", "I take 50mg and feel hot", "39 and a half hours on shift"])
def test_ages_doses_and_other_numbers_are_not_temperatures(text):
    assert find_temperatures(text) == []


def test_the_highest_reading_of_the_current_illness_counts():
    assert level("it was 39.4 earlier but after paracetamol it's 37.2") == "urgent"


def test_a_stated_normal_temperature_is_not_a_fever():
    assert level("temp's normal, no fever") == "routine"
    assert level("temperature 36.8 and a small itchy rash") == "soon"


@pytest.mark.parametrize("text", ["HELP MY DAD WONT WAKE UP", "please send an ambulance!!!", "help"])
def test_distress_is_noticed(text):
    assert default_detector().detect(text).distress


def test_calm_messages_are_not_distress():
    assert not default_detector().detect("what is azathioprine for?").distress


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two safety reviews' reports (ninth stop): what was tried and removed must stay removed.
        # A blow is no cause for a one-sided weakness; "whacked" is also tiredness.
        ("My left arm and leg went weak after I whacked my head", "emergency"),
        ("Totally whacked and breathless after doing nothing", "urgent"),
        # "takes no medication" does not undo a combination; "he not take aza" is a missed dose
        ("Husband takes no medication. He has a temp of 39.8 and a stiff neck and can't stand the light", "emergency"),
        ("My son 7 has fever 38.9 and sore throat. He not take aza, he vomit it.", "urgent"),
        # a denial inside an aside stays there (stop 38's review found these graded None)
        ("My husband (not on any meds) has chest pain and is sweating", "emergency"),
        ("My flatmate (not on any tablets) has shingles. Should I worry?", "urgent"),
        (
            "My dad (not on any meds) has bruises all over his arms. I'm his carer and I'm on imuran, I have them too",
            "urgent",
        ),
        ("Rash on my arms (no fever, no pain)", "soon"),
        # ...and a denial before the brackets still reaches past them
        ("I'm not (at all) short of breath, just tired", "routine"),
        # "the marquee collapsed" is not always the marquee
        ("was at the marquee collapsed in the heat, first aiders had to help", "emergency"),
        # what a leaflet says beside what is happening
        (
            "my daughter's aza leaflet says black poo is an emergency, and there's black sticky poo in her nappy",
            "emergency",
        ),
        # a break from it, or a new dose, is not the first weeks; "day 12 of aza" still is
        ("It's day 7 aza free because my bloods were low, now I've got a rash", "soon"),
        ("day 12 of aza off to the GP with a rash and joint pain", "urgent"),
        # "up from" a knock gives the cause
        ("Lips swollen up from a bike fall", "routine"),
    ],
)
def test_a_safety_reviews_reports_keep_their_level(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took my blood pressure twice", None),
        ("took a pregnancy test twice, positive both times", "soon"),
        ("took my temp and then took my aza twice by mistake", "urgent"),
        ("I took my tablet twice", "urgent"),
    ],
)
def test_a_reading_or_test_taken_twice_is_not_a_double_dose(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A blind safety review (stop 35): a fever with meningism or confusion told in lay words.
        (
            "my 6yo (aza for eczema) is 38.4 and shivering. she says the light hurts her eyes and she cries when"
            " she bends her neck",
            "emergency",
        ),
        ("38.4 and she says the light hurts her eyes", "emergency"),
        ("temp 38.5, it hurts to bend his neck", "emergency"),
        # ...told with who bends it (blind probe 29)
        ("38.3 and he yells when I try to tip his neck forward", "emergency"),
        ("38.2, shivering, his nappy has been dry since breakfast and its now 10pm", "emergency"),
        ("no wet nappy all day and he is floppy", "emergency"),
        # ...and what is not.
        ("sorry if I keep repeating myself, can I take it with food", None),
        ("my neck hurts when I bend down to tie my shoes, temp 38.2", "urgent"),
        ("my mum said the leaflet says it can hurt her liver", None),
        ("how do I keep his nappy area dry with this rash", None),
        # A code review's calm look-alikes (stop 35): repeating is not confusion, a dry nappy at night
        # or a clean one is not a baby who has stopped passing urine.
        ("I feel like I'm saying the same things over and over to the GP and nobody listens", None),
        ("The consultant kept repeating himself, I still don't understand the plan", None),
        ("Potty training is going great, she woke up with a dry nappy this morning!", None),
        ("changed him into a clean dry nappy and he settled, no temp, just teething", None),
        ("Her nappy has been dry all night for the first time, so proud", None),
        # A second code review's: a short while, potty training, the neck said to be fine.
        ("her nappy has been dry for 20 minutes", None),
        ("no wet nappy since I changed him an hour ago", None),
        ("no wet nappies all week, she's potty trained now!", None),
        ("temp 38.2 and it hurts to bend my knees, neck fine", "urgent"),
    ],
)
def test_meningism_and_no_urine_in_lay_words(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What a thermometer says is a reading, not hearsay (a reading with no unit and no decimal
        # was set aside as something passed on).
        ("Wait, I misread it, the thermometer says 100.8 not 98.8", "urgent"),
        ("temp says 39", "urgent"),
        ("ear thermometer says 101", "urgent"),
        ("my thermometer says 38.5, is that a fever?", "urgent"),
        # ...but a question about readings, or what an app says, is not.
        ("what temperature reading says you have a fever?", None),
        ("the thermometer says 38 is a fever, is that right?", None),
        ("The ear thermometer says 100.4 means fever, should I trust that?", None),
        ("the app says a temperature of 38 is a fever", None),
        ("The screen says chest pain and fainting need 999", None),
        ("the reading said a fever with a stiff neck means meningitis", None),
    ],
)
def test_what_a_thermometer_says_is_a_reading(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A code review (stop 35) of a rule that let any reading in the message decide what "took my
        # temp" meant: a past, someone else's or a post-paracetamol reading, or a pulse, took these
        # down. The rule was removed.
        ("Took my temp and it's sky high, shivering loads. Yesterday it was 37.2", "emergency"),
        ("took my temp, really high so I had paracetamol. Now it's 37.3", "urgent"),
        ("took his temp this morning and it was really high. this afternoon 37.4 after calpol", "urgent"),
        ("Took my temp and it is through the roof. My husband's is 36.8 so it's not the thermometer", "urgent"),
        ("took my temp and it was high. should I ring if it's over 38?", "urgent"),
        ("took my temp its high. sats 97", "urgent"),
    ],
)
def test_a_fever_said_with_the_measuring_words_stands_beside_another_reading(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    "text",
    [
        # "can't stop" keeps only the finding it is said of: what else is said to be over, is.
        "Sore throat cleared up, can't stop coughing though",
        "Fever went away on Sunday, can't stop sneezing though",
        "Mouth ulcers have cleared up, baby won't stop teething lol",
        # ...and a distant past is over whatever was said of it then.
        "Had a nosebleed that won't stop last month, fine now",
        "Had nonstop nosebleeds last year, all fine now",
        "my son had a high temperature nonstop for 3 days last month but he's fine now",
    ],
)
def test_going_on_belongs_to_the_finding_it_is_said_of(text):
    assert level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "back in" a room is now; "back in" a month or a year is a past episode
        ("Just went back in and his words are coming out jumbled", "emergency"),
        ("came back in from the garden and her lips have gone blue", "emergency"),
        ("fainted back in 2015 at a wedding", None),
        ("I had shingles back in March, all cleared now", None),
    ],
)
def test_back_in_a_room_is_now_back_in_march_is_past(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a test or a doctor said, in second-language English, is a report
        ("Test say I am pregnant, positive since yesterday. I take azathioprine for colitis.", "soon"),
        ("doctor say I have shingles, I take azathioprine", "urgent"),
        # ...and a condition after it is still one
        ("doctor say if I get a fever I must call", None),
        ("say I get a fever, what do I do", None),
    ],
)
def test_what_a_test_or_doctor_says_is_not_a_supposition(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the measuring alone, and the next sentence's normal reading says what it found
        ("Took my temp 3 times because I was worried. 36.8 every time.", None),
        ("Checked Ben's temp as he looked a bit pink after football. 37.1, and he's fine.", None),
        # ...not when the sentence says what it found, the reading is someone else's or from
        # before, a fever-lowering medicine is named, or a reading is high
        ("Took my temp and it's high. 36.9 on the other thermometer", "urgent"),
        ("Took my temp, felt awful. My husband's is 36.8", "urgent"),
        ("Took my temp this morning. Yesterday it was 37.0", "urgent"),
        ("Took my temp after paracetamol. 37.1", "urgent"),
        ("Took my temp twice. 38.6 the second time", "urgent"),
    ],
)
def test_a_normal_reading_says_what_taking_the_temperature_found(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("39.2?? oh wait, 36.9, misread it", None),
        ("it said a hundred and two no wait ninety nine point one", None),
        ("I do beg your pardon, I wrote 39 when I meant 36.9. No fever at all.", None),
        # a higher or equal one after it, or a lower one without a word that says the first was wrong
        ("38.8 no wait 38.3", "urgent"),
        ("38.6 at bedtime, I mean it was scary, this morning 37.4", "urgent"),
        ("Temp was 38.3, I meant to say earlier, then it settled at 37.6 by the morning", "urgent"),
        ("101.3 earlier, oh wait, it's F not C, now 99.1", "urgent"),
        # a fever-lowering medicine: the highest counts
        ("39.4, typo, 37.2 after paracetamol", "urgent"),
    ],
)
def test_a_reading_taken_back_for_a_lower_one_does_not_count(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nosebleed after my son headbutted me, stopped in a minute", None),
        ("Gums bled a little after the hygienist's scaling this morning, stopped straight away", None),
        ("Bruise on my arm where they drew my labs on Monday", None),
        ("bumped my shin on the bed, the bruise is going yellow and green now", None),
        # a knock explains no weakness or breathlessness, and no bleed that goes on
        ("My left arm went weak after I whacked my head", "emergency"),
        ("Totally whacked and breathless after doing nothing", "urgent"),
        ("nosebleed after my son headbutted me and it's been going for an hour", "urgent"),
        ("my eyes have gone yellow and my pee is dark", "urgent"),
    ],
)
def test_a_knock_explains_a_bleed_and_a_healing_bruise_is_not_jaundice(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("headache, neck stiff like wood, fever 38", "emergency"),
        ("Fever 38.4, headache, and she says her neck is sore and stiff when she looks down", "emergency"),
        ("neck ok, knees stiff, bit of a headache", "routine"),
        ("neck and shoulders sore and stiff after spin class, no fever", None),
        ("my three year old had my azathioprine tub open and two tablets are missing", "emergency"),
        ("my son's PE kit is missing again, can he still do sport on his aza?", None),
        ("took a football to the face in pe, nose bled for like 2 mins then stopped. im fine", None),
        ("Sliced my finger cutting bagels, bled a bit, band-aid and it stopped in a couple minutes", None),
        ("cut my finger and it hasn't stopped bleeding for an hour", "emergency"),
        ("massive bruise on my knee from skating, watched myself stack it", None),
        ("massive bruise on my knee and I only knocked it lightly", "urgent"),
    ],
)
def test_neck_words_missing_tablets_and_knocks(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "in 20 mins" is not a time long past
        ("got a meeting in 20 mins and my nosebleed's been going over an hour", "emergency"),
        # a bleed's duration that starts within reach counts whole; unbearable only close by
        ("nosebleed going on for over an hour", "emergency"),
        ("Slight headache this afternoon, I can't bear the noise of the roadworks", "routine"),
        # a child's own complaint, told after it
        ("wee stings says my 6yo (20kg, tx)", "urgent"),
    ],
)
def test_a_time_to_come_a_long_phrase_and_a_childs_complaint(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    "text",
    [
        "my little girl has chickenpox. do I need a jab? I'm on aza",
        "Need a blood test? My nephew has measles and I sat next to him all afternoon",
        "husband's got shingles. will the shingles vaccine I had help? on imuran",
    ],
)
def test_an_exclusion_never_reaches_into_the_next_sentence(text):
    # The patterns, not the classifier, read the contact: a question about a jab in the next
    # sentence does not make the chickenpox a vaccine.
    assert assess(text).level == "urgent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "not slowing down" says the bleeding goes on; it denies nothing.
        ("nose has been bleeding for ages and it's not slowing down at all", "emergency"),
        ("gums bleeding since lunch, isnt slowing down", "emergency"),
        ("my nosebleed is slowing down now", "urgent"),
    ],
)
def test_a_bleed_not_slowing_down_goes_on(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "can't remember if" is "not sure whether", not a condition: what follows is still told.
        ("cant remember if the rash was there yesterday but it's spreading fast and my lips are swelling", "emergency"),
        ("don't remember if he had the spots on Monday, but he's got a temp of 38.6 now", "urgent"),
        # ...and what it is unsure of is not made a report.
        ("can't remember if I took my aza this morning", None),
        ("don't remember if I had a temp, feel ok now", None),
    ],
)
def test_not_remembering_whether_is_not_a_condition(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A headache told as beyond every other is the worst ever, whatever word says how bad.
        ("this is the most horrendous headache he has ever had and he keeps being sick", "emergency"),
        ("easily the nastiest headache of her life, came on at tea time", "emergency"),
        ("headache again, the usual kind I've had for years", "routine"),
        # Found on the floor, or coming round there, in whichever room: a collapse.
        ("my son found her on the landing floor when he got in, she's groggy", "emergency"),
        ("came round on the bathroom floor, no idea how long I was there", "emergency"),
        ("found my glasses on the floor under the bed", None),
        # A stomach "going into the back" with the pain word left out is still that pain.
        ("belly 10/10 straight through to my back and being sick", "emergency"),
        ("tummy right through to my back since last night", "urgent"),
        # A nose blocked by a cold or hay fever is not trouble breathing; trouble breathing still is.
        ("cannot breathe through his nose, all bunged up with a cold", "soon"),
        ("can't breathe properly and my lips are going blue", "emergency"),
        # Skin gone a greenish yellow is yellow skin.
        ("his skin has gone a yellowy green colour", "urgent"),
        # A first or every headache is not the worst ever; a storey, or a child found playing, is no collapse.
        ("is this the first headache I've ever had on aza?", "routine"),
        ("found her on the floor playing with her dolls", None),
        ("the nurse found me in the ground floor waiting room", None),
        # Tablets put in a pocket are not a pain; a nose blocked along with the mouth is trouble breathing.
        ("put my stomach tablets into my back pocket", None),
        ("can't breathe through his nose or mouth, it's all blocked", "emergency"),
    ],
)
def test_how_people_say_a_sign_without_its_usual_words(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A report with its subject dropped, after a question word, is still a report.
        ("what do i do lips are swelling up and tongue feels fat", "emergency"),
        ("what does it mean eyes look yellow", "urgent"),
        ("what now nose won't stop bleeding", "emergency"),
        ("is it normal that skin's gone yellow?", "urgent"),
        ("what do i do chest feels tight", "emergency"),
        # A condition, a question about a sign, or what a sign is like is not.
        ("what should I do if lips are swelling", None),
        ("when their stool is black does that mean bleeding?", None),
        ("do eyes look yellow with jaundice?", None),
        ("can aza make skin look yellow", None),
        ("What does pancreatitis pain feel like?", None),
        ("is it true lips are swelling up is an allergy", None),
        ("why are lips swelling in angioedema", None),
        # A blank line between the question and the report is no word.
        ("what should i do\n\nlips are swelling up", "emergency"),
        ("what do i do the lips are swelling", "emergency"),
        ("why is poo black", "emergency"),
        # A reading told as now; not a question about a reading.
        ("what should i do temp is 39", "urgent"),
        ("is temp 38 a fever?", None),
        ("what do i do temp is 38 or above", None),
    ],
)
def test_a_report_with_its_subject_dropped_after_a_question_word_is_still_a_report(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("final dress fitting tomorrow, can I wear fake tan on aza", None),
        ("ill-fitting dentures rubbing, is that ok on aza", None),
        # A fit beside the same words, or where someone is found fitting, is still one.
        ("found him in the kitchen fitting", "emergency"),
        ("my son went rigid then tight fitting", "emergency"),
        ("she started fitting in the fitting room at the shop", "emergency"),
    ],
)
def test_something_worn_made_to_fit_is_not_a_fit(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a way of speaking is not a supposition
        (
            "My daughter remarked that I look rather yellow today, and I must say I've been itching all over for days",
            "urgent",
        ),
        ("I must say I've been itching all over for days", "urgent"),
        ("needless to say I've had a temp of 38.5 since lunch", "urgent"),
        ("say I get a fever of 38, what then?", None),
        # a degree word between the look and the colour; still not a healing bruise or a plant
        ("I look rather yellow today", "urgent"),
        ("he's gone quite yellowish round the eyes", "urgent"),
        ("the bananas look rather yellow", None),
        ("the tomato plants have gone quite yellow", None),
        # one dose on top of another, not a dose taken twice a day as prescribed
        ("Silly me, I've taken my evening azathioprine on top of the morning one. I feel perfectly well", "urgent"),
        ("took another tablet on top of my usual dose by accident", "urgent"),
        ("I take my evening dose as well as the morning one", None),
        ("I took paracetamol on top of my usual tablets", None),
        # an emptied pack found by a child
        ("found an empty blister pack next to my 3 year old", "emergency"),
        ("found empty blister pack by my son", "emergency"),
        ("my daughter recycles the empty blister packs", None),
        # thoughts named as thoughts, asked about with the report after "because"
        ("anyway are thoughts of ending it normal on this med because been having them a lot", "emergency"),
        ("thinking of ending it with my boyfriend, can stress cause a flare", None),
        ("can aza cause chest pain because been having it since yesterday", "emergency"),
        ("can aza cause chest pain, been wondering about it", None),
    ],
)
def test_ways_of_speaking_and_degree_words_do_not_hide_a_sign(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a condition, a "because" that tells the present says why the person asks
        ("so when should i call 999 because chest pain is really bad now", "emergency"),
        ("when should i ring 111 because my temp is 38.4", "urgent"),
        # ...with its subject dropped, and asked with a "?"
        ("when should i call 999 because lips are swelling up?", "emergency"),
        ("when should i call 999 because chest is really tight?", "emergency"),
        ("if my lips swell because of the aza what do i do?", None),
        ("call 999 if lips swell because it could be anaphylaxis", None),
        ("what do i do if my temp goes up because of the aza", None),
        ("should I go to A&E if I get chest pain because my dad had a heart attack", None),
        # weeks that run up to now are not a past that is over
        (
            "I used to manage the hill without a second thought, but these last few weeks I've had to stop "
            "twice to catch my breath",
            "urgent",
        ),
        ("I used to get nosebleeds as a kid", None),
        ("I used to get nosebleeds but they stopped years ago", None),
        ("Had mouth ulcers months ago, been fine the last few weeks", None),
        # a dose taken twice over, and having to do something twice
        ("Took 2x my AZA dose this morning, asymptomatic.", "urgent"),
        ("I take 2x 50mg tablets every morning", None),
        ("had to stop twice on the way to the shops", None),
        # a blood draw in clinical words
        ("Bruise post-venepuncture, left ACF. Expected?", None),
        ("bruise on my arm, no idea where from", "urgent"),
        # seeing no change is not a loss of sight
        ("My hair seems finer than it used to be, though my husband says he can't see any difference.", None),
        ("suddenly can't see out of my left eye", "emergency"),
    ],
)
def test_a_reason_told_now_a_habit_that_changed_and_other_ordinary_words(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # How strong it might get is a condition, not how strong it is (probe 26)...
        ("my stomach hurts, if it gets unbearable what do i do", "soon"),
        ("my head aches, if it gets unbearable shall I ring 111", "routine"),
        # ...but "as if" and "even if" say how it is now.
        ("my stomach hurts so bad I can't bear it", "emergency"),
        ("chest pain as if an elephant is sitting on me", "emergency"),
        ("tummy pain if thats not severe idk what is", "urgent"),
        # a condition on when it is strong, not on getting worse (a review, stop 61)
        ("stomach pain if i move unbearable", "emergency"),
        ("stomach pain unless I lie still unbearable", "emergency"),
        # A bleed that won't stop told in the next sentence still goes on.
        ("nosebleed, what do I do if it won't stop", "urgent"),
    ],
)
def test_how_strong_it_might_get_is_not_how_strong_it_is(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    ["she's not herself, really pale and limp", "he isn't himself today, very pale", "not myself, yellow eyes"],
)
def test_not_herself_says_someone_is_unwell_and_denies_nothing(text):
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text", ["Although I'm seeing double when I look off to the side.", "seeing two of everything"]
)
def test_seeing_double_is_double_vision(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # A lump, mole or growth that bleeds is the skin sign the table puts at "soon", not a bleed,
        # however long the description before the bleeding
        "my husband has a crusty lump on his temple that has got bigger and bleeds now and again",
        "a small nodule on my cheek that bleeds now and then",
        "the mole on my shoulder that's changed shape and bleeds",
    ],
)
def test_a_bleeding_lump_or_growth_is_the_skin_sign_not_a_bleed(text):
    assert "unusual_bleeding" not in assess(text).findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my husband has a crusty lump on his temple that has got bigger and bleeds now and again", "soon"),
        # ...a bleed told beside one still counts, as does a wound that will not stop
        ("there's a lump on my arm and I've been bleeding from my bottom since yesterday", "urgent"),
        ("the mole on my back, I noticed my nose bleeding twice today", "urgent"),
        ("I had a growth removed last month and the wound keeps bleeding through the dressing", "emergency"),
        # a review: another subject after "which", and words that are not about the skin
        ("my son has a wart on his thumb which is fine, but his bum bleeds when he poos", "urgent"),
        ("the scan showed a lesion and now I'm bleeding from my back passage", "urgent"),
        ("had my growth scan this morning and now I'm bleeding a bit down below", "urgent"),
    ],
)
def test_a_bleed_beside_a_lump_or_growth_still_counts(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bent over by pain is not a double dose
        ("she's been doubled up with cramps in her tummy since lunch", False),
        ("she's doubled over in agony", False),
        ("doubled up laughing at the telly", False),
        # ...doubling up on the tablets is, with whatever preposition (a review)
        ("I doubled up on my aza this morning by mistake", True),
        ("doubled up in error with my azathioprine", True),
        ("I doubled up with the pain relief and the aza this morning", True),
        ("doubled up in pain, and I took double my dose this morning by mistake", True),
    ],
)
def test_doubled_up_in_pain_is_no_overdose(text, expected):
    assert ("overdose" in assess(text).findings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a strip or band of burning or tingling round one side is how shingles starts, not a stroke
        ("a stinging strip round my right side, and now little blisters in a line", "urgent"),
        ("band of tingling round his left side since yesterday", None),
        # ...and the band with its spots told apart is shingles, wherever they are told (a review)
        ("could this be shingles? a burning band round my right side by my ribs, blisters today", "urgent"),
        ("I've a numb stinging belt round one side of my middle and some spots coming up", "urgent"),
        # ...weakness or numbness on one side still is, whatever it is likened to
        ("tingling down my left side and my face feels numb", "emergency"),
        ("weak left side, like a heavy band across my chest", "emergency"),
        # a review: a stroke goes down a side, and a band elsewhere is no band round the side
        ("a band of numbness down my right side, arm and leg", "emergency"),
        ("He's not slurring his words. Tight band round his head and his right side is weak", "emergency"),
    ],
)
def test_a_band_of_feeling_round_one_side_is_no_stroke(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # blood brought up is vomiting blood in any word for being sick (a review)
        ("I've just thrown up blood", "emergency"),
        ("he chucked up loads of blood after tea", "emergency"),
        ("she's been retching up blood", "emergency"),
        # ...not a swear word after the verb, a blood test thrown away, or the words' everyday
        # senses (a review)
        ("chucked the bloody remote at the telly", None),
        ("I'm spewing mate, blood oath", None),
        ("the neighbour hurled abuse, bad blood since the fence thing", None),
        ("bit thrown by how much blood they took at clinic today", None),
        ("hurled the blood test letter in the bin", None),
        ("he has thrown up, no blood in it", "soon"),
    ],
)
def test_blood_brought_up_in_any_word_for_being_sick(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what began at a past time goes on: that time dates no finding told beside it
        ("on azathioprine since last spring and my little girl has just eaten one of my tablets", "emergency"),
        # ...unless a word ties a finding told after it to that time
        ("ever since last summer's operation when I passed out in recovery I dread hospitals", None),
        # ...nor one told before it, nor a time that dates no treatment (reviews)
        ("the nosebleeds have more or less stopped since last year", None),
        ("since last spring, my lips puffed up twice after shellfish so I steer clear now", None),
        # a short window that runs up to now is no past time...
        ("in the past couple of weeks I've bruised all over for no reason", "urgent"),
        ("in the past 15 minutes his lips have puffed right up", "emergency"),
        ("in the past 48hrs I've had a temp of 38.4", "urgent"),
        # ..."in the past" alone, or a longer window, still is (a review)
        ("in the past I had shingles once, it cleared up fine", None),
        ("in the past few years I've had two seizures with high temperatures, the neurologist isn't worried", None),
        # a month that is someone's name, the school year a child is in, a moment
        ("my husband found our son in April's bedroom having a fit", "emergency"),
        ("my grandson in year 3 ate two of my tablets", "emergency"),
        ("when I was a tad distracted my toddler swallowed one of my tablets", "emergency"),
        ("when I was a little while on the phone my grandson ate one of my imuran", "emergency"),
        # ...a stage of life or a school year told as a time still is, as is a month's event (a review)
        ("when I was a bit younger I fainted once at a concert", None),
        ("when I was a little bit younger I had one seizure after a night out", None),
        ("in August's heatwave I fainted at the station, fine after a drink of water", None),
        ("in year 10 I had a seizure during an exam, only ever the one", None),
        ("When I was a little girl I had a fit with a high temperature", None),
        ("when I was a bit run down after my op I fainted in the shower", None),
        # "when I first started" dates a treatment, not the start of the illness told (a review)
        ("when I first started being sick there was bright red blood in it", "emergency"),
        ("when I first started aza I had a nosebleed, none since", None),
        # "but this time" brings the report back to now
        ("Previously I just had a sore throat but this time my temperature is 39 and I'm shivering", "urgent"),
    ],
)
def test_a_past_phrase_that_places_no_past_episode(text, expected):
    assert assess(text).level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tablets swallowed are not undone by feeling fine (issue 14: a child's swallowing told with
        # reassurance that the child is well)
        ("my little boy swallowed one of my azathioprine, he seems absolutely fine now", "emergency"),
        ("our toddler got hold of my imuran and ate one, all sorted now, I've put them up high", "emergency"),
        ("I accidentally took my dose twice, feel ok now", "urgent"),
        # ...but a message that places them in the past tells an episode that is over (a review)
        ("my daughter chewed one of my imuran when she was 3, fine ever since", None),
        ("back when he was a toddler my son got hold of my tablets and ate one, all good now", None),
        ("In my twenties I took a double dose of aza by mistake, fine ever since", None),
        ("my girl swallowed one of my tablets when she was two, fine ever since", None),
        ("my son was 20 months when he chewed one of my aza, all good", None),
        ("our toddler chewed one of my imuran, A&E discharged him, all sorted", None),
        # ...not a recent time, nor a clinician's advice to act (a review)
        ("my boy swallowed one of my tablets 2 hrs ago, he seems fine now", "emergency"),
        ("111 said go to A&E, my son swallowed one of my tablets but he's fine now", "emergency"),
        # ...and not by a past time that dates something else, nor one said to be no past (reviews)
        ("Been on imuran since last year and my daughter just swallowed one, she seems fine now", "emergency"),
        ("I had my kidney transplant 4 years ago. My son has just chewed one of my aza, he's fine now", "emergency"),
        (
            "grandson's here, when I checked there were 2 gone from the strip, he must have eaten them, he's fine",
            "emergency",
        ),
        # a pet that ate one is no child (a review)
        ("our dog ate one of my azathioprine tablets, seems fine now, good boy", None),
    ],
)
def test_tablets_swallowed_are_not_over_by_feeling_fine(text, expected):
    assert assess(text).level == expected
