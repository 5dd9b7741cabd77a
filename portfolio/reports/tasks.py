"""Celery tasks of the PDF reports: thin, taking ids; they own retries and limits, the services do the work.

acks_late with reject_on_worker_lost: the message is acknowledged only when the task has finished, so a
worker killed mid-render leaves it to the next worker, which makes the same report row again from the
start (the row, not a second report). Transient errors (database or connection briefly gone) are retried
with exponential backoff; anything else, or the last retry, marks the report failed with a Norwegian
message the user sees with a "Prøv igjen" button.
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
        services.report_fail(report_id=report_id, reason=reason)
        return "failed"
    except MemoryError:
        with translation.override(settings.LANGUAGE_CODE):
            services.report_fail(report_id=report_id, reason=_("it needed more memory than allowed"))
        return "failed"
    except services.transient_errors() as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("Report %s failed after %s retries", report_id, self.request.retries)
            with translation.override(settings.LANGUAGE_CODE):
                reason = _("a temporary error did not go away (%(error)s)") % {"error": type(exc).__name__}
            services.report_fail(report_id=report_id, reason=reason)
            return "failed"
        delay = BACKOFF_SECONDS * 2**self.request.retries
        services.report_note_retry(report_id=report_id, attempt=self.request.retries + 1, delay=delay)
        raise self.retry(exc=exc, countdown=delay) from exc
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("an unexpected error (%(error)s)") % {"error": type(exc).__name__}
        services.report_fail(report_id=report_id, reason=reason)
        return "failed"
    return "done" if report is not None else "skipped"


@shared_task(ignore_result=True)
def send_unsent_reports() -> int:
    """Beat: sends the orders recorded while the broker was down."""
    return services.report_send_unsent()


@shared_task(ignore_result=True)
def order_period_end_reports() -> int:
    """Beat, daily: draft reports of each programme whose reporting period ended yesterday."""
    return len(services.report_order_period_end(today=timezone.localdate()))
