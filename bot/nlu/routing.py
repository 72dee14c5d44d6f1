"""The red-flag safety net: which intent a message gets once its symptoms are known.

The intent classifier (DIET) can be wrong or unsure; a red flag must never depend on it.
This pure function sees the classifier's guess and the deterministic assessment, and
overrides the guess whenever the assessment says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.intents import ASK_SYMPTOM_ADVICE, REPORT_CRISIS, REPORT_SYMPTOM, REPORT_UNWELL, TRIAGE_INTENTS
from bot.intents import FAQ as FAQ_INTENT
from bot.triage.engine import Assessment

__all__ = [
    "ASK_SYMPTOM_ADVICE",
    "FAQ_INTENT",
    "REPORT_CRISIS",
    "REPORT_SYMPTOM",
    "REPORT_UNWELL",
    "TRIAGE_INTENTS",
    "Route",
    "route",
]
# A confident FAQ answer is better than the triage reply for mild or hypothetical mentions
# ("is hair loss a side effect?"), never for a current red flag.
# The FallbackClassifier's threshold (config.yml passes the same value to the safety net): below it
# the classifier's guess would be dropped anyway.
DEFAULT_CONFIDENT = 0.5
# When the classifier guesses a symptom intent but the detector finds nothing, a FAQ answer
# this sure of itself means the message was a question ("I'm trying for a baby, do I have to
# stop aza?"), not an unknown symptom.
SURE_FAQ_ANSWER = 0.8


@dataclass(frozen=True)
class Route:
    intent: str | None  # None: keep the classifier's intent
    triage_level: str | None = None  # the level the static reply speaks to ("general": no finding)
    reason: str = ""


def route(
    assessment: Assessment,
    predicted_intent: str | None,
    confidence: float,
    faq_answer_confidence: float = 0.0,
    confident: float = DEFAULT_CONFIDENT,
) -> Route:
    confident_faq = predicted_intent == FAQ_INTENT and confidence >= confident
    sure_faq_answer = faq_answer_confidence >= SURE_FAQ_ANSWER
    if assessment.is_crisis:
        return Route(REPORT_CRISIS, "emergency", "self-harm statement")
    if assessment.level in ("emergency", "urgent", "soon"):
        return Route(REPORT_SYMPTOM, assessment.level, f"{assessment.level} finding")
    if assessment.level == "routine":
        if confident_faq:
            return Route(None, reason="mild finding, confident FAQ answer kept")
        return Route(REPORT_SYMPTOM, "routine", "mild finding")
    if assessment.context_only:
        if confident_faq:
            return Route(None, reason="vague finding, confident FAQ answer kept")
        return Route(REPORT_UNWELL, reason="feels unwell without a gradable symptom")
    if assessment.if_it_happens in ("emergency", "urgent", "soon"):
        if confident_faq:
            return Route(None, reason="hypothetical red flag, confident FAQ answer kept")
        return Route(ASK_SYMPTOM_ADVICE, assessment.if_it_happens, "question about a red flag")
    # From here on nothing was found: the classifier's guess is all there is. An unsure guess is
    # left alone, so the FallbackClassifier answers it ("didn't understand", topics, a person).
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
