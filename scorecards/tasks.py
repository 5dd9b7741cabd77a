"""Celery tasks of scorecards: the export too large for a page request. Thin, taking ids; they own retries
and limits, the services do the work.

acks_late with reject_on_worker_lost: a worker killed mid-export leaves the message to the next worker,
which makes the same export again. A database that is briefly gone is retried with backoff (5, 10, 20 s);
anything else, or the last retry, marks the export failed with a Norwegian reason and a «Prøv igjen».
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import translation
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 3
BACKOFF_SECONDS = 5
SOFT_TIME_LIMIT, TIME_LIMIT = 120, 150  # the legal-size scorecard takes about 15 s


def _drop_connection() -> None:
    """The next query opens a fresh connection: the one in hand may be the one that broke. (Not inside a
    transaction, where the task runs in-process in tests.)"""
    if not connection.in_atomic_block:
        connection.close()


def _fail(export_id: int, reason: str) -> None:
    _drop_connection()
    with translation.override(settings.LANGUAGE_CODE):
        services.scorecard_export_fail(export_id=export_id, reason=str(reason))


@shared_task(
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def make_scorecard_export(self, export_id: int) -> str:
    try:
        services.scorecard_export_make(export_id=export_id)
    except SoftTimeLimitExceeded:
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("it took more than %(minutes)s minutes") % {"minutes": max(SOFT_TIME_LIMIT // 60, 1)}
        _fail(export_id, reason)
        return "failed"
    except (OperationalError, InterfaceError) as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("Scorecard export %s failed after %s retries", export_id, self.request.retries)
            with translation.override(settings.LANGUAGE_CODE):
                reason = _("a temporary error did not go away (%(error)s)") % {"error": type(exc).__name__}
            _fail(export_id, reason)
            return "failed"
        _drop_connection()
        raise self.retry(exc=exc, countdown=BACKOFF_SECONDS * 2**self.request.retries) from exc
    except Exception as exc:
        logger.exception("Scorecard export %s failed", export_id)
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("an unexpected error (%(error)s)") % {"error": type(exc).__name__}
        _fail(export_id, reason)
        return "failed"
    return "done"
