"""What `make run` starts: the HTTP API stays off unless a token is set; CORS is the page's origin."""

from bot.launcher import Stack
from bot.settings import Settings


def _argv(**env):
    return Stack(Settings.from_env(env))._rasa_argv()


def test_http_api_is_off_by_default():
    argv = _argv()
    assert "--enable-api" not in argv and "--auth-token" not in argv


def test_http_api_needs_a_token():
    argv = _argv(RASA_API_TOKEN="s3cret")
    assert argv[argv.index("--enable-api") :][:3] == ["--enable-api", "--auth-token", "s3cret"]


def test_cors_is_limited_to_the_web_page():
    argv = _argv(WEB_PORT="8123")
    assert argv[argv.index("--cors") + 1 :] == ["http://localhost:8123", "http://127.0.0.1:8123"]


def test_cors_origins_are_configurable():
    argv = _argv(CORS_ORIGINS="https://clinic.example, https://charity.example")
    assert argv[argv.index("--cors") + 1 :] == ["https://clinic.example", "https://charity.example"]


def test_an_external_action_server_is_not_started():
    stack = Stack(Settings.from_env({"ACTION_SERVER_URL": "http://actions:5055/webhook"}))
    assert stack.action_server not in stack.services
