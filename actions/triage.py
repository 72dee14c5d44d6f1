"""The detail of a triage reply: what was recognised, why it matters, and the source.

The Rasa server has already said what to do and how fast (its static reply), and attached its
assessment, reasons and all, to the parsed message (key `triage`). This action reads that
assessment; it does not detect anything again, so the action server needs no spaCy and the two
processes can never disagree.
"""

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.clinician_note import offers_note
from bot.intents import ASK_BLOOD_RESULT, ASK_SYMPTOM_ADVICE, REPORT_CRISIS, REPORT_SYMPTOM
from bot.regions import contacts_of_message
from bot.triage.engine import Assessment
from bot.triage.replies import (
    TAKE_BACK_BUTTON,
    advice_detail,
    blood_result_detail,
    crisis_detail,
    symptom_detail,
)

logger = logging.getLogger(__name__)
TRIAGE_KEY = "triage"  # where the Rasa server's SymptomExtractor puts the assessment
# Where the Rasa server's safety net puts its decision (bot/nlu/safety_net.py), and its key for a
# FAQ answer to send after the advice.
SAFETY_NET_KEY = "safety_net"
ANSWER_TOO_KEY = "answer_too"
FAQ_ANSWER_PREFIX = "faq/"


class ActionTriageReply(Action):
    def name(self) -> str:
        return "action_triage_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        payload = message.get(TRIAGE_KEY)
        if not isinstance(payload, dict):
            # Only a message that skipped the Rasa server's pipeline lacks it; the static reply
            # has already said what to do, so add nothing rather than guess.
            logger.warning("No triage assessment on the latest message of %s.", tracker.sender_id)
            return []
        assessment = Assessment.from_payload(payload)  # type: ignore[arg-type]
        contacts = contacts_of_message(message)
        intent = (message.get("intent") or {}).get("name")
        if intent == REPORT_CRISIS:
            reply = crisis_detail(assessment, contacts)
        elif intent == ASK_SYMPTOM_ADVICE:
            reply = advice_detail(assessment, contacts)
        elif intent == ASK_BLOOD_RESULT:
            reply = blood_result_detail(assessment, contacts)
        else:
            reply = symptom_detail(assessment, contacts)
        asks = intent == REPORT_SYMPTOM and bool(assessment.episode and assessment.episode["ask"])
        buttons = [{"title": TAKE_BACK_BUTTON, "payload": TAKE_BACK_BUTTON}] if asks else []
        dispatcher.utter_message(text=reply.text, json_message=reply.custom or None, buttons=buttons)
        # The answer to the question asked beside a finding for the team within days (the Rasa
        # server's safety net chose it: bot/nlu/routing.py).
        answer = (message.get(SAFETY_NET_KEY) or {}).get(ANSWER_TOO_KEY)
        if intent == REPORT_SYMPTOM and isinstance(answer, str) and answer.startswith(FAQ_ANSWER_PREFIX):
            dispatcher.utter_message(response=f"utter_{answer}")
        # Not after the crisis reply: a person in crisis is given the people to talk to, not a task.
        if intent not in (ASK_SYMPTOM_ADVICE, REPORT_CRISIS) and offers_note(assessment.level):
            dispatcher.utter_message(response="utter_offer_note")
        return []
