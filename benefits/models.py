"""Gains (gevinster): a project's expected benefits, their yearly plan and realisation, and the programme's
economic-plan period and savings targets.

Amounts: a plan year's `planned` and `realised` are `Decimal(15, 2)`. For the financial kinds they are
whole kroner (validation refuses øre and negative amounts; the selectors hand out `int`), for the
non-financial kinds a value in the benefit's own unit of measure (hours, tonnes CO₂, a score…), which
may have decimals. One column pair for both keeps the grid, the Excel layout and the sums uniform.
`realised` is nullable on purpose: not yet realised is not the same as realised 0 kr.

A realised figure can only be given for this year or an earlier one: `BenefitPlanYear.clean()` refuses one
for a year that has not started (the grid, the benefit form and the Excel import all say so). Rows stored
before that rule may still hold one; they are kept as they are (never deleted behind the user's back), the
selectors do not count them as realised until the year begins, and the grid marks them for correction.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ExportJob, ImportJob, Upload
from programmes.models import Programme, Project, SubProgramme

DEFAULT_PLAN_YEARS = 4
MAX_HORIZON_YEARS = 10
MAX_AMOUNT = Decimal("9999999999999")  # far beyond any municipal budget; keeps Decimal(15, 2) safe


def current_year() -> int:
    """This year: the last year a realised figure may be given for (validation and every sum use it)."""
    return timezone.localdate().year


def future_realised_error(year: int | None, realised) -> str | None:
    """Why a realised figure cannot be given for `year`, or None when it can (the one rule for it)."""
    if realised is None or year is None or year <= current_year():
        return None
    return _(
        "%(year)s has not started yet, so nothing can be realised in it. Enter what you expect as planned, "
        "and the realised figure when the year has begun."
    ) % {"year": year}


class BenefitKind(models.TextChoices):
    REDUCED_COST = "reduced_cost", _("Reduced cost")
    AVOIDED_COST = "avoided_cost", _("Avoided cost")
    MORE_INCOME = "more_income", _("More income")
    QUALITY = "quality", _("Quality")
    TIME_SAVED = "time_saved", _("Time saved")
    ENVIRONMENT = "environment", _("Environment")
    OTHER = "other", _("Other")


FINANCIAL_KINDS = frozenset({BenefitKind.REDUCED_COST, BenefitKind.AVOIDED_COST, BenefitKind.MORE_INCOME})


def is_financial(kind: str) -> bool:
    return kind in FINANCIAL_KINDS


class EconomicPlan(models.Model):
    """The economic-plan period (økonomiplanperiode) a programme's gains are planned over."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="economic_plan", verbose_name=_("programme")
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    years = models.PositiveSmallIntegerField(
        _("number of years"),
        default=DEFAULT_PLAN_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=_("Four years as a rule; extend it when the plan is rolled forward."),
    )

    horizon_years = models.PositiveSmallIntegerField(
        _("years the gains are followed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HORIZON_YEARS)],
        help_text=_(
            "How many years from the first year the gains ledger follows each gain, up to 10. Empty: the "
            "economic plan's years."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("economic plan period")
        verbose_name_plural = _("economic plan periods")

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def end_year(self) -> int:
        return self.start_year + self.years - 1

    @property
    def ledger_years(self) -> list[int]:
        """The years the gains ledger (gevinstrealiseringsplan) follows: the horizon, or the plan's years."""
        return list(range(self.start_year, self.start_year + (self.horizon_years or self.years)))

    @property
    def year_list(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.years))


class SavingsTarget(models.Model):
    """The savings a programme (or one of its sub-programmes) must reach in a year, in whole kroner."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="savings_targets", verbose_name=_("programme")
    )
    sub_programme = models.ForeignKey(
        SubProgramme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="savings_targets",
        verbose_name=_("sub-programme"),
        help_text=_("Empty for the target of the whole programme."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveBigIntegerField(_("target (NOK)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("savings target")
        verbose_name_plural = _("savings targets")
        ordering = ["programme", "sub_programme", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"],
                condition=Q(sub_programme__isnull=True),
                name="savings_target_programme_year_unique",
                violation_error_message=_("The programme already has a target for this year."),
            ),
            models.UniqueConstraint(
                fields=["sub_programme", "year"],
                condition=Q(sub_programme__isnull=False),
                name="savings_target_sub_programme_year_unique",
                violation_error_message=_("The sub-programme already has a target for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sub_programme or self.programme} {self.year}"

    def clean(self):
        if (
            self.sub_programme_id
            and self.programme_id
            and self.sub_programme.programme_id != self.programme_id
        ):
            raise ValidationError({"sub_programme": _("The sub-programme belongs to another programme.")})


class Benefit(models.Model):
    """An expected gain of a project, owned by the line leader who must realise it (gevinsteier)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="benefits", verbose_name=_("project")
    )
    title = models.CharField(_("benefit"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=BenefitKind.choices,
        help_text=_(
            "Reduced cost, avoided cost and more income are financial gains, planned in whole kroner and summed "
            "in every overview. Quality, time saved, environment and other are counted by type in their own "
            "unit of measure, never added to the kroner."
        ),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_benefits",
        verbose_name=_("benefit owner"),
        help_text=_("The line leader who must realise the benefit, not the project leader."),
    )
    unit = models.CharField(
        _("where it lands"),
        max_length=200,
        blank=True,
        help_text=_("The unit or service whose budget or work the benefit affects."),
    )
    measurement = models.TextField(_("how it is measured"), blank=True)
    unit_of_measure = models.CharField(
        _("unit of measure"),
        max_length=50,
        blank=True,
        help_text=_(
            "For non-financial benefits: what the numbers count, e.g. hours or tonnes CO₂. Financial benefits "
            "are always in kroner."
        ),
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For non-financial benefits: the value the change should reach, in the unit of measure."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    indicator = models.ForeignKey(
        "scorecards.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="benefits",
        verbose_name=_("scorecard indicator"),
        help_text=_("Optional: the scorecard indicator whose results count as this benefit's measurements."),
    )
    goals = models.ManyToManyField(
        "scorecards.Goal",
        blank=True,
        related_name="benefits",
        verbose_name=_("goals it serves"),
        help_text=_("The master plan's goals this benefit serves. Empty: the project's goals."),
    )
    range_low_percent = models.PositiveSmallIntegerField(
        _("low estimate (% of expected)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "The uncertainty range for every year without its own low figure, e.g. 70 when the gain may be "
            "30 % smaller than expected. Empty: the range is not known."
        ),
    )
    range_high_percent = models.PositiveSmallIntegerField(
        _("high estimate (% of expected)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(100), MaxValueValidator(1000)],
        help_text=_(
            "E.g. 120 when the gain may be 20 % larger than expected. Empty: the range is not known."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking, as on the project form: bumped by every save through the services.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[goals])

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("title"),
                name="benefit_title_unique_in_project",
                violation_error_message=_("The project already has a benefit with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_financial(self) -> bool:
        return is_financial(self.kind)


class BenefitPlanYear(models.Model):
    """One year of a benefit's realisation plan: planned and realised amount (or value), and a comment."""

    benefit = models.ForeignKey(
        Benefit, on_delete=models.CASCADE, related_name="plan_years", verbose_name=_("benefit")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planned = models.DecimalField(_("planned"), max_digits=15, decimal_places=2, null=True, blank=True)
    realised = models.DecimalField(
        _("realised"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty until the year's realisation is known; 0 means nothing was realised."),
    )
    low = models.DecimalField(
        _("low"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The least the year is likely to give; empty: the benefit's range, if it has one."),
    )
    high = models.DecimalField(
        _("high"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The most the year is likely to give; empty: the benefit's range, if it has one."),
    )
    operating_cost = models.DecimalField(
        _("operating cost"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The recurring cost of running the change this year, in whole kroner; it is subtracted from "
            "the gain to give the net gain."
        ),
    )
    withdrawal = models.DecimalField(
        _("budget withdrawal"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What is taken out of the responsible unit's budget this year (uttak i budsjett)."),
    )
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan year")
        verbose_name_plural = _("plan years")
        ordering = ["benefit", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "year"],
                name="benefit_plan_year_unique",
                violation_error_message=_("The benefit already has a plan for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.benefit} {self.year}"

    def clean(self):
        if not self.benefit_id:
            return
        errors = {}
        for name in ("planned", "realised", "low", "high", "operating_cost", "withdrawal"):
            value = getattr(self, name)
            if value is None:
                continue
            if abs(value) > MAX_AMOUNT:
                errors[name] = _("The number is too large.")
            elif self.benefit.is_financial and (value < 0 or value != value.to_integral_value()):
                errors[name] = _("Write an amount in whole kroner, e.g. 1 250 000 or 1,25 mill.")
        future = future_realised_error(self.year, self.realised)
        if future and "realised" not in errors:
            errors["realised"] = future
        if not self.benefit.is_financial:
            for name in ("operating_cost", "withdrawal"):
                if getattr(self, name) is not None and name not in errors:
                    errors[name] = _("Only financial benefits have operating costs and budget withdrawals.")
        if (
            self.low is not None
            and self.planned is not None
            and self.low > self.planned
            and "low" not in errors
        ):
            errors["low"] = _("The low figure cannot be larger than the planned (expected) figure.")
        if (
            self.high is not None
            and self.planned is not None
            and self.high < self.planned
            and "high" not in errors
        ):
            errors["high"] = _("The high figure cannot be smaller than the planned (expected) figure.")
        if errors:
            raise ValidationError(errors)


class BenefitMeasurement(models.Model):
    """A measured value of a non-financial benefit (an indicator) on a date, in the benefit's unit of measure.
    Results of a linked scorecard indicator count as measurements too, without being copied here."""

    benefit = models.ForeignKey(
        Benefit, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("benefit")
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=15, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["benefit", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "measured_on"],
                name="benefit_measurement_unique_date",
                violation_error_message=_("The benefit already has a measurement on this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.benefit} {self.measured_on}"

    def clean(self):
        if self.value is not None and abs(self.value) > MAX_AMOUNT:
            raise ValidationError({"value": _("The number is too large.")})


class ProjectChange(models.Model):
    """One line of a project's benefit map (gevinstkart): what the project delivers, the change in the way
    of working it brings, and the benefits that change gives."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="changes", verbose_name=_("project")
    )
    deliverable = models.CharField(
        _("deliverable"), max_length=200, help_text=_("What the project delivers, e.g. a new booking system.")
    )
    change = models.CharField(
        _("change"),
        max_length=300,
        help_text=_("What changes in the way the organisation works because of the deliverable."),
    )
    benefits = models.ManyToManyField(
        Benefit, blank=True, related_name="changes", verbose_name=_("benefits it gives")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(m2m_fields=[benefits])

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["project", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.deliverable} → {self.change}"


class BenefitPlanExport(ExportJob):
    """A programme's whole benefit plan as an Excel file, made by a worker when it is too large for a page
    request."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="benefit_plan_exports", verbose_name=_("programme")
    )

    class Meta(ExportJob.Meta):
        verbose_name = _("benefit plan export")
        verbose_name_plural = _("benefit plan exports")

    def __str__(self) -> str:
        return f"{self.programme} ({self.file_format})"

    def get_absolute_url(self) -> str:
        return reverse("benefits:export_job", args=[self.pk])


class BenefitPlanImport(ImportJob):
    """A benefit plan file imported into a programme by a worker, when it is too large to import within a
    page request."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="benefit_plan_imports", verbose_name=_("programme")
    )
    # How a file in a layout of its own is read (reading.GainsMapping); {} for the product's own layout.
    options = models.JSONField(_("column mapping"), default=dict, blank=True)

    class Meta(ImportJob.Meta):
        verbose_name = _("benefit plan import")
        verbose_name_plural = _("benefit plan imports")

    def __str__(self) -> str:
        return f"{self.programme}: {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("benefits:import_job", args=[self.pk])


class BenefitUpload(Upload):
    """A gains file uploaded into a programme and not imported yet: kept while the person who uploaded it
    chooses what its columns are, how its amounts are read and what each row becomes. Confirming imports it
    (at once, or by a worker) and removes it; one never confirmed is cleaned up (core.models.Upload)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="benefit_uploads", verbose_name=_("programme")
    )
    # reading.GainsMapping, {} until chosen
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)

    class Meta(Upload.Meta):
        verbose_name = _("uploaded gains file")
        verbose_name_plural = _("uploaded gains files")

    def __str__(self) -> str:
        return f"{self.programme}: {self.file_name}"

    def get_absolute_url(self) -> str:
        """The preview once the columns are chosen, else the page where they are."""
        return reverse(
            "benefits:upload_preview" if self.mapping else "benefits:upload_columns",
            args=[self.programme_id, self.pk],
        )


class BenefitImportMapping(models.Model):
    """How a programme's gains files were read, as last confirmed (reading.Remembered): each header → its
    role, and the unit and sign a person chose, so that next year's file from the same source goes straight
    to the preview."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="benefit_import_mapping",
        verbose_name=_("programme"),
    )
    columns = models.JSONField(_("columns"), default=dict)
    scale = models.PositiveIntegerField(_("unit of the amounts"), null=True, blank=True)
    negative_gains = models.BooleanField(_("negative numbers are gains"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("remembered gains column mapping")
        verbose_name_plural = _("remembered gains column mappings")

    def __str__(self) -> str:
        return str(self.programme)
