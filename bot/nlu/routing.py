"""The red-flag safety net: which intent a message gets once its symptoms are known.

The intent classifier (DIET) can be wrong or unsure; a red flag must never depend on it.
This pure function sees the classifier's guess and the deterministic assessment, and
overrides the guess whenever the assessment says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.intents import (
    ASK_BLOOD_RESULT,
    ASK_SYMPTOM_ADVICE,
    REPORT_CRISIS,
    REPORT_SYMPTOM,
    REPORT_UNWELL,
    TRIAGE_INTENTS,
)
from bot.intents import FAQ as FAQ_INTENT
from bot.triage.engine import Assessment
from bot.triage.lexicon import load_lexicon

__all__ = [
    "ASK_BLOOD_RESULT",
    "ASK_SYMPTOM_ADVICE",
    "FAQ_INTENT",
    "NLU_FALLBACK",
    "OUT_OF_SCOPE",
    "REPORT_CRISIS",
    "REPORT_SYMPTOM",
    "REPORT_UNWELL",
    "TRIAGE_INTENTS",
    "Route",
    "route",
]


def _row_of(code: str) -> str:
    """The triage table's row of a finding."""
    return load_lexicon().finding(code).row


# Guesses that mean "not understood" or "not for me": a distressed message never gets them.
ASK_DIAGNOSIS = "ask_diagnosis"
NOT_UNDERSTOOD = ("out_of_scope", "nlu_fallback", ASK_DIAGNOSIS, "ask_other_medicine", "greet", "goodbye")
# A confident FAQ answer is better than the triage reply for mild or hypothetical mentions
# ("is hair loss a side effect?"), never for a current red flag.
# The FallbackClassifier's threshold (config.yml passes the same value to the safety net): below it
# the classifier's guess would be dropped anyway.
DEFAULT_CONFIDENT = 0.5
# When the classifier guesses a symptom intent but the detector finds nothing, a FAQ answer
# this sure of itself means the message was a question ("I'm trying for a baby, do I have to
# stop aza?"), not an unknown symptom.
SURE_FAQ_ANSWER = 0.8
# An answer this sure shows the message is about the medicine even when it names nothing.
KNOWN_TOPIC_ANSWER = 0.8
OUT_OF_SCOPE = "out_of_scope"
# A guess that the person reports something about themselves is never turned into "out of scope".
REPORTS = (REPORT_SYMPTOM, REPORT_UNWELL, REPORT_CRISIS)
NLU_FALLBACK = "nlu_fallback"
# An out-of-scope guess this sure, about a message that names no medicine and no finding, is not
# overturned by a word that is elsewhere about health. Set on the development halves: everyday
# requests were guessed out of scope at 0.9-1.0 ("when's the blood moon tonight" 0.98), while the
# questions that name neither ("is it safe to garden in the sun?", "any food rules for kids?")
# were below 0.9.
SURE_OUT_OF_SCOPE = 0.9
# Guesses a sure FAQ answer may replace: the classes trained on sentences shaped like ours, where
# sentence shape rather than content decides ("what do I do about my operation?").
ANSWERABLE = (FAQ_INTENT, OUT_OF_SCOPE, ASK_DIAGNOSIS)
# Small-talk classes are shaped like questions too ("whats the max dose of this stuff" read as
# "what can you do"): an answer as sure as a known topic, in a message that names a medicine, wins.
SMALL_TALK_SHAPES = ("what_can_you_do", "bot_challenge")


# The one row whose advice (to tell the team within days) a FAQ answer may follow in the same reply,
# and the answers that may follow it: what a pregnancy means for the medicine. A review found answers
# beside other findings off the point or wrong (the storage answer after a raised temperature, the
# alcohol answer after "I'm pregnant, is a glass of wine ok?").
ANSWERED_BESIDE = {"pregnancy": ("pregnancy", "breastfeeding", "fertility")}


@dataclass(frozen=True)
class Route:
    intent: str | None  # None: keep the classifier's intent
    triage_level: str | None = None  # the level the static reply speaks to ("general": no finding)
    reason: str = ""
    # FAQ topics whose answer may follow the advice, when the answer selector chose one of them: a
    # question asked beside a pregnancy ("just found out I'm 12 weeks pregnant, could it harm the baby?").
    answer_topics: tuple[str, ...] = ()


def route(
    assessment: Assessment,
    predicted_intent: str | None,
    confidence: float,
    faq_answer_confidence: float = 0.0,
    confident: float = DEFAULT_CONFIDENT,
    relevant: bool = True,
    about_stopping: bool = False,
    sure_answer: float = SURE_FAQ_ANSWER,
    known_topic: float = KNOWN_TOPIC_ANSWER,
    names_health: bool = False,
    names_a_medicine: bool = True,
    asks: bool = False,
) -> Route:
    """`relevant`: the message mentions the medicine, health, the body or the assistant
    (bot/nlu/relevance.py); `about_stopping`: it speaks of stopping the medicine; `names_health`:
    the detector saw a finding or a reading in it in any sense ("stiff neck is a sign of what?"),
    so it is never out of scope; `names_a_medicine`: it names azathioprine or another medicine, or
    means one ("can I crush them"); `asks`: the message asks something (a question mark, or a
    sentence that opens like a question)."""
    # "Can you tell me if I have lupus" asks for a diagnosis: only an answer as sure as a known topic
    # replaces the "can't diagnose" reply, not one that merely leads the others.
    sure_faq_answer = faq_answer_confidence >= (known_topic if predicted_intent == ASK_DIAGNOSIS else sure_answer)
    # A very sure answer is evidence of topic too: "does it work straight away or nah" names
    # nothing, yet only the medicine can be meant.
    # ...and so is a finding named only in a question, a denial or the past ("stiff neck is a sign of
    # what?"); a finding reported now keeps the symptom reply unless the message is otherwise relevant.
    relevant = relevant or faq_answer_confidence >= known_topic or (names_health and not assessment.findings)
    # The classifier is sure the message is about something else, and it names no medicine and no
    # finding: that is not an intent near-tie, and a word that is elsewhere about health does not
    # overturn it ("when's the blood moon tonight" had a sure blood-tests answer, "how do you bleed
    # a radiator" the storage one). Distress keeps its emergency question.
    sure_elsewhere = (
        predicted_intent == OUT_OF_SCOPE
        and confidence >= SURE_OUT_OF_SCOPE
        and not (names_a_medicine or names_health or assessment.distress)
    )
    # Keep or give the FAQ answer for a mild, vague or hypothetical mention when the classifier
    # is confident it is a question, or the answer selector is sure and the guess is one that
    # sentence shape decides.
    faq_wins = (predicted_intent == FAQ_INTENT and confidence >= confident) or (
        relevant
        and sure_faq_answer
        and not sure_elsewhere
        and predicted_intent in (*ANSWERABLE, REPORT_SYMPTOM, ASK_SYMPTOM_ADVICE)
    )
    if assessment.is_crisis:
        return Route(REPORT_CRISIS, "emergency", "self-harm statement")
    if assessment.level in ("emergency", "urgent", "soon"):
        # Advice to tell the team about a pregnancy within days leaves room for the answer to the
        # question asked with it, when the answer selector knows the topic; the advice comes first.
        rows = {_row_of(code) for code in assessment.findings}
        beside = assessment.level == "soon" and asks and faq_answer_confidence >= known_topic and len(rows) == 1
        topics = ANSWERED_BESIDE.get(next(iter(rows)), ()) if beside else ()
        return Route(REPORT_SYMPTOM, assessment.level, f"{assessment.level} finding", answer_topics=topics)
    episode = assessment.episode
    if episode and (episode["retracted"] or episode["ended"] or episode["ask"]):
        # A correction or the end of an episode changes the advice given before: the reply says so.
        return Route(REPORT_SYMPTOM, assessment.level or "routine", "earlier findings taken back or over")
    # The person gave a blood result: it is answered, whatever else the message might be.
    if assessment.results and assessment.level == "routine":
        return Route(REPORT_SYMPTOM, "routine", "blood result inside the limits")
    if assessment.level == "routine":
        if faq_wins:
            return Route(FAQ_INTENT, reason="mild finding, confident FAQ answer kept")
        return Route(REPORT_SYMPTOM, "routine", "mild finding")
    if assessment.context_only:
        if faq_wins:
            return Route(FAQ_INTENT, reason="vague finding, confident FAQ answer kept")
        return Route(REPORT_UNWELL, reason="feels unwell without a gradable symptom")
    if assessment.if_it_happens in ("emergency", "urgent", "soon"):
        if faq_wins:
            return Route(FAQ_INTENT, reason="hypothetical red flag, confident FAQ answer kept")
        return Route(ASK_SYMPTOM_ADVICE, assessment.if_it_happens, "question about a red flag")
    # A blood result no limit grades, and nothing else to act on: say what can be said, or ask back.
    if assessment.results:
        return Route(ASK_BLOOD_RESULT, reason="blood result that no limit grades: say so, or ask back")
    # From here on nothing was found: the classifier's guess is all there is. A message that sounds
    # urgent and is not understood gets the symptom check, whose first question is the emergency
    # question, never "didn't understand". A question the answer selector is sure of was understood.
    understood = faq_wins and predicted_intent in (FAQ_INTENT, *ANSWERABLE)
    # "URGENT: best man speech in 20 mins" and "help me write to my landlord" have distress
    # markers and nothing about health: a confident out-of-scope guess stands (its reply carries
    # the emergency line).
    # ...and a question the classifier takes for a FAQ one, about a medicine it means without naming it
    # ("how long b4 this stuff does anything"), is about the medicine.
    meant = names_a_medicine and predicted_intent == FAQ_INTENT
    declinable = (not relevant and not names_health and not meant) or sure_elsewhere
    understood = understood or (declinable and predicted_intent == OUT_OF_SCOPE and confidence >= confident)
    if assessment.distress and not understood and (confidence < confident or predicted_intent in NOT_UNDERSTOOD):
        return Route(REPORT_UNWELL, reason="sounds urgent, not understood: ask the emergency question")
    if predicted_intent == REPORT_CRISIS and about_stopping:
        # No self-harm words, and the message is about stopping the medicine: a question for the
        # FAQ ("can I give up aza now I feel better?"). Self-harm words were caught above.
        return Route(FAQ_INTENT, reason="stopping the medicine is a question, not a crisis")
    if predicted_intent == REPORT_CRISIS and relevant and sure_faq_answer:
        # No self-harm words, and the answer selector knows the question ("if the tablets end up
        # making me feel sick..."): the crisis class heard sentence shape, not a crisis.
        return Route(FAQ_INTENT, reason="a known question, no self-harm words")
    if declinable and (predicted_intent in ANSWERABLE or confidence < confident) and predicted_intent not in REPORTS:
        # Nothing about the medicine, health or the assistant: out of scope, whatever the shape.
        return Route(OUT_OF_SCOPE, reason="nothing about the medicine, health or the assistant")
    if relevant and sure_faq_answer and (predicted_intent in ANSWERABLE or confidence < confident):
        # The answer selector knows the question; an intent near-tie must not lose it.
        return Route(FAQ_INTENT, reason="no symptom found and a sure FAQ answer")
    if predicted_intent in SMALL_TALK_SHAPES and names_a_medicine and faq_answer_confidence >= known_topic:
        return Route(FAQ_INTENT, reason="a known question about a medicine, not small talk")
    if not declinable and predicted_intent == OUT_OF_SCOPE:
        # About health or the medicine, but no answer fits: topics to choose from and a person.
        return Route(NLU_FALLBACK, reason="about health, but no answer fits")
    # An unsure guess is left alone, so the FallbackClassifier answers it ("didn't understand",
    # topics, a person).
    if confidence < confident:
        return Route(None)
    if predicted_intent in (REPORT_SYMPTOM, ASK_SYMPTOM_ADVICE) and sure_faq_answer:
        return Route(FAQ_INTENT, reason="no symptom found and a sure FAQ answer")
    if predicted_intent == REPORT_SYMPTOM:
        # The classifier heard a symptom the detector does not know: ask the screening questions.
        return Route(REPORT_UNWELL, reason="symptom the detector does not know")
    if predicted_intent == REPORT_CRISIS:
        # Even when the detector saw a denial ("not suicidal any more"): showing the crisis line
        # to someone who did not need it costs little; missing a crisis can cost a life.
        return Route(REPORT_CRISIS, "emergency", "classifier heard a crisis")
    if predicted_intent == ASK_SYMPTOM_ADVICE:
        return Route(ASK_SYMPTOM_ADVICE, "general", "general question about getting help")
    return Route(None)
