"""Shared fixtures, and the REQUIRE_SERVICES switch that turns a skip for a missing service into a failure."""

import os
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings

from config.celery import app as celery_app
from core import import_jobs, roles

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip a test whose service is missing, or fail it when CI requires every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config):
    from django.conf import settings

    # Tests create many users; the production password hasher would dominate their run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Without Redis there is no worker to send tasks to: the run asks for tasks in-process (eager), on an
    # in-memory broker, and never touches the filesystem queue `make run` keeps in var/. With REDIS_URL set,
    # a test asks for eager with the `eager` fixture or uses the real worker (tests/workers.py).
    if not os.environ.get("REDIS_URL"):
        settings.CELERY_BROKER_URL = "memory://"
        settings.CELERY_TASK_ALWAYS_EAGER = True
        celery_app.conf.update(broker_url="memory://", task_always_eager=True)


def pytest_sessionstart(session):
    if REQUIRE_SERVICES and not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        raise pytest.UsageError("REQUIRE_SERVICES=1 needs DATABASE_URL pointing at PostgreSQL.")


@pytest.fixture
def role_user(db, django_user_model):
    """Makes a user in the given role group: `role_user(roles.PROJECT_LEADER, username="kari")`."""

    def make(role: str | None, *, username: str | None = None, **fields):
        username = username or f"user-{(role or 'none').lower()}"
        user = django_user_model.objects.create_user(username=username, password="demo", **fields)
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def executive(role_user):
    return role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Direktør")


@pytest.fixture
def politician(role_user):
    return role_user(roles.POLITICIAN, username="politiker")


@pytest.fixture
def eager():
    """Celery tasks run in-process, at once (REDIS_URL set turns that off for the whole run)."""
    old = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = old


@pytest.fixture
def media_root(tmp_path):
    """Uploaded and generated files go to a folder of the test's own."""
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


@pytest.fixture
def imports_to_worker(monkeypatch):
    """Every imported file is «large»: none is imported within the page request."""
    monkeypatch.setattr(import_jobs, "INLINE_MAX_WORK", 0)


@pytest.fixture
def demo(db, settings):
    """The demo programme, loaded by `seed_demo` (which refuses to run with DEBUG off)."""
    from programmes.models import Programme

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    return Programme.objects.get()


# The real Celery worker (tests/workers.py), for every folder.
from tests.workers import celery_worker, celery_worker_session  # noqa: E402, F401
