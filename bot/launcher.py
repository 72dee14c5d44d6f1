"""Starts the action server, the Rasa server and the web page, and supervises them.

`make run` calls `python -m bot.launcher`; the end-to-end tests use `Stack` directly so
they exercise exactly what a newcomer runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import requests
import yaml

from bot.settings import PROJECT_ROOT, Settings, SettingsError

VENV_BIN = Path(sys.executable).parent
RASA_LOAD_TIMEOUT_SECONDS = 300
# Every HEALTH_CHECK_SECONDS each service must answer its health URL; after UNHEALTHY_CHECKS
# failures in a row (a hung or stopped process, not a slow reply) the launcher gives up.
HEALTH_CHECK_SECONDS = 10
UNHEALTHY_CHECKS = 3
# Conversations, logs and the generated endpoints file (which may hold passwords) are readable
# by their owner only.
PRIVATE_UMASK = 0o077


class LaunchError(RuntimeError):
    """A service could not be started or stopped answering."""


@dataclass
class Service:
    name: str
    argv: list[str]
    health_url: str
    log_path: Path
    process: subprocess.Popen | None = None
    _log_file: IO[bytes] | None = None
    failed_checks: int = 0
    stop_signal: int = signal.SIGTERM  # PostgreSQL's fast shutdown is SIGINT (bot/cluster.py)

    def start(self, env: dict) -> None:
        make_private_dir(self.log_path.parent)
        self._log_file = open(self.log_path, "ab")  # noqa: SIM115 - lives as long as the child
        os.chmod(self.log_path, 0o600)
        self.failed_checks = 0
        # A new session per child lets us stop the whole process tree on shutdown.
        self.process = subprocess.Popen(
            self.argv,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            umask=PRIVATE_UMASK,
        )

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    @property
    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def is_healthy(self, timeout: float = 2) -> bool:
        try:
            return requests.get(self.health_url, timeout=timeout).status_code == 200
        except requests.RequestException:
            return False

    def log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace_seconds: float = 10) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, self.stop_signal)
                self.process.wait(timeout=grace_seconds)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=grace_seconds)
            except ProcessLookupError:
                pass
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def make_private_file(path: Path) -> None:
    """Creates the file readable by its owner only (or makes an existing one so)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def wait_until_healthy(
    services: Sequence[Service], timeout: float, on_ready: Callable[[Service], None] | None = None
) -> None:
    """Waits until every service answers its health check; LaunchError if one exits or the time runs out."""
    waiting = list(services)
    deadline = time.monotonic() + timeout
    while waiting:
        for service in list(waiting):
            if service.exit_code is not None:
                raise LaunchError(
                    f"the {service.name} exited with code {service.exit_code} while starting;"
                    f" last lines of {service.log_path}:\n{service.log_tail()}"
                )
            if service.is_healthy():
                waiting.remove(service)
                if on_ready:
                    on_ready(service)
        if time.monotonic() > deadline:
            raise LaunchError(f"gave up after {timeout:.0f} s waiting for: {', '.join(s.name for s in waiting)}")
        time.sleep(0.3)


class Stack:
    """The assistant's processes, started and stopped together."""

    def __init__(self, settings: Settings, *, with_web: bool = True, log_dir: Path | None = None):
        self.settings = settings
        log_dir = log_dir or settings.state_dir / "logs"
        self.action_server = Service(
            "action server",
            [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(settings.action_port)],
            f"http://{settings.local_host}:{settings.action_port}/health",
            log_dir / "action-server.log",
        )
        self.rasa_server = Service(
            "Rasa server",
            self._rasa_argv(),
            f"{settings.rasa_url}/webhooks/rest/",
            log_dir / "rasa-server.log",
        )
        self.web_server = Service(
            "web page",
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot.web.server",
                "--host",
                settings.host,
                "--port",
                str(settings.web_port),
                "--rasa-url",
                settings.public_rasa_url,
                "--region",
                settings.region,
                "--max-chars",
                str(settings.max_message_chars),
            ],
            f"http://{settings.local_host}:{settings.web_port}/healthz",
            log_dir / "web.log",
        )
        self.services: list[Service] = []
        if settings.runs_own_action_server:
            self.services.append(self.action_server)
        self.services.append(self.rasa_server)
        if with_web:
            self.services.append(self.web_server)

    def _rasa_argv(self) -> list[str]:
        s = self.settings
        argv = [
            str(VENV_BIN / "rasa"),
            "run",
            "--model",
            str(s.model_path),
            "--endpoints",
            str(s.endpoints_path),
            "--credentials",
            str(PROJECT_ROOT / "credentials.yml"),
            "--interface",
            s.host,
            "--port",
            str(s.rasa_port),
            "--cors",
            *s.web_origins,
        ]
        if s.api_token:
            argv += ["--enable-api", "--auth-token", s.api_token]
        return argv

    def prepare_state_dir(self) -> None:
        make_private_dir(self.settings.state_dir)
        if not self.settings.tracker_store_url:
            make_private_file(self.settings.sqlite_path)

    def write_endpoints(self) -> None:
        self.prepare_state_dir()
        make_private_file(self.settings.endpoints_path)
        self.settings.endpoints_path.write_text(
            "# Generated by bot/launcher.py from environment variables; edits are overwritten.\n"
            + yaml.safe_dump(self.settings.endpoints(), sort_keys=False)
        )

    def start(
        self, timeout: float = RASA_LOAD_TIMEOUT_SECONDS, on_ready: Callable[[Service], None] | None = None
    ) -> None:
        if not self.settings.model_path.exists():
            raise LaunchError(f"no trained model at {self.settings.model_path}: run `make train`")
        self.write_endpoints()
        env = self.settings.child_env()
        for service in self.services:
            service.start(env)
        try:
            wait_until_healthy(self.services, timeout, on_ready)
        except LaunchError:
            self.stop()
            raise

    def restart(self, service: Service, timeout: float = 60) -> None:
        """Stop and start one service again (the tests stop the action server on purpose)."""
        service.stop()
        service.start(self.settings.child_env())
        deadline = time.monotonic() + timeout
        while not service.is_healthy():
            if service.exit_code is not None or time.monotonic() > deadline:
                raise LaunchError(f"the {service.name} did not come back; see {service.log_path}")
            time.sleep(0.3)

    def first_dead(self) -> Service | None:
        return next((s for s in self.services if s.exit_code is not None), None)

    def first_unresponsive(self) -> Service | None:
        """Checks every service's health once; the first one that failed UNHEALTHY_CHECKS in a row."""
        for service in self.services:
            # A generous timeout: a busy Rasa server answers late, a hung one never does.
            service.failed_checks = 0 if service.is_healthy(timeout=5) else service.failed_checks + 1
        return next((s for s in self.services if s.failed_checks >= UNHEALTHY_CHECKS), None)

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def supervise(stack: Stack, stopping: Callable[[], bool], check_every: float = HEALTH_CHECK_SECONDS) -> int:
    """Watches the services until `stopping()`: 0, or 1 once one has died or stopped answering."""
    next_check = time.monotonic() + check_every
    while not stopping():
        dead = stack.first_dead()
        if dead is not None:
            print(
                f"launcher: the {dead.name} stopped unexpectedly (exit code {dead.exit_code});"
                f" stopping the others. Last lines of {dead.log_path}:\n{dead.log_tail()}",
                file=sys.stderr,
                flush=True,
            )
            return 1
        if time.monotonic() >= next_check:
            hung = stack.first_unresponsive()
            if hung is not None:
                print(
                    f"launcher: the {hung.name} has not answered {hung.health_url} for"
                    f" {UNHEALTHY_CHECKS} checks in a row; stopping everything.",
                    file=sys.stderr,
                    flush=True,
                )
                return 1
            next_check = time.monotonic() + check_every
        time.sleep(0.5)
    return 0


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-web", action="store_true", help="do not serve the web page")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"launcher: {error}", file=sys.stderr)
        return 2
    stack = Stack(settings, with_web=not args.no_web)
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print(
        f"Starting the assistant (region {settings.region}); the Rasa server takes about a minute"
        f" to load. Logs: {settings.state_dir / 'logs'}",
        flush=True,
    )
    try:
        stack.start(on_ready=lambda s: print(f"  ready: {s.name}", flush=True))
    except LaunchError as error:
        print(f"launcher: {error}", file=sys.stderr)
        return 1
    if not args.no_web:
        print(f"\nChat with the assistant at {settings.web_url}", flush=True)
    print(f"Rasa REST channel: {settings.public_rasa_url}/webhooks/rest/webhook\nPress Ctrl-C to stop.", flush=True)
    exit_code = supervise(stack, lambda: stopping)
    print("Stopping the assistant...", flush=True)
    stack.stop()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
