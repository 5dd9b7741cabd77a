"""Fixtures of the report tests: a small programme with gains, PDF reading, and a REAL Celery worker.

The worker is `celery -A config worker` in a subprocess on Redis (REDIS_URL), pointed at the test database
pytest-django created and at a queue of its own, so a stray worker on the same Redis never takes these
tasks. Tests that use it need committed data (transactional_db).
"""

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from config.celery import app as celery_app
from core import roles
from programmes.models import Phase
from tests.conftest import skip_or_fail
from tests.factories import ProgrammeFactory, ProjectFactory, StatusReportFactory, SubProgrammeFactory

ROOT = Path(__file__).resolve().parents[2]
PERIOD_KEY = "2026-T2"

# The gain plan of the world below: (sub-programme index, project index, kind, {year: (planned, realised)}).
PLANNED_TOTAL = 4_750_000  # 1 000 000 + 1 500 000 + 2 250 000 (financial only)
REALISED_TOTAL = 1_350_000  # 600 000 + 750 000


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, with runs of whitespace (incl. no-break spaces) as one space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def eager_unless_worker(request):
    """Tasks run in-process unless the test uses the real worker (REDIS_URL set turns eager off globally)."""
    eager = "celery_worker" not in request.fixturenames
    old = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = old


@pytest.fixture
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


@pytest.fixture
def report_world(role_user):
    """'Utvikling og bærekraft' with two sub-programmes, three projects, status reports and a gain plan."""
    from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget

    executive = role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Direktør")
    politician = role_user(roles.POLITICIAN, username="politiker")
    leader = role_user(roles.PROGRAMME_LEADER, username="programleder", first_name="Per", last_name="Leder")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    SavingsTarget.objects.create(programme=programme, year=2026, amount=2_000_000)
    first = SubProgrammeFactory(programme=programme, name="Innbyggerløftet", leader=leader, position=1)
    second = SubProgrammeFactory(programme=programme, name="Smarte areal og bygg", position=2)
    chat = ProjectFactory(sub_programme=first, name="Digital innbyggerdialog", phase=Phase.EXECUTION)
    booking = ProjectFactory(sub_programme=first, name="Digital booking", phase=Phase.PLANNING)
    areas = ProjectFactory(sub_programme=second, name="Arealeffektivisering", phase=Phase.EXECUTION)
    StatusReportFactory(project=chat, period_key=PERIOD_KEY, overall="green")
    StatusReportFactory(
        project=areas,
        period_key=PERIOD_KEY,
        overall="red",
        cost="red",
        cost_comment="Leieavtalen blir dyrere enn ventet.",
        decisions_needed="Godkjenne ny leieavtale for Storgata 12.",
    )
    # A later period's report is not part of a report about 2. tertial.
    StatusReportFactory(project=chat, period_key="2026-T3", overall="yellow")
    plan = [
        (
            chat,
            "Færre telefonhenvendelser",
            "reduced_cost",
            {2026: (600_000, 600_000), 2027: (400_000, None)},
        ),
        (booking, "Mindre manuell booking", "avoided_cost", {2027: (1_500_000, None)}),
        (areas, "Lavere husleie", "reduced_cost", {2026: (750_000, 750_000), 2027: (1_500_000, None)}),
        (areas, "Bedre inneklima", "quality", {2026: (10, 5)}),
    ]
    for project, title, kind, years in plan:
        benefit = Benefit.objects.create(project=project, title=title, kind=kind)
        for year, (planned, realised) in years.items():
            BenefitPlanYear.objects.create(
                benefit=benefit,
                year=year,
                planned=Decimal(planned),
                realised=None if realised is None else Decimal(realised),
            )
    registered_before_the_period()
    return {
        "executive": executive,
        "politician": politician,
        "programme_leader": leader,
        "programme": programme,
        "sub_programmes": [first, second],
        "projects": [chat, booking, areas],
    }


def registered_before_the_period() -> None:
    """Dates every project's registration back to before PERIOD_KEY: a report about a period leaves out
    the projects proposed after it ended, and factories register them today."""
    import datetime

    from django.utils import timezone

    from programmes.models import Project

    Project.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 1, 2, 9)))


# --- The real worker ------------------------------------------------------------------------------------


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


def _database_url() -> str:
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
        database_url = _database_url()
    queue = f"reports-test-{uuid.uuid4().hex[:10]}"
    media = tmp_path_factory.mktemp("worker-media")
    env = os.environ | {
        "DATABASE_URL": database_url,
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


__all__ = [
    "PERIOD_KEY",
    "PLANNED_TOTAL",
    "REALISED_TOTAL",
    "normalise",
    "pdf_text",
    "registered_before_the_period",
    "settings",
    "wait_for",
]
