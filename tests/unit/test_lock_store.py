"""The Redis lock store keeps answering from memory while Redis is down, and the tracker store's
failure is noticed so that replies carry the emergency line."""

import asyncio
import logging
import time

import pytest
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import AuthenticationError
from redis.exceptions import ConnectionError as RedisConnectionError

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
    assert not store._local  # nothing kept once the conversation's messages are done
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1 and "not-a-secret" not in warnings[0].getMessage()


class FlakyRedis:
    """A Redis that answers until `down` is set, then refuses every call."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise RedisConnectionError("Connection refused.")

    def get(self, key):
        self._check()
        return self.data.get(key)

    def set(self, key, value, nx=False, px=None):
        self._check()
        if nx and key in self.data:
            return None
        self.data[key] = value.encode() if isinstance(value, str) else value
        return True

    def delete(self, key):
        self._check()
        return 1 if self.data.pop(key, None) is not None else 0


def test_redis_going_away_in_the_middle_of_a_message_keeps_the_conversation_in_order():
    store = _unreachable_store()
    store._skip_until = 0.0
    redis = FlakyRedis()
    store.red = redis  # type: ignore[assignment]
    order: list[str] = []

    async def handle(name: str) -> None:
        async with store.lock("conversation", wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            if name == "m1":
                redis.down = True  # Redis goes away while the first message is being answered
            await asyncio.sleep(0.03)
            order.append(f"{name} out")

    async def three() -> None:
        first = asyncio.create_task(handle("m1"))
        await asyncio.sleep(0)
        await asyncio.gather(first, handle("m2"), handle("m3"))

    asyncio.run(three())
    assert order == ["m1 in", "m1 out", "m2 in", "m2 out", "m3 in", "m3 out"]


def test_a_message_behind_a_dead_servers_ticket_goes_on_when_both_tickets_expire_together():
    """A server died holding a ticket; this message's ticket and that one expire between two
    looks. Rasa's own wait would then loop for ever on an empty lock."""
    store = _unreachable_store()
    store._skip_until = 0.0
    store.red = FlakyRedis()  # type: ignore[assignment]
    store.issue_ticket("conversation", 0.05)  # the dead server's ticket, never released
    answered = []

    async def handle() -> None:
        async with store.lock("conversation", lock_lifetime=0.06, wait_time_in_seconds=0.2):
            answered.append(True)

    asyncio.run(asyncio.wait_for(handle(), timeout=5))
    assert answered == [True]


def test_a_wrong_redis_password_is_an_error_not_an_outage():
    store = _unreachable_store()
    store._skip_until = 0.0

    class Refusing(FlakyRedis):
        def get(self, key):
            raise AuthenticationError("invalid password")

    store.red = Refusing()  # type: ignore[assignment]

    async def one() -> None:
        async with store.lock("conversation"):
            pass

    with pytest.raises(Exception) as raised:
        asyncio.run(one())
    assert "invalid password" in str(raised.value)


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


class SlowRedis(FlakyRedis):
    """Reads take a while, so two servers' read-change-write of one lock overlap unless guarded."""

    def get(self, key):
        value = super().get(key)
        if not key.endswith(":mutex"):
            time.sleep(0.05)
        return value


def test_two_servers_issuing_a_ticket_at_the_same_moment_get_different_tickets():
    import threading

    shared = SlowRedis()
    servers = [_unreachable_store(), _unreachable_store()]
    for server in servers:
        server.red = shared  # type: ignore[assignment]
    tickets: list[int] = []
    start = threading.Barrier(2)

    def issue(server: FailSoftRedisLockStore) -> None:
        start.wait()
        tickets.append(server.issue_ticket("conversation", 10))

    threads = [threading.Thread(target=issue, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == [0, 1]
