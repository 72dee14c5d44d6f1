"""The Rasa server's response generator: every reply gets the numbers of the message's region.

Responses (the domain's, the FAQ answers, the generated safety layer) name phone numbers and
services with placeholders: "call {emergency_number}", "use {urgent_advice}", "your
{family_doctor}". Rasa fills placeholders from slot values; this generator adds the contacts of
the region the web channel stamped on the latest message (data/clinical/regions.yml), so one
response serves every region and no region's number is written twice.

Configured in the endpoints file: `nlg: {type: bot.nlg.RegionalResponses}`.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.regions import contacts_for, region_of_message
from bot.triage.lexicon import load_lexicon, shown_sources
from bot.triage.replies import emergency_line


def region_of_tracker(tracker: DialogueStateTracker) -> str:
    latest = tracker.latest_message
    return region_of_message({"metadata": latest.metadata} if latest is not None else None)


def response_values(region: str, slots: dict[str, Any]) -> dict[str, Any]:
    """What placeholders are filled with: the slots, then the region's contacts and the
    emergency line (which win)."""
    contacts = contacts_for(region)
    return {
        **slots,
        **contacts.values(),
        **load_lexicon().temperature_values(),
        "emergency_line": emergency_line(contacts),
    }


class RegionalResponses(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        values = response_values(region_of_tracker(tracker), tracker.current_slot_values())
        message = self.generate_from_slots(utter_action, values, output_channel, **kwargs)
        if message and isinstance(message.get("text"), str):
            message["text"] = shown_sources(message["text"])
        return message
