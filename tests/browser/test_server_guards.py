"""What the servers behind the widget allow a browser to do, and what they write to their logs."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from bot.measure.chat import Conversation
from tests.browser.widget import Widget

WEBHOOK = "/webhooks/rest/webhook"


def _preflight(stack, origin: str) -> requests.Response:
    return requests.options(
        stack.settings.rasa_url + WEBHOOK,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=10,
    )


def _post(stack, origin: str) -> requests.Response:
    return requests.post(
        stack.settings.rasa_url + WEBHOOK,
        json={"sender": f"test-cors-{uuid.uuid4()}", "message": "hello"},
        headers={"Origin": origin},
        timeout=30,
    )


def test_the_page_origin_may_call_the_rasa_server(stack):
    port = stack.settings.web_port
    for origin in (f"http://localhost:{port}", f"http://127.0.0.1:{port}"):
        preflight = _preflight(stack, origin)
        assert preflight.status_code < 300
        assert preflight.headers.get("Access-Control-Allow-Origin") == origin
        assert "content-type" in preflight.headers.get("Access-Control-Allow-Headers", "").lower()
        post = _post(stack, origin)
        assert post.status_code == 200
        assert post.headers.get("Access-Control-Allow-Origin") == origin


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:1", "null"])
def test_other_origins_get_no_cors_permission(stack, origin):
    assert "Access-Control-Allow-Origin" not in _preflight(stack, origin).headers
    assert "Access-Control-Allow-Origin" not in _post(stack, origin).headers


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/status"),
        ("POST", "/model/parse"),
        ("GET", "/domain"),
        ("GET", "/conversations/someone/tracker"),
        ("POST", "/conversations/someone/messages"),
        ("PUT", "/model"),
    ],
)
def test_the_rasa_http_api_refuses_requests_without_the_token(stack, method, path):
    # The test stack enables the API with a token (tests read trackers); `make run` does not
    # enable it at all unless RASA_API_TOKEN is set (tests/unit/test_launcher.py).
    response = requests.request(method, stack.settings.rasa_url + path, json={"text": "hello"}, timeout=10)
    assert response.status_code in (401, 403), (path, response.status_code, response.text[:200])
    assert "intent" not in response.text and "model_file" not in response.text


def test_no_user_message_text_reaches_the_server_logs(stack, context):
    marker = f"zqmark{uuid.uuid4().hex}"
    conversation = Conversation(stack.settings.rasa_url)
    for text in (
        f"hello {marker}",
        f"what is azathioprine? {marker}",
        f"I have a temperature of 39 and {marker}",
        f"{marker} " * (stack.settings.max_message_chars // 10),  # over the length limit
    ):
        assert conversation.send(text).answered
    chat = Widget(context.new_page()).watch().goto(stack.settings.web_url)
    chat.open()
    chat.send(f"can I drink alcohol {marker}")
    chat.assert_healthy()

    time.sleep(1)  # the children write unbuffered; give the OS a moment
    checked = []
    for service in stack.services:
        assert service.log_path.is_file(), f"the {service.name} wrote no log at {service.log_path}"
        log = service.log_path.read_text(errors="replace")
        assert log.strip(), f"the {service.name}'s log is empty"
        assert marker not in log and marker[6:22] not in log, f"user text in {service.log_path}"
        checked.append(service.name)
    assert {"Rasa server", "web page"} <= set(checked)
