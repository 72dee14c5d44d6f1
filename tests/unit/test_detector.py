"""The symptom detector: findings in patients' words, and how each one is meant."""

import pytest

from bot.detect import assess, default_detector
from bot.triage.findings import ASSERTED, GENERAL, HYPOTHETICAL, NEGATED


def statuses(text):
    return {m.code: m.status for m in default_detector().detect(text).mentions}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("i'm burning up", "chills"),
        ("now the vision in my left eye has gone", "vision_loss"),
        ("the feeling in my left arm has gone", "one_sided_weakness"),
        ("lost the feeling in his right hand", "one_sided_weakness"),
        ("hot and shivery all night", "chills"),
        ("my eyes have gone yellow", "jaundice"),
        ("peeing like cola", "dark_urine"),
        ("pale poo", "pale_stools"),
        ("black tarry stool this morning", "black_stools"),
        ("bruises I don't remember getting", "bruising"),
        ("my gums bleed when i brush", "bleeding_gums"),
        ("i can't catch my breath", "breathing_difficulty"),
        ("my lips are swelling up", "facial_swelling"),
        ("a rash that doesn't fade under a glass", "non_blanching_rash"),
        ("my grandson has chickenpox and I hugged him yesterday", "infection_contact"),
        ("I took too many tablets", "overdose"),
        ("took 2x my imuran dose by accident", "overdose"),
        ("why am I peeing blood", "unusual_bleeding"),
        ("the hubs took double aza last night, seems fine", "overdose"),  # text-speak kin is a person
        ("my toddler swallowed one of my pills", "child_ingestion"),
        ("i want to end it all", "self_harm"),
        ("it would be easier if i wasn't alive", "self_harm"),
        ("some days i wish i wasnt here", "self_harm"),
        ("everyone would be better off if i wasn't around", "self_harm"),
        ("everyone would be better off if i didn't wake up", "self_harm"),
        ("i've been thinking about how i'd do it", "self_harm"),
        ("MY NOSE IS BLEEDING AND IT WON'T STOP", "uncontrolled_bleeding"),  # shouted contractions split too
        ("NOSE BLEEDING 30 MINS WONT STOP", "uncontrolled_bleeding"),
        ("I CANT BREATHE", "breathing_difficulty"),
        ("cut my hand and i can't get it to stop bleeding", "uncontrolled_bleeding"),
        ("his nose has been bleeding 20 mins and it hasnt slowed down", "uncontrolled_bleeding"),
        ("my little girl she take my tablets from the table", "child_ingestion"),
        ("my eyes are yellow and my pee is dark", "jaundice"),  # "yellow ... pee" is not yellow pee
        ("i just want it all to be over", "self_harm"),
        ("brusing on my legs", "bruising"),
        ("jaundise", "jaundice"),
        ("i have a temprature", "fever"),
        ("vommiting since last night", "vomiting"),
        ("diarhea for three days", "diarrhoea"),
        ("took my imuran then forgot and took it again at lunch", "overdose"),
        ("i think i take the evening tablet two times today", "overdose"),
        ("I took three times as many tablets as prescribed", "overdose"),
        # a count before what was taken, and a carer's "her chest" (a review, stop 51)
        ("dad swallowed 5 of his imuran tablets instead of 2 this morning", "overdose"),
        ("mum's got a tight pain across her chest", "chest_pain"),
        ("stood up from the loo and it all went black", "collapse"),
        ("I came round on the floor of the kitchen", "collapse"),
        # a carer's pronouns where the patterns had only "my"
        ("he has blood in his wee", "unusual_bleeding"),
        ("there was blood in her sick this morning", "vomiting_blood"),
        # what someone says is there on their own body is a report, not hearsay
        ("she says there's a tight pain across her chest", "chest_pain"),
        # a child's chest drawn in at each breath, in a parent's words (a stop-51 reviewer's was missed)
        ("the skin under his ribs keeps sucking in when he breathes", "breathing_difficulty"),
        # a denial's list ends where a new subject starts a clause
        ("I didn't faint exactly, everything went black for a second", "collapse"),
        ("no temperature, this rash is spreading up my arms", "severe_rash"),
        # blind probe 20 (stop 52): a verb or a softener between the words, hours shortened, a
        # comparison, a lamp, a clinician's shorthand, a dose of tomorrow's taken today
        ("her breathing is getting really quick", "rapid_breathing"),
        ("his breathing has gone so shallow", "breathing_difficulty"),
        ("it's really hard to take a breath", "breathing_difficulty"),
        ("her face and fingers look sort of blue", "mottled_skin"),
        ("no wee 16 hrs now", "no_urine"),
        ("his neck feels like a plank", "stiff_neck"),
        ("she can't look into the lamp", "light_sensitivity"),
        ("acholic stool this morning", "pale_stools"),
        ("tight cp radiating down his left arm", "chest_pain"),
        ("I think I took tomorrow's as well", "overdose"),
        ("had my tablets again at tea, thinking I hadn't had them", "overdose"),
        ("been bringing up a bit of blood since tea time", "vomiting_blood"),
        ("her back's all patchy and itching", "rash"),
        ("my left arm feels like it doesn't belong to me", "one_sided_weakness"),
    ],
)
def test_finds_findings_in_the_words_patients_use(text, code):
    assert statuses(text).get(code) == ASSERTED


@pytest.mark.parametrize(
    "text",
    [
        "I took 2 tablets at bedtime instead of the morning, is that ok",
        "took 3 of the kids to the park instead of 2",
        "the telly screen went black in the middle of the film",
        # a blood test brought up with the nurse is no vomit; taking it again as usual is no overdose,
        # nor is a day's plan taken ahead; a breath of fresh air is no trouble breathing (a review, stop 52)
        "I brought up my blood test results with the nurse",
        "brought up blood thinners with the GP because of my AF",
        "took it again this morning as normal, I always think I haven't got any left",
        "had tomorrow's appointment moved as well",
        "hard to get a breath of fresh air in this office",
        "no wee accidents in 48 hrs, potty training is going well",
    ],
)
def test_a_dose_moved_in_the_day_or_a_blank_screen_is_no_finding(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a statement with a tag before its "?" tells what it says (blind probe 20: graded nothing)
        ("gums bleeding on and off all day, is that normal?", "urgent"),
        ("lips swelling up 😳 normal??", "emergency"),
        ("wee is the colour of cola, is that normal?", "urgent"),
        # ...nor "should I worry", a general question as often as a report (a review, stop 52)
        ("fever of 38 while on it, should I worry?", None),
        # ...not a question, a one-word tag that is the sentence's own word, or a short topic search
        ("does aza make your gums bleed, is that normal?", None),
        ("the new tablets are a yellow colour is normal?", None),
        ("aza hair loss, normal?", None),
    ],
)
def test_a_tag_question_does_not_make_a_statement_a_question(text, level):
    assert assess(text).level == level


def test_despair_is_no_denial_of_what_follows_it():
    # no full stop: "don't" was read as denying the crisis words six words on (blind probe 20)
    text = "i really don't see the point any more my family would be better off without me"
    assert statuses(text).get("self_harm") == ASSERTED
    assert assess(text).level == "emergency"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("no fever", "fever"),
        ("I haven't had any bruising", "bruising"),
        ("my skin isn't yellow", "jaundice"),
        ("not tired at all", "tiredness"),
        ("I don't have a sore throat", "sore_throat"),
        ("no nosebleeds or bleeding gums", "bleeding_gums"),
        ("fever: no", "fever"),
        ("never had any chest pain", "chest_pain"),
    ],
)
def test_negated_findings_do_not_count(text, code):
    assert statuses(text)[code] == NEGATED
    assert assess(text).level is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a denied action ends at the comma: the finding after it is reported
        ("couldn't finish the dog walk, totally out of breath", "breathlessness"),
        ("CAN'T EVEN DO THE SCHOOL RUN ANYMORE, OUT OF BREATH", "breathlessness"),
        ("he hasn't eaten, been sick all afternoon", "vomiting"),
        # two denials assert it
        ("can't get up the hill without getting out of breath", "breathlessness"),
        # a sore that has not healed is not over
        ("there's a sore on my lip that hasn't healed", "skin_change"),
        ("the rash has never gone away", "rash"),
        # a run of commas after a denied action is a list only when every item is an action
        ("couldn't sleep, crying, want to die", "self_harm"),
        ("haven't slept, sweating, chest pain", "chest_pain"),
    ],
)
def test_denials_of_something_else_leave_the_finding_reported(text, code):
    assert statuses(text)[code] == ASSERTED


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a denied list ends at the item after its "or"
        ("she's not got a fever or a cough, a rash all over her body", "severe_rash"),
        ("No fever or chills, chest pain since this morning", "chest_pain"),
        ("dad hasnt complained of chest pain or a headache, confused since lunch", "confusion"),
        ("not got a cough or temp, mouth ulcers everywhere", "mouth_ulcers"),
        # ...even when its "or" comes before the first finding the patterns know
        ("no pain or fever, bruising or bleeding gums since tuesday", "bleeding_gums"),
    ],
)
def test_a_denied_list_ends_after_its_last_item(text, code):
    assert statuses(text)[code] == ASSERTED


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I don't drink, do drugs or self harm, just really tired", "self_harm"),
        ("I didn't do anything, faint or fall, just tired", "collapse"),
        ("No fever or chills, or a rash", "rash"),
        ("I don't drink, smoke, self harm, take drugs. Just want to know why im tired", "self_harm"),
        ("I never drink, smoke, self harm", "self_harm"),
        (
            "Should I worry or not? I haven't had a fever, chills, a cough, a sore throat, mouth ulcers or a rash",
            "rash",
        ),
    ],
)
def test_a_list_that_starts_with_an_action_is_denied_whole(text, code):
    assert statuses(text)[code] == NEGATED


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("could my son's tablets be causing the bruises", "urgent"),
        ("is my wife's aza the cause of her yellow eyes", "urgent"),
        ("my skin bleeds if i even scratch it lightly, takes ages to stop", "urgent"),
        ("I've got a sore by my nose, it bled for 2 hours", "urgent"),
        ("I'm on aza and took a lot of tablets", "urgent"),
        ("forgot i had my aza so had it twice, as usual for me", "urgent"),
    ],
)
def test_carers_questions_and_long_bleeds_stay_reports(text, level):
    assert assess(text).level == level


def test_a_denied_state_still_denies_the_list_after_it():
    assert statuses("I haven't had a fever, chills or rash") == {"fever": NEGATED, "chills": NEGATED, "rash": NEGATED}
    assert statuses("I walk everywhere without getting breathless")["breathlessness"] == NEGATED


@pytest.mark.parametrize(
    "text",
    [
        "there's a scabby spot by the side of my nose that bleeds now and then and never heals",
        "the sore on my scalp bleeds when I catch it with the comb, it has never healed",
    ],
)
def test_a_skin_sore_that_bleeds_is_a_skin_change_not_a_bleed(text):
    found = statuses(text)
    assert found.get("skin_change") == ASSERTED
    assert not {"nosebleed", "unusual_bleeding"} & set(found)
    assert assess(text).level == "soon"


def test_negation_stops_at_but():
    found = statuses("no fever but my gums keep bleeding")
    assert found == {"fever": NEGATED, "bleeding_gums": ASSERTED}
    assert assess("no fever but my gums keep bleeding").level == "urgent"


def test_hedging_is_not_negation():
    assert assess("I'm not sure but I think my eyes look yellow").level == "urgent"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (
            "actually I need to change what I said it's not a bit of a headache it came on all of a sudden "
            "like someone hit me round the back of the head with a bat it's the worst pain I've ever had",
            "emergency",
        ),
        ("not my usual migraine, it came on like a thunderclap", "emergency"),
        ("it's not a little rash, it's all over and it doesn't fade under a glass", "emergency"),
    ],
)
def test_saying_it_is_worse_than_a_plainer_word_is_not_a_denial(text, level):
    assert assess(text).level == level


def test_a_denial_is_still_a_denial():
    assert statuses("no headache, just a bit of a sniffle")["headache"] == NEGATED


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my throats really sore can I still take my azathioprine", "urgent"),
        ("his temps 39.2", "urgent"),
        ("heads pounding worst ever came on suddenly", "emergency"),
    ],
)
def test_a_dropped_apostrophe_is_read(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    ["what should I do if I get a fever?", "if my temp goes above 38 who do I call", "what if I get a sore throat"],
)
def test_hypotheticals_are_marked_and_do_not_grade(text):
    assert HYPOTHETICAL in statuses(text).values()
    result = assess(text)
    assert result.level is None and result.if_it_happens == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "can aza cause bruising?",
        "is jaundice a side effect of imuran",
        "my doctor said to watch out for a sore throat",
        # "I just" asks here, it tells nothing
        "I just wanted to ask whether black poo is a side effect",
    ],
)
def test_questions_about_the_medicine_are_general(text):
    assert set(statuses(text).values()) == {GENERAL}
    assert assess(text).level is None


def test_a_question_that_carries_a_report_is_a_report():
    assert assess("is jaundice a side effect? asking because my eyes have gone yellow").level == "urgent"
    assert assess("I just wanted to know, my poo has gone black, is that the tablets?").level == "emergency"


@pytest.mark.parametrize("text", ["WHY AM I SO TIRED", "why do I bruise so easily", "how come my gums bleed"])
def test_a_question_about_ones_own_state_reports_it(text):
    detection = default_detector().detect(text)
    assert {m.status for m in detection.mentions} == {ASSERTED}
    assert detection.asked == ()  # a report, not a sentence that asks outright


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # someone else's body, and what they say of it, as "my" would be
        ("it's on his chest and face now, his lips are puffing up and he says his throat feels funny", "emergency"),
        ("she said her tummy is agony", "urgent"),
    ],
)
def test_what_someone_says_of_their_own_body_is_a_report(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "my nurse says it can make your lips swell",
        "he says aza can cause a sore throat",
        "what if his lips swell up",
        "my husband says it can make your lips swell",
        "she says she heard it can cause seizures",
        "when their stool is black does that mean bleeding?",
        "what does it mean when her pee is dark",
    ],
)
def test_hearsay_and_what_ifs_about_someone_else_stay_unreported(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I have a temperature of 39", "urgent"),
        ("38.4 and shivery", "urgent"),
        ("101.3F", "urgent"),
        ("39 degrees", "urgent"),
        ("my temp is 36.8", None),
        ("99F this morning", None),
        ("temperature of 37.1, feel fine", None),
        ("temp 37.8", "soon"),
    ],
)
def test_temperatures_decide_fever(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("stomach pain", "soon"),
        ("severe stomach pain", "urgent"),
        ("unbearable stomach pain", "emergency"),
        ("a nosebleed", "urgent"),
        ("nosebleed that won't stop", "emergency"),
        ("a bit tired", "routine"),
        ("tired all the time for weeks", "urgent"),
        ("I was sick once", "routine"),
        ("I'm so tired", "urgent"),
        ("nights all week, so yes I'm tired", "routine"),  # "so" counts right before the finding
        ("ever so slightly more tired than usual", "routine"),  # the mild word says how marked
    ],
)
def test_intensity_words_change_the_level(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("tummy ache is no longer mild", "soon"),
        ("stomach pain, not mild at all", "soon"),
        ("stomach pain, not exactly mild", "soon"),
        # ...the finding's own level, never more; and a denial of something else is no denial of it
        ("mild stomach pain", "routine"),
        ("mild tummy pain, paracetamol did not help", "routine"),
        ("tummy pain, not eating, mild", "routine"),
        # ...nor does a word of the class that says something else ("not once since", a review)
        ("I was sick this morning, not once since", "routine"),
        ("I've had a tummy ache, not a bit bad, just niggly", "routine"),
        # a denial of a raising word is not read: "wasn't severe this morning but it is now"
        ("Tummy pain wasn't severe this morning but it is now", "urgent"),
        ("tummy pain not quite unbearable but close", "emergency"),
    ],
)
def test_a_lowering_word_denied_right_before_it_does_not_lower(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Pain in my stomach is so strong I can not bear, please what I do", "emergency"),
        ("my stomach pain is so bad i can't bear it", "emergency"),
        ("tummy ache so bad I can't bear it", "emergency"),
        ("my stomach pain, it's so bad i can't bear it", "emergency"),
        ("my stomach pain is so bad i can't bear...", "emergency"),
        ("my stomach pain is so bad i can't bear\nwhat do i do", "emergency"),
        ("stomach pain, now it is so bad i can't bear it", "emergency"),
        # "so bad I can't stand it" says what "so bad I can't bear it" says
        ("tummy pain so bad i cant stand it", "emergency"),
        ("stomach ache so bad I cannot stand to eat", "urgent"),
        ("I can't stand it when my tummy hurts after eating", "soon"),
        # ...not when what cannot be borne is something else
        ("stomach ache so bad I cannot bear to eat", "urgent"),
        ("stomach pain so bad I can't bear the thought of work", "urgent"),
        ("really bad stomach pain, itching so bad i cant bear it", "urgent"),
        ("Is it normal for stomach ache to be so bad i cant bear it on the first week of aza?", "urgent"),
    ],
)
def test_an_unbearable_phrase_that_starts_as_a_severe_one_runs_past_the_window(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "hay fever is bad this year",
        "should I store it at room temperature",
        "can I have the flu jab",
        "I had chickenpox as a child",
        "I'm tired of waiting for my results",
        "what is imuran",
        "I fell over and bruised my knee",
        "the leaflet is confusing",
        "my temp job starts monday",
        "no idea what my temperature is",
        "i wish i wasn't on so many tablets",
        "it would be easier if i wasn't at work on clinic days",
        "the leaves on my courgette plants have turned yellow",
        "I take my tablets two times a day",
        "they have taken my bloods three times this month",
        "I take my tablets 2 times everyday",
        "I took my aza two times today, morning and night as prescribed",
        "I forgot my tablets on holiday so had them again when I got home",
        "asking for my mum - are people on imuran more prone to infections?",
        "the surgery has invited me for the pneumonia vaccine",
        "quote for new roof shingles",
        "reading Fever Pitch again",
        "I'm on a lot of tablets: a statin, ramipril and now azathioprine",
    ],
)
def test_lookalikes_are_not_findings(text):
    assert assess(text).level is None


def test_entity_offsets_point_at_the_words():
    text = "I've had a sore throat since yesterday"
    (mention,) = default_detector().detect(text).mentions
    assert text[mention.start : mention.end] == "sore throat"


def test_very_long_input_is_bounded():
    assert assess("blah " * 50_000 + "fever").level is None  # past the cap: not read
    assert assess("fever " + "blah " * 50_000).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "shin bruise, dishwasher door lol",
        "Ugly bruise on my thigh. Walked right into the coffee table Tuesday, so I know where it came from.",
        "she came off her scooter yesterday and has a big bruise on her knee",
        # the knock's own words are not a bleed beside it
        "Big bruise where they drew blood yesterday. Normal?",
        "got a bruise on my thigh where the dog jumped up at me, otherwise nothing",
        "bruise on my shin where I caught it getting out of the car, going green now",
        "he grazed and bruised his knee on his scooter, he's fine and back to playing",
    ],
)
def test_a_bruise_from_a_knock_told_anywhere_in_the_message_is_explained(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "her legs are all bruised up but she hasnt knocked them on anything",  # a knock denied
        "I bruise so easily now, a tiny knock on the door gives me a huge bruise",  # more than the knock
        "bruises all over his back and he only fell off the sofa",
        # a review's cases: a child's bruises on the tummy, a knock somewhere else or in another sense
        "my 2 year old has bruises on her tummy, she fell over at nursery",
        "big bruise on my thigh, ran into a friend at the shops and we had coffee",
        "I fell asleep on the sofa and woke up with a bruise on my leg",
        "bruise on my leg since I came off my steroids",
        "a bruise on my arm, my bloods are due on friday",
        "bruise on my arm. I'm fine. My grandson fell off his bike last year and broke his wrist.",
        "bruise where they took blood, and another bruise on my back",
        "bruise where they drew blood and my nose keeps bleeding",
        # "back" is the body part, not "back to normal"
        "he fell off his scooter and has a bruise on his back",
    ],
)
def test_a_bruise_the_knock_does_not_explain_is_still_a_warning_sign(text):
    assert assess(text).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "he doesn't even know where he is",
        "she didn't know who I was this morning",
        "mum doesnt know what day it is",
        "grandad doesnt know who anyone is",
        "dad didn't know who his own kids were",
        "i don't know where i am",
    ],
)
def test_not_knowing_where_one_is_or_who_people_are_is_confusion(text):
    assert "confusion" in statuses(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I don't know who to call about this rash", "soon"),
        ("i keep getting bruises and i dont know where there coming from", "urgent"),
        ("I have many blue marks on my legs, I don't know from where they come", None),
        ("I don't know what day my blood test is", None),
        ("didn't know who else to ask, is it ok to have a flu jab on aza?", None),
        ("i dont know where i caught it from but i've got a cold", "soon"),
    ],
)
def test_everyday_dont_know_where_or_who_is_not_confusion(text, level):
    assert "confusion" not in statuses(text)
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I can't see my GP until next week, is this rash ok to wait?", "vision_loss"),
        ("can't see the point of taking it if it takes months", "vision_loss"),
        ("nearly gave me a heart attack when I saw the price", "chest_pain"),
        ("I almost had a heart attack when I opened the gas bill", "chest_pain"),
        ("nearly had a heart attack when the receptionist told me the wait", "chest_pain"),
        ("breathless with excitement about the wedding, can I have a glass of fizz on aza", "breathlessness"),
        ("the thought of the needle sends shivers down my spine", "chills"),
        ("my daughter had a fit of giggles at the clinic", "seizure"),
        ("my mum will have a fit if she finds out i had a drink", "seizure"),
        ("final dress fitting tomorrow, can I wear fake tan on aza", "seizure"),
        ("ill-fitting dentures rubbing my gums, is that ok on aza", "seizure"),
        ("I couldn't breathe for laughing", "breathing_difficulty"),
        ("my grandson's passing out parade is on Thursday", "collapse"),
        ("the tent collapsed on us at the festival", "collapse"),
        ("on the stroke of midnight I realised I hadn't taken it", "one_sided_weakness"),
        ("a somewhat jaundiced view of drug companies", "jaundice"),
        ("pale ale or lager on aza?", "pallor"),
        ("nosebleed seats at the game saturday", "nosebleed"),
        ("Boss about gave me a heart attack with this new deadline lol", "chest_pain"),
        ("absolutely bleeding freezing at the match today lol", "unusual_bleeding"),
        ("work is a bleeding nightmare today", "unusual_bleeding"),
        ("I have not fever. Only I want ask about the vaccine for flu.", "flu_like_illness"),
        ("came out in a cold sweat when I saw the parking charges", "cold_symptoms"),
        ("my fantasy football team totally collapsed this weekend", "collapse"),
        ("honestly can't see the point, 5 weeks in and my joints are no better", "vision_loss"),
    ],
)
def test_an_everyday_idiom_is_not_the_finding_its_words_name(text, code):
    assert code not in statuses(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I can't see out of my left eye", "vision_loss"),
        ("he was playing for his team collapsed at half time", "collapse"),
        ("she collapsed on the bed and won't wake", "collapse"),
        ("can't see anything in my left eye", "vision_loss"),
        ("I think I'm having a heart attack", "chest_pain"),
        ("she had a fit", "seizure"),
        ("he seemed to have a fit", "seizure"),
        ("I can't breathe", "breathing_difficulty"),
        ("she collapsed in a heap on the floor", "collapse"),
        ("I think he's had a stroke of some kind", "one_sided_weakness"),
        ("my eyes look jaundiced", "jaundice"),
        ("my nose bleeds every day", "nosebleed"),
        # A white-box review's reports near the idioms (the first, broader exclusions lost them).
        ("mum doesn't know where she lives anymore", "confusion"),
        ("she didn't know who her grandson was when he visited", "confusion"),
        ("mum doesnt know what year it is", "confusion"),
        ("dad didn't know where to go in his own house, was lost in the hallway", "confusion"),
        ("I can't see if I close my left eye, the right one is just black", "vision_loss"),
        ("can't see anyone on my right side since i woke up", "vision_loss"),
        ("I can't see how far away things are, suddenly everything is double", "vision_loss"),
        ("he had a fit of about 5 minutes, shaking all over", "seizure"),
        ("I think she may have a fit now, she is stiff and shaking and not answering", "seizure"),
        ("I think I nearly had a heart attack last night, I'm still sweating and my arm aches", "chest_pain"),
        ("I think the azathioprine has given him a heart attack", "chest_pain"),
        ("I nearly had a heart attack at the gym, had to sit down", "chest_pain"),
        ("almost had a heart attack when I was walking up the hill", "chest_pain"),
        # a review's reports against a first, broader version ("got", and a gap before "called")
        ("I nearly had a heart attack when I got up, I'm still sweating and I feel sick", "chest_pain"),
        (
            "My husband almost had a heart attack when he got home from his run, he's lying down and sweating",
            "chest_pain",
        ),
        ("mum nearly had a heart attack when the pain started she called me crying", "chest_pain"),
        ("breathless and shivering, temp 38.9", "breathlessness"),
        ("found him in his chair collapsed", "collapse"),
        ("at the market collapsed my husband, ambulance?", "collapse"),
        ("she couldnt breathe from laughing and then just went blue and floppy", "breathing_difficulty"),
        ("his jaundiced eye is really noticeable today", "jaundice"),
    ],
)
def test_the_finding_itself_is_still_read_beside_those_idioms(text, code):
    assert statuses(text).get(code) == ASSERTED


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # breathless on the stairs is the anaemia sign, not its ordinary cause
        ("knackered all the time for weeks, and out of breath walking up the stairs", "urgent"),
        ("winded after one flight of stairs", "urgent"),
        # ...running or carrying something up them explains it
        ("out of breath because I ran up the stairs", None),
        ("out of breath after lugging the hoover up and down the stairs", None),
        ("panting after carrying the shopping up 4 flights of stairs", None),
        # not keeping even water down
        ("been chucking up all day, cant even keep water down", "urgent"),
    ],
)
def test_breathless_on_the_stairs_and_not_even_water_kept_down(text, level):
    assert assess(text).level == level


def test_feeling_faint_in_a_clinicians_words_is_not_fainting():
    presyncope = assess("new myalgia and arthralgia, presyncopal on standing, afebrile")
    assert "collapse" not in presyncope.findings and presyncope.level != "emergency"
    assert assess("syncopal episode at work this morning").level == "emergency"
    assert assess("melaena twice today, presyncopal on standing").level == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the burden statement, and sleep told with a word between
        ("I feel such a burden, some nights I think they'd all be better off without the worry of me", "emergency"),
        ("some nights I wish I could go to sleep and simply not wake up", "emergency"),
        # passing water said the old way
        ("it stings terribly when I pass water and I'm up to the loo every twenty minutes", "urgent"),
        # a dose counted up, or two of the tablets where there should be one
        ("took two of my fifty milligram tablets instead of one by accident, no symptoms", "urgent"),
        ("so that's two lots today and I'm only meant to have one", "urgent"),
        ("I took it without thinking and had already had it, double dose", "urgent"),
        # blisters in a band on one side: shingles, not the emergency rash
        ("red bumps with tiny blisters from my spine round to the front, on that side only", "urgent"),
        # a skin sign in more words
        ("pearly little lump by my ear, slowly growing", "soon"),
        ("crusty spot on my temple that never quite heals", "soon"),
        ("spot on my ear that never actually heals, it bleeds when I catch it with the brush", "soon"),
    ],
)
def test_red_flags_in_more_of_peoples_words(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # something seen there now, in the sentence that passes on what the leaflet says
        ("my son's aza leaflet says black poo is an emergency, and there's black poo in his nappy", "emergency"),
        ("is my wife's aza the cause of her yellow eyes", "urgent"),
    ],
)
def test_a_report_beside_what_a_leaflet_says_still_counts(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "couldn't keep it down" years ago: a denied "keep" is no "it goes on now"
        ("my mate had to stop it years ago because he couldn't keep his breakfast down", None),
        ("had a tummy bug last week, couldnt keep anything down for a day but im all better now", None),
        # ...while "keep" said of now, or a "now", still is
        ("since last month I keep getting nosebleeds", "urgent"),
        ("years ago I had this, now I can't keep anything down", "urgent"),
        ("last month I noticed a new mole on my back", "soon"),
        ("a few months ago I couldn't keep anything down and now it's happening again", "urgent"),
        ("last month he couldn't keep his tablets down and he still can't", "urgent"),
    ],
)
def test_a_denied_keep_does_not_bring_a_past_episode_back_to_now(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a plan in other words: the method looked up, the tablets laid out
        (
            "Not urgent probably but I've been feeling so low I looked up how many of my tablets it would take",
            "emergency",
        ),
        ("Got all my pills lined up on the counter. Not sure why I'm even typing this.", "emergency"),
        # ...not a dose worked out or a week's doses sorted
        ("how many of my 25mg tablets would it take to make 75mg", None),
        ("got all my pills lined up in my dosette for the week", None),
        # days of doses in one go, with symptoms: an overdose with symptoms
        ("looks like he's had three days of aza in one go. Now he's throwing up and very dozy", "emergency"),
        # a wound that keeps gushing without the word blood
        (
            "tooth came out at tea time and the socket has been gushing for an hour even biting down on gauze",
            "emergency",
        ),
        ("my nose was streaming for hours with this cold", None),
        ("the cut was gushing for a few minutes then stopped", None),
        # the clinician's word for the upper belly
        ("epigastric pain since lunch", "soon"),
        ("really bad pain top of my tummy boring straight through to my back, been sick 4 times", "urgent"),
        # blood taken is not a dose; a bug that has settled is over
        ("the hospital took an extra tube of blood for the enzyme test", None),
        ("tummy bug last wk, all settled now", None),
        ("tummy settled now but I've been sick again tonight", "soon"),
        # a thick tongue and a breath that will not come; light "killing my eyes" beside a headache
        ("my tongue feels thick and i cant get a proper breath", "emergency"),
        ("temp 38.3 n banging head, lights are literally killing my eyes", "emergency"),
        # black, sticky, like tar, even without the word poo; a wish not to wake with "just" in it
        ("just been again and it's black. like proper black and sticky, like tar", "emergency"),
        ("been thinking it'd be easier if i just didnt wake up tbh", "emergency"),
        # someone named, with age and weight in brackets, and what he says of his legs
        ("Sam (9, 28kg) has raised pink spots on his tummy, bit itchy, and says his legs ache", "soon"),
    ],
)
def test_red_flags_and_calm_words_of_probe_15(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("these prescription charges are bleeding me dry, is there a prepayment thing", "unusual_bleeding"),
        ("Shattered my phone screen, sorry for typos", "tiredness"),
        ("My husband's a bit yellow-bellied about needles, can he come in with me?", "jaundice"),
        ("Nearly fainted when I saw the price of parking at the hospital", "collapse"),
        ("going camping in august and itll be roasting in the tent, how do I keep my tablets", "chills"),
    ],
)
def test_more_everyday_idioms_are_not_the_finding_their_words_name(text, code):
    assert code not in statuses(text)


def test_nearly_fainting_on_the_way_is_still_fainting():
    assert assess("I nearly fainted walking back from the parking").level == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # confusion told by what the person cannot do
        (
            "Foggy and lost since last night, can't follow the TV, keep forgetting what I'm saying halfway through",
            "emergency",
        ),
        ("keep forgetting what I was going to ask the nurse", None),
        # cramps beside being sick are the belly's (stomach pain with repeated vomiting)
        ("gf on aza: bad cramps, vomiting", "urgent"),
        ("bad cramps in my calves at night", None),
        # pain "so strong I can not bear" is unbearable (its label; the window once cut it to "so
        # strong", severe); what a relative says after it is a report
        ("Pain in my stomach is so strong I can not bear", "emergency"),
        ("white as a ghost says mum", "urgent"),
        # blisters on one side only: shingles
        ("Small water bubbles on my skin, only left side of back, very burning. Is shingles?", "urgent"),
    ],
)
def test_red_flags_in_the_development_halfs_own_words(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a contact, with immunity denied or doubted: the exclusion for immunity does not hold
        ("my son has chickenpox and I'm not immune", "urgent"),
        ("my grandson has chickenpox and I never had the vaccine", "urgent"),
        ("friend has shingles, not sure if im immune", "urgent"),
        ("daughter has measles, unsure if I'm immune", "urgent"),
        ("MY FLATMATE JUST GOT DIAGNOSED WITH MEASLES and I've never had the jab!!", "urgent"),
        # immunity supposed, not known (a stop-53 review: "I suppose I'm immune as I had it")
        ("nephew has chickenpox, I suppose I'm immune as I had it when I was little", "urgent"),
        ("grandson has chickenpox, I think I'm immune", "urgent"),
        ("colleague has shingles, I reckon I'm immune", "urgent"),
        ("Do you think the shingles jab is OK on aza?", None),
        # ...while immunity said plainly, or a question about it, is still not a contact
        ("my son has chickenpox and I'm immune", None),
        ("I'm not immune to chickenpox, what happens if I catch it?", None),
        ("my son is not vaccinated against measles, can he have the jab on aza", None),
        ("can I have the shingles vaccine on aza", None),
        ("she's never had chickenpox, her blood test for immunity was negative", None),
    ],
)
def test_a_contact_with_immunity_denied_or_doubted_is_still_a_contact(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "I'm confused and my temp is 38.5, is it the aza?",
        "mum is really confused today, the nurse said it could be an infection, what should I do?",
        "the nurse said to watch for confusion. I'm getting confused and forgetful, is it the aza?",
        "I feel confused, the pharmacist said it might be the tablets, should I stop?",
        "I'm so muddled today, I read that aza can do that, is that right?",
        "Dad's confused, the leaflet says ring 999?",
        "mum on aza suddenly makes no sense",
        "what he says makes no sense and he's hot",
        # a white-box review's: someone else after a break, a name, the writer's own new confusion
        "Grandad woke up and was confused, the carer told me, is it the azathioprine?",
        "Mam's confused and keeps asking where she is, my sister said to ask here, is it the tablets?",
        "Woke up really confused, didn't know what room I was in, my husband said to check here, is that the aza?",
        "I'm confused right now and things don't feel real, my daughter told me to type here, what's wrong?",
        "Nan is muddled about where she is since last night, shes on aza, what should I do",
        "grandad takes imuran, he's confused about where he is",
        "Mum's confused this morning and got up with no idea who I was, she takes imuran",
        "my boyfriend makes no sense when he talks tonight, he takes azathioprine",
    ],
)
def test_confusion_that_comes_on_or_is_someone_elses_is_still_an_emergency(text):
    assert assess(text).level == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a fall in lay words, and one minutes ago that the person says is over
        ("About twenty minutes ago at the bus stop my legs simply went from under me", "emergency"),
        ("I'm told I was out for a moment or two", "emergency"),
        ("he collapsed in the garden about ten minutes ago, he says he's fine now", "emergency"),
        ("told me I was out of milk", None),
        ("out cold on the sofa after night shift, slept thru my dose time", None),
        ("fainted once in 2019, never since", None),
        # a stiff neck and a dislike of light as a parent sees them, beside a temperature
        ("38.7 and he won't bend his neck to look down", "emergency"),
        ("temp 38.6 and she keeps making me shut the curtains", "emergency"),
        ("I shut the curtains to watch a film, what time should I take my aza", None),
        # an over-triage review's: a plan, a flight, chair legs, sedation, a rule about a number
        ("bit confused about where I am supposed to get my bloods done now the surgery has moved", None),
        ("Jet lagged after the flight, honestly confused about what day it is", None),
        ("the old chair's legs gave way under me at my sister's, I'm fine", None),
        ("The nurse said I was out for a minute or two with the sedation at my colonoscopy", None),
        ("my leaflet says temp 38 is a fever, is that under the arm or in the mouth?", None),
        ("Quick q, when her temp 38 do I give calpol before ringing? just want a plan", None),
        ("My grandson has chickenpox but no worries, I'm immune, my pre-aza bloods showed it", None),
        ("my period cramps always go through to my back, normal for me", None),
        ("My nosebleeds (before I started aza in 2020) went when they cauterised it. Tell the consultant?", None),
        ("Blood test this morning, bruise on my arm from it. Normal right?", None),
        ("38.7 and crying that her head hurts, she keeps covering her eyes from the lamp", "emergency"),
        # pain going through to the back in a learner's words
        ("my belly pain is so much, it go through to my back", "urgent"),
        # how long a bleed goes on, told of "it" in the next sentence
        (
            "my nose started to bleed. I pinched it as one is told, but it has been going ever since, nearly an "
            "hour now",
            "emergency",
        ),
        ("nose bleeding. it's been going for over an hour", "emergency"),
        ("My nose bled. It was my birthday and we partied for an hour", "urgent"),
        ("nosebleed this morning. it stopped after 5 mins.", "urgent"),
        ("nosebleed this morning, stopped. It's been an hour now since the GP rang", "urgent"),
        # a time in brackets tells of something else; a test's result; a new subject after "also"
        ("Oscar (11, liver tx 5 yrs ago) has a dry red patchy rash on both elbows", "soon"),
        ("test says pregnant and im on imuran", "soon"),
        (
            "i wanted to ask whether i can have the flu jab at the pharmacy or if it has to be the gp and also i "
            "keep getting out of breath when i walk the dog which never used to happen",
            "urgent",
        ),
        ("what if my pregnancy test says positive?", None),
        # a cause follows its cause word: the sofa after school explains no pallor; a fall from a bike does
        ("she's been really pale this last week and falls asleep on the sofa straight after school", "urgent"),
        ("a bruise from the coffee table", None),
        ("fall from bicycle yesterday, big bruise on leg", None),
        # a second white-box review's: a fit, chest pain or confusion in everyday words stays
        ("Was walking the dog had a fit when I got to the park, woke up on the grass, I'm on aza", "emergency"),
        ("I nearly had a heart attack thinking it was my reflux, the pain's crushing my chest right now", "emergency"),
        ("Nan's muddled with the days, thinks it's 1962, she's on aza, what do we do?", "emergency"),
        ("My husband's talking to me and it just makes no sense, he's on imuran, do I call 999?", "emergency"),
        ("I left the hospital and now I'm confused, where am I?", "emergency"),
        ("Down with the flu tablets aren't touching it, started azathioprine 3 weeks ago", "urgent"),
        ("the cat had a fit, then my son had a fit too", "emergency"),
        ("was out walking the dog had a fit in the park, first time ever, I'm on aza", "emergency"),
        ("Dad nearly had a heart attack hearing the news, he's grey and sweating and holding his arm", "emergency"),
        ("I'm all muddled up with this fever", "emergency"),
    ],
)
def test_red_flags_and_calm_words_of_probe_16(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # pain told by what it is like: light like knives in the eyes beside a fever and a headache, a
        # belly like being stabbed with screaming
        ("temp of 38.6, thumping head, and every lamp and light feels like needles in my eyes", "emergency"),
        ("fever and a headache, the daylight is like daggers in my eyes", "emergency"),
        ("he's doubled over screaming, says his tummy feels like he's being stabbed", "emergency"),
        ("the light in here is like knives in my eyes", None),  # context only: no headache, no temperature
        # ...not a light scratch from the needles, a gut feeling, a stab in the back (an over-triage review)
        ("bloods this morning, a light scratch from the needles, then a headache from fasting", "routine"),
        ("gut feeling my ex stabbed me in the back, so upset", None),
        # what came back up: all, both or every one; not a subject raised
        ("tummy ache since last night and I've brought up both my dinner and my breakfast", "urgent"),
        ("he brought up the subject of dinner at the meeting", None),
        ("mum brought up all my food allergies at the clinic, so embarrassing", None),
        # chest pain in the middle of the chest
        ("crushing pain in the middle of my chest and I'm sweating", "emergency"),
        ("a heavy ache right in the centre of his chest", "emergency"),
        # a past time that dates the start or a transplant does not make what is told after it past
        # (a review's: the live assistant gave these no advice at all)
        ("had my kidney transplant 2 years ago, temp 38.5 and shivering", "urgent"),
        ("Started aza 3 months ago, my lips are swelling up and my throat feels tight", "emergency"),
        ("I had a fever when I had my transplant 2 years ago", None),
        ("Years ago, long before aza, I had an ulcer that bled", None),
    ],
)
def test_red_flags_told_by_what_they_are_like_in_probe_17(text, level):
    assert assess(text).level == level


def test_a_bleed_that_has_not_slowed_is_not_one_that_has_not_slowed_the_person():
    assert assess("Nosebleed since quarter to 7, it's 8 now and it hasn't slowed at all").level == "emergency"
    assert assess("had a nosebleed this morning, stopped after 5 mins, hasn't slowed me down though").level == "urgent"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the colour told after the wee or poo (a stop-53 reviewer's red flag: "my wee is pink")
        ("my wee is pink", "urgent"),
        ("his urine's gone bright red since this morning", "urgent"),
        ("my wee's a bit pink", "urgent"),
        ("is it normal if your wee is pink on aza?", None),
    ],
)
def test_blood_in_the_wee_told_by_its_colour_after_it(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        # "listed" is no word of hearsay: a sign told with where it is listed is still reported (a review,
        # stop 62, of a version that read it as information)
        "itching all over, listed as a reason to call",
        "burning when I pee, that's on the list to ring about",
        "tiny purple spots on legs, listed in the booklet",
    ],
)
def test_a_sign_told_with_where_it_is_listed_is_reported(text):
    assert assess(text).level == "urgent"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Fainted at a blood test in college. Fine ever since.", "collapse"),
        ("I had a rash on my arm in March. It's cleared up.", "rash"),
        ("had a nosebleed at work on monday. all fine now", "nosebleed"),
    ],
)
def test_a_short_sentence_that_says_it_is_over_still_ends_the_finding_before_it(text, code):
    assert statuses(text).get(code) == "resolved"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nobody known to have an infection is no muddled mind (a review, stop 63)
        ("Measles in the next town. I don't know anyone who has it.", False),
        ("chickenpox at school again, dont know anybody who's got it though", False),
        # ...not knowing the people one sees still is
        ("mum doesn't know anyone who visits today, not even me", True),
        ("he doesn't know who anyone is", True),
    ],
)
def test_not_knowing_anyone_with_an_infection_is_not_confusion(text, expected):
    assert (statuses(text).get("confusion") == "asserted") is expected
