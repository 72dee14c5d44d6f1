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


def _service(tmp_path, name, code):
    import sys

    from bot.launcher import Service

    return Service(name, [sys.executable, "-c", code], "http://127.0.0.1:9/", tmp_path / f"{name}.log")


def test_a_service_that_dies_while_starting_is_named(tmp_path):
    import pytest

    from bot.launcher import LaunchError

    stack = Stack(Settings(state_dir=tmp_path, model_path=tmp_path / "model.tar.gz"), log_dir=tmp_path)
    (tmp_path / "model.tar.gz").write_bytes(b"")
    stack.services = [_service(tmp_path, "action server", "import sys; print('boom'); sys.exit(3)")]
    with pytest.raises(LaunchError, match="the action server exited with code 3") as error:
        stack.start(timeout=20)
    assert "boom" in str(error.value)


def test_first_dead_reports_the_service_that_stopped(tmp_path):
    import time

    stack = Stack(Settings(state_dir=tmp_path), log_dir=tmp_path)
    alive = _service(tmp_path, "web page", "import time; time.sleep(30)")
    dead = _service(tmp_path, "Rasa server", "raise SystemExit(1)")
    stack.services = [alive, dead]
    for service in stack.services:
        service.start({})
    try:
        deadline = time.monotonic() + 10
        while stack.first_dead() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert stack.first_dead() is dead and dead.exit_code == 1
    finally:
        stack.stop()
    assert alive.exit_code is not None


def test_missing_model_is_a_clear_error(tmp_path):
    import pytest

    from bot.launcher import LaunchError

    with pytest.raises(LaunchError, match="make train"):
        Stack(Settings(state_dir=tmp_path, model_path=tmp_path / "none.tar.gz")).start()
