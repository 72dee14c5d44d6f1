"""Processes, logs, memory and plots shared by `make eval` and `make bench`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bot.launcher import VENV_BIN, LaunchError, Service, Stack
from bot.settings import PROJECT_ROOT, Settings

REPORTS_DIR = PROJECT_ROOT / "reports"
RASA = str(VENV_BIN / "rasa")
VENV_PYTHON = str(VENV_BIN / "python")


def log(message: str) -> None:
    """Progress text goes to stderr: stdout ends with the one-line JSON summary."""
    tqdm.write(message, file=sys.stderr)


def base_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """What every Rasa process needs: telemetry off, our package importable (bot.nlu.*)."""
    env = Settings().child_env()
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra or {})
    return env


class CommandFailed(RuntimeError):
    pass


def run_logged(
    argv: Sequence[str],
    log_path: Path,
    *,
    desc: str,
    env: Mapping[str, str] | None = None,
    cwd: Path = PROJECT_ROOT,
    tick_pattern: str | None = None,
    total: int | None = None,
    check: bool = True,
) -> float:
    """Run a command with its output in `log_path` and a progress bar; returns the seconds it took.

    The bar advances on each output line matching `tick_pattern` (e.g. Rasa's "Running model
    for predictions" per fold), or just shows the elapsed time without one.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    pattern = re.compile(tick_pattern) if tick_pattern else None
    started = time.monotonic()
    with (
        open(log_path, "w", encoding="utf-8") as log_file,
        tqdm(
            total=total,
            desc=desc,
            unit="step",
            file=sys.stderr,
            leave=True,
            mininterval=1.0,
            bar_format=None if pattern else "{desc}: {elapsed} elapsed",
        ) as bar,
    ):
        log_file.write("$ " + " ".join(argv) + "\n")
        log_file.flush()
        process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env or base_env()),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            bufsize=1,
        )
        assert process.stdout is not None
        for line in process.stdout:
            log_file.write(line)
            if pattern and pattern.search(line):
                bar.update(1)
            else:
                bar.update(0)  # redraws the elapsed time, at most every `mininterval`
        code = process.wait()
    elapsed = time.monotonic() - started
    if check and code != 0:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-30:])
        raise CommandFailed(f"{desc} failed with exit code {code}; last lines of {log_path}:\n{tail}")
    return elapsed


# ---------------------------------------------------------------- memory


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: the ppid follows the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def process_tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    children = _children_by_parent()
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def rss_bytes(pid: int) -> int:
    """VmRSS of one process (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and its child processes."""
    return sum(rss_bytes(p) for p in process_tree(pid))


@dataclass
class MemoryPeaks:
    """Samples the resident memory of some process trees in the background and keeps the peaks."""

    pids: dict[str, int]
    interval_s: float = 0.25
    peaks: dict[str, int] = field(default_factory=dict)

    def sample(self) -> None:
        for name, pid in self.pids.items():
            self.peaks[name] = max(self.peaks.get(name, 0), tree_rss_bytes(pid))

    @contextmanager
    def running(self) -> Iterator[MemoryPeaks]:
        import threading

        stop = threading.Event()

        def loop() -> None:
            while not stop.is_set():
                self.sample()
                stop.wait(self.interval_s)

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            stop.set()
            thread.join()
            self.sample()


# ---------------------------------------------------------------- servers


def free_port() -> int:
    from bot.measure.chat import free_port as _free_port

    return _free_port()


# A port found free can be taken by another process before the server binds it ("address already in
# use"): the stack is started again on new ports, this many times in all.
LAUNCH_ATTEMPTS = 3


@contextmanager
def assistant_stack(
    state_dir: Path, log_dir: Path, model_path: Path | None = None, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[Stack, dict[str, float]]]:
    """Our action server and Rasa server on free ports; yields the stack and seconds to healthy."""
    ready: dict[str, float] = {}
    model_path = model_path or Settings().model_path
    env = {"PYTHONUNBUFFERED": "1", **(extra_env or {})}
    for attempt in range(1, LAUNCH_ATTEMPTS + 1):
        settings = Settings(
            rasa_port=free_port(),
            action_port=free_port(),
            web_port=free_port(),
            state_dir=state_dir,
            model_path=model_path,
            extra_env=env,
        )
        stack = Stack(settings, with_web=False, log_dir=log_dir)
        try:
            _start(stack, ready)
            break
        except LaunchError as error:
            if attempt == LAUNCH_ATTEMPTS or not _port_taken(error):
                raise
    try:
        yield stack, ready
    finally:
        stack.stop()


def _start(stack: Stack, ready: dict[str, float]) -> None:
    """Starts the stack, noting in `ready` each server's seconds to healthy."""
    ready.clear()
    # Servers append to their logs, and a failure's message quotes the log's tail: an earlier attempt's
    # "address already in use" left there would make any later failure look like a taken port.
    for service in stack.services:
        service.log_path.unlink(missing_ok=True)
    started = time.monotonic()
    with tqdm(total=len(stack.services), desc="starting servers", unit="server", file=sys.stderr) as bar:

        def on_ready(service: Service) -> None:
            ready[service.name] = round(time.monotonic() - started, 2)
            bar.update(1)

        stack.start(on_ready=on_ready)


def _port_taken(error: Exception) -> bool:
    """Whether a server failed to start because its port was taken (the message carries its log's tail)."""
    return "address already in use" in str(error).lower()


def wait_healthy(url: str, process: subprocess.Popen | None, timeout: float, log_path: Path | None = None) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:] if log_path else ""
            raise LaunchError(f"server exited with code {process.returncode} while starting:\n{tail}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise LaunchError(f"gave up after {timeout:.0f} s waiting for {url}")


# ---------------------------------------------------------------- files and plots


def source_state() -> dict[str, Any]:
    """The commit the figures came from, and how many files differed from it (read-only git)."""

    def git(*argv: str) -> str:
        try:
            return subprocess.run(
                ["git", *argv], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "modified_files": len(status.splitlines()) if status else 0,
    }


def shown(path: Path) -> str:
    """A path relative to the project when it is inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_confusion(matrix: list[list[int]], labels: Sequence[str], title: str, path: Path) -> None:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels=labels)
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.set_xlabel("graded by the assistant")
    ax.set_ylabel("expected (case file)")
    ax.set_title(title, fontsize=10)
    peak = max((v for row in matrix for v in row), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(
                j, i, str(value), ha="center", va="center", color="white" if value > peak / 2 else "black", fontsize=11
            )
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
