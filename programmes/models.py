"""The programme structure: a restructuring programme, its sub-programmes and their projects."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Versioned
from core.periods import Period, ReportingScheme

# Either date may be unknown; when both are known the end is not before the start.
END_NOT_BEFORE_START = (
    Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date"))
)


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("purpose"), blank=True)
    start_date = models.DateField(_("started"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    reporting_scheme = models.CharField(
        _("reporting periods"),
        max_length=10,
        choices=ReportingScheme.choices,
        default=ReportingScheme.TERTIAL,
        help_text=_("How often projects submit a status report."),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("days to report after a period"),
        default=14,
        help_text=_("A status report is overdue this many days after its period has ended."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="programme_name_unique",
                violation_error_message=_("A programme with this name already exists."),
            ),
            models.CheckConstraint(
                condition=END_NOT_BEFORE_START,
                name="programme_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme_detail", args=[self.pk])


class SubProgramme(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sub_programmes", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_sub_programmes",
        verbose_name=_("sub-programme leader"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sub-programme")
        verbose_name_plural = _("sub-programmes")
        ordering = ["programme", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                "programme",
                Lower("name"),
                name="sub_programme_name_unique_in_programme",
                violation_error_message=_("The programme already has a sub-programme with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Phase(models.TextChoices):
    """Prosjektveiviseren's phases, from idea to closed."""

    IDEA = "idea", _("Idea")
    CONCEPT = "concept", _("Concept")
    PLANNING = "planning", _("Planning")
    EXECUTION = "execution", _("Execution")
    REALISATION = "realisation", _("Realisation of gains")
    CLOSED = "closed", _("Closed")


class Project(Versioned):
    sub_programme = models.ForeignKey(
        SubProgramme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("sub-programme")
    )
    name = models.CharField(_("name"), max_length=200)
    need = models.TextField(
        _("need"), help_text=_("The need the project answers, written before any solution.")
    )
    description = models.TextField(_("description"), blank=True)
    goal = models.TextField(_("project goal"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("project owner"),
        help_text=_("The accountable line leader."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("project leader"),
    )
    phase = models.CharField(
        _("phase"),
        max_length=20,
        choices=Phase.choices,
        default=Phase.IDEA,
        help_text=_(
            "Idea and concept: a proposal waiting for the portfolio decision. Planning, execution and "
            "realisation of gains: under way, with a status report every period. Closed: done, no more reports."
        ),
    )
    start_date = models.DateField(_("planned start"), null=True, blank=True)
    end_date = models.DateField(_("planned end"), null=True, blank=True)
    cost_estimate = models.PositiveBigIntegerField(
        _("cost (NOK)"),
        default=0,
        help_text=_(
            "Total expected cost over the whole project in whole kroner, e.g. 1 250 000 or 1,25 mill. The "
            "portfolio spreads it evenly over the years the project runs."
        ),
    )
    resource_need = models.DecimalField(
        _("resource need (person-years)"),
        max_digits=6,
        decimal_places=1,
        default=0,
        help_text=_(
            "Internal capacity the whole project needs, in person-years (årsverk), e.g. 2,5. The portfolio "
            "spreads it evenly over the years the project runs and checks it against the capacity."
        ),
    )
    # Empty means not estimated, which is not 0 kr. What pages and exports show as the project's expected
    # gain is decided by programmes.gains (the gain plan where there is one, this estimate until then).
    estimated_annual_gain = models.PositiveBigIntegerField(
        _("estimated financial gain per year (NOK)"),
        null=True,
        blank=True,
        help_text=_("A first rough estimate in whole kroner; the gain plan refines it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "sub_programme",
                Lower("name"),
                name="project_name_unique_in_sub_programme",
                violation_error_message=_("The sub-programme already has a project with this name."),
            ),
            models.CheckConstraint(
                condition=END_NOT_BEFORE_START,
                name="project_end_not_before_start",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(resource_need__gte=0),
                name="project_resource_need_not_negative",
                violation_error_message=_("The resource need cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:project_detail", args=[self.pk])

    @property
    def needs_status_reports(self) -> bool:
        """Only projects under way report status; ideas, concepts and closed projects do not."""
        return self.phase in (Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION)


class Rating(models.TextChoices):
    """A status dimension's traffic light; shown as colour, word and icon together."""

    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


STATUS_DIMENSIONS = ("overall", "schedule", "cost", "scope", "gains")

# What each status dimension asks; the status report form and its draft show it under the question.
DIMENSION_HELP = {
    "overall": _("The project's overall judgement, not an average of the other four."),
    "schedule": _("Will the milestones and the planned end be met?"),
    "cost": _("Will the project stay within its cost estimate?"),
    "scope": _("Will the project deliver what was agreed, at the agreed quality?"),
    "gains": _("Will the planned gains be realised as planned, in the years planned?"),
}


class StatusReport(models.Model):
    """A project's status for one reporting period. Frozen once submitted; a correction is a new version."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("project")
    )
    period_key = models.CharField(_("period"), max_length=10)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    overall = models.CharField(
        _("overall status"), max_length=6, choices=Rating.choices, help_text=DIMENSION_HELP["overall"]
    )
    overall_comment = models.TextField(_("comment on the overall status"), blank=True)
    schedule = models.CharField(
        _("schedule"), max_length=6, choices=Rating.choices, help_text=DIMENSION_HELP["schedule"]
    )
    schedule_comment = models.TextField(_("comment on the schedule"), blank=True)
    cost = models.CharField(_("cost"), max_length=6, choices=Rating.choices, help_text=DIMENSION_HELP["cost"])
    cost_comment = models.TextField(_("comment on the cost"), blank=True)
    scope = models.CharField(
        _("scope and quality"), max_length=6, choices=Rating.choices, help_text=DIMENSION_HELP["scope"]
    )
    scope_comment = models.TextField(_("comment on scope and quality"), blank=True)
    gains = models.CharField(
        _("gains"), max_length=6, choices=Rating.choices, help_text=DIMENSION_HELP["gains"]
    )
    gains_comment = models.TextField(_("comment on the gains"), blank=True)
    achieved = models.TextField(_("achieved this period"), blank=True)
    next_steps = models.TextField(_("next period"), blank=True)
    risks = models.TextField(_("risks and issues"), blank=True)
    decisions_needed = models.TextField(
        _("decisions needed"),
        blank=True,
        help_text=_("Decisions needed from the project owner or the programme."),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["project", "-period_key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_key", "version"],
                name="status_report_version_unique",
                violation_error_message=_("This version of the status report already exists."),
            ),
        ]
        indexes = [models.Index(fields=["project", "-period_key", "-version"], name="status_latest_idx")]

    def __str__(self) -> str:
        return f"{self.project} – {self.period}"

    @property
    def period(self) -> Period:
        return Period.from_key(self.period_key)

    def ratings(self) -> list[tuple[str, str, str]]:
        """(dimension label, rating value, comment) for each dimension, in display order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name), getattr(self, f"{name}_comment"))
            for name in STATUS_DIMENSIONS
        ]


class StatusReportDraft(Versioned):
    """A status report being written: kept across sessions, one per project and period, seen only by the
    project's editors and never counted as a delivered report. Submitting it makes the StatusReport and
    removes the draft; two editors saving it are merged field by field (core.versioning)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_report_drafts", verbose_name=_("project")
    )
    period_key = models.CharField(_("period"), max_length=10)
    # A draft may be incomplete: every rating may still be empty (the report itself requires them).
    overall = models.CharField(
        _("overall status"),
        max_length=6,
        choices=Rating.choices,
        blank=True,
        help_text=DIMENSION_HELP["overall"],
    )
    overall_comment = models.TextField(_("comment on the overall status"), blank=True)
    schedule = models.CharField(
        _("schedule"), max_length=6, choices=Rating.choices, blank=True, help_text=DIMENSION_HELP["schedule"]
    )
    schedule_comment = models.TextField(_("comment on the schedule"), blank=True)
    cost = models.CharField(
        _("cost"), max_length=6, choices=Rating.choices, blank=True, help_text=DIMENSION_HELP["cost"]
    )
    cost_comment = models.TextField(_("comment on the cost"), blank=True)
    scope = models.CharField(
        _("scope and quality"),
        max_length=6,
        choices=Rating.choices,
        blank=True,
        help_text=DIMENSION_HELP["scope"],
    )
    scope_comment = models.TextField(_("comment on scope and quality"), blank=True)
    gains = models.CharField(
        _("gains"), max_length=6, choices=Rating.choices, blank=True, help_text=DIMENSION_HELP["gains"]
    )
    gains_comment = models.TextField(_("comment on the gains"), blank=True)
    achieved = models.TextField(_("achieved this period"), blank=True)
    next_steps = models.TextField(_("next period"), blank=True)
    risks = models.TextField(_("risks and issues"), blank=True)
    decisions_needed = models.TextField(_("decisions needed"), blank=True)
    # What the writing started from, so that submitting the draft later still merges with a report someone
    # else submitted for the period meanwhile (programmes.services.status_report_submit).
    based_on = models.ForeignKey(
        StatusReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seen = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("status report draft")
        verbose_name_plural = _("status report drafts")
        ordering = ["project", "-period_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_key"],
                name="status_report_draft_one_per_period",
                violation_error_message=_("The project already has a draft for this period."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.period} ({_('draft')})"

    @property
    def period(self) -> Period:
        return Period.from_key(self.period_key)


class Milestone(Versioned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=200)
    planned_date = models.DateField(_("planned date"))
    forecast_date = models.DateField(_("forecast date"), null=True, blank=True)
    done_date = models.DateField(_("done date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "planned_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def expected_date(self):
        return self.done_date or self.forecast_date or self.planned_date

    def is_late(self, today=None) -> bool:
        """Done after the planned date, or not done and expected (or already) after it."""
        if self.done_date:
            return self.done_date > self.planned_date
        today = today or timezone.localdate()
        return self.expected_date > self.planned_date or self.planned_date < today


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATED = "mitigated", _("Mitigated")
    OCCURRED = "occurred", _("Occurred")
    CLOSED = "closed", _("Closed")


LEVELS = [(n, str(n)) for n in range(1, 6)]


def risk_level(score: int) -> str:
    """low / medium / high for a probability × consequence score, as in the usual 5×5 matrix colouring."""
    if score >= 15:
        return "high"
    if score >= 6:
        return "medium"
    return "low"


class Risk(Versioned):
    """A project risk, scored as probability × consequence on 1–5 scales."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="risks", verbose_name=_("project")
    )
    title = models.CharField(_("risk"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    probability = models.PositiveSmallIntegerField(_("probability (1–5)"), choices=LEVELS)
    consequence = models.PositiveSmallIntegerField(_("consequence (1–5)"), choices=LEVELS)
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("risk owner"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["project", "-probability", "-consequence", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5, consequence__gte=1, consequence__lte=5),
                name="risk_levels_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def level(self) -> str:
        return risk_level(self.score)


class ProjectMove(models.Model):
    """A project moved from one sub-programme to another: shown to the receiving leader and in the history."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="moves", verbose_name=_("project")
    )
    from_sub_programme = models.ForeignKey(
        SubProgramme, on_delete=models.CASCADE, related_name="+", verbose_name=_("from sub-programme")
    )
    to_sub_programme = models.ForeignKey(
        SubProgramme, on_delete=models.CASCADE, related_name="moves_in", verbose_name=_("to sub-programme")
    )
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moved by"),
    )
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project move")
        verbose_name_plural = _("project moves")
        ordering = ["-moved_at"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_sub_programme} → {self.to_sub_programme}"


# --- Decision points between phases (Prosjektveiviseren's beslutningspunkter) ----------------------------

# The phase a «go» leads to from each phase; closed is the end.
NEXT_PHASE = {
    Phase.IDEA: Phase.CONCEPT,
    Phase.CONCEPT: Phase.PLANNING,
    Phase.PLANNING: Phase.EXECUTION,
    Phase.EXECUTION: Phase.REALISATION,
    Phase.REALISATION: Phase.CLOSED,
}


class DecisionOutcome(models.TextChoices):
    """What the owner or the kommunedirektør decided at a decision point; `skipped` is the administrator's
    move of the phase without a decision, recorded as such."""

    GO = "go", _("Go")
    GO_WITH_CONDITIONS = "conditions", _("Go with conditions")
    REWORK = "rework", _("Back for rework")
    STOP = "stop", _("Stop")
    SKIPPED = "skipped", _("Skipped (no decision)")


# The outcomes a decider chooses from (skipping is not a decision).
DECIDED_OUTCOMES = (
    DecisionOutcome.GO,
    DecisionOutcome.GO_WITH_CONDITIONS,
    DecisionOutcome.REWORK,
    DecisionOutcome.STOP,
)


class DecisionChecklistItem(models.Model):
    """One question of the checklist for the decision point that leaves `from_phase`; the administrator edits
    the list in the admin. A decision point copies the texts when it is prepared, so editing the list never
    changes a decision already made."""

    from_phase = models.CharField(
        _("decision point after the phase"),
        max_length=20,
        choices=[(value, label) for value, label in Phase.choices if value != Phase.CLOSED],
    )
    text = models.CharField(_("question"), max_length=300)
    guidance = models.TextField(
        _("guidance"), blank=True, help_text=_("Shown under the question to the one preparing the decision.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("A question no longer in use is left out of new decisions.")
    )

    class Meta:
        verbose_name = _("decision point checklist question")
        verbose_name_plural = _("decision point checklists")
        ordering = ["from_phase", "position", "pk"]

    def __str__(self) -> str:
        return self.text


# A decision point prepared and not decided yet (one per project at most): the one condition for «pending».
DECISION_PENDING = Q(outcome="")


class DecisionPoint(models.Model):
    """A project's move from one phase to the next: the basis the project leader prepares, and the decision
    of the project owner or the kommunedirektør. Frozen once decided; pending while `outcome` is empty.

    The basis is kept as text and the checklist as the questions as they were asked (`checklist`: a list of
    {"text", "done", "comment"}), so that what a decision was made on stays as it was."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="decision_points", verbose_name=_("project")
    )
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    need = models.TextField(_("need"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    gains = models.TextField(_("gains"), blank=True)
    cost = models.TextField(_("cost"), blank=True)
    risk = models.TextField(_("risk"), blank=True)
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    prepared_at = models.DateTimeField(_("prepared"), null=True, blank=True)
    outcome = models.CharField(_("decision"), max_length=12, choices=DecisionOutcome.choices, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision point")
        verbose_name_plural = _("decision points")
        ordering = ["project", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=DECISION_PENDING,
                name="decision_point_one_pending_per_project",
                violation_error_message=_("The project already has a decision point waiting for a decision."),
            ),
            models.CheckConstraint(
                condition=DECISION_PENDING | ~Q(reason=""),
                name="decision_point_decided_has_reason",
                violation_error_message=_("A decision needs a reason."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.GO_WITH_CONDITIONS) | ~Q(conditions=""),
                name="decision_point_conditions_written",
                violation_error_message=_("A go with conditions needs the conditions written out."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_from_phase_display()} → {self.get_to_phase_display()}"

    @property
    def pending(self) -> bool:
        return not self.outcome

    @property
    def skipped(self) -> bool:
        return self.outcome == DecisionOutcome.SKIPPED

    @property
    def checklist_done(self) -> int:
        return sum(1 for item in self.checklist if item.get("done"))
