"""Celery tasks of the PDF reports: thin, taking ids; they own retries and limits, the services do the work.

acks_late with reject_on_worker_lost: the message is acknowledged only when the task has finished, so a
worker killed mid-render leaves it to the next worker, which makes the same report row again from the
start (the row, not a second report). The broker gives that message back only after its visibility timeout
(30 minutes, longer than any task), so the watchdog below notices the dead worker's silence within minutes
and queues the report again; the message that comes back later finds the report done and does nothing.

Transient errors (database or connection briefly gone) are retried with exponential backoff, on a fresh
database connection: the one that failed may be dead, and Django does not reconnect by itself. Anything
else, or the last retry, marks the report failed with a Norwegian message the user sees with a "Prøv
igjen" button. If even that cannot be written, the watchdog fails or requeues the report later.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 3
BACKOFF_SECONDS = 10  # 10, 20, 40 seconds


@shared_task(
    bind=True,
    # The report row holds the state; no result backend round trip (which would also fail with Redis).
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def generate_report(self, report_id: int) -> str:
    try:
        report = services.report_render(report_id=report_id)
    except SoftTimeLimitExceeded:
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("it took more than %(minutes)s minutes") % {
                "minutes": max(settings.REPORT_SOFT_TIME_LIMIT // 60, 1)
            }
        return _fail(report_id, reason)
    except MemoryError:
        with translation.override(settings.LANGUAGE_CODE):
            return _fail(report_id, _("it needed more memory than allowed"))
    except services.transient_errors() as exc:
        services.drop_connections()
        if self.request.retries >= MAX_RETRIES:
            logger.exception("Report %s failed after %s retries", report_id, self.request.retries)
            with translation.override(settings.LANGUAGE_CODE):
                reason = _("a temporary error did not go away (%(error)s)") % {"error": type(exc).__name__}
            return _fail(report_id, reason)
        delay = BACKOFF_SECONDS * 2**self.request.retries
        logger.warning("Report %s: %s; trying again in %s s", report_id, exc, delay)
        try:
            services.report_note_retry(report_id=report_id, attempt=self.request.retries + 1, delay=delay)
        except services.transient_errors():
            # Still unreachable: the retry is sent all the same, and the watchdog sees to a report it misses.
            logger.warning("Report %s: the retry could not be noted on the report", report_id)
            services.drop_connections()
        raise self.retry(exc=exc, countdown=delay) from exc
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("an unexpected error (%(error)s)") % {"error": type(exc).__name__}
        return _fail(report_id, reason)
    return "done" if report is not None else "skipped"


def _fail(report_id: int, reason: str) -> str:
    """Marks the report failed; if the database cannot be reached to say so, the watchdog will."""
    for attempt in (1, 2):
        try:
            services.report_fail(report_id=report_id, reason=reason)
            break
        except services.transient_errors():
            # Once more on a fresh connection; after that, the watchdog ends the report.
            logger.exception("Report %s: the failure could not be recorded (attempt %s)", report_id, attempt)
            services.drop_connections()
    return "failed"


@shared_task(ignore_result=True)
def send_unsent_reports() -> int:
    """Beat: sends the orders recorded while the broker was down."""
    return services.report_send_unsent()


@shared_task(ignore_result=True)
def watch_reports() -> dict[str, int]:
    """Beat, every minute: requeues the reports whose worker died, fails those past their time limit."""
    return services.report_watch()


@shared_task(ignore_result=True)
def order_period_end_reports() -> int:
    """Beat, daily: draft reports of each programme whose reporting period ended yesterday."""
    return len(services.report_order_period_end(today=timezone.localdate()))
