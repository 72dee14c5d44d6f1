"""The names of the intents the code routes on (the domain declares them). Plain strings, no
Rasa import, so the action server and the Rasa components share one spelling."""

REPORT_SYMPTOM = "report_symptom"
REPORT_CRISIS = "report_crisis"
REPORT_UNWELL = "report_unwell"
ASK_SYMPTOM_ADVICE = "ask_symptom_advice"
# Set by the safety net alone, for a blood result no limit grades (bot/triage/blood_results.py).
ASK_BLOOD_RESULT = "ask_blood_result"
# No training examples on purpose: only a component sets these (.ci/check-warnings reads this line).
SET_BY_COMPONENTS = (ASK_BLOOD_RESULT,)
FAQ = "faq"
TRIAGE_INTENTS = (REPORT_SYMPTOM, REPORT_CRISIS, ASK_SYMPTOM_ADVICE)
