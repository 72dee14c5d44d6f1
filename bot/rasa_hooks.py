"""Changes to the Rasa server's own behaviour, installed by the web channel when it loads.

The channel is the one piece of this project that Rasa imports before it serves anything, so
the settings Rasa Open Source 3.6 offers no option for are applied from here:
- the action server's timeout (Rasa hard-codes 300 s, so a hung action server would hold the
  static emergency reply past the widget's 45 s timeout);
- checking the action server's answers with a validator built once (Rasa rebuilds it, and checks
  its own schema, on every answer: most of a symptom report's time);
- no user text in the logs from Rasa's "Failed to parse arguments in line '<text>'" warning;
- CORS answers without `Access-Control-Allow-Credentials` (the widget sends no credentials)
  and without the `Access-Control-Max-Age: None` that Rasa's configuration produces;
- the daily deletion of old conversations (bot/retention.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from typing import Any

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.retention import SECONDS_PER_DAY, delete_old_conversations

logger = logging.getLogger(__name__)

CORS_HEADERS_NOT_SENT = ("Access-Control-Allow-Credentials", "Access-Control-Max-Age")


def set_action_timeout(seconds: float) -> None:
    """Rasa passes this module constant to every action-server request."""
    import rasa.core.actions.action as rasa_action

    rasa_action.DEFAULT_REQUEST_TIMEOUT = seconds


def validate_action_results_with_one_validator() -> None:
    """Rasa checks every action-server answer with `jsonschema.validate`, which first checks Rasa's
    own, constant schema against JSON Schema's meta-schema: about 31 ms of a symptom report's 50 ms
    on the bench's machine. A validator built once from the same schema passes and fails the same
    answers in under a millisecond; an answer it fails goes through Rasa's own check, so the error
    and its message are Rasa's."""
    import rasa.core.actions.action as rasa_action
    from jsonschema import validators

    remote = rasa_action.RemoteAction
    if getattr(remote._validate_action_result, "built_once", False):
        return
    rasa_validate = remote._validate_action_result
    schema = remote.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        if validator.is_valid(result):
            return True
        return rasa_validate(self, result)

    validate_action_result.built_once = True  # type: ignore[attr-defined]
    remote._validate_action_result = validate_action_result


def silence_user_text_warnings() -> None:
    """Rasa's warning about an unparsable "/intent" line quotes the whole line: the user's text."""
    warnings.filterwarnings("ignore", message=r"(?s).*Failed to parse arguments in line")


async def no_cors_credentials(request: Request) -> None:
    """Rasa turns sanic-cors's `supports_credentials` on; turn it off before any response is made."""
    context = getattr(request.app.ctx, "sanic_cors", None)
    for _pattern, options in getattr(context, "resources", None) or ():
        options["supports_credentials"] = False


async def drop_cors_extras(_request: Request, response: HTTPResponse) -> None:
    """A preflight answer would still carry `Access-Control-Max-Age: None` (sanic-cors writes the
    unset value as text)."""
    for header in CORS_HEADERS_NOT_SENT:
        if header in response.headers:
            del response.headers[header]


# After the tracker store's last error, replies carry the emergency line for this long.
TRACKER_STORE_DEGRADED_SECONDS = 30.0


class TrackerStoreWatch:
    """When the tracker store (PostgreSQL) fails, Rasa's FailSafeTrackerStore answers from an
    in-memory store instead: the conversation goes on, on this server only, unsaved. This records
    when that happens, so the channel can add the way out to every reply until it is over."""

    def __init__(self) -> None:
        self.failed_at: float | None = None
        self.hooked: object = None  # the agent's tracker store it is hooked into (a new model, a new store)

    def record(self, error: Exception) -> None:
        first = not self.failing()
        self.failed_at = time.monotonic()
        if first:
            # The error's class only: Rasa's own message quotes the SQL and its parameters.
            logger.error(
                "The tracker store failed (%s): answering from memory, unsaved, until it is back.",
                type(error).__name__,
            )

    def failing(self) -> bool:
        return self.failed_at is not None and time.monotonic() - self.failed_at < TRACKER_STORE_DEGRADED_SECONDS


def watch_tracker_store(app: Sanic) -> TrackerStoreWatch:
    """The app's TrackerStoreWatch, hooked into Rasa's FailSafeTrackerStore once the agent is loaded."""
    from rasa.core.tracker_store import FailSafeTrackerStore

    watch = getattr(app.ctx, "tracker_store_watch", None)
    if watch is None:
        watch = TrackerStoreWatch()
        app.ctx.tracker_store_watch = watch
    store = getattr(getattr(app.ctx, "agent", None), "tracker_store", None)
    if store is None or store is watch.hooked:
        return watch
    top = store
    for _ in range(5):
        if store is None or isinstance(store, FailSafeTrackerStore):
            break
        store = getattr(store, "_tracker_store", None)
    if isinstance(store, FailSafeTrackerStore):
        store._on_tracker_store_error = watch.record
        watch.hooked = top
    return watch


def sql_engine_of(app: Sanic) -> Any | None:
    """The SQLAlchemy engine of the Rasa server's tracker store, if it keeps conversations in SQL."""
    store = getattr(getattr(app.ctx, "agent", None), "tracker_store", None)
    # Rasa wraps the configured store (FailSafeTrackerStore, AwaitableTrackerStore).
    for _ in range(5):
        if store is None or hasattr(store, "engine"):
            break
        store = getattr(store, "_tracker_store", None)
    return getattr(store, "engine", None)


async def delete_old_conversations_daily(app: Sanic, days: int) -> None:
    """At start-up and every 24 hours. Each Rasa server of a cluster runs it; deleting is idempotent."""
    if days <= 0:
        logger.info("Conversation retention is off (CONVERSATION_RETENTION_DAYS=0).")
        return
    while True:
        engine = sql_engine_of(app)
        if engine is None:
            logger.info("No SQL tracker store: nothing to delete.")
            return
        try:
            deleted = await asyncio.get_running_loop().run_in_executor(None, delete_old_conversations, engine, days)
            logger.info("Deleted %d conversations older than %d days.", deleted, days)
        except Exception:
            logger.exception("Deleting old conversations failed; trying again in 24 hours.")
        await asyncio.sleep(SECONDS_PER_DAY)
