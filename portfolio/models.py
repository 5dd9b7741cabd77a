"""Prioritisation of the portfolio: criteria, assessments, the ranked board, capacity, decisions and
what-if scenarios.

The rank and the current decision of a project live on its `PortfolioEntry`; the decisions themselves are
a log (`Decision`) that is only ever appended to. Capacity is stored here, per programme and year, because
the programmes app must not know about the portfolio.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.decisions import Outcome
from programmes.models import Programme, Project

SCALE = range(1, 6)


class CriterionKind(models.TextChoices):
    """What the assessment page shows beside a criterion to help the assessor."""

    FINANCIAL = "financial", _("Financial gain (suggested score from the gain plan)")
    GOALS = "goals", _("Master-plan goals (shows the project's linked goals)")
    OTHER = "other", _("Other")


class Criterion(models.Model):
    """A weighted assessment criterion with a 1–5 scale; every step of the scale has a description."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Relative weight; the heaviest criteria count most in the priority score."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.OTHER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    step_1 = models.CharField(_("1 means"), max_length=300)
    step_2 = models.CharField(_("2 means"), max_length=300)
    step_3 = models.CharField(_("3 means"), max_length=300)
    step_4 = models.CharField(_("4 means"), max_length=300)
    step_5 = models.CharField(_("5 means"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def steps(self) -> list[tuple[int, str]]:
        return [(n, getattr(self, f"step_{n}")) for n in SCALE]


class Assessment(models.Model):
    """One project's score on one criterion, with the rationale and who set it. Changes are in `history`."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="portfolio_assessments", verbose_name=_("project")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rationale = models.TextField(_("rationale"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assessed by")
    )
    assessed_at = models.DateTimeField(_("assessed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["project", "criterion"], name="assessment_unique"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="assessment_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.criterion}: {self.score}"


class Capacity(models.Model):
    """What the programme can carry in a year: internal person-years and kroner."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="portfolio_capacities", verbose_name=_("programme")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    person_years = models.DecimalField(
        _("person-years"), max_digits=8, decimal_places=1, validators=[MinValueValidator(0)]
    )
    kroner = models.PositiveBigIntegerField(_("kroner"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        ordering = ["programme", "year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="capacity_unique_year")]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class Board(models.Model):
    """The ranked board of a programme. `version` grows with every reorder, so a reorder made on an older
    view of the board (someone else reordered meanwhile) is detected and refused instead of lost."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="portfolio_board", verbose_name=_("programme")
    )
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("portfolio board")
        verbose_name_plural = _("portfolio boards")

    def __str__(self) -> str:
        return str(self.programme)


class OrderChangeKind(models.TextChoices):
    DRAG = "drag", _("Dragged")
    MOVE = "move", _("Moved with the buttons")
    MERGE = "merge", _("Saved on top of a colleague's order")
    RANK = "rank", _("Ranked by priority score")
    UNDO = "undo", _("Undone")
    SCENARIO = "scenario", _("Scenario applied")


class BoardOrderChange(models.Model):
    """One change of the board's order: the order before and after, by whom. The board's order history,
    which lets a re-ranking be undone and a stale reorder be merged with what was saved since."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="order_changes")
    version = models.PositiveIntegerField(_("version"))  # the board version this change made
    kind = models.CharField(_("kind"), max_length=10, choices=OrderChangeKind.choices)
    previous_order = models.JSONField(default=list)  # project ids, top first
    order = models.JSONField(default=list)
    moved = models.JSONField(default=list)  # the projects the user moved (the rest kept their relative order)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    undone = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("change of the board's order")
        verbose_name_plural = _("changes of the board's order")
        ordering = ["board", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["board", "version"], name="board_order_change_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.board} v{self.version}"


# Decided projects that take no capacity.
OUT_OF_PORTFOLIO = (Outcome.REJECT, Outcome.CLOSE)


class PortfolioEntry(models.Model):
    """A project's place on the board and its current decision (the newest `Decision`'s outcome)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="portfolio_entry", verbose_name=_("project")
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    decision = models.CharField(_("current decision"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("portfolio entry")
        verbose_name_plural = _("portfolio entries")
        indexes = [models.Index(fields=["decision"], name="portfolio_entry_decision_idx")]

    def __str__(self) -> str:
        return f"{self.project} #{self.rank}"


class Decision(models.Model):
    """A portfolio decision on a project. Never edited: a newer decision supersedes it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="portfolio_decisions", verbose_name=_("project")
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    rationale = models.TextField(_("rationale"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["project", "-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "-created_at"], name="decision_latest_idx")]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_outcome_display()}"


class Objective(models.TextChoices):
    PRIORITY = "priority", _("Weighted priority score")
    GAIN = "gain", _("Planned financial gain")


class Scenario(models.Model):
    """A what-if: an order of the projects and which are in. Made by hand or by the optimiser; applying it
    writes its order to the board and records the decisions it implies."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="portfolio_scenarios", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    order = models.JSONField(default=list, blank=True)  # project ids, top first
    included = models.JSONField(default=list, blank=True)  # project ids in the scenario's portfolio
    reasons = models.JSONField(default=dict, blank=True)  # project id (str) -> why it fell out
    objective = models.CharField(_("objective"), max_length=10, choices=Objective.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)  # e.g. whether the optimum was proven
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    board_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name or str(_("Unsaved scenario"))
