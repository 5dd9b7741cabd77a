"""A REAL Celery worker for the tests that need one (reports, imports and exports made by a worker).

The worker is `celery -A config worker` in a subprocess on Redis (REDIS_URL), pointed at the test database
pytest-django created and at a queue of its own, so a stray worker on the same Redis never takes these
tasks. One worker serves the whole session; tests that use it need committed data (transactional_db).
tests/conftest.py offers its fixtures to every folder.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings

from config.celery import app as celery_app
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]


class RealWorker:
    """A `celery worker` subprocess (prefork, one child, so time and memory limits apply) that can be
    killed with SIGKILL and started again."""

    def __init__(self, env: dict[str, str], queue: str, log_dir: Path):
        self.env = env
        self.queue = queue
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, *, step_delay: float = 0.0, **env: str) -> None:
        self.starts += 1
        log = open(self.log_dir / f"worker-{self.starts}.log", "w")  # noqa: SIM115 - closed with the process
        env = self.env | {"REPORT_STEP_DELAY": str(step_delay)} | env
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "-Q",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                f"--hostname=test-{self.queue}-{self.starts}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool child too
        )
        self._log = log
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        path = Path(self._log.name)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The Celery worker exited: {path.read_text()[-3000:]}")
            if " ready." in path.read_text():
                return
            time.sleep(0.2)
        raise RuntimeError(f"The Celery worker did not start in {timeout} s: {path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL to the worker and its pool child: no warm shutdown, no chance to give the task back."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self._log.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self._log.close()

    def log_text(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.log_dir.glob("worker-*.log")))


def database_url() -> str:
    """The test database as a DATABASE_URL for a subprocess (PostgreSQL only: SQLite is not shared)."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        skip_or_fail("the real Celery worker tests need PostgreSQL (DATABASE_URL), not SQLite")
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_session(django_db_setup, django_db_blocker, tmp_path_factory):
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        skip_or_fail("REDIS_URL is not set; the real Celery worker tests need Redis")
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis at {redis_url} does not answer")
    with django_db_blocker.unblock():
        db_url = database_url()
    queue = f"worker-test-{uuid.uuid4().hex[:10]}"
    media = tmp_path_factory.mktemp("worker-media")
    env = os.environ | {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(media),
        # A message taken by a killed worker goes to the next one after 5 s, not the production 30 min.
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }
    old_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    worker = RealWorker(env, queue, tmp_path_factory.mktemp("worker-logs"))
    worker.media = media
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        celery_app.conf.task_default_queue = old_queue
        redis.Redis.from_url(redis_url).delete(queue)


@pytest.fixture
def celery_worker(celery_worker_session, transactional_db):
    """The running real worker, with the test process reading its media directory and not in eager mode."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        with override_settings(MEDIA_ROOT=celery_worker_session.media):
            yield celery_worker_session
    finally:
        celery_app.conf.task_always_eager = eager
    if celery_worker_session.process.poll() is not None:
        celery_worker_session.start()


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.2, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s: {message}")
