"""One real cluster per test session: PostgreSQL, Redis, an action server, two Rasa servers and
nginx, from bot/cluster.py and the files in deploy/ (`make test-cluster`)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cluster import Cluster, Ports
from bot.settings import PROJECT_ROOT
from tests.conftest import ARTIFACTS


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    # Under var/ (not /tmp): PostgreSQL's user must be able to reach its data folder.
    (PROJECT_ROOT / "var").mkdir(exist_ok=True)
    state = Path(tempfile.mkdtemp(prefix="test-cluster-", dir=PROJECT_ROOT / "var"))
    running = Cluster(state_dir=state, ports=Ports.free())
    running.start()
    try:
        yield running
    finally:
        running.stop()
        logs = ARTIFACTS / "logs" / "cluster"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir(parents=True, exist_ok=True)
        for log in state.rglob("*.log"):
            shutil.copy(log, logs / f"{log.parent.parent.name}-{log.name}")
        shutil.rmtree(state, ignore_errors=True)
