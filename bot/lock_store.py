"""Rasa's Redis lock store, made to keep answering when Redis cannot be reached.

Several Rasa servers share one Redis lock store so that one conversation's messages are handled
in order, whichever server gets them (Rasa's own way to scale; nothing here replaces it). When
Redis is down, Rasa's RedisLockStore raises on every message, and every reply becomes the
channel's "can't answer" fallback. This subclass instead falls back to a lock held in this
server's memory until Redis answers again: messages keep their order within one server, and a
person keeps getting answers (a conversation whose messages reach two servers at the same moment
could be handled out of order while Redis is down: the README says so).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# A Redis that does not answer must not hold a reply back for long.
SOCKET_TIMEOUT_SECONDS = 1.0
WARN_EVERY_SECONDS = 60.0


class FailSoftRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs: dict[str, Any] = dict(endpoint_config.kwargs)
        kwargs.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(host=endpoint_config.url or "localhost", **kwargs)
        self.fallback = InMemoryLockStore()
        self._warned_at = 0.0

    def _unreachable(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            # The error's class only: its text can name the host, never a password, but keep it short.
            logger.warning("Redis lock store unreachable (%s): locking in this server's memory.", type(error).__name__)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        try:
            return super().get_lock(conversation_id) or self.fallback.get_lock(conversation_id)
        except UNREACHABLE as error:
            self._unreachable(error)
            return self.fallback.get_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        try:
            super().save_lock(lock)
            self.fallback.delete_lock(lock.conversation_id)
        except UNREACHABLE as error:
            self._unreachable(error)
            self.fallback.save_lock(lock)

    def delete_lock(self, conversation_id: str) -> None:
        self.fallback.delete_lock(conversation_id)
        try:
            super().delete_lock(conversation_id)
        except UNREACHABLE as error:
            self._unreachable(error)
