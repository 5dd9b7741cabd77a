"""Writes for the PDF status reports: ordering, rendering (called by the Celery task), publishing.

An order is one row; the database refuses a second active order of the same scope and period, so two
clicks (or two people) get one job. The task is queued with `transaction.on_commit`, so a worker never
looks for a row that is not committed. If the broker cannot be reached the order stays recorded with no
`sent_at`, and `report_send_unsent` (run by celery beat) sends it when the broker is back.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from core.text import file_slug
from programmes.models import Programme, Project, SubProgramme
from programmes.periods import Period

from . import selectors
from .models import ACTIVE_STATUSES, Origin, Report, ReportStatus, Scope
from .rules import may_retry

logger = logging.getLogger(__name__)

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "report-print.css"
# PDF/A-3b for archiving (Noark) with a structure tree for screen readers: see README, "PDF reports".
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


def transient_errors() -> tuple[type[BaseException], ...]:
    """Errors worth another attempt: the database or a connection was briefly unavailable."""
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def report_title(*, scope_object: Programme | SubProgramme | Project, period: Period) -> str:
    if isinstance(scope_object, Programme):
        name = scope_object.name
    elif isinstance(scope_object, SubProgramme):
        name = _("%(programme)s – %(sub_programme)s") % {
            "programme": scope_object.programme.name,
            "sub_programme": scope_object.name,
        }
    else:
        name = _("%(programme)s – %(project)s") % {
            "programme": scope_object.sub_programme.programme.name,
            "project": scope_object.name,
        }
    return _("Status report %(period)s: %(name)s") % {"period": period.label, "name": name}


def _scope_fields(scope_object) -> dict:
    if isinstance(scope_object, Programme):
        return {"scope": Scope.PROGRAMME, "programme": scope_object}
    if isinstance(scope_object, SubProgramme):
        return {
            "scope": Scope.SUB_PROGRAMME,
            "programme": scope_object.programme,
            "sub_programme": scope_object,
        }
    if isinstance(scope_object, Project):
        return {
            "scope": Scope.PROJECT,
            "programme": scope_object.sub_programme.programme,
            "sub_programme": scope_object.sub_programme,
            "project": scope_object,
        }
    raise TypeError(f"A report cannot be made of {scope_object!r}")


def scope_key_of(scope_object) -> str:
    return f"{_scope_fields(scope_object)['scope']}:{scope_object.pk}"


def report_order(
    *,
    user,
    scope_object: Programme | SubProgramme | Project,
    period: Period,
    origin: Origin = Origin.PAGE,
) -> tuple[Report, bool]:
    """Orders a report; returns (report, created). An active order of the same report is returned as it is.

    `user` is None for reports made on schedule or from the command line (`origin` says which). The task is
    sent after the commit; whether the broker took it shows in `report.sent_at` once the outermost
    transaction has committed.
    """
    if user is not None and not user.has_perm("reports.order_scope", scope_object):
        raise PermissionDenied
    fields = _scope_fields(scope_object)
    scope_key = scope_key_of(scope_object)
    with transaction.atomic():
        existing = Report.objects.filter(
            scope_key=scope_key, period_key=period.key, status__in=ACTIVE_STATUSES
        ).first()
        if existing:
            return existing, False
        report = Report(
            **fields,
            scope_key=scope_key,
            period_key=period.key,
            period_label=str(period.label),
            title=report_title(scope_object=scope_object, period=period),
            ordered_by=user,
            origin=origin,
        )
        report.full_clean(validate_constraints=False)
        try:
            # A savepoint: losing the race against a simultaneous order must not spoil the caller's
            # transaction.
            with transaction.atomic():
                report.save()
        except IntegrityError:
            existing = Report.objects.filter(
                scope_key=scope_key, period_key=period.key, status__in=ACTIVE_STATUSES
            ).first()
            if existing is None:
                raise
            return existing, False
        transaction.on_commit(lambda: report_send(report=report))
    return report, True


def report_send(*, report: Report) -> bool:
    """Hands the report to the broker; False (and the order kept for later) if the broker is unreachable."""
    from .tasks import generate_report

    try:
        generate_report.apply_async(
            args=[report.pk], retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2}
        )
    except (BrokerError, ConnectionError, OSError) as exc:
        logger.warning("Report %s recorded but not sent, the broker is unreachable: %s", report.pk, exc)
        report.sent_at = None
        return False
    now = timezone.now()
    # Only if not finished already: in eager mode the task has run by now.
    Report.objects.filter(pk=report.pk, sent_at__isnull=True).update(sent_at=now)
    report.sent_at = now
    return True


def report_send_unsent() -> int:
    """Sends the queued orders that never reached the broker; returns how many were sent."""
    sent = 0
    for report in Report.objects.filter(status=ReportStatus.QUEUED, sent_at__isnull=True).order_by("pk"):
        if report_send(report=report):
            sent += 1
        else:
            break
    return sent


def report_retry(*, user, report: Report) -> Report:
    """Queues a failed report again (the same row: it never produced a PDF)."""
    if not may_retry(user, report):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.FAILED:
            return report
        if Report.objects.filter(
            scope_key=report.scope_key, period_key=report.period_key, status__in=ACTIVE_STATUSES
        ).exists():
            raise ValidationError(_("This report is already being made."))
        report.status = ReportStatus.QUEUED
        report.progress = 0
        report.step = ""
        report.error = ""
        report.sent_at = None
        report.attempts = 0
        report.save()
        transaction.on_commit(lambda: report_send(report=report))
    return report


def report_publish(*, user, report: Report) -> Report:
    """Publishes a finished report to the elected members. A published report never changes again."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        # The report's state is checked here for everyone: a superuser passes every permission predicate.
        if report.is_published:
            raise ValidationError(
                _("The report is already published; a published report cannot be changed or deleted."),
                code="published",
            )
        if report.status != ReportStatus.DONE:
            raise ValidationError(_("Only a finished report can be published."), code="not_done")
        if not user.has_perm("reports.publish_report", report):
            raise PermissionDenied
        report.published_at = timezone.now()
        report.published_by = user
        report.full_clean()
        report.save(update_fields=["published_at", "published_by"])
    return report


# --- Rendering (runs in the worker) ---------------------------------------------------------------------


def _set_progress(report_id: int, progress: int, step: str) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(progress=progress, step=step)
    if settings.REPORT_STEP_DELAY:
        time.sleep(settings.REPORT_STEP_DELAY)


def report_start(*, report_id: int) -> Report | None:
    """Marks the report as being made; None if there is nothing to do (already done, failed or gone).

    A report found running was taken by a worker that died; it is simply made again from the start.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status not in ACTIVE_STATUSES:
            return None
        report.status = ReportStatus.RUNNING
        report.started_at = timezone.now()
        report.attempts += 1
        report.progress = 2
        report.step = _("Started")
        report.sent_at = report.sent_at or report.started_at
        report.save()
    return report


def report_layout(*, content: selectors.ReportContent):
    """The report's pages as WeasyPrint lays them out (a `weasyprint.Document`), before they are written."""
    from weasyprint import CSS, HTML

    html = render_to_string("reports/pdf/report.html", {"c": content, "report": content.report})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[CSS(filename=str(STYLESHEET))], **PDF_OPTIONS
    )


def render_pdf(
    *, content: selectors.ReportContent, on_layout: Callable[[], None] | None = None
) -> tuple[bytes, int]:
    """The PDF bytes and page count of a report's content."""
    from . import pdf_speed

    pdf_speed.install()
    with pdf_speed.rendering():
        document = report_layout(content=content)
        if on_layout:
            on_layout()
        pdf = document.write_pdf(**PDF_OPTIONS)
    return pdf, len(document.pages)


def report_render(*, report_id: int) -> Report | None:
    """Makes the PDF of an ordered report and stores it; returns the finished report (None: nothing to do)."""
    with translation.override(settings.LANGUAGE_CODE):
        report = report_start(report_id=report_id)
        if report is None:
            return None
        _set_progress(report_id, 5, _("Reading the programme"))

        def read(done: int, total: int) -> None:
            # Reading the projects is the first half of the work.
            Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
                progress=5 + int(45 * done / max(total, 1)),
                step=_("Reading project %(done)s of %(total)s") % {"done": done, "total": total},
            )

        content = selectors.report_content(report=report, progress=read)
        _set_progress(report_id, 55, _("Laying out the pages"))
        pdf, pages = render_pdf(
            content=content, on_layout=lambda: _set_progress(report_id, 85, _("Writing the PDF"))
        )
        _set_progress(report_id, 95, _("Storing the PDF"))
        digest = hashlib.sha256(pdf).hexdigest()
        filename = f"{file_slug(report.title, max_length=80)}-{report.pk}-{digest[:8]}.pdf"
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report_id)
            if locked.status != ReportStatus.RUNNING:
                return locked
            locked.file.save(filename, ContentFile(pdf), save=False)
            locked.sha256 = digest
            locked.size = len(pdf)
            locked.page_count = pages
            locked.status = ReportStatus.DONE
            locked.progress = 100
            locked.step = _("Done")
            locked.error = ""
            locked.finished_at = timezone.now()
            locked.save()
        return locked


def report_fail(*, report_id: int, reason: str) -> None:
    """Marks the report as failed with a message for the user (shown with a 'Try again' button)."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _(
            "The report could not be made: %(reason)s. Try again; if it fails again, contact the administrator."
        ) % {"reason": reason}
        Report.objects.filter(pk=report_id, status__in=ACTIVE_STATUSES).update(
            status=ReportStatus.FAILED, error=message, step="", finished_at=timezone.now()
        )


def report_note_retry(*, report_id: int, attempt: int, delay: int) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
            step=_("A temporary error; trying again in %(seconds)s seconds (attempt %(attempt)s)")
            % {"seconds": delay, "attempt": attempt + 1}
        )


def report_order_period_end(*, today) -> list[Report]:
    """Draft reports of every programme whose reporting period ended yesterday (run daily by beat)."""
    import datetime

    yesterday = today - datetime.timedelta(days=1)
    made = []
    for programme in Programme.objects.all():
        ended = Period.containing(yesterday, programme.reporting_scheme)
        if ended.end != yesterday:
            continue
        if Report.objects.filter(
            scope_key=scope_key_of(programme), period_key=ended.key, origin=Origin.SCHEDULE
        ).exists():
            continue
        report, _created = report_order(
            user=None, scope_object=programme, period=ended, origin=Origin.SCHEDULE
        )
        made.append(report)
    return made
