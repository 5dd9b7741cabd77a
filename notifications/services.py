"""Writes of the e-mail notifications: recording a message (once per kind, recipient and event), sending
it, and the preferences of the «Varsler» page.

Record, then send: the message row is committed (pending) before a worker sends it, and marked sending
before the mail server is spoken to. A worker that dies after sending leaves the row «being sent», never
pending, so the message is not sent twice; `messages_watch` marks such a row failed for the admin to see.
"""

from __future__ import annotations

import datetime
import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.people import person_name
from portfolio.models import Decision
from portfolio.reports.models import Report, ReportStatus

from . import selectors
from .models import Kind, Message, MessageStatus, Preference

logger = logging.getLogger(__name__)

# A message «being sent» for longer than this was left by a worker that died.
SENDING_STALE = datetime.timedelta(minutes=10)
# A pending message older than this was recorded while its task could not be queued.
PENDING_STALE = datetime.timedelta(minutes=2)


class SendFailed(Exception):
    """The mail server refused the message or could not be reached; the task tries again."""


def absolute_url(path: str) -> str:
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def wants(user, kind: str) -> bool:
    return not Preference.objects.filter(user=user, kind=kind, enabled=False).exists()


def message_record(*, kind: str, recipient, event: str, template: str, context: dict) -> Message | None:
    """Records the message for (kind, recipient, event) and queues its sending; None when the recipient
    has turned the kind off, has no address, or the message was recorded before (whatever its status).

    `template` names templates/email/<template>_subject.txt, <template>.txt and <template>.html, rendered
    in Norwegian now, so that a retry sends exactly what was recorded."""
    if not recipient.is_active or not recipient.email or not wants(recipient, kind):
        return None
    if Message.objects.filter(kind=kind, recipient=recipient, event=event).exists():
        return None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **context,
            "recipient": recipient,
            "recipient_name": person_name(recipient),
            "site_url": settings.SITE_URL.rstrip("/"),
            "preferences_url": absolute_url(reverse("notifications:preferences")),
        }
        subject = " ".join(render_to_string(f"email/{template}_subject.txt", context).split())[:200]
        context["subject"] = subject
        body_text = render_to_string(f"email/{template}.txt", context)
        body_html = render_to_string(f"email/{template}.html", context)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                kind=kind,
                recipient=recipient,
                event=event,
                to_address=recipient.email,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
            )
    except IntegrityError:
        # Recorded at the same moment by another run of the same schedule: that run sends it.
        return None
    transaction.on_commit(lambda: _queue(message.pk), robust=True)
    return message


def _queue(message_id: int) -> None:
    from . import tasks

    tasks.send_message.delay(message_id)


def message_send(*, message_id: int) -> str:
    """Sends a pending (or failed) message; says what became of it. Raises SendFailed when the server
    refused it or could not be reached, after marking the message failed with the error."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status not in (MessageStatus.PENDING, MessageStatus.FAILED):
            return "skipped"
        message.status = MessageStatus.SENDING
        message.attempts += 1
        message.attempted_at = timezone.now()
        message.save(update_fields=["status", "attempts", "attempted_at"])
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        headers={"Content-Language": "nb", "Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        logger.warning("E-mail %s to %s failed: %s", message.pk, message.to_address, error)
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED, error=error[:2000])
        raise SendFailed(error) from exc
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=timezone.now(), error="")
    return "sent"


def messages_watch(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Beat: queues pending messages whose task was never queued, and fails messages left «being sent» by
    a worker that died (it may or may not have been delivered: the admin decides whether to send again)."""
    now = now or timezone.now()
    pending = list(
        Message.objects.filter(status=MessageStatus.PENDING, created_at__lt=now - PENDING_STALE).values_list(
            "pk", flat=True
        )
    )
    for message_id in pending:
        _queue(message_id)
    with translation.override(settings.LANGUAGE_CODE):
        stuck = Message.objects.filter(
            status=MessageStatus.SENDING, attempted_at__lt=now - SENDING_STALE
        ).update(
            status=MessageStatus.FAILED,
            error=_("The worker stopped while sending; the message may not have been delivered."),
        )
    return {"queued": len(pending), "failed": stuck}


def message_resend(*, message: Message) -> bool:
    """The admin's «send again» of a failed message; False when it is not failed."""
    if message.status != MessageStatus.FAILED:
        return False
    transaction.on_commit(lambda: _queue(message.pk), robust=True)
    return True


# --- The events -----------------------------------------------------------------------------------------


def report_reminders_send(*, today: datetime.date) -> int:
    """Beat, daily: each project leader whose status report for a period is due soon or overdue gets one
    message per project, period and kind, linking straight to the project's status report form."""
    recorded = 0
    for duty in selectors.report_duties(today=today):
        for project in duty.projects:
            message = message_record(
                kind=duty.kind,
                recipient=project.leader,
                event=f"project:{project.pk}:{duty.period.key}",
                template=duty.kind,
                context={
                    "project": project,
                    "period": duty.period,
                    "deadline": duty.deadline,
                    "days_left": (duty.deadline - today).days,
                    "form_url": absolute_url(reverse("programmes:status_report_create", args=[project.pk])),
                },
            )
            recorded += message is not None
    return recorded


def weekly_digests_send(*, today: datetime.date) -> int:
    """Beat, weekly: each sub-programme leader gets the past week of their projects (nothing when nothing
    happened), once per ISO week."""
    year, week, _weekday = today.isocalendar()
    recorded = 0
    for leader in selectors.sub_programme_leaders():
        if not wants(leader, Kind.WEEKLY_DIGEST):
            continue
        digest = selectors.weekly_digest(leader=leader, today=today)
        if digest.is_empty:
            continue
        message = message_record(
            kind=Kind.WEEKLY_DIGEST,
            recipient=leader,
            event=f"week:{year}-W{week:02d}",
            template=Kind.WEEKLY_DIGEST,
            context={
                "digest": digest,
                "week": week,
                "my_projects_url": absolute_url(reverse("programmes:my_projects")),
            },
        )
        recorded += message is not None
    return recorded


def gains_reminders_send(*, today: datetime.date) -> int:
    """Beat, daily: each benefit owner who owes realised figures (selectors.gains_duties) gets one message a
    month listing every such benefit with a link to its form: the reminder follows the gain and its owner,
    also after the project is closed, not the project leader."""
    recorded = 0
    for duty in selectors.gains_duties(today=today):
        gains = [
            {
                "title": owed.benefit.title,
                "project": owed.benefit.project.name,
                "years": owed.years,
                "url": absolute_url(
                    reverse("benefits:benefit_edit", args=[owed.benefit.project_id, owed.benefit.pk])
                ),
            }
            for owed in duty.gains
        ]
        message = message_record(
            kind=Kind.GAINS_DUE,
            recipient=duty.owner,
            event=f"gains:{today:%Y-%m}",
            template=Kind.GAINS_DUE,
            context={"gains": gains, "count": len(gains)},
        )
        recorded += message is not None
    return recorded


def decision_notify(*, decision_id: int) -> int:
    """A portfolio decision to the project's leader and owner (once each), with its rationale."""
    decision = (
        Decision.objects.select_related("project__leader", "project__owner", "decided_by")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return 0
    project = decision.project
    recipients = {project.leader.pk: project.leader, project.owner.pk: project.owner}
    recorded = 0
    for recipient in recipients.values():
        message = message_record(
            kind=Kind.DECISION,
            recipient=recipient,
            event=f"decision:{decision.pk}",
            template=Kind.DECISION,
            context={
                "decision": decision,
                "project": project,
                "decided_by": person_name(decision.decided_by),
                "project_url": absolute_url(reverse("portfolio:project", args=[project.pk])),
            },
        )
        recorded += message is not None
    return recorded


def report_notify(*, report_id: int) -> int:
    """A finished or failed PDF report to every kommunedirektør, once per report and outcome."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status not in (ReportStatus.DONE, ReportStatus.FAILED):
        return 0
    # A report tried again after failing finishes anew: its finishing time tells the events apart.
    finished = report.finished_at.strftime("%Y%m%d%H%M%S") if report.finished_at else ""
    recorded = 0
    for recipient in selectors.executives():
        message = message_record(
            kind=Kind.REPORT_FINISHED,
            recipient=recipient,
            event=f"report:{report.pk}:{report.status}:{finished}",
            template=Kind.REPORT_FINISHED,
            context={
                "report": report,
                "done": report.status == ReportStatus.DONE,
                "report_url": absolute_url(reverse("reports:detail", args=[report.pk])),
            },
        )
        recorded += message is not None
    return recorded


# --- Preferences ----------------------------------------------------------------------------------------


def preferences_of(user) -> dict[str, bool]:
    """Every kind with whether the user receives it."""
    off = set(Preference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    return {kind: kind not in off for kind in Kind.values}


def preferences_save(*, user, enabled: dict[str, bool]) -> dict[str, bool]:
    with transaction.atomic():
        for kind in Kind.values:
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"enabled": bool(enabled.get(kind, False))}
            )
    return preferences_of(user)
