"""What the web channel passes to Rasa: only offered "/" payloads stay commands; text is cleaned."""

from hypothesis import given
from hypothesis import strategies as st

from bot.web_input import START_CONVERSATION, as_user_text, clean_text, offered_payloads

DOMAIN_RESPONSES = {
    "utter_ask_screen_fever": [
        {
            "text": "Do you have a temperature?",
            "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        }
    ],
    "utter_welcome": [{"text": "Hi", "buttons": [{"title": "Side effects", "payload": "what are the side effects"}]}],
    "utter_default": [{"text": "Sorry"}],
}
OFFERED = offered_payloads(DOMAIN_RESPONSES)


def test_offered_payloads_are_the_domains_command_buttons_and_the_opening():
    assert {"/affirm", "/deny", START_CONVERSATION} == OFFERED


def test_an_offered_payload_stays_a_command():
    assert as_user_text("/affirm", OFFERED) == "/affirm"
    assert as_user_text(START_CONVERSATION, OFFERED) == START_CONVERSATION


def test_typed_commands_become_ordinary_text():
    assert as_user_text("/I have a temperature of 39 and a sore throat", OFFERED) == (
        "I have a temperature of 39 and a sore throat"
    )
    assert as_user_text("/greet I have a fever", OFFERED) == "greet I have a fever"
    assert as_user_text("/ my lips are swelling", OFFERED) == "my lips are swelling"
    assert as_user_text("// / /affirm", OFFERED) == "affirm"
    assert as_user_text("/", OFFERED) == ""


def test_a_typed_intent_name_before_the_persons_words_is_dropped():
    intents = frozenset({"greet", "affirm", "report_crisis"})
    assert as_user_text("/greet i look grey and shattered", OFFERED, intents) == "i look grey and shattered"
    assert as_user_text('/report_crisis{"region": "us"} my lips are swelling', OFFERED, intents) == (
        "my lips are swelling"
    )
    # Alone it is all there is; a word that is not an intent is the person's.
    assert as_user_text("/greet", OFFERED, intents) == "greet"
    assert as_user_text("/greeting cards on aza?", OFFERED, intents) == "greeting cards on aza?"
    assert as_user_text("greet i feel hot", OFFERED, intents) == "greet i feel hot"
    # Braces that are not JSON are the person's words; intent names that are everyday words stay.
    assert as_user_text("/greet{my lips are swelling} help", OFFERED, intents) == "greet{my lips are swelling} help"
    everyday = frozenset({"back", "stop", "thank", "deny", "goodbye", "unsure"})
    for text in ("back pain is really bad", "stop taking aza?", "thank you", "unsure if this is a rash"):
        assert as_user_text("/" + text, OFFERED, everyday) == text


def test_entities_can_never_be_typed():
    assert as_user_text('/report_crisis{"region": "us"}', OFFERED) == 'report_crisis{"region": "us"}'
    assert as_user_text('/affirm{"triage_level": "routine"}', OFFERED) == 'affirm{"triage_level": "routine"}'
    assert as_user_text("/faq", OFFERED) == "faq"


def test_text_that_does_not_start_with_a_slash_is_left_alone():
    assert as_user_text("what is 1/2 of a 50 mg tablet?", OFFERED) == "what is 1/2 of a 50 mg tablet?"


@given(st.text())
def test_nothing_but_an_offered_payload_reaches_rasa_as_a_command(text):
    result = as_user_text(clean_text(text), OFFERED)
    assert not result.startswith("/") or result in OFFERED


def test_lone_surrogates_and_control_characters_are_removed():
    assert clean_text("fever \ud800 of 39") == "fever \ufffd of 39"
    assert clean_text("sore\x00 throat\x07") == "sore throat"
    assert clean_text("line one\r\nline two\r") == "line one\nline two"


@given(st.text())
def test_cleaned_text_can_be_stored_as_utf8(text):
    clean_text(text).encode("utf-8")
    assert "\x00" not in clean_text(text)
