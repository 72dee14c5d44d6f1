"""Old conversations are deleted whole; recent ones are kept (on Rasa's own SQL tracker store)."""

import asyncio
import time

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.retention import SECONDS_PER_DAY, delete_old_conversations

NOW = 1_800_000_000.0


def _store(tmp_path):
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "conversations.db"))


async def _save(store, sender, *ages_in_days):
    tracker = DialogueStateTracker(sender, [])
    for age in ages_in_days:
        tracker.update(UserUttered("hello", timestamp=NOW - age * SECONDS_PER_DAY))
        tracker.update(ActionExecuted("utter_greet", timestamp=NOW - age * SECONDS_PER_DAY))
    await store.save(tracker)


def _senders(store):
    with store.engine.connect() as connection:
        return {row[0] for row in connection.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}


def test_conversations_older_than_the_retention_are_deleted(tmp_path):
    store = _store(tmp_path)
    asyncio.run(_save(store, "old", 45, 40))
    asyncio.run(_save(store, "recent", 2))
    asyncio.run(_save(store, "old-but-used-yesterday", 90, 1))  # its latest message is what counts
    assert delete_old_conversations(store.engine, 30, now=NOW) == 1
    assert _senders(store) == {"recent", "old-but-used-yesterday"}


def test_zero_days_keeps_everything(tmp_path):
    store = _store(tmp_path)
    asyncio.run(_save(store, "old", 400))
    assert delete_old_conversations(store.engine, 0, now=NOW) == 0
    assert _senders(store) == {"old"}


def test_an_empty_database_is_fine(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert delete_old_conversations(engine, 30, now=time.time()) == 0
