"""Abstract models every app may build on. core has no tables of its own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .import_problems import ImportSummary


class Versioned(models.Model):
    """Optimistic locking: `version` grows with every save, whatever path saves (services, admin, commands).

    A form carries the version it was opened at; a save made on an older version is merged field by field
    with what was saved meanwhile (core.merge), so no change is lost without the user choosing it.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ExportStatus = JobStatus  # the name the exports were written with


class Job(models.Model):
    """Work too large for a page request, done by a Celery worker (core.jobs): who asked for it, how far it
    has come, and why it failed. Only the person who asked sees it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("ordered by")
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_at_most_100"
            ),
        ]

    @property
    def active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)


def export_upload_to(job: "ExportJob", filename: str) -> str:
    return f"exports/{job._meta.label_lower}/{filename}"


class ExportJob(Job):
    """An export too large to make within a page request, made by a Celery worker (core.export_jobs).

    The person who ordered it follows its progress and downloads the file from its own page; nobody else
    sees it. An app's concrete export adds what is exported (a scorecard, a programme's gain plan).
    """

    file_format = models.CharField(_("format"), max_length=4, choices=[("xlsx", "Excel"), ("csv", "CSV")])
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    file = models.FileField(upload_to=export_upload_to, blank=True)

    class Meta(Job.Meta):
        abstract = True


def upload_folder(model: type[models.Model]) -> str:
    """The folder of the media storage where a model's uploaded files are kept."""
    return f"imports/{model._meta.label_lower}"


def import_upload_to(instance: "ImportJob | Upload", filename: str) -> str:
    return f"{upload_folder(type(instance))}/{filename}"


class ImportJob(Job):
    """An uploaded file too large to import within a page request, imported by a Celery worker
    (core.import_jobs), all or nothing. The upload is kept only until the worker has read it.

    `problems` holds what is wrong with the file (row, column, Norwegian message), when it was refused;
    `summary` what the import did, as (level, text) lines: together, the import's `import_summary`. An app's
    concrete import adds what is imported into.
    """

    file = models.FileField(upload_to=import_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    problems = models.JSONField(_("problems in the file"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=list, blank=True)

    class Meta(Job.Meta):
        abstract = True

    @property
    def refused(self) -> bool:
        """Whether the worker read the file and found problems in it (nothing was imported)."""
        return self.status == JobStatus.DONE and bool(self.problems)

    @property
    def import_summary(self) -> ImportSummary:
        return ImportSummary.from_json(problems=self.problems, lines=self.summary)


class Upload(models.Model):
    """A file uploaded for an import and kept while the person who uploaded it goes through the import's
    steps (its columns, its preview); confirming imports it and removes it. One that is never confirmed is
    deleted with its file once it is UPLOAD_KEEP_HOURS old (core.uploads, by beat and by `clean_uploads`):
    every concrete model derived from this one is cleaned up so, without being listed anywhere."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    file = models.FileField(upload_to=import_upload_to)
    file_name = models.CharField(_("file name"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
