"""Deployment settings come from environment variables, with working defaults."""

import pytest

from bot.settings import Settings, SettingsError


def test_defaults_use_sqlite_and_the_local_action_server():
    settings = Settings.from_env({})
    endpoints = settings.endpoints()
    assert endpoints["tracker_store"]["dialect"] == "sqlite"
    assert endpoints["tracker_store"]["db"].endswith("var/conversations.db")
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"
    assert "lock_store" not in endpoints
    assert settings.region == "uk"
    assert settings.runs_own_action_server


def test_ports_come_from_the_environment():
    settings = Settings.from_env({"RASA_PORT": "6005", "ACTION_PORT": "6055", "WEB_PORT": "9000"})
    assert (settings.rasa_port, settings.action_port, settings.web_port) == (6005, 6055, 9000)
    assert settings.web_origins == ("http://localhost:9000", "http://127.0.0.1:9000")
    assert settings.endpoints()["action_endpoint"]["url"] == "http://127.0.0.1:6055/webhook"


@pytest.mark.parametrize("value", ["abc", "0", "70000", "-1"])
def test_bad_port_is_refused_with_the_variable_named(value):
    with pytest.raises(SettingsError, match="RASA_PORT"):
        Settings.from_env({"RASA_PORT": value})


def test_production_stores_come_from_urls():
    settings = Settings.from_env(
        {
            "TRACKER_STORE_URL": "postgresql://rasa:secret@db.internal:5432/conversations",
            "REDIS_URL": "redis://:pw@cache.internal:6380/2",
            "ACTION_SERVER_URL": "http://actions.internal:5055/webhook",
        }
    )
    endpoints = settings.endpoints()
    assert endpoints["tracker_store"] == {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "postgresql://rasa:secret@db.internal:5432/conversations",
        "db": "conversations",
    }
    assert endpoints["lock_store"]["url"] == "cache.internal"
    assert endpoints["lock_store"]["port"] == 6380
    assert endpoints["lock_store"]["db"] == 2
    assert endpoints["lock_store"]["password"] == "pw"
    assert endpoints["action_endpoint"]["url"] == "http://actions.internal:5055/webhook"
    assert not settings.runs_own_action_server


def test_malformed_redis_url_is_refused():
    with pytest.raises(SettingsError, match="REDIS_URL"):
        Settings.from_env({"REDIS_URL": "cache.internal:6379"}).endpoints()


@pytest.mark.parametrize("region", ["uk", "US", " eu "])
def test_known_regions_are_accepted(region):
    assert Settings.from_env({"ASSISTANT_REGION": region}).region == region.strip().lower()


def test_unknown_region_is_refused():
    with pytest.raises(SettingsError, match="ASSISTANT_REGION"):
        Settings.from_env({"ASSISTANT_REGION": "mars"})


def test_child_processes_get_telemetry_off_and_the_region():
    env = Settings.from_env({"ASSISTANT_REGION": "us"}).child_env({"PATH": "/bin"})
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["ASSISTANT_REGION"] == "us"
    assert env["PATH"] == "/bin"


def test_action_timeout_and_retention_have_safe_defaults():
    settings = Settings.from_env({})
    assert settings.action_timeout_seconds == 5
    assert settings.retention_days == 30
    env = settings.child_env({})
    assert env["ACTION_TIMEOUT_SECONDS"] == "5" and env["CONVERSATION_RETENTION_DAYS"] == "30"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ACTION_TIMEOUT_SECONDS", "0"),
        ("ACTION_TIMEOUT_SECONDS", "60"),
        ("ACTION_TIMEOUT_SECONDS", "soon"),
        ("CONVERSATION_RETENTION_DAYS", "-1"),
        ("CONVERSATION_RETENTION_DAYS", "a month"),
    ],
)
def test_bad_timeout_or_retention_is_refused_with_the_variable_named(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
