"""The detail of a triage reply: what was recognised, why it matters, and the source.

The Rasa server has already said what to do and how fast (its static reply in domain.yml);
this action adds the detail and the `custom.triage` payload with every finding.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.regions import current_contacts
from bot.triage import assess, load_lexicon
from bot.triage.replies import advice_detail, crisis_detail, symptom_detail
from bot.triage.routing import ASK_SYMPTOM_ADVICE, REPORT_CRISIS


class ActionTriageReply(Action):
    def name(self) -> str:
        return "action_triage_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        assessment = assess(message.get("text") or "")
        contacts = current_contacts()
        if intent == REPORT_CRISIS:
            reply = crisis_detail(assessment, contacts)
        elif intent == ASK_SYMPTOM_ADVICE:
            reply = advice_detail(assessment, load_lexicon(), contacts)
        else:
            reply = symptom_detail(assessment, contacts)
        dispatcher.utter_message(text=reply.text, json_message=reply.custom)
        return []
