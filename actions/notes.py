"""The note to hand to the clinician ("Make a note for the call"), built from this conversation's
events by bot/clinician_note.py: the person's own words, never anything they did not say."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.clinician_note import clinician_note
from bot.regions import contacts_of_message
from bot.triage.replies import emergency_line

NOTE_KEY = "clinician_note"  # the widget shows this payload as a note with Copy and Print buttons
NOTE_INTRO = "Here's a note of what you told me, to read out or hand over when you call. It only has what you typed."


class ActionClinicianNote(Action):
    def name(self) -> str:
        return "action_clinician_note"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        contacts = contacts_of_message(tracker.latest_message)
        note = clinician_note(tracker.events, contacts)
        if note is None:
            dispatcher.utter_message(
                text="There's nothing to put in a note yet. Tell me what's happening and I'll say how urgent it is.\n\n"
                + emergency_line(contacts)
            )
            return []
        # Rasa's channels split text at blank lines: the note travels whole in the payload.
        dispatcher.utter_message(text=NOTE_INTRO, json_message={NOTE_KEY: {"text": note}})
        return []
