"""Generated PDF status reports: an order, its rendering by a Celery worker, and the frozen PDF it made."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.people import person_name
from core.periods import Period
from programmes.models import Programme, Project, SubProgramme


class Scope(models.TextChoices):
    PROGRAMME = "programme", _("Whole programme")
    SUB_PROGRAMME = "sub_programme", _("Sub-programme")
    PROJECT = "project", _("Project")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_STATUSES = (ReportStatus.QUEUED, ReportStatus.RUNNING)


class Origin(models.TextChoices):
    """How a report was ordered: a person in the browser, celery beat at the end of a period, or a script."""

    PAGE = "page", _("In the browser")
    SCHEDULE = "schedule", _("On schedule at the end of the period")
    COMMAND = "command", _("From the command line")


def report_upload_to(report: "Report", filename: str) -> str:
    return f"reports/{report.period_key}/{filename}"


class Report(models.Model):
    """One ordered report. Once done its PDF is a frozen snapshot; a new rendering is a new report."""

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="reports", verbose_name=_("programme")
    )
    sub_programme = models.ForeignKey(
        SubProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("sub-programme"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("project"),
    )
    # "programme:3", "sub_programme:7" or "project:42": one column that names the scope, so that the
    # database can refuse a second active order of the same report.
    scope_key = models.CharField(max_length=40, editable=False)
    period_key = models.CharField(_("period"), max_length=10)
    period_label = models.CharField(_("period"), max_length=40)
    title = models.CharField(_("title"), max_length=300)

    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=100, blank=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordered by"),
        help_text=_("Empty for reports made on schedule or from the command line."),
    )
    origin = models.CharField(
        _("ordered through"), max_length=10, choices=Origin.choices, default=Origin.PAGE
    )
    ordered_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    # Set when the order has been handed to the broker; an order recorded while the broker was down has
    # none, and the beat task sends it later.
    sent_at = models.DateTimeField(_("sent to the queue"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The last sign of life of the worker making the report (while waiting for a retry: when the next
    # attempt is due). The watchdog makes again, or fails, a running report whose worker fell silent.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)

    file = models.FileField(_("PDF file"), upload_to=report_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)

    # The report's content, frozen when it was made (snapshot.py; the schema in docs/report-snapshot.md): the
    # PDF and the web version are both rendered from it. Its SHA-256 is over `snapshot.canonical_bytes`.
    snapshot = models.JSONField(_("content (snapshot)"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    # The published report of the same scope that «changes since the last report» compares with.
    compared_with = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compared with"),
    )
    # A correction is a new report of the same scope and period that points to the published one it replaces.
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(_("what is corrected, and why"), blank=True)

    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("status report (PDF)")
        verbose_name_plural = _("status reports (PDF)")
        ordering = ["-ordered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope_key", "period_key"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="report_one_active_order",
                violation_error_message=_("This report is already being made."),
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=ReportStatus.DONE),
                name="report_only_done_is_published",
            ),
        ]
        indexes = [models.Index(fields=["scope_key", "period_key"], name="report_scope_period_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)
        self._published_when_read = self.published_at is not None

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        # What the database held when the row was read: a published report stays as it was, whoever asks
        # (a superuser passes every permission predicate, so the check cannot live in those alone).
        # (Read from __dict__: a deferred field must not cost a query for every row.)
        report._published_when_read = report.__dict__.get("published_at") is not None
        return report

    def _refuse_if_published(self) -> None:
        if getattr(self, "_published_when_read", False):
            raise ValidationError(
                _("The report is already published; a published report cannot be changed or deleted."),
                code="published",
            )

    @property
    def period(self) -> Period:
        return Period.from_key(self.period_key)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_publishable(self) -> bool:
        return self.status == ReportStatus.DONE and not self.is_published

    @property
    def scope_object(self) -> Programme | SubProgramme | Project:
        return self.project or self.sub_programme or self.programme

    @property
    def orderer(self) -> str:
        """Who or what ordered the report, as the pages and the PDF's cover say it."""
        if self.ordered_by is not None:
            return person_name(self.ordered_by)
        return str(self.get_origin_display())

    @property
    def scope_name(self) -> str:
        return str(self.scope_object)
