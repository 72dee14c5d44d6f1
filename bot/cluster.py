"""`make cluster`: the assistant as a deployment runs it, from real components on this machine.

PostgreSQL 15 (the tracker store), Redis 7 (the lock store), one action server, N Rasa servers
sharing both, and nginx in front of them on one port (the web page, widget.js, and
/webhooks/rest/webhook balanced across the Rasa servers). This is Rasa's own way to scale:
several Rasa servers on one SQL tracker store and one Redis lock store.

The files that configure it are the deployment's own: deploy/nginx.conf.template and
deploy/env/*.env, with their {{...}} placeholders filled here (passwords generated once and kept
in var/cluster/secrets.json, readable by its owner only). compose.yaml is rendered from the same
files (`python -m bot.cluster --compose`), and a test checks it is current.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from bot.launcher import VENV_BIN, LaunchError, Service, Stack, make_private_dir, make_private_file, wait_until_healthy
from bot.measure.chat import free_port
from bot.regions import contacts_for
from bot.settings import PROJECT_ROOT, Settings
from bot.web.server import STATIC_DIR, content_security_policy, render_index
from bot.web_input import no_answer_reply

DEPLOY_DIR = PROJECT_ROOT / "deploy"
NGINX_TEMPLATE = DEPLOY_DIR / "nginx.conf.template"
ENV_DIR = DEPLOY_DIR / "env"
COMPOSE_FILE = PROJECT_ROOT / "compose.yaml"
CLUSTER_DIR = PROJECT_ROOT / "var" / "cluster"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
NGINX = os.environ.get("NGINX_BIN") or shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = os.environ.get("REDIS_SERVER_BIN") or shutil.which("redis-server") or "/usr/bin/redis-server"
MIME_TYPES = "/etc/nginx/mime.types"
LOOPBACK = "127.0.0.1"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


class ClusterError(RuntimeError):
    """The cluster could not be set up or started."""


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with every {{NAME}} replaced; a name without a value is an error."""
    missing = sorted({name for name in _PLACEHOLDER.findall(template) if name not in values})
    if missing:
        raise ClusterError(f"no value for {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def read_env_file(path: Path, values: Mapping[str, str]) -> dict[str, str]:
    """KEY=VALUE lines of a deploy/env file, placeholders filled; comments and blank lines skipped."""
    env: dict[str, str] = {}
    for line in fill(path.read_text(encoding="utf-8"), values).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


@dataclass(frozen=True)
class Ports:
    nginx: int = 8080
    postgres: int = 5433
    redis: int = 6380
    action: int = 5056
    rasa: tuple[int, ...] = (5006, 5007)

    @classmethod
    def free(cls, rasa_servers: int = 2) -> Ports:
        return cls(free_port(), free_port(), free_port(), free_port(), tuple(free_port() for _ in range(rasa_servers)))


def load_secrets(state_dir: Path) -> dict[str, str]:
    """The cluster's passwords: generated the first time, then kept (owner-only file)."""
    path = state_dir / "secrets.json"
    if path.exists():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    values = {"POSTGRES_PASSWORD": secrets.token_urlsafe(24), "REDIS_PASSWORD": secrets.token_urlsafe(24)}
    make_private_file(path)
    path.write_text(json.dumps(values), encoding="utf-8")
    return values


def no_answer_json(region: str) -> str:
    """The channel's no-answer reply as JSON, for nginx's `return 200 '...'`. nginx reads `\\` and
    `$` in it, so the reply may have neither; a single quote is escaped for nginx ("can't")."""
    text = json.dumps([{"recipient_id": "", "text": no_answer_reply(contacts_for(region).emergency_number)}])
    if "\\" in text or "$" in text:
        raise ClusterError("the no-answer reply has a character nginx would change: \\ or $")
    return text.replace("'", "\\'")


def _as_root() -> bool:
    return os.geteuid() == 0


class CheckedService(Service):
    """A service whose health is not an HTTP URL (PostgreSQL, Redis)."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        log_path: Path,
        check: Callable[[float], bool],
        stop_signal: int = signal.SIGTERM,
    ) -> None:
        super().__init__(name, argv, "", log_path, stop_signal=stop_signal)
        self.check = check

    def is_healthy(self, timeout: float = 2) -> bool:
        try:
            return bool(self.check(timeout))
        except Exception:
            return False


@dataclass
class Cluster:
    """The processes of a local cluster, started and stopped together."""

    state_dir: Path = CLUSTER_DIR
    ports: Ports = field(default_factory=Ports)
    region: str = "uk"
    model_path: Path = PROJECT_ROOT / "models" / "assistant.tar.gz"

    def __post_init__(self) -> None:
        self.logs = self.state_dir / "logs"
        self.values: dict[str, str] = {}
        self.postgres: CheckedService | None = None
        self.redis: CheckedService | None = None
        self.action_server: Service | None = None
        self.rasa: list[Stack] = []
        self.nginx: Service | None = None

    # ---- settings -------------------------------------------------------------------------

    @property
    def public_url(self) -> str:
        return f"http://localhost:{self.ports.nginx}"

    def rasa_url(self, index: int) -> str:
        return f"http://{LOOPBACK}:{self.ports.rasa[index]}"

    def template_values(self) -> dict[str, str]:
        return {
            **load_secrets(self.state_dir),
            "POSTGRES_HOST": LOOPBACK,
            "POSTGRES_PORT": str(self.ports.postgres),
            "REDIS_HOST": LOOPBACK,
            "REDIS_PORT": str(self.ports.redis),
            "ACTION_HOST": LOOPBACK,
            "ACTION_BIND": LOOPBACK,
            "ACTION_PORT": str(self.ports.action),
            "PUBLIC_URL": self.public_url,
            "REGION": self.region,
        }

    def nginx_conf(self, rasa_servers: Iterable[int] | None = None) -> str:
        """deploy/nginx.conf.template for this cluster, balancing over `rasa_servers` (indexes)."""
        indexes = range(len(self.ports.rasa)) if rasa_servers is None else rasa_servers
        upstream = "\n".join(f"        server {LOOPBACK}:{self.ports.rasa[i]} max_fails=0;" for i in indexes)
        user = ""
        if _as_root():
            user = "user nobody nogroup;"
        return fill(
            NGINX_TEMPLATE.read_text(encoding="utf-8"),
            {
                "USER": user,
                "STATE": str(self.state_dir / "nginx"),
                "MIME_TYPES": MIME_TYPES,
                "UPSTREAM_SERVERS": upstream,
                "LISTEN": f"{LOOPBACK}:{self.ports.nginx}",
                "CSP": content_security_policy(self.public_url),
                "WWW": str(self.state_dir / "www"),
                "STATIC": str(STATIC_DIR),
                "NO_ANSWER_JSON": no_answer_json(self.region),
            },
        )

    def rasa_env(self, index: int) -> dict[str, str]:
        env = read_env_file(ENV_DIR / "rasa.env", self.values)
        env.update(
            RASA_PORT=str(self.ports.rasa[index]),
            STATE_DIR=str(self.state_dir / f"rasa{index + 1}"),
            MODEL_PATH=str(self.model_path),
            PYTHONUNBUFFERED="1",
        )
        return env

    # ---- starting and stopping ------------------------------------------------------------

    def prepare(self) -> None:
        make_private_dir(self.state_dir)
        if _as_root():
            # PostgreSQL and nginx's workers run as their own users: they may pass through the
            # state folders (not list them) to reach their own.
            for folder in (self.state_dir.parent, self.state_dir):
                os.chmod(folder, 0o711)
        self.values = self.template_values()
        make_private_dir(self.logs)
        www = self.state_dir / "www"
        www.mkdir(mode=0o755, exist_ok=True)
        os.chmod(www, 0o755)
        (www / "index.html").write_bytes(render_index(self.public_url, self.region, 1000))
        os.chmod(www / "index.html", 0o644)
        nginx_dir = self.state_dir / "nginx"
        nginx_dir.mkdir(mode=0o711, exist_ok=True)
        for temp in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
            path = nginx_dir / f"{temp}_temp"
            path.mkdir(parents=True, exist_ok=True)
            if _as_root():
                nobody = pwd.getpwnam("nobody")
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        self.write_nginx_conf()
        if _as_root():
            as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
            for needed in (www / "index.html", STATIC_DIR / "widget.js"):
                if subprocess.run([*as_nobody, "test", "-r", str(needed)]).returncode != 0:
                    raise ClusterError(
                        f"nginx's workers (user nobody) cannot read {needed}: every folder above it must be"
                        " open to other users (chmod o+x), or clone the project elsewhere"
                    )

    def write_nginx_conf(self, rasa_servers: Iterable[int] | None = None) -> Path:
        path = self.state_dir / "nginx" / "nginx.conf"
        path.write_text(self.nginx_conf(rasa_servers), encoding="utf-8")
        os.chmod(path, 0o644)
        return path

    def _postgres_service(self) -> CheckedService:
        data = self.state_dir / "postgres"
        # setpriv runs PostgreSQL itself as its user (runuser would stay in between and turn a fast
        # shutdown into a kill after 2 s).
        as_postgres = ["setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", "--"] if _as_root() else []
        if not (data / "PG_VERSION").exists():
            self._init_postgres(data, as_postgres)
        argv = [
            *as_postgres,
            str(PG_BIN / "postgres"),
            "-D",
            str(data),
            "-p",
            str(self.ports.postgres),
            "-c",
            f"listen_addresses={LOOPBACK}",
            "-c",
            "unix_socket_directories=",
            "-c",
            "log_min_messages=warning",
            # A failing statement would be logged with its values: what a person typed.
            "-c",
            "log_min_error_statement=panic",
        ]

        def ready(timeout: float) -> bool:
            probe = [str(PG_BIN / "pg_isready"), "-h", LOOPBACK, "-p", str(self.ports.postgres), "-t", "1"]
            return subprocess.run(probe, capture_output=True, timeout=timeout + 2).returncode == 0

        # SIGINT is PostgreSQL's "fast" shutdown: it does not wait for Rasa's pooled connections.
        return CheckedService("PostgreSQL", argv, self.logs / "postgres.log", ready, signal.SIGINT)

    def _init_postgres(self, data: Path, as_postgres: list[str]) -> None:
        if not (PG_BIN / "initdb").exists():
            raise ClusterError(f"no PostgreSQL at {PG_BIN}: run `bash .ci/install-cluster-deps`")
        if as_postgres and subprocess.run([*as_postgres, "test", "-x", str(self.state_dir)]).returncode != 0:
            raise ClusterError(
                f"the postgres user cannot reach {self.state_dir}: every folder above it must be"
                " open to other users (chmod o+x), or clone the project elsewhere"
            )
        data.mkdir(mode=0o700, exist_ok=True)
        password_file = self.state_dir / "postgres-password"
        make_private_file(password_file)
        password_file.write_text(self.values["POSTGRES_PASSWORD"] + "\n", encoding="utf-8")
        try:
            if _as_root():
                postgres = pwd.getpwnam("postgres")
                for path in (data, password_file):
                    os.chown(path, postgres.pw_uid, postgres.pw_gid)
            initdb = [
                *as_postgres,
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "--username=rasa",
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
            ]
            result = subprocess.run(initdb, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                raise ClusterError(f"initdb failed: {result.stderr[-2000:]}")
        finally:
            password_file.unlink(missing_ok=True)

    def connect_postgres(self, dbname: str = "rasa") -> Any:
        """A psycopg2 connection to the cluster's PostgreSQL (the tests read the trackers with it)."""
        import psycopg2

        return psycopg2.connect(
            host=LOOPBACK,
            port=self.ports.postgres,
            user="rasa",
            password=self.values["POSTGRES_PASSWORD"],
            dbname=dbname,
            connect_timeout=5,
        )

    def _create_database(self) -> None:
        connection = self.connect_postgres("postgres")
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'rasa'")
                if cursor.fetchone() is None:
                    cursor.execute("CREATE DATABASE rasa")
        finally:
            connection.close()

    def _redis_service(self) -> CheckedService:
        folder = self.state_dir / "redis"
        make_private_dir(folder)
        config = folder / "redis.conf"
        make_private_file(config)
        # The password is in this owner-only file, never on the command line (where `ps` shows it).
        config.write_text(
            "\n".join(
                [
                    f"bind {LOOPBACK}",
                    f"port {self.ports.redis}",
                    f"requirepass {self.values['REDIS_PASSWORD']}",
                    "protected-mode yes",
                    f"dir {folder}",
                    'save ""',
                    "appendonly no",
                    "loglevel warning",
                    'logfile ""',
                ]
            )
            + "\n",
            encoding="utf-8",
        )

        def ready(timeout: float) -> bool:
            import redis

            client = redis.Redis(
                host=LOOPBACK, port=self.ports.redis, password=self.values["REDIS_PASSWORD"], socket_timeout=timeout
            )
            try:
                return bool(client.ping())
            finally:
                client.close()

        return CheckedService("Redis", [REDIS_SERVER, str(config)], self.logs / "redis.log", ready)

    def _action_service(self) -> Service:
        return Service(
            "action server",
            [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.ports.action)],
            f"http://{LOOPBACK}:{self.ports.action}/health",
            self.logs / "action-server.log",
        )

    def _nginx_service(self) -> Service:
        conf = self.state_dir / "nginx" / "nginx.conf"
        return Service(
            "nginx",
            [NGINX, "-p", str(self.state_dir / "nginx"), "-c", str(conf), "-g", "daemon off;"],
            f"http://{LOOPBACK}:{self.ports.nginx}/healthz",
            self.logs / "nginx.log",
        )

    def _base_env(self) -> dict[str, str]:
        return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(PROJECT_ROOT)}

    def start(self, timeout: float = 600, on_ready: Callable[[str], None] | None = None) -> None:
        if not self.model_path.exists():
            raise ClusterError(f"no trained model at {self.model_path}: run `make train`")
        for binary in (NGINX, REDIS_SERVER, str(PG_BIN / "postgres")):
            if not Path(binary).exists():
                raise ClusterError(f"{binary} is missing: run `bash .ci/install-cluster-deps`")
        self.prepare()

        def announce(service: Service) -> None:
            if on_ready:
                on_ready(service.name)

        try:
            self.postgres = self._postgres_service()
            self.redis = self._redis_service()
            self.action_server = self._action_service()
            base = self._base_env()
            self.postgres.start(base)
            self.redis.start(base)
            self.action_server.start({**base, **read_env_file(ENV_DIR / "action.env", self.values)})
            wait_until_healthy([self.postgres, self.redis, self.action_server], timeout, announce)
            self._create_database()
            # One after the other: two servers creating the tracker store's tables at once can
            # collide in PostgreSQL's catalogue.
            for index in range(len(self.ports.rasa)):
                env = {**base, **self.rasa_env(index)}
                # Every variable of deploy/env/rasa.env reaches the server (TICKET_LOCK_LIFETIME...).
                settings = replace(Settings.from_env(env), extra_env=self.rasa_env(index))
                stack = Stack(settings, with_web=False)
                stack.rasa_server.name = f"Rasa server {index + 1}"
                self.rasa.append(stack)
                stack.start(timeout=timeout)
                announce(stack.rasa_server)
            self.nginx = self._nginx_service()
            self.nginx.start(base)
            wait_until_healthy([self.nginx], 60, announce)
        except BaseException:
            self.stop()
            raise

    @property
    def services(self) -> list[Service]:
        found: list[Service | None] = [self.postgres, self.redis, self.action_server]
        found += [stack.rasa_server for stack in self.rasa]
        found.append(self.nginx)
        return [service for service in found if service is not None]

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

    def restart(self, service: Service, timeout: float = 300) -> None:
        """Starts a stopped (or killed) service again and waits until it answers."""
        for stack in self.rasa:
            if service is stack.rasa_server:
                stack.restart(service, timeout)
                return
        service.stop()
        env = self._base_env()
        if service is self.action_server:
            env.update(read_env_file(ENV_DIR / "action.env", self.values))
        service.start(env)
        wait_until_healthy([service], timeout)

    def kill(self, service: Service) -> None:
        """Kills a service at once (SIGKILL), as a crash would."""
        if service.process is not None and service.process.poll() is None:
            os.killpg(service.process.pid, signal.SIGKILL)
            service.process.wait(timeout=10)

    def balance_over(self, rasa_servers: Iterable[int]) -> None:
        """nginx balances over these Rasa servers only, from now on (a graceful reload)."""
        self.write_nginx_conf(rasa_servers)
        assert self.nginx is not None and self.nginx.process is not None
        os.kill(self.nginx.process.pid, signal.SIGHUP)
        time.sleep(1.0)  # the old workers finish their requests; new ones read the new upstream


# ---- compose.yaml ------------------------------------------------------------------------------

COMPOSE_VALUES = {
    "POSTGRES_HOST": "postgres",
    "POSTGRES_PORT": "5432",
    "REDIS_HOST": "redis",
    "REDIS_PORT": "6379",
    "ACTION_HOST": "actions",
    "ACTION_BIND": "0.0.0.0",
    "ACTION_PORT": "5055",
    "PUBLIC_URL": "${PUBLIC_URL:-http://localhost:8080}",
    "REGION": "${ASSISTANT_REGION:-uk}",
    "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}",
    "REDIS_PASSWORD": "${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}",
}


def render_compose(rasa_servers: int = 2) -> str:
    """compose.yaml: the same services and environment files as `make cluster`, for container
    hosts. It cannot be started here (no Docker daemon), so a test checks it is what this renders."""
    rasa_env = read_env_file(ENV_DIR / "rasa.env", COMPOSE_VALUES)

    def app() -> dict[str, object]:
        return {"build": {"context": ".", "dockerfile": "deploy/Dockerfile"}, "image": "azathioprine-assistant"}

    services: dict[str, object] = {
        "postgres": {
            "image": "postgres:15",
            "environment": read_env_file(ENV_DIR / "postgres.env", COMPOSE_VALUES),
            "volumes": ["postgres-data:/var/lib/postgresql/data"],
            "healthcheck": {"test": ["CMD", "pg_isready", "-U", "rasa"], "interval": "5s", "retries": 12},
        },
        "redis": {
            "image": "redis:7",
            # The password goes into a config file, never on the command line (`docker inspect`, ps).
            "environment": read_env_file(ENV_DIR / "redis.env", COMPOSE_VALUES),
            "command": [
                "sh",
                "-c",
                'printf \'requirepass %s\\nsave ""\\n\' "$$REDIS_PASSWORD" > /tmp/redis.conf'
                " && exec redis-server /tmp/redis.conf",
            ],
        },
        "actions": {
            **app(),
            "command": ["python", "-m", "rasa_sdk", "--actions", "actions", "--port", "5055"],
            "environment": read_env_file(ENV_DIR / "action.env", COMPOSE_VALUES),
        },
    }
    for index in range(rasa_servers):
        depends: dict[str, object] = {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_started"},
        }
        if index:
            # One after the other: two servers creating the tables at once can collide.
            depends["rasa1"] = {"condition": "service_healthy"}
        services[f"rasa{index + 1}"] = {
            **app(),
            "command": ["python", "-m", "bot.launcher", "--no-web"],
            "environment": {**rasa_env, "BIND_HOST": "0.0.0.0", "RASA_PORT": "5005"},
            "depends_on": depends,
            "healthcheck": {
                "test": [
                    "CMD",
                    "python",
                    "-c",
                    "import urllib.request as u; u.urlopen('http://localhost:5005/webhooks/rest/')",
                ],
                "interval": "10s",
                "start_period": "120s",
            },
        }
    services["nginx"] = {
        "image": "nginx:1.22",
        "ports": ["8080:8080"],
        "volumes": [
            "./var/compose/nginx.conf:/etc/nginx/nginx.conf:ro",
            "./var/compose/www:/srv/www:ro",
            "./bot/web/static:/srv/static:ro",
        ],
        "depends_on": [f"rasa{index + 1}" for index in range(rasa_servers)],
    }
    header = (
        "# GENERATED by `python -m bot.cluster --compose` from deploy/env/*.env: do not edit.\n"
        "# The same services as `make cluster`. Put POSTGRES_PASSWORD and REDIS_PASSWORD in .env;\n"
        "# write its nginx.conf and page with `python -m bot.cluster --compose-nginx` (deploy/README.md).\n"
    )
    body = yaml.safe_dump({"services": services, "volumes": {"postgres-data": {}}}, sort_keys=False, width=110)
    return header + body


def compose_nginx_conf(rasa_servers: int = 2, region: str = "uk", public_url: str = "http://localhost:8080") -> str:
    """The nginx.conf the compose file mounts: deploy/nginx.conf.template for its service names."""
    upstream = "\n".join(f"        server rasa{i + 1}:5005 max_fails=0;" for i in range(rasa_servers))
    return fill(
        NGINX_TEMPLATE.read_text(encoding="utf-8"),
        {
            "USER": "",
            "STATE": "/var/cache/nginx",
            "MIME_TYPES": "/etc/nginx/mime.types",
            "UPSTREAM_SERVERS": upstream,
            "LISTEN": "8080",
            "CSP": content_security_policy(public_url),
            "WWW": "/srv/www",
            "STATIC": "/srv/static",
            "NO_ANSWER_JSON": no_answer_json(region),
        },
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-servers", type=int, default=2)
    parser.add_argument("--compose", action="store_true", help="write compose.yaml and exit")
    parser.add_argument("--check-compose", action="store_true", help="only check that compose.yaml is current")
    parser.add_argument(
        "--compose-nginx", action="store_true", help="write the nginx.conf and page compose.yaml mounts (var/compose/)"
    )
    parser.add_argument("--public-url", default="http://localhost:8080", help="the URL people open (--compose-nginx)")
    args = parser.parse_args(argv)
    if args.check_compose:
        current = COMPOSE_FILE.exists() and COMPOSE_FILE.read_text(encoding="utf-8") == render_compose()
        if not current:
            print("compose.yaml is not what deploy/ gives: run `python -m bot.cluster --compose`")
        return 0 if current else 1
    if args.compose:
        COMPOSE_FILE.write_text(render_compose(), encoding="utf-8")
        return 0
    if args.compose_nginx:
        region = os.environ.get("ASSISTANT_REGION", "uk")
        folder = PROJECT_ROOT / "var" / "compose"
        (folder / "www").mkdir(parents=True, exist_ok=True)
        (folder / "nginx.conf").write_text(compose_nginx_conf(args.rasa_servers, region, args.public_url))
        (folder / "www" / "index.html").write_bytes(render_index(args.public_url, region, 1000))
        print(f"wrote {folder / 'nginx.conf'} and {folder / 'www' / 'index.html'}")
        return 0
    rasa_ports = tuple(5006 + i for i in range(args.rasa_servers))
    cluster = Cluster(ports=Ports(rasa=rasa_ports), region=os.environ.get("ASSISTANT_REGION", "uk"))
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    print(f"Starting the cluster: PostgreSQL, Redis, an action server, {args.rasa_servers} Rasa servers, nginx.")
    print(f"Each Rasa server takes about a minute to load. Logs: {cluster.logs}", flush=True)
    try:
        cluster.start(on_ready=lambda name: print(f"  ready: {name}", flush=True))
    except (ClusterError, LaunchError) as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print(f"\nChat with the assistant at {cluster.public_url}/\nPress Ctrl-C to stop.", flush=True)
    exit_code = 0
    while not stopping:
        dead = next((s for s in cluster.services if s.exit_code is not None), None)
        if dead is not None:
            print(f"cluster: {dead.name} stopped (exit code {dead.exit_code}); see {dead.log_path}", file=sys.stderr)
            exit_code = 1
            break
        time.sleep(1)
    print("Stopping the cluster...", flush=True)
    cluster.stop()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
