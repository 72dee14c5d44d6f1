"""The short symptom check for vague reports, and the safety properties around it."""


def _start(conversation):
    reply = conversation.send("I feel rubbish")
    assert "quick yes or no questions" in reply.text
    assert "trouble breathing" in reply.text.lower()  # the first, most urgent question
    assert [b["title"] for b in reply.buttons] == ["Yes", "No"]
    return reply


def test_all_no_ends_with_routine_advice(new_conversation):
    conversation = new_conversation()
    _start(conversation)
    for _ in range(6):
        reply = conversation.send("/deny")
        assert reply.buttons, reply.text
    reply = conversation.send("/deny")
    assert reply.triage["level"] == "routine"
    assert "didn't say yes" in reply.text


def test_first_yes_escalates_at_once_with_its_level(new_conversation):
    conversation = new_conversation()
    _start(conversation)
    assert "38°C (100.4°F)" in conversation.send("/deny").text  # second question: fever, in C and F
    reply = conversation.send("/affirm")
    assert reply.triage["level"] == "urgent"
    assert "today" in reply.text and "You said yes to" in reply.text
    assert "fever" in reply.triage["findings"]


def test_typed_yes_to_the_emergency_question_is_an_emergency(new_conversation):
    conversation = new_conversation()
    _start(conversation)
    reply = conversation.send("yes")
    assert reply.triage["level"] == "emergency"
    assert "Call 999" in reply.text


def test_a_red_flag_volunteered_mid_check_escalates(new_conversation):
    conversation = new_conversation()
    _start(conversation)
    conversation.send("no")
    reply = conversation.send("actually my temperature is 39.2")
    assert reply.triage["level"] == "urgent"
    assert "Contact your specialist team" in reply.text


def test_the_person_can_stop_at_any_time(new_conversation):
    conversation = new_conversation()
    _start(conversation)
    reply = conversation.send("stop")
    assert "stopped the questions" in reply.text
    greeting = conversation.send("hi").text  # the conversation carries on normally
    assert greeting.startswith(("Hello", "Hi"))


def test_a_new_check_starts_from_the_first_question(new_conversation):
    conversation = new_conversation()
    _start(conversation)
    conversation.send("/deny")
    conversation.send("/affirm")
    _start(conversation)
