"""The Redis lock store keeps answering from memory while Redis is down, and the tracker store's
failure is noticed so that replies carry the emergency line."""

import asyncio
import logging

from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import FailSoftRedisLockStore
from bot.measure.chat import free_port
from bot.rasa_hooks import TrackerStoreWatch
from bot.settings import Settings


def _unreachable_store() -> FailSoftRedisLockStore:
    # Nothing listens on a fresh free port: every Redis call is refused at once.
    config = EndpointConfig(url="127.0.0.1", port=free_port(), db=1, password="not-a-secret")
    return FailSoftRedisLockStore(config)


def test_with_redis_unreachable_a_conversation_is_still_locked_in_turn(caplog):
    store = _unreachable_store()
    order: list[str] = []

    async def handle(name: str, pause: float) -> None:
        async with store.lock("conversation", wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(pause)
            order.append(f"{name} out")

    async def both() -> None:
        first = asyncio.create_task(handle("first", 0.05))
        await asyncio.sleep(0)
        await asyncio.gather(first, handle("second", 0))

    with caplog.at_level(logging.WARNING, logger="bot.lock_store"):
        asyncio.run(both())
    assert order == ["first in", "first out", "second in", "second out"]
    assert store.get_lock("conversation") is None  # released
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1 and "not-a-secret" not in warnings[0].getMessage()


def test_the_launcher_configures_the_fail_soft_store_for_redis():
    endpoints = Settings(redis_url="redis://:pw@127.0.0.1:6379/1").endpoints()
    assert endpoints["lock_store"]["type"] == "bot.lock_store.FailSoftRedisLockStore"


def test_a_tracker_store_error_is_remembered_for_a_while_and_logged_once(caplog):
    watch = TrackerStoreWatch()
    assert not watch.failing()
    with caplog.at_level(logging.ERROR, logger="bot.rasa_hooks"):
        watch.record(ConnectionError("connection to server at 127.0.0.1 failed, password=secret"))
        watch.record(ConnectionError("again"))
    assert watch.failing()
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "secret" not in messages[0] and "ConnectionError" in messages[0]
