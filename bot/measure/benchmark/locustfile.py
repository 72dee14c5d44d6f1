"""Locust users for `make bench --driver locust`: each plays whole conversations, one at a time.

Run by bot/measure/benchmark/load.py in its own process (Locust patches the standard library
with gevent); the settings come from the environment:
  BENCH_BOT       "assistant", or "baseline" with BENCH_BASELINE_NLU (the starter bot's nlu.yml)
  BENCH_SEED      the seed of the conversation mix (each user gets seed + its number)
Locust stops the run after its --run-time.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator

from locust import HttpUser, constant, task

from bot.measure.benchmark.scripts import Mix, Script

_users = itertools.count()


MIX = Mix.from_env(dict(os.environ))


def _scripts() -> Iterator[Script]:
    return MIX.scripts(next(_users))


class ConversationUser(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.scripts = _scripts()

    @task
    def converse(self) -> None:
        script = next(self.scripts)
        sender = f"bench-{uuid.uuid4()}"
        for text in script.messages:
            with self.client.post(
                "/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                name=script.kind,
                catch_response=True,
                timeout=120,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                elif not response.json():
                    response.failure("empty reply")
