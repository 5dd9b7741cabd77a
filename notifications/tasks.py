"""Celery tasks of the e-mail notifications: thin, taking ids; beat plans the reminders and digests,
workers send. A refused or failed send is tried again with growing pauses, then left failed for the
admin (Administrasjon → E-postmeldinger)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services


@shared_task(bind=True, ignore_result=True, acks_late=True, max_retries=None)
def send_message(self, message_id: int) -> str:
    try:
        return services.message_send(message_id=message_id)
    except services.SendFailed as exc:
        if self.request.retries >= settings.EMAIL_MAX_RETRIES:
            return "failed"
        if self.request.is_eager:
            # In-process (unit tests that ask for eager tasks) the next attempt follows at once.
            return send_message.apply(args=[message_id], retries=self.request.retries + 1).get()
        raise self.retry(exc=exc, countdown=settings.EMAIL_RETRY_SECONDS * 2**self.request.retries) from exc


@shared_task(ignore_result=True)
def send_report_reminders() -> int:
    """Beat, daily: status reports due soon or overdue."""
    return services.report_reminders_send(today=timezone.localdate())


@shared_task(ignore_result=True)
def send_gains_reminders() -> int:
    """Beat, daily (one message per owner and month): realised gains their owners have still to report."""
    return services.gains_reminders_send(today=timezone.localdate())


@shared_task(ignore_result=True)
def send_weekly_digests() -> int:
    """Beat, Mondays: each sub-programme leader's week."""
    return services.weekly_digests_send(today=timezone.localdate())


@shared_task(ignore_result=True)
def notify_decision(decision_id: int) -> int:
    return services.decision_notify(decision_id=decision_id)


@shared_task(ignore_result=True)
def notify_report(report_id: int) -> int:
    return services.report_notify(report_id=report_id)


@shared_task(ignore_result=True)
def watch_messages() -> dict[str, int]:
    """Beat: pending messages never queued are queued; messages left «being sent» are marked failed."""
    return services.messages_watch()
