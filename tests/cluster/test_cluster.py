"""The cluster under load and failure: two Rasa servers on PostgreSQL and Redis behind nginx.

Every conversation's messages are kept once, in order, with their replies, whichever server got
them; a symptom check can be answered across servers; a server can die in the middle of a load
run; Redis or PostgreSQL can be down. No password appears in a log or in the printed URL.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bot.cluster import Cluster
from bot.web_input import NO_ANSWER

# Ten messages a person might send, three of them red flags (with the level each must get).
SCRIPT = [
    ("hello", None),
    ("what is azathioprine", None),
    ("I've had a temperature of 38.6 since this morning", "urgent"),
    ("can I drink alcohol on it", None),
    ("my gums keep bleeding when I brush", "urgent"),
    ("thanks", None),
    ("what are the side effects", None),
    ("my lips and tongue are swelling up and I can't breathe", "emergency"),
    ("do I need blood tests", None),
    ("bye", None),
]
CONVERSATIONS = 50
ROUNDS = 3  # the failover run: long enough that the kill lands in the middle of it
TIMEOUT = 120


def post(base_url: str, sender: str, text: str) -> list[dict]:
    response = requests.post(
        f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=TIMEOUT
    )
    response.raise_for_status()
    return response.json()


def level_of(messages: list[dict]) -> str | None:
    levels = [(m.get("custom") or {}).get("triage", {}).get("level") for m in messages]
    return next((level for level in levels if level), None)


def text_of(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def events_of(cluster: Cluster, sender: str) -> list[tuple[str, dict]]:
    connection = cluster.connect_postgres()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [(kind, json.loads(data)) for kind, data in cursor.fetchall()]
    finally:
        connection.close()


def assert_kept_in_order(cluster: Cluster, sender: str, texts: list[str]) -> None:
    events = events_of(cluster, sender)
    user_events = [data.get("text") for kind, data in events if kind == "user"]
    assert user_events == texts, f"{sender}: {user_events}"
    # Each message has its reply before the next message.
    kinds = [kind for kind, _ in events if kind in ("user", "bot")]
    for position, kind in enumerate(kinds):
        if kind == "user":
            assert position + 1 < len(kinds) and kinds[position + 1] == "bot", f"{sender}: no reply at {position}"


def test_fifty_conversations_across_both_servers_are_kept_once_in_order_and_red_flags_escalate(cluster):
    targets = [cluster.rasa_url(0), cluster.rasa_url(1), cluster.public_url]
    failures: list[str] = []

    def converse(number: int) -> str:
        sender = f"load-{number}-{uuid.uuid4().hex[:8]}"
        for turn, (text, level) in enumerate(SCRIPT):
            messages = post(targets[(number + turn) % len(targets)], sender, text)
            if NO_ANSWER in text_of(messages) or not messages:
                failures.append(f"{sender} turn {turn}: no answer")
            if level and level_of(messages) != level:
                failures.append(f"{sender} turn {turn}: {text!r} got {level_of(messages)}, not {level}")
        return sender

    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        senders = list(pool.map(converse, range(CONVERSATIONS)))
    assert not failures, failures[:10]
    for sender in senders:
        assert_kept_in_order(cluster, sender, [text for text, _ in SCRIPT])


def test_two_messages_of_one_conversation_at_the_same_moment_on_both_servers_are_handled_one_at_a_time(cluster):
    """Only the shared Redis lock keeps these apart: without it both servers would read the same
    tracker and one message's events would be lost or interleaved."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=cluster.ports.redis, password=cluster.values["REDIS_PASSWORD"])
    sets_before = int(client.info("commandstats").get("cmdstat_set", {}).get("calls", 0))
    senders = [f"pair-{n}-{uuid.uuid4().hex[:8]}" for n in range(20)]
    start = threading.Barrier(len(senders) * 2)

    def send(sender: str, server: int, text: str) -> list[dict]:
        start.wait()
        return post(cluster.rasa_url(server), sender, text)

    with ThreadPoolExecutor(max_workers=len(senders) * 2) as pool:
        futures = [
            pool.submit(send, sender, server, text)
            for sender in senders
            for server, text in ((0, "what is azathioprine"), (1, "can I drink alcohol on it"))
        ]
        replies = [future.result() for future in futures]
    assert all(reply and NO_ANSWER not in text_of(reply) for reply in replies)
    for sender in senders:
        texts = [data.get("text") for kind, data in events_of(cluster, sender) if kind == "user"]
        assert sorted(texts) == ["can I drink alcohol on it", "what is azathioprine"], texts
        assert_kept_in_order(cluster, sender, texts)
    assert int(client.info("commandstats")["cmdstat_set"]["calls"]) > sets_before  # the lock is in Redis
    client.close()


def test_a_symptom_check_answered_on_alternate_servers_completes_with_the_right_level(cluster):
    sender = f"check-{uuid.uuid4().hex[:8]}"
    first, second = cluster.rasa_url(0), cluster.rasa_url(1)
    opening = post(first, sender, "i feel unwell")
    assert "quick yes or no questions" in text_of(opening)
    post(second, sender, "no")  # no emergency sign; the next question is about a temperature
    answer = post(first, sender, "yes")
    assert level_of(answer) == "urgent", text_of(answer)
    assert_kept_in_order(cluster, sender, ["i feel unwell", "no", "yes"])


def test_killing_a_server_during_a_load_run_loses_only_the_messages_it_was_answering(cluster):
    total, in_flight, lost = 0, 0, []
    lock = threading.Lock()
    killed = threading.Event()
    killed_at = [float("inf")]

    def converse(number: int) -> None:
        nonlocal total, in_flight
        # One conversation per round: within one, the earlier emergency rightly raises a later fever.
        for round_ in range(ROUNDS):
            sender = f"failover-{number}-{round_}-{uuid.uuid4().hex[:8]}"
            for text, level in SCRIPT:
                with lock:
                    in_flight += 1
                messages = post(cluster.public_url, sender, text)  # through nginx, as the widget does
                with lock:
                    in_flight -= 1
                    total += 1
                reply = text_of(messages)
                assert messages, (text, "no reply at all")
                if NO_ANSWER in reply:
                    assert "999" in reply  # the channel's safe reply names the emergency number
                    with lock:
                        lost.append((killed.is_set(), time.monotonic() - killed_at[0], text))
                elif level:
                    assert level_of(messages) == level, (text, reply)

    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(converse, number) for number in range(16)]
            time.sleep(2)
            with lock:  # no message starts or ends between the count and the kill
                at_kill = in_flight
                killed_at[0] = time.monotonic()
                killed.set()
                cluster.kill(cluster.rasa[1].rasa_server)
            for future in futures:
                future.result()
    finally:
        # The killed server comes back, whatever failed, so the tests after this one have two.
        cluster.restart(cluster.rasa[1].rasa_server)
    assert total == 16 * len(SCRIPT) * ROUNDS
    # Only messages the killed server was answering are lost: none before the kill, none once
    # those have had their answer (at most a few seconds later). Besides the one in flight, a
    # conversation may lose the message it sends next, in the same instant, over a connection nginx
    # had kept open to the killed server (nginx does not send a POST on once it has gone out):
    # seen once, 17 lost with 16 in flight, all within 0.06 s of the kill.
    assert len(lost) <= at_kill + 16, lost
    late = [
        (after_kill, round(seconds, 1), text) for after_kill, seconds, text in lost if not (after_kill and seconds < 5)
    ]
    assert not late, late
    # ...and serves again.
    again = post(cluster.rasa_url(1), f"back-{uuid.uuid4().hex[:8]}", "what is azathioprine")
    assert again and NO_ANSWER not in text_of(again)


def test_with_redis_down_messages_still_get_an_answer(cluster):
    assert cluster.redis is not None
    cluster.redis.stop()
    try:
        sender = f"no-redis-{uuid.uuid4().hex[:8]}"
        for index, (text, level) in enumerate(SCRIPT[:5]):
            messages = post(cluster.rasa_url(index % 2), sender, text)
            assert messages and NO_ANSWER not in text_of(messages), text_of(messages)
            if level:
                assert level_of(messages) == level
    finally:
        cluster.restart(cluster.redis)
    assert_kept_in_order(cluster, sender, [text for text, _ in SCRIPT[:5]])


def test_with_postgresql_down_every_reply_still_names_the_emergency_number(cluster):
    assert cluster.postgres is not None
    cluster.postgres.stop()
    try:
        for target in (cluster.rasa_url(0), cluster.rasa_url(1), cluster.public_url):
            sender = f"no-db-{uuid.uuid4().hex[:8]}"
            for text, level in SCRIPT[:5]:
                messages = post(target, sender, text)
                # Rasa answers each message on its own, unsaved; every reply carries the way out.
                assert messages and NO_ANSWER not in text_of(messages), text_of(messages)
                assert "call 999" in text_of(messages), text_of(messages)
                if level:
                    assert level_of(messages) == level
    finally:
        cluster.restart(cluster.postgres)
    # Once PostgreSQL is back, conversations are kept again (a pooled connection may fail once).
    deadline = time.monotonic() + 60
    while True:
        sender = f"db-back-{uuid.uuid4().hex[:8]}"
        post(cluster.public_url, sender, "what is azathioprine")
        if [data.get("text") for kind, data in events_of(cluster, sender) if kind == "user"]:
            break
        assert time.monotonic() < deadline, "the Rasa servers did not reconnect to PostgreSQL"
        time.sleep(2)


def test_the_page_and_the_widget_are_served_through_nginx_with_the_same_origin(cluster):
    page = requests.get(cluster.public_url + "/", timeout=10)
    assert page.status_code == 200 and f'data-server-url="{cluster.public_url}"' in page.text
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    assert requests.get(cluster.public_url + "/widget.js", timeout=10).status_code == 200
    assert requests.post(cluster.public_url + "/widget.js", timeout=10).status_code in (403, 405)


def test_no_password_appears_in_any_log_or_command_line_or_in_the_printed_url(cluster):
    passwords = [cluster.values["POSTGRES_PASSWORD"], cluster.values["REDIS_PASSWORD"]]
    assert not any(p in cluster.public_url for p in passwords)
    command_lines = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):  # the process may have ended
            command_lines.append(path.read_bytes())
    assert command_lines and not any(p.encode() in line for line in command_lines for p in passwords)
    logs = [path for path in cluster.state_dir.rglob("*.log")]
    assert len(logs) >= 5
    for path in logs:
        content = path.read_text(errors="replace")
        assert not any(p in content for p in passwords), path
