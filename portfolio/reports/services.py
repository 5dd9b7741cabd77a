"""Writes for the PDF status reports: ordering, rendering (called by the Celery task), publishing.

An order is one row; the database refuses a second active order of the same scope and period, so two
clicks (or two people) get one job. The task is queued with `transaction.on_commit`, so a worker never
looks for a row that is not committed. If the broker cannot be reached the order stays recorded with no
`sent_at`, and `report_send_unsent` (run by celery beat) sends it when the broker is back.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from core import access
from core.periods import Period
from core.text import file_slug
from programmes.models import Programme, Project, SubProgramme

from . import body, changes, correction_diff, selectors, signals, snapshot, versions
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


def drop_connections() -> None:
    """Closes this thread's database connections, so that the next query opens a fresh one.

    After a database error the connection may be dead (a restarted server, a cut network, an administrator's
    pg_terminate_backend); Django does not reconnect by itself, so any query on it, even the one recording
    the error, fails again. A connection inside a transaction is left to the transaction's owner.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


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
    corrects: Report | None = None,
    correction_reason: str = "",
) -> tuple[Report, bool]:
    """Orders a report; returns (report, created). An active order of the same report is returned as it is.

    `user` is None for reports made on schedule or from the command line (`origin` says which). The task is
    sent after the commit; whether the broker took it shows in `report.sent_at` once the outermost
    transaction has committed. `corrects` and `correction_reason` are set by `report_order_correction`.
    """
    if user is not None:
        access.require_perm(user, "reports.order_scope", scope_object)
    fields = _scope_fields(scope_object)
    scope_key = scope_key_of(scope_object)
    with transaction.atomic():
        existing = Report.objects.filter(
            scope_key=scope_key, period_key=period.key, status__in=ACTIVE_STATUSES
        ).first()
        # An order left by a dead worker is not handed back as it is: it is made again or, having run
        # out of time or attempts, failed, and then ordered anew.
        if existing and _watch_one(report_id=existing.pk, now=timezone.now()) != "failed":
            existing.refresh_from_db()
            return existing, False
        report = Report(
            **fields,
            scope_key=scope_key,
            period_key=period.key,
            period_label=str(period.label),
            title=report_title(scope_object=scope_object, period=period),
            ordered_by=user,
            origin=origin,
            corrects=corrects,
            correction_reason=correction_reason,
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


def correction_refusal(report: Report) -> ValidationError | None:
    """Why the report cannot be corrected whoever asks (a draft, or a version already replaced), or None."""
    if not report.is_published:
        return ValidationError(
            _("Only a published report can be corrected; a draft is simply ordered again."),
            code="not_published",
        )
    replacement = versions.replaced_by(report)
    if replacement is not None:
        return ValidationError(
            _(
                "This version has already been replaced by version %(version)s, published %(date)s. "
                "Correct that version instead."
            )
            % {
                "version": replacement.version,
                "date": date_format(timezone.localtime(replacement.published_at), "j. F Y"),
            },
            code="replaced",
        )
    return None


def report_order_correction(*, user, report: Report, reason: str) -> tuple[Report, bool]:
    """Orders a corrected version of a published report: a new report of the same scope and period that
    points to it and says what is corrected and why. Returns (correction, created); a correction of the
    report already ordered and not yet published is handed back instead of a second one.

    Only the newest version is corrected: a report replaced by a published correction is refused (correct
    the correction). The difference list is worked out when the correction is made (`_report_make`).
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        # The report's state is checked here for everyone: a superuser passes every permission predicate.
        refusal = correction_refusal(report)
        if refusal is not None:
            raise refusal
        access.require_perm(user, "reports.correct_report", report)
        pending = versions.pending_correction(report)
        if pending is not None:
            return pending, False
        if not reason:
            raise ValidationError(
                {"correction_reason": _("Say what is corrected and why; the readers see it first.")},
                code="required",
            )
        correction, created = report_order(
            user=user,
            scope_object=report.scope_object,
            period=report.period,
            corrects=report,
            correction_reason=reason,
        )
        if correction.corrects_id != report.pk:
            # Another order of the same scope and period is being made: the database allows one at a time.
            raise ValidationError(
                _(
                    "A report of the same scope and period is being made right now. Order the corrected "
                    "version when it is done."
                ),
                code="busy",
            )
    return correction, created


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
        if report.corrects_id is not None:
            corrected = Report.objects.select_for_update().get(pk=report.corrects_id)
            if versions.replaced_by(corrected) is not None:
                # Two corrections of one version: the first one published is the newest version.
                raise ValidationError(
                    _("The report this corrects has already been replaced by another corrected version."),
                    code="replaced",
                )
        access.require_perm(user, "reports.publish_report", report)
        report.published_at = timezone.now()
        report.published_by = user
        report.full_clean()
        report.save(update_fields=["published_at", "published_by"])
    return report


# --- Rendering (runs in the worker) ---------------------------------------------------------------------


def _set_progress(report_id: int, progress: int, step: str) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=progress, step=step, heartbeat_at=timezone.now()
    )
    if settings.REPORT_STEP_DELAY:
        time.sleep(settings.REPORT_STEP_DELAY)


@contextmanager
def _heartbeat(report_id: int) -> Iterator[None]:
    """Writes the worker's sign of life every REPORT_HEARTBEAT_SECONDS while the block runs, from a thread
    of its own: laying out a large report may take minutes without a step to report. The thread dies with
    the process, so a killed worker falls silent and the watchdog makes the report again."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
                try:
                    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    logger.warning(
                        "Report %s: no sign of life written, the database is unavailable", report_id
                    )
                    drop_connections()
        finally:
            drop_connections()

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


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
        report.heartbeat_at = report.started_at
        report.attempts += 1
        report.progress = 2
        report.step = _("Started")
        report.sent_at = report.sent_at or report.started_at
        report.save()
    return report


def report_layout(*, snapshot: dict, report: Report):
    """The report's pages as WeasyPrint lays them out (a `weasyprint.Document`), before they are written,
    rendered from its snapshot alone (portfolio.reports.body)."""
    from weasyprint import CSS, HTML

    html = render_to_string("reports/pdf/report.html", body.body_context(report=report, frozen=snapshot))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[CSS(filename=str(STYLESHEET))], **PDF_OPTIONS
    )


def render_pdf(
    *, snapshot: dict, report: Report, on_layout: Callable[[], None] | None = None
) -> tuple[bytes, int]:
    """The PDF bytes and page count of a report rendered from its snapshot (as `Report.snapshot` holds it)."""
    from . import pdf_speed

    pdf_speed.install()
    with pdf_speed.rendering():
        document = report_layout(snapshot=snapshot, report=report)
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
        with _heartbeat(report_id):
            return _report_make(report=report)


def _report_make(*, report: Report) -> Report:
    """The rendering proper, for a report marked running by `report_start`."""
    report_id = report.pk
    _set_progress(report_id, 5, _("Reading the programme"))

    def read(done: int, total: int) -> None:
        # Reading the projects is the first half of the work.
        Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
            heartbeat_at=timezone.now(),
            progress=5 + int(45 * done / max(total, 1)),
            step=_("Reading project %(done)s of %(total)s") % {"done": done, "total": total},
        )

    content = selectors.report_content(report=report, progress=read)
    frozen = snapshot.build(content)
    # What changed since the previous published report of the scope, frozen with the rest.
    frozen["changes"], compared_with = changes.changes_for(report, frozen)
    if report.corrects_id is not None:
        _add_corrections(frozen, report=report)
    snapshot.validate(frozen)
    report.snapshot_sha256 = snapshot.digest(frozen)
    _set_progress(report_id, 55, _("Laying out the pages"))
    # The PDF is rendered from the snapshot, as the web version is, never from the live objects.
    pdf, pages = render_pdf(
        snapshot=frozen,
        report=report,
        on_layout=lambda: _set_progress(report_id, 85, _("Writing the PDF")),
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
        locked.snapshot = frozen
        locked.snapshot_sha256 = report.snapshot_sha256
        locked.compared_with = compared_with
        locked.size = len(pdf)
        locked.page_count = pages
        locked.status = ReportStatus.DONE
        locked.progress = 100
        locked.step = _("Done")
        locked.error = ""
        locked.finished_at = timezone.now()
        locked.save()
        _announce_finished(report_id)
    return locked


def _add_corrections(frozen: dict, *, report: Report) -> None:
    """Writes into a correction's snapshot what it corrects (`report.corrects`: the version, when it was
    published, and why it is corrected) and what differs from it (`corrections`: correction_diff's list;
    None if the corrected report was made before reports kept their content)."""
    corrected = Report.objects.get(pk=report.corrects_id)
    frozen["report"]["corrects"] = {
        "report_id": corrected.pk,
        "title": corrected.title,
        "published_on": (
            timezone.localdate(corrected.published_at).isoformat() if corrected.published_at else None
        ),
        "version": versions.version_number(corrected),
        "reason": report.correction_reason,
    }
    frozen["corrections"] = (
        correction_diff.differences(corrected.snapshot, frozen) if corrected.snapshot else None
    )


def _announce_finished(report_id: int) -> None:
    transaction.on_commit(
        lambda: signals.report_finished.send(sender=Report, report_id=report_id), robust=True
    )


def report_fail(*, report_id: int, reason: str) -> None:
    """Marks the report as failed with a message for the user (shown with a 'Try again' button)."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _(
            "The report could not be made: %(reason)s. Try again; if it fails again, contact the administrator."
        ) % {"reason": reason}
        failed = Report.objects.filter(pk=report_id, status__in=ACTIVE_STATUSES).update(
            status=ReportStatus.FAILED, error=message, step="", finished_at=timezone.now()
        )
        if failed:
            _announce_finished(report_id)


def report_note_retry(*, report_id: int, attempt: int, delay: int) -> None:
    """Says on the report that it is tried again in `delay` seconds. Its sign of life is set to when the
    next attempt is due, so the watchdog leaves it alone while it waits, and not longer."""
    with translation.override(settings.LANGUAGE_CODE):
        Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
            step=_("A temporary error; trying again in %(seconds)s seconds (attempt %(attempt)s)")
            % {"seconds": delay, "attempt": attempt + 1},
            heartbeat_at=timezone.now() + datetime.timedelta(seconds=delay),
        )


# --- The watchdog (celery beat) ----------------------------------------------------------------------------

# Times a report is started before a worker dying under it counts as the report's fault.
MAX_ATTEMPTS = 3


def report_watch(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Ends every report that would otherwise stay «being made» for ever; returns how many it requeued
    and failed. Run every minute by beat.

    A running report past its time limit is failed with the reason (the user sees «Prøv igjen»). One
    whose worker has been silent for REPORT_HEARTBEAT_STALE seconds was left by a dead worker: it is
    queued again (the message the dead worker held comes back only after the broker's visibility
    timeout, 30 minutes), or failed once it has been started MAX_ATTEMPTS times.
    """
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    for report_id in Report.objects.filter(_stuck(now)).values_list("pk", flat=True):
        outcome = _watch_one(report_id=report_id, now=now)
        if outcome:
            counts[outcome] += 1
    return counts


def _stuck(now: datetime.datetime) -> Q:
    silent_since = now - datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_STALE)
    return Q(status=ReportStatus.RUNNING) & (
        Q(started_at__lt=_overdue_since(now))
        | Q(heartbeat_at__lt=silent_since)
        | Q(heartbeat_at__isnull=True, started_at__lt=silent_since)
        | Q(heartbeat_at__isnull=True, started_at__isnull=True)
    )


def _overdue_since(now: datetime.datetime) -> datetime.datetime:
    # The hard time limit, and the silence it takes to notice that the worker was stopped by it.
    return now - datetime.timedelta(seconds=settings.REPORT_TIME_LIMIT + settings.REPORT_HEARTBEAT_STALE)


def _watch_one(*, report_id: int, now: datetime.datetime) -> str | None:
    """Requeues or fails one report if it is stuck (looked at again under lock); says which, or None."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        report = Report.objects.select_for_update().filter(_stuck(now), pk=report_id).first()
        if report is None:
            return None
        if report.started_at and report.started_at < _overdue_since(now):
            reason = _("it took more than %(minutes)s minutes") % {
                "minutes": max(settings.REPORT_SOFT_TIME_LIMIT // 60, 1)
            }
        elif report.attempts >= MAX_ATTEMPTS:
            reason = _("the worker making it stopped %(count)s times") % {"count": report.attempts}
        else:
            logger.warning("Report %s: its worker fell silent; it is made again", report_id)
            report.status = ReportStatus.QUEUED
            report.progress = 0
            report.step = _("The work stopped; the report is made again")
            report.heartbeat_at = None
            report.sent_at = None
            report.save()
            transaction.on_commit(lambda: report_send(report=report))
            return "requeued"
        logger.warning("Report %s failed: %s", report_id, reason)
        report_fail(report_id=report_id, reason=reason)
        return "failed"


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
