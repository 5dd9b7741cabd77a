"""What every job done by a Celery worker shares (core.models.Job: exports and imports): who may see it,
failing it, and the body of its task, which owns the retries and the failure reasons.

A database that is briefly gone is retried with backoff on a fresh connection; anything else, or the last
retry, fails the job with a Norwegian reason, and its page offers «Prøv igjen».
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from celery.exceptions import SoftTimeLimitExceeded
from django.apps import apps
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

MAX_RETRIES = 3
BACKOFF_SECONDS = 5  # 5, 10, 20 seconds
SOFT_TIME_LIMIT, TIME_LIMIT = 120, 150  # the legal-size scorecard (99,800 rows) takes about 17 s to export

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def job_for_user(model: type[Job], *, job_id: int, user) -> Job:
    """A job as the person who asked for it sees it; 404 for anyone else (they are not told it exists)."""
    job = model.objects.filter(pk=job_id, requested_by_id=user.pk).first()
    if job is None:
        raise Http404
    return job


def job_fail(model: type[Job], *, job_id: int, reason: str) -> None:
    model.objects.filter(pk=job_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, error=reason, finished_at=timezone.now()
    )


def drop_connection() -> None:
    """The next query opens a fresh connection: the one in hand may be the one that broke. (Not inside a
    transaction, where a task runs in-process in tests.)"""
    if not connection.in_atomic_block:
        connection.close()


def run_job_task(task, model: type[Job], job_id: int, work: Callable[[int], object]) -> str:
    """The body of a job's task (`task` is the bound Celery task): runs `work(job_id)` and owns the
    retries and the failure reasons."""

    def fail(reason: str) -> str:
        drop_connection()
        job_fail(model, job_id=job_id, reason=reason)
        return "failed"

    with translation.override(settings.LANGUAGE_CODE):
        try:
            work(job_id)
        except SoftTimeLimitExceeded:
            return fail(
                _("it took more than %(minutes)s minutes") % {"minutes": max(SOFT_TIME_LIMIT // 60, 1)}
            )
        except (OperationalError, InterfaceError) as exc:
            if task.request.retries >= MAX_RETRIES:
                logger.exception("Job %s %s failed after %s retries", model.__name__, job_id, MAX_RETRIES)
                return fail(
                    _("a temporary error did not go away (%(error)s)") % {"error": type(exc).__name__}
                )
            drop_connection()
            raise task.retry(exc=exc, countdown=BACKOFF_SECONDS * 2**task.request.retries) from exc
        except Exception as exc:
            logger.exception("Job %s %s failed", model.__name__, job_id)
            return fail(_("an unexpected error (%(error)s)") % {"error": type(exc).__name__})
    return "done"


TASK_OPTIONS = {
    "bind": True,
    "ignore_result": True,
    # A worker killed mid-job leaves the message to the next worker, which does the same job again.
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_RETRIES,
    "soft_time_limit": SOFT_TIME_LIMIT,
    "time_limit": TIME_LIMIT,
}


WATCH_AFTER = datetime.timedelta(
    minutes=15
)  # far beyond TIME_LIMIT with every retry and a queue behind reports


def jobs_watch(*, now: datetime.datetime | None = None) -> int:
    """Fails every import or export job still «being made» long after any worker could be making it (its
    worker died, or its message was lost), so its page says so and offers «Prøv igjen» instead of waiting
    for ever. Run every minute by beat; returns how many it failed."""
    cutoff = (now or timezone.now()) - WATCH_AFTER
    failed = 0
    with translation.override(settings.LANGUAGE_CODE):
        reason = _(
            "it was not finished within %(minutes)s minutes; the worker making it may have stopped"
        ) % {"minutes": int(WATCH_AFTER.total_seconds() // 60)}
        for model in apps.get_models():
            if issubclass(model, Job):
                failed += model.objects.filter(status__in=ACTIVE, created_at__lt=cutoff).update(
                    status=JobStatus.FAILED, error=reason, finished_at=timezone.now()
                )
    return failed
