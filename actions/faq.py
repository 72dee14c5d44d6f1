"""After a message the assistant did not understand: offer the likeliest FAQ topics as buttons."""

from functools import cache
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import PROJECT_ROOT

FAQ_DIR = PROJECT_ROOT / "data" / "nlu" / "faq"
MAX_SUGGESTIONS = 3
DEFAULT_TOPICS = ("side_effects", "serious_side_effects", "blood_tests")
TOPIC_TITLES = {
    "what_is": "What is azathioprine?",
    "how_it_works": "How it works",
    "conditions": "What it's used for",
    "time_to_work": "How long it takes to work",
    "dose": "The dose",
    "how_to_take": "How to take it",
    "diet": "Food and drink",
    "missed_dose": "A missed dose",
    "overdose": "Taking too much",
    "blood_tests": "Blood tests",
    "tpmt": "The TPMT test",
    "side_effects": "Side effects",
    "serious_side_effects": "Serious side effects",
    "nausea": "Feeling sick",
    "hair_loss": "Hair thinning",
    "infection_risk": "Infections",
    "cancer_risk": "Cancer risk",
    "sun_protection": "Sun protection",
    "alcohol": "Alcohol",
    "pregnancy": "Pregnancy",
    "breastfeeding": "Breastfeeding",
    "fertility": "Fertility",
    "vaccines": "Vaccines",
    "interactions": "Other medicines",
    "allopurinol": "Allopurinol and gout",
    "natural_therapies": "Herbal and natural remedies",
    "compare_mycophenolate": "Compared with mycophenolate",
    "compare_cyclosporine": "Compared with ciclosporin",
    "compare_methotrexate": "Compared with methotrexate",
    "stopping": "Stopping and how long",
    "surgery_dental": "Operations and dental work",
    "storage": "Storing the tablets",
}


@cache
def topic_question(topic: str) -> str:
    """A question that surely reaches the topic: the first training example of its file."""
    data = yaml.safe_load((FAQ_DIR / f"{topic}.yml").read_text(encoding="utf-8"))
    examples = data["nlu"][0]["examples"]
    return next(line.strip()[2:] for line in examples.splitlines() if line.strip().startswith("- "))


def likely_topics(latest_message: dict[str, Any]) -> list[str]:
    ranking = (((latest_message.get("response_selector") or {}).get("faq") or {}).get("ranking")) or []
    topics = []
    for candidate in ranking:
        key = candidate.get("intent_response_key") or ""
        topic = key.split("/", 1)[-1]
        if topic in TOPIC_TITLES and topic not in topics:
            topics.append(topic)
        if len(topics) == MAX_SUGGESTIONS:
            return topics
    return topics or list(DEFAULT_TOPICS)


class ActionSuggestTopics(Action):
    def name(self) -> str:
        return "action_suggest_topics"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        buttons = [
            {"title": TOPIC_TITLES[topic], "payload": topic_question(topic)}
            for topic in likely_topics(tracker.latest_message or {})
        ]
        dispatcher.utter_message(text="Were you asking about one of these?", buttons=buttons)
        return []
