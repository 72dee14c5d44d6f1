"""The names of the intents the code routes on (the domain declares them). Plain strings, no
Rasa import, so the action server and the Rasa components share one spelling."""

REPORT_SYMPTOM = "report_symptom"
REPORT_CRISIS = "report_crisis"
REPORT_UNWELL = "report_unwell"
ASK_SYMPTOM_ADVICE = "ask_symptom_advice"
FAQ = "faq"
TRIAGE_INTENTS = (REPORT_SYMPTOM, REPORT_CRISIS, ASK_SYMPTOM_ADVICE)
