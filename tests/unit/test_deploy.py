"""The deployment files (deploy/) are the ones the cluster runs, and compose.yaml is rendered from them."""

import re

import pytest

from bot.cluster import ENV_DIR, Cluster, ClusterError, Ports, compose_nginx_conf, fill, read_env_file, render_compose
from bot.settings import PROJECT_ROOT, Settings


def test_compose_yaml_is_rendered_from_the_same_deployment_files():
    assert (PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8") == render_compose()


@pytest.mark.parametrize("path", sorted(ENV_DIR.glob("*.env")), ids=lambda p: p.name)
def test_the_deployment_files_hold_no_real_secret(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if "PASSWORD" in line and not line.startswith("#"):
            assert "{{" in line, line


@pytest.mark.parametrize("region", ["uk", "us", "eu"])
def test_nginx_s_own_no_answer_reply_is_valid_json_naming_the_emergency_number(region):
    import json

    from bot.cluster import no_answer_json
    from bot.regions import contacts_for

    # What nginx makes of the single-quoted string: \' becomes '.
    (reply,) = json.loads(no_answer_json(region).replace("\\'", "'"))
    assert f"call {contacts_for(region).emergency_number}" in reply["text"]


def test_a_placeholder_without_a_value_is_refused():
    with pytest.raises(ClusterError, match="REDIS_PASSWORD"):
        fill("requirepass {{REDIS_PASSWORD}}", {})


def test_the_rasa_servers_environment_gives_postgresql_and_redis(tmp_path):
    cluster = Cluster(state_dir=tmp_path, ports=Ports(rasa=(6001, 6002)))
    cluster.values = cluster.template_values()
    settings = Settings.from_env(cluster.rasa_env(1))
    endpoints = settings.endpoints()
    assert endpoints["tracker_store"]["dialect"] == "postgresql"
    assert endpoints["lock_store"]["type"] == "bot.lock_store.FailSoftRedisLockStore"
    assert settings.rasa_port == 6002 and not settings.runs_own_action_server
    assert (tmp_path / "secrets.json").stat().st_mode & 0o077 == 0  # passwords: owner only


def test_nginx_balances_over_every_rasa_server_and_answers_for_them_when_none_can(tmp_path):
    cluster = Cluster(state_dir=tmp_path, ports=Ports(rasa=(6001, 6002)))
    conf = cluster.nginx_conf()
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", conf) == ["6001", "6002"]
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", cluster.nginx_conf([0])) == ["6001"]
    assert "call 999" in conf and not re.search(r"\{\{[A-Z_]+\}\}", conf)
    assert "non_idempotent" not in conf  # a message a server received is never sent to another
    compose = compose_nginx_conf()
    assert "server rasa1:5005" in compose and "server rasa2:5005" in compose


def test_every_variable_of_the_rasa_environment_is_one_the_launcher_reads_or_rasa_does():
    env = read_env_file(
        ENV_DIR / "rasa.env", {k: "x" for k in re.findall(r"\{\{([A-Z_]+)\}\}", (ENV_DIR / "rasa.env").read_text())}
    )
    launcher = (PROJECT_ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    for name in env:
        assert name in launcher or name in ("RASA_TELEMETRY_ENABLED", "TICKET_LOCK_LIFETIME"), name
