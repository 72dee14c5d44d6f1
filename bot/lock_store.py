"""Rasa's Redis lock store, made to keep answering, in order, when Redis cannot be reached.

Several Rasa servers share one Redis lock store so that one conversation's messages are handled
one at a time, in order, whichever server gets them (Rasa's own way to scale; nothing here
replaces it). When Redis is down, Rasa's RedisLockStore raises on every message and every reply
becomes the channel's "can't answer" fallback.

This subclass holds a lock per conversation in the server's own memory first, always, and takes
Redis's ticket lock inside it. So within one server a conversation's messages never run at the
same time, Redis or not. When Redis cannot be reached (before, during or after a message), the
message goes on under the in-memory lock alone, and Redis is not tried again for a few seconds,
so a Redis host that does not answer does not hold every message back. While Redis is down, two
messages of one conversation reaching two servers at the same moment could run at once: the
README says so. A wrong password is not an outage: it fails at start-up and on every message.

Rasa's RedisLockStore changes a conversation's lock by reading it and writing it back: two servers
issuing a ticket at the same moment can both read the empty lock and both get ticket 0, and both
handle their message at once (one message's events were lost in the cluster test, now and then).
Here every change to a lock happens under a short Redis mutex (SET NX with an expiry).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import AuthenticationError, AuthorizationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
# A Redis that does not answer must not hold a reply back for long...
SOCKET_TIMEOUT_SECONDS = 1.0
# ...nor every message after it: after one failure, Redis is left alone for this long.
RETRY_AFTER_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0
# A lock's read-change-write takes a few milliseconds; a mutex left by a server that died in the
# middle of one expires after this long.
MUTEX_MS = 2000
MUTEX_RETRY_SECONDS = 0.005
T = TypeVar("T")


def _refused(error: BaseException | None) -> bool:
    """Redis answered, and refused: a wrong password or user. A configuration error."""
    while error is not None:
        if isinstance(error, (AuthenticationError, AuthorizationError)):
            return True
        error = error.__cause__ or error.__context__
    return False


def _unreachable(error: BaseException | None) -> bool:
    """Redis could not be reached (Rasa wraps the error in a LockError). A refused password is
    a configuration error, never an outage to ride out."""
    while error is not None:
        if isinstance(error, (AuthenticationError, AuthorizationError)):
            return False
        if isinstance(error, (RedisConnectionError, RedisTimeoutError, OSError)):
            return True
        error = error.__cause__ or error.__context__
    return False


class FailSoftRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs: dict[str, Any] = dict(endpoint_config.kwargs)
        kwargs.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(host=endpoint_config.url or "localhost", **kwargs)
        self._local: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self._skip_until = 0.0
        self._warned_at = 0.0
        try:
            self.red.ping()
        except (AuthenticationError, AuthorizationError):
            raise
        except Exception as error:
            if not _unreachable(error):
                raise
            self._went_away(error)

    def _went_away(self, error: BaseException) -> None:
        now = time.monotonic()
        self._skip_until = now + RETRY_AFTER_SECONDS
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            # The error's class only: never its text, never the connection settings.
            logger.warning(
                "Redis lock store unreachable (%s): each conversation is locked in this server's memory only.",
                type(error).__name__,
            )

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        local = self._local.setdefault(conversation_id, asyncio.Lock())
        self._users[conversation_id] = self._users.get(conversation_id, 0) + 1
        try:
            async with local, self._shared(conversation_id, lock_lifetime, wait_time_in_seconds) as ticket_lock:
                yield ticket_lock
        finally:
            self._users[conversation_id] -= 1
            if not self._users[conversation_id]:
                del self._users[conversation_id]
                self._local.pop(conversation_id, None)

    @asynccontextmanager
    async def _shared(
        self, conversation_id: str, lock_lifetime: float, wait_time_in_seconds: float
    ) -> AsyncGenerator[TicketLock, None]:
        """Redis's ticket lock, for the order across servers; skipped while Redis is away."""
        ticket: int | None = None
        held = TicketLock(conversation_id)
        if time.monotonic() >= self._skip_until:
            try:
                ticket = self.issue_ticket(conversation_id, lock_lifetime)
                held = await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
            except (LockError, RedisConnectionError, RedisTimeoutError, OSError) as error:
                if _refused(error) or (not isinstance(error, LockError) and not _unreachable(error)):
                    self._release(conversation_id, ticket)
                    raise
                if _unreachable(error):
                    # A ticket issued before Redis went away expires by itself after its lifetime.
                    self._went_away(error)
                    ticket = None
                else:
                    # This message waited out the lock's lifetime: the server holding it died with
                    # it. Its turn has come (the in-memory lock still keeps this server's order).
                    logger.warning("A conversation's lock expired while a message waited for it: going on.")
        try:
            yield held
        finally:
            self._release(conversation_id, ticket)

    def _guarded(self, conversation_id: str, change: Callable[[], T]) -> T:
        """`change` (a read and a write of the conversation's lock) with no other server changing
        that lock in between."""
        mutex = f"{self.key_prefix}{conversation_id}:mutex"
        token = uuid.uuid4().hex
        deadline = time.monotonic() + MUTEX_MS / 1000
        while not self.red.set(mutex, token, nx=True, px=MUTEX_MS):
            if time.monotonic() > deadline:
                break  # the holder died mid-change; its mutex is about to expire anyway
            time.sleep(MUTEX_RETRY_SECONDS)
        try:
            return change()
        finally:
            held = self.red.get(mutex)
            if held is not None and (held.decode() if isinstance(held, bytes) else held) == token:
                self.red.delete(mutex)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._guarded(
            conversation_id, lambda: super(FailSoftRedisLockStore, self).issue_ticket(conversation_id, lock_lifetime)
        )

    def update_lock(self, conversation_id: str) -> None:
        self._guarded(conversation_id, lambda: super(FailSoftRedisLockStore, self).update_lock(conversation_id))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._guarded(
            conversation_id, lambda: super(FailSoftRedisLockStore, self).cleanup(conversation_id, ticket_number)
        )

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        """Rasa's wait for the ticket's turn, which also gives up when the ticket itself has
        expired. Rasa's own waits for ever if this ticket and the one before it (of a server that
        died holding it) expire between two looks: the lock is then empty, and never free."""
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None or lock._ticket_for_ticket_number(ticket) is None:
                raise LockError(f"The ticket for conversation '{conversation_id}' expired while it waited.")
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)
            self.update_lock(conversation_id)

    def _release(self, conversation_id: str, ticket: int | None) -> None:
        if ticket is None:
            return
        try:
            self.cleanup(conversation_id, ticket)
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            if not _unreachable(error):
                raise
            self._went_away(error)
