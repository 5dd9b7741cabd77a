"""E-mail sent by a REAL Celery worker process on Redis (tests/workers.py's RealWorker) through a real SMTP
server: a decision made over HTTP reaches the project's leader and owner, and a refused message is tried
again by the worker after its pause, then left failed."""

import datetime
import os
import uuid

import pytest
import redis
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.urls import reverse

from config.celery import app as celery_app
from core import roles
from notifications.models import Message, MessageStatus
from programmes.models import Phase
from tests.conftest import skip_or_fail
from tests.factories import ProjectFactory, UserFactory
from tests.smtp import Collector, free_port
from tests.workers import RealWorker, database_url, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def module_smtp():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    collector.host, collector.port = controller.hostname, controller.port
    yield collector
    controller.stop()


@pytest.fixture(scope="module")
def mail_worker(django_db_setup, django_db_blocker, tmp_path_factory, module_smtp):
    """A worker of its own, whose e-mail goes to the module's SMTP server, with one-second retry pauses."""
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        skip_or_fail("REDIS_URL is not set; the real Celery worker tests need Redis")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis at {redis_url} does not answer")
    with django_db_blocker.unblock():
        db_url = database_url()
    queue = f"mail-test-{uuid.uuid4().hex[:10]}"
    env = os.environ | {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        "EMAIL_HOST": module_smtp.host,
        "EMAIL_PORT": str(module_smtp.port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_RETRY_SECONDS": "1",
        "EMAIL_MAX_RETRIES": "2",
        "SITE_URL": "https://omstilling.example.kommune.no",
    }
    old_queue, eager = celery_app.conf.task_default_queue, celery_app.conf.task_always_eager
    celery_app.conf.task_default_queue = queue
    celery_app.conf.task_always_eager = False
    worker = RealWorker(env, queue, tmp_path_factory.mktemp("mail-worker-logs"))
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        celery_app.conf.task_default_queue = old_queue
        celery_app.conf.task_always_eager = eager
        redis.Redis.from_url(redis_url).delete(queue)


@pytest.fixture
def decided(client):
    executive = UserFactory(username="direktor", first_name="Eva", last_name="Direktør")
    executive.groups.add(Group.objects.get_or_create(name=roles.EXECUTIVE)[0])
    project = ProjectFactory(
        name="Digital hjemmetjeneste",
        phase=Phase.CONCEPT,
        leader=UserFactory(email="kari@kommune.no"),
        owner=UserFactory(email="ola@kommune.no"),
    )
    client.force_login(executive)

    def decide(rationale: str):
        return client.post(
            reverse("portfolio:decide", args=[project.pk]),
            {
                "outcome": "include",
                "rationale": rationale,
                "decided_on": datetime.date(2026, 11, 3).isoformat(),
            },
        )

    return project, decide


def test_a_decision_over_http_is_mailed_by_the_worker_to_the_leader_and_owner(
    mail_worker, module_smtp, decided
):
    project, decide = decided
    module_smtp.messages.clear()
    assert decide("Gir størst gevinst per årsverk.").status_code == 302

    wait_for(lambda: len(module_smtp.messages) == 2, timeout=30, message=mail_worker.log_text()[-3000:])
    assert sorted(m.envelope_to[0] for m in module_smtp.messages) == ["kari@kommune.no", "ola@kommune.no"]
    mail = module_smtp.messages[0]
    assert mail.subject == "Porteføljebeslutning om Digital hjemmetjeneste: Ta inn i porteføljen"
    assert "Gir størst gevinst per årsverk." in mail.text
    assert f"https://omstilling.example.kommune.no/portefolje/prosjekt/{project.pk}/" in mail.html
    wait_for(lambda: Message.objects.filter(status=MessageStatus.SENT).count() == 2, timeout=10)


def test_a_refused_message_is_tried_again_by_the_worker_and_then_left_failed(
    mail_worker, module_smtp, decided
):
    _project, decide = decided
    module_smtp.messages.clear()
    module_smtp.refused = 0
    module_smtp.refuse_next(100)
    decide("Avklart i kommunedirektørens ledergruppe.")

    def all_failed():
        messages = list(Message.objects.all())
        return len(messages) == 2 and all(
            m.status == MessageStatus.FAILED and m.attempts == 3 for m in messages
        )

    wait_for(all_failed, timeout=40, message=mail_worker.log_text()[-3000:])
    assert module_smtp.refused == 6  # two messages, each tried three times
    assert module_smtp.messages == []
    assert all("550" in m.error for m in Message.objects.all())
    module_smtp.refuse_next(0)
