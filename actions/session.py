"""Starts each conversation with the deployment region set."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import region_from_env


class ActionSessionStart(Action):
    """Like Rasa's default (no slots carried over), plus the region slot for phone numbers."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        # A new session starts clean: an old symptom report must not colour new answers.
        return [SessionStarted(), SlotSet("region", region_from_env()), ActionExecuted("action_listen")]
