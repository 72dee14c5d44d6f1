"""Browser fixtures: one Debian Chromium per test session, a fresh context for every test.

Playwright's own browser download does not work here, so Playwright drives /usr/bin/chromium
(`.ci/install-chromium` installs it; CHROMIUM_PATH points elsewhere).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

from bot.measure.chat import free_port
from bot.settings import PROJECT_ROOT
from tests.browser.widget import Widget
from tests.conftest import ARTIFACTS

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ARTIFACTS / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}

# Replies come from a real Rasa server on a shared 2-core machine: be patient.
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: run `bash .ci/install-chromium` (or set CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_context(browser: Browser, viewport: dict[str, int], **options) -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    context.set_default_timeout(30_000)
    return context


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    context = _new_context(browser, DESKTOP)
    yield context
    context.close()


@pytest.fixture
def mobile_context(browser) -> Iterator[BrowserContext]:
    context = _new_context(browser, MOBILE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context
    context.close()


@pytest.fixture
def widget(context, stack) -> Iterator[Widget]:
    """The demo page served by the session's stack, with the widget talking to the real Rasa server."""
    chat = Widget(context.new_page()).watch().goto(stack.settings.web_url)
    yield chat
    chat.assert_healthy()


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def page_server() -> Iterator[Callable[..., str]]:
    """Starts extra copies of the demo page (bot.web.server) and returns their URLs.

    `page_server(rasa_url)` serves the page with the widget pointed at `rasa_url`, on a port
    of its own, so its origin is not one the session's Rasa server allows.
    """
    started: list[subprocess.Popen] = []

    def start(rasa_url: str, region: str = "uk", max_chars: int = 1000) -> str:
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.web.server",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--rasa-url",
                rasa_url,
                "--region",
                region,
                "--max-chars",
                str(max_chars),
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"bot.web.server exited with code {process.returncode}")
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    return f"http://localhost:{port}/"
            except requests.RequestException:
                time.sleep(0.1)
        pytest.fail("bot.web.server did not answer within 20 s")

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def unreachable_server_url() -> str:
    """A URL where nothing listens: a free port that nobody binds."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def offline_page_url(page_server, unreachable_server_url) -> str:
    """The demo page with its widget pointed at a server that cannot be reached."""
    return page_server(unreachable_server_url)


@pytest.fixture
def offline_widget(context, offline_page_url) -> Iterator[Widget]:
    chat = Widget(context.new_page()).watch().goto(offline_page_url)
    yield chat
    chat.assert_healthy()
