"""Conversations over HTTP: findings build up over several messages, follow-up details change a
level, corrections take findings back, and episodes end. Each reply's card is the conversation's
latest advice."""

from __future__ import annotations

from bot.triage.replies import TAKE_BACK_BUTTON


def levels(conversation, *turns: str) -> list[str | None]:
    return [(conversation.send(turn).triage or {}).get("level") for turn in turns]


def test_a_detail_in_the_next_message_raises_the_level(conversation):
    assert conversation.send("my nose is bleeding").triage["level"] == "urgent"
    reply = conversation.send("it's been going for ages and it won't stop")
    assert reply.triage["level"] == "emergency"
    assert reply.triage["supersedes"] is True
    assert "Call 999 now" in reply.text or "call 999" in reply.text.lower()


def test_a_temperature_then_a_stiff_neck_is_an_emergency(conversation):
    assert levels(conversation, "temp is 38.3", "now my neck is so stiff i can't bend it") == ["urgent", "emergency"]


def test_how_strong_it_now_is_raises_the_pain_told_before(conversation):
    """Over HTTP the learned detector also reads the follow-up (as stomach pain described): it is
    still the stomach ache told before that is now unbearable."""
    assert levels(conversation, "stomach ache, bad one")[0] in ("soon", "urgent")
    reply = conversation.send("cant even stand up straight its unbearable im crying with it HELP")
    assert reply.triage["level"] == "emergency"
    assert "999" in reply.text


def test_a_bare_number_after_a_temperature_is_read_as_a_new_reading(conversation):
    conversation.send("I've got a temperature of 38.2")
    reply = conversation.send("ok it's 39.9 now")
    assert "very high temperature (39.9°C)" in reply.text


def test_when_the_medicine_was_started_makes_a_rash_urgent(conversation):
    assert levels(conversation, "there is a red itchy patch on the back of my hand") == ["soon"]
    reply = conversation.send("forgot to say I only started azathioprine two weeks ago")
    assert reply.triage["level"] == "urgent"
    assert "from what you've told me in this conversation" in reply.text


def test_a_second_dose_the_same_day_is_a_double_dose(conversation):
    first = conversation.send("took my azathioprine with breakfast")
    assert (first.triage or {}).get("level") in (None, "routine")
    second = conversation.send("oh no, I've just taken my aza tablet again with lunch")
    assert second.triage["level"] == "urgent"
    assert "more than the prescribed dose" in second.text


def test_a_corrected_reading_replaces_the_card(conversation):
    assert conversation.send("thermometer says 38.9").triage["level"] == "urgent"
    reply = conversation.send("no wait, I misread it, it's 36.9")
    assert reply.triage["level"] == "routine" and not reply.triage.get("findings")
    assert reply.triage["supersedes"] is True
    assert "taken that back" in reply.text and "38.9" in reply.text
    assert "no warning sign" in reply.text


def test_a_correction_that_names_nothing_is_asked_about_then_taken_back_by_the_button(conversation):
    conversation.send("temp 38.7 and shivery")
    asked = conversation.send("scratch that")
    assert asked.triage["level"] == "urgent"  # the advice stands until the person says which part
    assert "which part was wrong" in asked.text
    assert TAKE_BACK_BUTTON in [b["title"] for b in asked.buttons]
    taken_back = conversation.send(TAKE_BACK_BUTTON)
    assert taken_back.triage["level"] == "routine"
    assert "taken that back" in taken_back.text


def test_an_episode_that_is_over_ends_with_a_routine_card(conversation):
    assert conversation.send("there is a red itchy patch on the back of my hand").triage["level"] == "soon"
    reply = conversation.send("it's all gone now, back to normal")
    assert reply.triage["level"] == "routine" and reply.triage["supersedes"] is True
    assert "glad it's over" in reply.text
    # The old rash does not count with what comes next.
    after = conversation.send("I've got a temperature of 38.4")
    assert after.triage["level"] == "urgent" and "rash" not in after.text


def test_an_everyday_question_after_a_symptom_keeps_its_answer(conversation):
    conversation.send("I've got a temperature of 38.4")
    reply = conversation.send("can i take paracetamol with azathioprine?")
    assert reply.triage is None
    assert "paracetamol" in reply.text.lower()


def test_start_over_puts_the_conversation_aside(conversation):
    conversation.send("temp is 38.6")
    reply = conversation.send("can we start over please")
    assert "start again" in reply.text
    assert reply.triage["level"] == "routine"


def test_with_the_action_server_down_the_static_reply_speaks_to_the_whole_conversation(action_server_down):
    from bot.measure.chat import Conversation

    conversation = Conversation(action_server_down.settings.rasa_url)
    conversation.send("temp is 38.3")
    reply = conversation.send("and my neck is so stiff i can't bend it")
    assert reply.text.startswith("This could be an emergency. Call 999")
    assert reply.triage["level"] == "emergency"


def test_feeling_fine_after_a_crisis_statement_keeps_the_crisis_reply(conversation):
    first = conversation.send("I want to kill myself")
    assert first.triage["level"] == "emergency" and first.triage.get("crisis_line")
    reply = conversation.send("I'm fine now")
    assert reply.triage["level"] == "emergency"
    assert "Samaritans" in reply.text


def test_a_denied_improvement_or_a_question_keeps_the_advice(conversation):
    conversation.send("temp is 38.6 and I'm shivery")
    worse = conversation.send("I don't feel better now")
    assert (worse.triage or {}).get("level") != "routine" and "glad" not in worse.text
    assert "warning signs" in worse.text  # the symptom check's emergency question, not an all-clear
    question = conversation.send("Actually, can I drink alcohol on aza?")
    assert question.triage is None and "alcohol" in question.text.lower()


def test_an_episode_said_to_be_over_in_other_words_ends(conversation):
    # Words the cue list does not read as "over": the follow-up classifier (bot/detect/followup.py)
    # hears that the episode is.
    first = conversation.send("my gums keep bleeding and I'm really tired all the time")
    assert first.triage["level"] == "urgent"
    reply = conversation.send("no problems since thursday, all good")
    assert reply.triage["level"] == "routine"
    assert reply.triage["supersedes"] is True


def test_a_reading_brought_down_by_paracetamol_keeps_the_fever_card(conversation):
    assert conversation.send("woke up at 38.4 feeling awful").triage["level"] == "urgent"
    reply = conversation.send("nvm, took 2 paracetamol and now it's 37.1 so all good")
    assert reply.triage["level"] == "urgent"
    assert "Paracetamol and similar medicines can bring a temperature down" in reply.text


def test_an_ending_that_leaves_something_mild_gives_a_routine_card(conversation):
    assert conversation.send("been sick on and off for two days now").triage["level"] == "soon"
    reply = conversation.send("The sickness stopped yesterday, thank goodness. Still a touch queasy at breakfast")
    assert reply.triage["level"] == "routine" and reply.triage["supersedes"] is True
    assert "glad it's over" in reply.text


def test_tablets_counted_all_there_take_back_a_childs_swallowing_until_a_recount(conversation):
    """A child swallowing a tablet is never ended by "she's fine now"; a count that finds them all
    says it did not happen. The card comes down and the reply says what to do if one is missing; a
    recount that finds one short brings the emergency back."""
    first = conversation.send("My 3 year old got into my azathioprine and I think she swallowed one")
    assert first.triage["level"] == "emergency"
    reply = conversation.send(
        "Ok I've counted with my husband twice. The strips are all there, 28 tablets, none of the foil is broken."
    )
    assert reply.triage["level"] == "routine" and reply.triage["supersedes"] is True
    assert "Thank you for counting them" in reply.text and "treat it as swallowed" in reply.text
    assert "999" in reply.text
    again = conversation.send("wait, I recounted, there are only 27")
    assert again.triage["level"] == "emergency" and "999" in again.text


def test_a_count_that_finds_one_missing_keeps_the_emergency(conversation):
    assert conversation.send("toddler had my tablet bottle, I think he's eaten one").triage["level"] == "emergency"
    reply = conversation.send("counted them and one is missing, I can't find it anywhere")
    # The advice stands: given again, or not changed by a message that adds nothing.
    assert (reply.triage or {}).get("level") in (None, "emergency")
    assert "taken that back" not in reply.text
