"""What counts as being about the medicine, health or the assistant (out of scope rests on it)."""

import pytest

from bot.nlu.relevance import is_about_stopping_the_medicine, is_mostly_unknown_words, is_relevant, names_a_medicine


@pytest.mark.parametrize(
    "text",
    [
        "can I have a glass of wine on imuran",
        "is tofacitinib like this",  # another medicine, from the lookup tables
        "my knee is swollen",
        "do I need sunscreen",
        "are you a bot",
        "when is my next blood test",
        # the medicine meant but not named
        "is it ok to chew it",
        "I've been on it since May, when does it kick in",
        "can I go to a festival on this stuff",
        "my doc wants more labs",
        "my left eye is red and gritty",
        "can I go swimming with a cold",
        "eye and face puffy",
        # a report with its subject dropped starts with the body part
        "ear blocked for a week",
        "Back keeps going into spasm. Normal?",
        "period late",
        "hiya, ear blocked for a week",
        "wife's ear has been blocked for a week",
        "does it affect the teeth",
        "the kids' eyes are red and crusty",
        "would it stain the teeth",
        # the medicine's family, sun protection and a dose made up, with nothing else named
        "how do thiopurines work",
        "which spf for the beach",
        "factor 30 sun cream or 50?",
        "forgot one yesterday, should I double up today",
        # a dose told without naming anything
        "Is 50mg twice a day the same as 100mg once?",
        "what's the difference between 75 mg and 100mg",
        "once a day or 2x a day, which is better",
    ],
)
def test_messages_about_the_medicine_health_or_the_assistant_are_relevant(text):
    assert is_relevant(text)


@pytest.mark.parametrize(
    "text",
    [
        "what time is it in sydney",
        "how long do you cook pasta in an air fryer",
        "recommend a good mystery novel",
        "train times london to brum saturday",
        "how do I take them out of the oven without burning them",
        "take it easy this weekend, what films are on",
        # everyday words that name the body only in someone's own: not health alone
        "how long do fish fingers take in the oven",
        "essay on the cold war due tomorrow",
        "the bank appointment clashes with parents evening, which appointment do I move",
        "my dog has a runny eye, should I ring the vet",
        "it's cold outside today isn't it",
        "let's go back to the start",
    ],
)
def test_everyday_requests_are_not(text):
    assert not is_relevant(text)


@pytest.mark.parametrize(
    "text",
    [
        "can i stop my aza once i feel better",
        "I want to quit imuran",
        "thinking of giving up these tablets",
        "is it ok to come off it",
        "i'm done, i just want to stop taking them",
    ],
)
def test_stopping_the_medicine_is_recognised(text):
    assert is_about_stopping_the_medicine(text)


@pytest.mark.parametrize("text", ["i want to end it all", "stop", "stop the questions", "what stops the itching"])
def test_other_stopping_is_not(text):
    assert not is_about_stopping_the_medicine(text)


def test_gibberish_is_not_understood_rather_than_out_of_scope():
    assert is_mostly_unknown_words("qwzx plonk vrrb")
    assert not is_mostly_unknown_words("what time is it in sydney")
    assert not is_mostly_unknown_words("")


@pytest.mark.parametrize("text", ["i'm so depressed", "everything is pointless", "life is too hard right now"])
def test_low_mood_is_never_out_of_scope(text):
    assert is_relevant(text)


@pytest.mark.parametrize(
    "text",
    [
        "my aza question",
        "is ibuprofen ok with it",
        "can I crush them",
        "been on this stuff for years",
        "what is this stuff",
        "how does this stuff actually work",
        "IMURAN??",
        "can I drink alcohol while taking my tablets",
        "is my medication ok with the flu jab",
    ],
)
def test_a_medicine_named_or_meant(text):
    assert names_a_medicine(text)


@pytest.mark.parametrize(
    "text", ["when's the blood moon tonight", "how do you bleed a radiator", "best fortnite skin", "take it easy mate"]
)
def test_no_medicine_named(text):
    assert not names_a_medicine(text)
