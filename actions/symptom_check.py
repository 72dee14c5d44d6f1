"""The result of the short symptom check, once the Rasa form has finished."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.clinician_note import offers_note
from bot.regions import contacts_of_message
from bot.triage.replies import screening_detail, screening_questions


class ActionSymptomCheckResult(Action):
    def name(self) -> str:
        return "action_symptom_check_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        questions = screening_questions()
        answers = {q.slot: tracker.get_slot(q.slot) for q in questions}
        reply = screening_detail(answers, contacts_of_message(tracker.latest_message))
        dispatcher.utter_message(text=reply.text, json_message=reply.custom)
        if offers_note(reply.custom["triage"]["level"]):
            dispatcher.utter_message(response="utter_offer_note")
        # Clear the answers so the next check starts from the first question.
        return [SlotSet(q.slot, None) for q in questions] + [SlotSet("symptom_check_level", None)]
