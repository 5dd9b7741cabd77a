"""`make run`: the whole system on one machine with nothing installed beside Python.

Migrates, loads the demo into an empty database (seed_demo leaves a database that holds anything as it is),
prints the demo sign-ins, then runs the web server and a Celery worker with beat side by side, their output
prefixed with their names, until Ctrl-C or until one of them stops, and then stops the other. With REDIS_URL
unset (the default) the worker's broker is a folder (Kombu's filesystem transport, config/settings.py), so a
report ordered in the browser is made by the worker while its page shows the progress, as in production.

    python scripts/run.py [--host 127.0.0.1] [--port 8000] [--noreload]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
DEMO_USERS = [
    ("admin", "Administrator"),
    ("direktor", "Kommunedirektør"),
    ("programleder", "Programleder (Velferd og teknologi)"),
    ("prosjektleder", "Prosjektleder"),
    ("prosjektleder2", "Prosjektleder"),
    ("politiker", "Politiker"),
]
# Seconds a process is given to stop after it is asked to, before it is killed.
STOP_GRACE = 15


class Child:
    """One long-running process in a session of its own, so that it and its children (runserver's
    autoreloader, the worker's pool and beat) are stopped as one group, by us and not by the terminal."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], *, stop_group: bool):
        self.name = name
        # Whether a stop goes to the whole group or to the leader, which then stops its own children.
        self.stop_group = stop_group
        self.process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.relay = threading.Thread(target=self._relay, daemon=True)
        self.relay.start()

    def _relay(self) -> None:
        for line in iter(self.process.stdout.readline, b""):
            sys.stdout.write(f"{self.name:6} | {line.decode(errors='replace')}")
            sys.stdout.flush()

    def running(self) -> bool:
        return self.process.poll() is None

    def ask_to_stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            if self.stop_group:
                os.killpg(self.process.pid, signal.SIGTERM)
            else:
                self.process.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL to whatever of the group is still there."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def prepare(env: dict[str, str]) -> None:
    """Migrate and load the demo into an empty database; stop here if either fails."""
    for args in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run([*MANAGE, *args], cwd=ROOT, env=env, check=True)


def greet(host: str, port: int) -> None:
    print(f"\n  Open http://{host}:{port}/ and sign in with one of the demo users (password: demo):")
    for username, role in DEMO_USERS:
        print(f"    {username:15} {role}")
    print("  Stop with Ctrl-C.\n", flush=True)


def start(env: dict[str, str], host: str, port: int, *, reload: bool) -> list[Child]:
    web = [*MANAGE, "runserver", f"{host}:{port}"] + ([] if reload else ["--noreload"])
    worker = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--beat",  # beat inside the worker: one process fewer, fine with one worker
        "--concurrency=2",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    children = [
        # runserver's autoreloader does not pass a SIGTERM on to the server it started: both get it.
        Child("web", web, env, stop_group=True),
        # The worker stops its pool and beat itself, after the tasks under way (a warm shutdown).
        Child("worker", worker, env, stop_group=False),
    ]
    print(", ".join(f"{child.name} pid {child.process.pid}" for child in children), flush=True)
    return children


def stop(children: list[Child]) -> None:
    """Asks each to stop, waits STOP_GRACE seconds, then kills what is left of their groups."""
    for child in children:
        child.ask_to_stop()
    deadline = time.monotonic() + STOP_GRACE
    for child in children:
        try:
            child.process.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            print(f"{child.name} did not stop in {STOP_GRACE} s; killing it.", file=sys.stderr)
        child.kill()
        child.process.wait()
        child.relay.join(2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--noreload", action="store_true", help="do not restart the web server on code changes"
    )
    options = parser.parse_args()
    env = os.environ | {"PYTHONUNBUFFERED": "1"}

    stopping = threading.Event()

    def on_signal(signum, frame) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        prepare(env)
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    if stopping.is_set():
        return 0
    greet(options.host, options.port)
    children = start(env, options.host, options.port, reload=not options.noreload)
    while not stopping.is_set() and all(child.running() for child in children):
        stopping.wait(0.5)
    ended = [child.name for child in children if not child.running()]
    stop(children)
    if ended and not stopping.is_set():
        print(f"Stopped everything because {', '.join(ended)} ended.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
