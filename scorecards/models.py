"""Master-plan goals and the projects that serve them; scorecards with indicators and yearly targets/results."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ExportJob, ImportJob, Upload, Versioned
from programmes.models import Programme, Project

from . import values
from .values import Bound, Direction, Kind, Value

# The perspectives annual reports group indicators by; a scorecard may use others (stored as text).
SUGGESTED_PERSPECTIVES = ("Tjenestekvalitet", "Økonomi", "Medarbeider", "Samfunn", "Brukere", "Miljø")


class Goal(models.Model):
    """A goal of the municipal master plan (kommuneplanmål): a social goal, or a sub-goal under one."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("programme"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("main goal"),
        help_text=_("Leave empty for a social goal; choose one for a sub-goal."),
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. 1 or 1.2"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("master-plan goal")
        verbose_name_plural = _("master-plan goals")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                "programme",
                Lower("code"),
                name="goal_code_unique_in_programme",
                violation_error_message=_("A goal with this code already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("scorecards:goal_detail", args=[self.pk])

    def clean(self) -> None:
        # One level of sub-goals, as in the master plan: a sub-goal's main goal is a social goal.
        if self.parent_id and (self.parent_id == self.pk or self.parent.parent_id):
            raise ValidationError({"parent": _("Choose a social goal (a goal without a main goal).")})


class Strength(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ProjectGoal(Versioned):
    """A project's contribution to a goal: how, and how strongly it is expected to help."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goal_links", verbose_name=_("project")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="project_links", verbose_name=_("goal")
    )
    statement = models.TextField(_("how the project contributes"), blank=True)
    strength = models.CharField(
        _("expected contribution"), max_length=6, choices=Strength.choices, default=Strength.MEDIUM
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project's goal")
        verbose_name_plural = _("projects' goals")
        ordering = ["goal__position", "goal__code", "project__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "goal"],
                name="project_goal_unique",
                violation_error_message=_("The project is already linked to this goal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.goal}"


class Scorecard(models.Model):
    """A scorecard (målekort) of one service area over a range of years, e.g. «120: Økonomi»."""

    title = models.CharField(_("title"), max_length=200)
    service_area = models.CharField(_("service area"), max_length=200, blank=True)
    function_code = models.CharField(
        _("KOSTRA function"), max_length=40, blank=True, help_text=_("E.g. 120 or 121/130")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scorecards",
        verbose_name=_("owner"),
        help_text=_("The person who keeps the scorecard's targets and results up to date."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["function_code", "title"]
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                name="scorecard_title_unique",
                violation_error_message=_("A scorecard with this title already exists."),
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(last_year__gte=F("first_year")),
                name="scorecard_years_in_order",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("scorecards:scorecard_detail", args=[self.pk])


class DirectionSource(models.TextChoices):
    FILE = "file", _("the imported file")
    INFERRED = "inferred", _("inferred, not confirmed")
    USER = "user", _("a person")


class Indicator(models.Model):
    """One measure on a scorecard. The benefits it measures are linked from the benefits app."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("scorecard")
    )
    area = models.CharField(_("area"), max_length=200, blank=True)
    perspective = models.CharField(
        _("perspective"),
        max_length=100,
        blank=True,
        help_text=_("E.g. Tjenestekvalitet, Økonomi, Medarbeider"),
    )
    name = models.CharField(_("indicator"), max_length=500)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=7,
        choices=[(direction.value, label) for direction, label in values.DIRECTION_LABELS.items()],
        default=Direction.UNKNOWN.value,
    )
    # Whether a person stands behind the direction: only then does the indicator get Nådd/Ikke nådd.
    direction_source = models.CharField(
        _("direction set by"),
        max_length=8,
        choices=DirectionSource.choices,
        default=DirectionSource.INFERRED,
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("master-plan goal"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["scorecard", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                "scorecard",
                Lower("area"),
                Lower("perspective"),
                Lower("name"),
                name="indicator_unique_on_scorecard",
                violation_error_message=_(
                    "The scorecard already has this indicator in this area and perspective."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def direction_confirmed(self) -> bool:
        """A direction a file stated or a person set; an inferred one is only a proposal."""
        return self.direction != Direction.UNKNOWN and self.direction_source != DirectionSource.INFERRED

    @property
    def status_direction(self) -> Direction:
        """The direction statuses and trends may use: UNKNOWN until it is confirmed."""
        return Direction(self.direction) if self.direction_confirmed else Direction.UNKNOWN

    def status_in(self, year: int, by_year: Mapping[int, IndicatorValue]) -> values.Status:
        """The indicator's status in `year`, given its values by year: the one place a status is computed,
        for the page, the export and the PDF alike."""
        value = by_year.get(year)
        target = value.target if value else None
        results = None
        if target is not None and target.kind == Kind.RELATIVE:  # compared with another year's result
            results = {y: v.result for y, v in by_year.items()}
        return values.status(
            target, value.result if value else None, self.status_direction, year=year, results=results
        )


VALUE_KINDS = [(kind.value, kind.value) for kind in Kind]
BOUNDS = [(bound.value, bound.value or "=") for bound in Bound]


class IndicatorValue(models.Model):
    """An indicator's target and result for one year: the text as written, and what it was parsed into."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target_text = models.CharField(_("target"), max_length=200, blank=True)
    target_kind = models.CharField(max_length=12, choices=VALUE_KINDS, blank=True)
    target_number = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    target_bound = models.CharField(max_length=1, choices=BOUNDS, blank=True)
    target_unit = models.CharField(max_length=40, blank=True)
    target_remark = models.CharField(max_length=200, blank=True)
    result_text = models.CharField(_("result"), max_length=200, blank=True)
    result_kind = models.CharField(max_length=12, choices=VALUE_KINDS, blank=True)
    result_number = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    result_bound = models.CharField(max_length=1, choices=BOUNDS, blank=True)
    result_unit = models.CharField(max_length=40, blank=True)
    result_remark = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target and result")
        verbose_name_plural = _("targets and results")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_value_unique_year",
                violation_error_message=_("The indicator already has a value for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"

    @cached_property
    def target(self) -> Value | None:
        return self._value("target")

    @cached_property
    def result(self) -> Value | None:
        return self._value("result")

    def _value(self, which: str) -> Value | None:
        kind = getattr(self, f"{which}_kind")
        if not kind:
            return None
        number = getattr(self, f"{which}_number")
        return Value(
            Kind(kind),
            number.normalize() + 0 if isinstance(number, Decimal) else None,
            Bound(getattr(self, f"{which}_bound")),
            getattr(self, f"{which}_unit"),
            getattr(self, f"{which}_remark"),
        )

    def set_value(self, which: str, text: str, value: Value | None) -> None:
        """Keeps the text as written and the parsed value beside it."""
        self.__dict__.pop(which, None)  # the cached parsed value
        setattr(self, f"{which}_text", text if value is not None else "")
        setattr(self, f"{which}_kind", value.kind.value if value else "")
        setattr(self, f"{which}_number", value.number if value else None)
        setattr(self, f"{which}_bound", value.bound.value if value else "")
        setattr(self, f"{which}_unit", value.unit if value else "")
        setattr(self, f"{which}_remark", value.remark if value else "")

    @property
    def status(self) -> values.Status:
        return self.indicator.status_in(self.year, {v.year: v for v in self.indicator.values.all()})


class ScorecardExport(ExportJob):
    """A scorecard's long form as a file, made by a worker when it is too large for a page request."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="exports", verbose_name=_("scorecard")
    )

    class Meta(ExportJob.Meta):
        verbose_name = _("scorecard export")
        verbose_name_plural = _("scorecard exports")

    def __str__(self) -> str:
        return f"{self.scorecard} ({self.file_format})"

    def get_absolute_url(self) -> str:
        return reverse("scorecards:export_job", args=[self.pk])


class ScorecardImport(ImportJob):
    """A file imported into a scorecard by a worker, when it is too large to import within a page request."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="imports", verbose_name=_("scorecard")
    )
    # How the worker reads the file: the mapping confirmed in the preview (excel.Mapping), or {} for the one
    # its headers propose.
    options = models.JSONField(_("column mapping"), default=dict, blank=True)

    class Meta(ImportJob.Meta):
        verbose_name = _("scorecard import")
        verbose_name_plural = _("scorecard imports")

    def __str__(self) -> str:
        return f"{self.scorecard}: {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("scorecards:import_job", args=[self.pk])


class ScorecardUpload(Upload):
    """A file uploaded into a scorecard and not imported yet: kept while the person who uploaded it chooses
    what its columns are and looks at the preview. Confirming imports it (at once, or by a worker) and
    removes it; one never confirmed is deleted after UPLOAD_KEEP_HOURS (core.uploads)."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="uploads", verbose_name=_("scorecard")
    )
    mapping = models.JSONField(
        _("column mapping"), default=dict, blank=True
    )  # excel.Mapping, {} until chosen

    class Meta(Upload.Meta):
        verbose_name = _("uploaded scorecard file")
        verbose_name_plural = _("uploaded scorecard files")

    def __str__(self) -> str:
        return f"{self.scorecard}: {self.file_name}"

    def get_absolute_url(self) -> str:
        """The preview once the columns are chosen, else the page where they are."""
        return reverse(
            "scorecards:upload_preview" if self.mapping else "scorecards:upload_columns",
            args=[self.scorecard_id, self.pk],
        )


class ImportMapping(models.Model):
    """What the columns of a scorecard's files were, as last confirmed (excel.Remembered): each header →
    its role, so that next year's file with the same headers goes straight to the preview."""

    scorecard = models.OneToOneField(
        Scorecard, on_delete=models.CASCADE, related_name="import_mapping", verbose_name=_("scorecard")
    )
    columns = models.JSONField(_("columns"), default=dict)
    headings = models.CharField(_("heading rows become"), max_length=12, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("remembered column mapping")
        verbose_name_plural = _("remembered column mappings")

    def __str__(self) -> str:
        return str(self.scorecard)
