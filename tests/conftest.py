"""Shared fixtures. The servers start once per test session, and only if a test needs them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.launcher import Stack
from bot.measure.chat import Conversation, free_port
from bot.settings import PROJECT_ROOT, Settings

ARTIFACTS = PROJECT_ROOT / "artifacts"
_FIGURES: list[str] = []
TEST_API_TOKEN = "test-token-not-a-secret"
OLD_CONVERSATION = "retention-probe-31-days-old"


def _seed_old_conversation(state_dir: Path) -> None:
    """A conversation last used 31 days ago, which the Rasa server must delete at start-up."""
    import asyncio
    import time

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(state_dir / "conversations.db"))
    tracker = DialogueStateTracker(OLD_CONVERSATION, [])
    tracker.update(UserUttered("what is azathioprine", timestamp=time.time() - 31 * 24 * 3600))
    asyncio.run(store.save(tracker))
    store.engine.dispose()


def _settings(tmp_dir: Path, **overrides) -> Settings:
    base = dict(
        rasa_port=free_port(),
        action_port=free_port(),
        web_port=free_port(),
        state_dir=tmp_dir,
        model_path=Path(os.environ.get("MODEL_PATH", PROJECT_ROOT / "models" / "assistant.tar.gz")),
    )
    base.update(overrides)
    return Settings(**base)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    state_dir = tmp_path_factory.mktemp("assistant-state")
    # Unbuffered output: whatever a server prints is in its log file at once (tests grep them).
    # The HTTP API is on, behind a token, so tests can read /model/parse and trackers.
    settings = _settings(state_dir, extra_env={"PYTHONUNBUFFERED": "1"}, api_token=TEST_API_TOKEN)
    _seed_old_conversation(state_dir)
    running = Stack(settings, log_dir=ARTIFACTS / "logs")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def action_server_down(stack):
    stack.action_server.stop()
    try:
        yield stack
    finally:
        stack.restart(stack.action_server)


@pytest.fixture
def conversation(stack) -> Conversation:
    return Conversation(stack.settings.rasa_url)


@pytest.fixture
def new_conversation(stack):
    """Factory for several independent conversations within one test."""
    return lambda: Conversation(stack.settings.rasa_url)


@pytest.fixture
def report_figure():
    """Record a figure (accuracy, recall...) to print in the summary at the end of the run."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)
