"""Deployment settings, read from environment variables with embedded defaults.

Every production setting (PostgreSQL tracker store, Redis lock store, an external action
server) is an environment variable, so deploying never means editing a YAML file.
The README lists each variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REGIONS = ("uk", "us", "eu")
DEFAULT_MAX_MESSAGE_CHARS = 1000
# A hung action server must not hold back the Rasa server's own emergency reply: the widget
# gives up after 45 s, and a person waiting for "call 999" should not wait at all.
DEFAULT_ACTION_TIMEOUT_SECONDS = 5
DEFAULT_RETENTION_DAYS = 30
NLG_CLASS = "bot.nlg.RegionalResponses"


class SettingsError(ValueError):
    """A setting has a value the assistant cannot use."""


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"{name} must be a port number between 1 and 65535, not {raw!r}")
    return int(raw)


def region_from_env(env: Mapping[str, str] = os.environ) -> str:
    region = env.get("ASSISTANT_REGION", "uk").strip().lower() or "uk"
    if region not in REGIONS:
        raise SettingsError(f"ASSISTANT_REGION must be one of {', '.join(REGIONS)}, not {region!r}")
    return region


def max_message_chars_from_env(env: Mapping[str, str] = os.environ) -> int:
    raw = env.get("MAX_MESSAGE_CHARS", "").strip()
    if not raw:
        return DEFAULT_MAX_MESSAGE_CHARS
    if not raw.isdigit() or int(raw) < 50:
        raise SettingsError(f"MAX_MESSAGE_CHARS must be a whole number of at least 50, not {raw!r}")
    return int(raw)


def action_timeout_from_env(env: Mapping[str, str] = os.environ) -> float:
    raw = env.get("ACTION_TIMEOUT_SECONDS", "").strip()
    if not raw:
        return DEFAULT_ACTION_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0
    if not 0.5 <= seconds <= 30:
        raise SettingsError(f"ACTION_TIMEOUT_SECONDS must be a number of seconds from 0.5 to 30, not {raw!r}")
    return seconds


def retention_days_from_env(env: Mapping[str, str] = os.environ) -> int:
    raw = env.get("CONVERSATION_RETENTION_DAYS", "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    if not raw.isdigit():
        raise SettingsError(f"CONVERSATION_RETENTION_DAYS must be a whole number of days (0 keeps all), not {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int = 8000
    region: str = "uk"
    model_path: Path = PROJECT_ROOT / "models" / "assistant.tar.gz"
    state_dir: Path = PROJECT_ROOT / "var"
    tracker_store_url: str | None = None
    redis_url: str | None = None
    external_action_server_url: str | None = None
    cors_origins: tuple[str, ...] = ()
    api_token: str | None = None
    max_message_chars: int = DEFAULT_MAX_MESSAGE_CHARS
    action_timeout_seconds: float = DEFAULT_ACTION_TIMEOUT_SECONDS
    retention_days: int = DEFAULT_RETENTION_DAYS
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        web_port = _port(env, "WEB_PORT", 8000)
        host = env.get("BIND_HOST", "127.0.0.1").strip() or "127.0.0.1"
        cors = tuple(o.strip() for o in env.get("CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            host=host,
            rasa_port=_port(env, "RASA_PORT", 5005),
            action_port=_port(env, "ACTION_PORT", 5055),
            web_port=web_port,
            region=region_from_env(env),
            model_path=Path(env.get("MODEL_PATH") or PROJECT_ROOT / "models" / "assistant.tar.gz"),
            state_dir=Path(env.get("STATE_DIR") or PROJECT_ROOT / "var"),
            tracker_store_url=env.get("TRACKER_STORE_URL") or None,
            redis_url=env.get("REDIS_URL") or None,
            external_action_server_url=env.get("ACTION_SERVER_URL") or None,
            cors_origins=cors,
            api_token=env.get("RASA_API_TOKEN") or None,
            max_message_chars=max_message_chars_from_env(env),
            action_timeout_seconds=action_timeout_from_env(env),
            retention_days=retention_days_from_env(env),
        )

    @property
    def web_origins(self) -> tuple[str, ...]:
        """Origins allowed to call the Rasa server from a browser (CORS)."""
        if self.cors_origins:
            return self.cors_origins
        return (f"http://localhost:{self.web_port}", f"http://127.0.0.1:{self.web_port}")

    @property
    def local_host(self) -> str:
        """Where processes on this machine reach a server bound to `host`."""
        return "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host

    @property
    def action_server_url(self) -> str:
        return self.external_action_server_url or f"http://{self.local_host}:{self.action_port}/webhook"

    @property
    def runs_own_action_server(self) -> bool:
        return self.external_action_server_url is None

    @property
    def rasa_url(self) -> str:
        return f"http://{self.local_host}:{self.rasa_port}"

    @property
    def public_rasa_url(self) -> str:
        """The URL a browser on this machine uses for the Rasa server."""
        host = "localhost" if self.host in ("127.0.0.1", "0.0.0.0") else self.host
        return f"http://{host}:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        host = "localhost" if self.host in ("127.0.0.1", "0.0.0.0") else self.host
        return f"http://{host}:{self.web_port}/"

    @property
    def sqlite_path(self) -> Path:
        return self.state_dir / "conversations.db"

    @property
    def endpoints_path(self) -> Path:
        return self.state_dir / "endpoints.yml"

    def endpoints(self) -> dict[str, object]:
        """The content of Rasa's endpoints file for these settings."""
        endpoints: dict[str, object] = {
            "action_endpoint": {"url": self.action_server_url},
            # Fills each reply's phone numbers for the message's region (bot/nlg.py).
            "nlg": {"type": NLG_CLASS},
        }
        if self.tracker_store_url:
            dialect = urlsplit(self.tracker_store_url).scheme.split("+")[0]
            if not dialect:
                raise SettingsError("TRACKER_STORE_URL must look like postgresql://user:pass@host:5432/db")
            endpoints["tracker_store"] = {
                "type": "SQL",
                "dialect": dialect,
                # Rasa passes `url` on as the host, and uses a host with "://" as the whole URL.
                "url": self.tracker_store_url,
                "db": urlsplit(self.tracker_store_url).path.lstrip("/") or "rasa",
            }
        else:
            endpoints["tracker_store"] = {"type": "SQL", "dialect": "sqlite", "db": str(self.sqlite_path)}
        if self.redis_url:
            parts = urlsplit(self.redis_url)
            if parts.scheme not in ("redis", "rediss") or not parts.hostname:
                raise SettingsError("REDIS_URL must look like redis://:password@host:6379/0")
            lock_store: dict[str, object] = {
                # Rasa's Redis lock store, answering on from memory while Redis is down (bot/lock_store.py).
                "type": "bot.lock_store.FailSoftRedisLockStore",
                "url": parts.hostname,
                "port": parts.port or 6379,
                "db": int(parts.path.lstrip("/") or 0),
                "use_ssl": parts.scheme == "rediss",
                "key_prefix": "azathioprine_assistant",
            }
            if parts.password:
                lock_store["password"] = parts.password
            endpoints["lock_store"] = lock_store
        return endpoints

    def child_env(self, base: Mapping[str, str] = os.environ) -> dict[str, str]:
        """Environment for the processes the launcher starts."""
        env = dict(base)
        env.update(
            RASA_TELEMETRY_ENABLED="false",
            ASSISTANT_REGION=self.region,
            MAX_MESSAGE_CHARS=str(self.max_message_chars),
            ACTION_TIMEOUT_SECONDS=str(self.action_timeout_seconds),
            CONVERSATION_RETENTION_DAYS=str(self.retention_days),
            # rasa_sdk listens on SANIC_HOST (all interfaces by default): keep it on BIND_HOST.
            SANIC_HOST=self.host,
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            TF_CPP_MIN_LOG_LEVEL="2",
            PYTHONPATH=os.pathsep.join(p for p in (str(PROJECT_ROOT), base.get("PYTHONPATH", "")) if p),
        )
        env.update(self.extra_env)
        return env
