"""Deletes conversations nobody has written to for longer than the retention period.

Rasa's SQL tracker store keeps every event of every conversation in one `events` table
(sender_id, timestamp, ...) and never deletes anything. A conversation is old when its latest
event is; then all its events go, so no half-conversation is left behind. The same statement
runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)
SECONDS_PER_DAY = 24 * 60 * 60

_DELETE_OLD = sa.text(
    "DELETE FROM events WHERE sender_id IN ("
    " SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
)
_COUNT_OLD = sa.text(
    "SELECT COUNT(*) FROM ( SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff) AS old"
)


def delete_old_conversations(engine: Engine, days: int, now: float | None = None) -> int:
    """Deletes every conversation whose latest event is more than `days` days old.

    Returns how many conversations were deleted. `days` of 0 keeps everything.
    """
    if days <= 0:
        return 0
    if not sa.inspect(engine).has_table("events"):
        return 0
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    with engine.begin() as connection:
        old = int(connection.execute(_COUNT_OLD, {"cutoff": cutoff}).scalar() or 0)
        if old:
            connection.execute(_DELETE_OLD, {"cutoff": cutoff})
    return old
