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


def test_state_files_are_readable_by_their_owner_only(tmp_path):
    import stat

    state = tmp_path / "var"
    stack = Stack(Settings(state_dir=state))
    stack.write_endpoints()
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(stack.settings.sqlite_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(stack.settings.endpoints_path.stat().st_mode) == 0o600


def test_an_existing_world_readable_state_folder_is_made_private(tmp_path):
    import stat

    state = tmp_path / "var"
    state.mkdir(mode=0o755)
    (state / "conversations.db").write_bytes(b"")
    (state / "conversations.db").chmod(0o644)
    Stack(Settings(state_dir=state)).write_endpoints()
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "conversations.db").stat().st_mode) == 0o600


def test_children_create_private_files(tmp_path):
    import stat
    import time

    service = _service(tmp_path, "writer", f"open({str(tmp_path / 'made.txt')!r}, 'w').write('x')")
    service.start({})
    deadline = time.monotonic() + 10
    while service.exit_code is None and time.monotonic() < deadline:
        time.sleep(0.05)
    service.stop()
    assert stat.S_IMODE((tmp_path / "made.txt").stat().st_mode) == 0o600


def test_a_hung_service_is_reported_after_three_failed_health_checks(tmp_path, capsys):
    from bot.launcher import UNHEALTHY_CHECKS, supervise

    stack = Stack(Settings(state_dir=tmp_path), log_dir=tmp_path)
    hung = _service(tmp_path, "action server", "import time; time.sleep(60)")  # never answers its URL
    stack.services = [hung]
    hung.start({})
    try:
        assert supervise(stack, lambda: False, check_every=0.1) == 1
        assert hung.failed_checks == UNHEALTHY_CHECKS
        assert "the action server has not answered" in capsys.readouterr().err
    finally:
        stack.stop()


def test_one_failed_health_check_is_forgiven(tmp_path):
    stack = Stack(Settings(state_dir=tmp_path), log_dir=tmp_path)
    answers = iter([False, True, False, True])
    service = _service(tmp_path, "web page", "pass")
    service.is_healthy = lambda timeout=2: next(answers)
    stack.services = [service]
    for _ in range(4):
        assert stack.first_unresponsive() is None


def test_the_action_server_listens_on_the_bind_host():
    env = Settings.from_env({"BIND_HOST": "10.1.2.3"}).child_env({})
    assert env["SANIC_HOST"] == "10.1.2.3"
    assert Settings.from_env({}).child_env({})["SANIC_HOST"] == "127.0.0.1"
    assert Settings.from_env({"BIND_HOST": "10.1.2.3"}).action_server_url == "http://10.1.2.3:5055/webhook"
