"""The answer to "can I take X with azathioprine?", for each medicine the Rasa server found.

The Rasa server's MedicineChecker attached the names to the message (key `medicines`); this
action writes the answer from the same table (data/clinical/medicines.yml). A message that names
another medicine alone, without asking about taking it together, has no names attached and gets
the reply that the assistant covers azathioprine only.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.regions import contacts_of_message
from bot.triage.medicines import load_medicines, medicine_reply, payload_medicines
from bot.triage.replies import emergency_line

MEDICINES_KEY = "medicines"  # where the Rasa server's MedicineChecker puts the names


class ActionOtherMedicine(Action):
    def name(self) -> str:
        return "action_other_medicine"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        table = load_medicines()
        named = payload_medicines(message.get(MEDICINES_KEY), table)
        if not named:
            dispatcher.utter_message(response="utter_other_medicine")
            return []
        text = medicine_reply(named, table) + "\n\n" + emergency_line(contacts_of_message(message))
        dispatcher.utter_message(text=text, json_message={"medicines": named.as_payload()})
        return []
