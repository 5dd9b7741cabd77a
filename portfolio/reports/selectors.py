"""Reads for the PDF status reports: the report archive, and the content of one report assembled from the
selectors the pages use (programmes, benefits, scorecards, portfolio), so a figure in the PDF is the same
figure as on the page. Nothing is summed here that another app's selector already sums.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits import charts as benefit_charts
from benefits import selectors as benefit_selectors
from benefits.selectors.savings import SavingsStanding, savings_standing
from core.params import parse_id
from core.periods import Period, recent_periods
from portfolio import selectors as portfolio_selectors
from programmes import selectors as programme_selectors
from programmes.models import (
    DECISION_PENDING,
    DecisionPoint,
    Programme,
    Project,
    Rating,
    Risk,
    RiskStatus,
    StatusReport,
    SubProgramme,
)
from scorecards import selectors as scorecard_selectors
from scorecards import values as scorecard_values
from scorecards.models import Indicator, IndicatorValue

from .models import Report, ReportStatus, Scope
from .rules import can_order_for, visible_reports

TOP_RISKS = 3
SUMMARY_ROWS = 5  # projects needing attention, and decisions, on the one-page summary; the rest follow it
SHEET_BATCH = 50  # projects read per round of queries; the progress bar moves once per round


# --- The archive ----------------------------------------------------------------------------------------


def report_archive(*, user, filters: dict) -> QuerySet[Report]:
    """Reports the user may see, newest first, filtered by `scope` (a Scope value) and `period` (a key).

    Published reports, and the unpublished ones the user may read (rules.visible_reports: those who may
    publish them or order their scope).
    """
    reports = visible_reports(
        user,
        Report.objects.select_related("programme", "sub_programme", "project", "ordered_by").defer(
            "snapshot"
        ),
    )
    if filters.get("scope"):
        reports = reports.filter(scope=filters["scope"])
    if filters.get("period"):
        reports = reports.filter(period_key=filters["period"])
    return reports.order_by("-period_key", "-ordered_at", "-pk")


def latest_report(*, user, programme_id: int, sub_programme_id: int | None = None) -> Report | None:
    """The newest finished report of the programme the user may see (rules.visible_reports), in
    the archive's order, of any scope; with `sub_programme_id`, only the whole programme's reports and that
    sub-programme's. A report replaced by a published correction is never the latest: its correction is.
    One query."""
    reports = (
        report_archive(user=user, filters={})
        .filter(programme_id=programme_id, status=ReportStatus.DONE)
        .exclude(corrections__published_at__isnull=False)
    )
    if sub_programme_id is not None:
        reports = reports.filter(
            Q(scope=Scope.PROGRAMME) | Q(scope=Scope.SUB_PROGRAMME, sub_programme_id=sub_programme_id)
        )
    return reports.first()


def archive_period_choices() -> list[tuple[str, str]]:
    """The periods that have reports, newest first (key, label)."""
    rows = Report.objects.values_list("period_key", "period_label").distinct().order_by("-period_key")
    seen: dict[str, str] = {}
    for key, label in rows:
        seen.setdefault(key, label)
    return list(seen.items())


def orderable_scopes(*, user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The scopes the user may order a report of, grouped for a <select> with optgroups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    programmes = list(Programme.objects.order_by("name"))
    subs = list(
        SubProgramme.objects.select_related("programme", "leader").order_by("programme__name", "position")
    )
    projects = list(
        Project.objects.select_related("sub_programme__programme", "sub_programme__leader").order_by(
            "sub_programme__position", "name"
        )
    )
    for programme in programmes:
        if can_order_for(user, programme):
            groups.setdefault(str(_("Whole programme")), []).append(
                (f"programme:{programme.pk}", programme.name)
            )
    for sub in subs:
        if can_order_for(user, sub):
            groups.setdefault(str(_("Sub-programme")), []).append((f"sub_programme:{sub.pk}", sub.name))
    for project in projects:
        if can_order_for(user, project):
            groups.setdefault(str(_("Project")), []).append(
                (f"project:{project.pk}", f"{project.name} ({project.sub_programme.name})")
            )
    return list(groups.items())


def resolve_scope(value: str) -> Programme | SubProgramme | Project | None:
    """The object named by a scope choice value, or None."""
    kind, _sep, pk = (value or "").partition(":")
    model = {Scope.PROGRAMME: Programme, Scope.SUB_PROGRAMME: SubProgramme, Scope.PROJECT: Project}.get(kind)
    pk = parse_id(pk)
    if model is None or pk is None:
        return None
    return model.objects.filter(pk=pk).first()


def period_choices(*, today: datetime.date | None = None, scheme: str = "tertial") -> list[Period]:
    """The periods a report can be ordered for: the current one and those before it, newest first."""
    return recent_periods(today or timezone.localdate(), scheme, back=5)


# --- The content of one report ------------------------------------------------------------------------


@dataclass
class ProjectSheet:
    """One project's page in the report."""

    project: Project
    status: StatusReport | None  # the latest status report up to and including the report's period
    milestones: list
    top_risks: list[Risk]
    gains: benefit_selectors.ProjectGains
    goals: list
    period: Period | None = None
    open_risks: list[Risk] = field(default_factory=list)  # every risk not closed, the highest score first
    # Issue 18's benefit map and status trend (benefits.benefit_map, programmes.trends), set by
    # _attach_maps_and_trends for all sheets at once.
    benefit_map: object = None
    status_trend: object = None

    @property
    def period_key(self) -> str:
        return self.period.key if self.period else ""

    @property
    def owes_report(self) -> bool:
        """The project owes a status report for the report's period (programmes.selectors' rule)."""
        return self.period is not None and programme_selectors.project_owes_status_report(
            self.project, self.period
        )

    @property
    def status_is_old(self) -> bool:
        """The latest status report is from an earlier period than the report's."""
        return self.status is not None and self.status.period_key < self.period_key

    @property
    def urgency(self) -> int:
        """0 for a red overall status, 1 for decisions needed, 2 for anything else."""
        if self.status is not None and self.status.overall == Rating.RED:
            return 0
        if self.status is not None and self.status.decisions_needed.strip():
            return 1
        return 2

    @property
    def attention_reasons(self) -> list[str]:
        reasons = []
        if self.status is None and self.owes_report:
            reasons.append(_("No status report"))
        elif self.status_is_old and self.owes_report:
            reasons.append(_("No status report for the period"))
        if self.status is not None:
            if self.status.overall == Rating.RED:
                reasons.append(_("Overall status red"))
            elif self.status.gains == Rating.RED:
                reasons.append(_("Gains red"))
            if self.status.decisions_needed.strip():
                reasons.append(_("Decisions needed"))
        return reasons


@dataclass
class Section:
    """A sub-programme with its project sheets and its gain figures from the gain overview."""

    sub_programme: SubProgramme
    sheets: list[ProjectSheet]
    gains: benefit_selectors.GroupFigures | None


@dataclass
class IndicatorResult:
    line: scorecard_selectors.IndicatorLine
    goal_name: str

    @property
    def status_label(self) -> str:
        return str(scorecard_values.STATUS_LABELS[self.line.status])


def on_summary(rows: list) -> tuple[list, bool]:
    """The rows of a list that the one-page summary shows, and whether it had to leave some out."""
    return rows[:SUMMARY_ROWS], len(rows) > SUMMARY_ROWS


@dataclass
class ReportContent:
    report: Report
    programme: Programme
    period: Period
    made_on: datetime.date
    sections: list[Section]
    status_count: programme_selectors.StatusCount
    project_count: int
    gain_overview: benefit_selectors.GainOverview | None
    gain_chart: benefit_charts.Chart | None
    sub_programme_chart: benefit_charts.Chart | None
    project_gains_planned: int | None  # project scope: the project's own sums
    project_gains_realised: int | None
    scorecard_results: list[IndicatorResult]
    capacity: list = field(default_factory=list)  # portfolio.selectors.YearUse per plan year
    decisions: list = field(default_factory=list)  # portfolio decisions made in the period
    # The programme's gains ledger and range (benefits.selectors.savings), in the whole programme's report.
    savings: SavingsStanding | None = None

    @property
    def sheets(self) -> list[ProjectSheet]:
        return [sheet for section in self.sections for sheet in section.sheets]

    @cached_property
    def attention(self) -> list[ProjectSheet]:
        """The projects that need political attention, the most urgent first (red overall status, then
        decisions needed, then the rest), in programme order within each."""
        sheets = [sheet for sheet in self.sheets if sheet.attention_reasons]
        return sorted(sheets, key=lambda sheet: sheet.urgency)


def _status_as_of(project: Project, period_key: str) -> StatusReport | None:
    """The newest status report (latest version) for the period or an earlier one: later reports are not
    part of a report about this period."""
    for report in project.status_reports.all():  # ordered newest period, newest version first
        if report.period_key <= period_key:
            return report
    return None


def _project_sheets(project_ids: list[int], period: Period) -> dict[int, ProjectSheet]:
    """The sheets of the projects by id, read in a fixed number of queries (no query per project)."""
    projects = programme_selectors.project_details(project_ids=project_ids)
    # The phase decisions, for the report's list of decisions taken in the period.
    prefetch_related_objects(
        list(projects.values()),
        Prefetch("decision_points", queryset=DecisionPoint.objects.exclude(DECISION_PENDING).order_by("pk")),
    )
    gains = benefit_selectors.projects_gains(project_ids=project_ids)
    sheets = {}
    for pk, project in projects.items():
        active_risks = [r for r in project.risks.all() if r.status != RiskStatus.CLOSED]
        active_risks.sort(key=lambda r: (-r.score, r.pk))
        sheets[pk] = ProjectSheet(
            project=project,
            status=_status_as_of(project, period.key),
            milestones=list(project.milestones.all()),
            top_risks=active_risks[:TOP_RISKS],
            open_risks=active_risks,
            gains=gains[pk],
            goals=[],
            period=period,
        )
    return sheets


def _scorecard_results(goal_ids: set[int], year: int) -> list[IndicatorResult]:
    """The results of the indicators that measure the goals the report's projects serve (or their main goals)."""
    if not goal_ids:
        return []
    indicators = (
        Indicator.objects.filter(Q(goal_id__in=goal_ids) | Q(goal__children__in=goal_ids))
        .distinct()
        .select_related("goal", "scorecard")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("year")))
        .order_by("scorecard__title", "position", "pk")
    )
    results = []
    for indicator in indicators:
        by_year = {v.year: v for v in indicator.values.all()}
        # The latest year up to the report's with a result: this year's is seldom measured yet.
        measured = [y for y, v in by_year.items() if y <= year and v.result_kind]
        results.append(
            IndicatorResult(
                line=scorecard_selectors.IndicatorLine(indicator, max(measured, default=year), by_year),
                goal_name=str(indicator.goal) if indicator.goal else "",
            )
        )
    return results


def _portfolio_figures(programme: Programme, period: Period) -> tuple[list, list]:
    """Capacity per year and the portfolio decisions made in the period (portfolio.selectors)."""
    capacity = portfolio_selectors.capacity_summary(programme_id=programme.pk)
    decisions = list(
        portfolio_selectors.decisions_in_period(programme_id=programme.pk, start=period.start, end=period.end)
    )
    return capacity, decisions


def report_content(*, report: Report, progress=None) -> ReportContent:
    """Everything one report shows. `progress(done, total)` is called as projects are read."""
    programme = report.programme
    period = report.period
    if report.scope == Scope.PROJECT:
        subs = [report.project.sub_programme]
        project_ids = {report.project.sub_programme_id: [report.project_id]}
    else:
        subs = (
            [report.sub_programme]
            if report.scope == Scope.SUB_PROGRAMME
            else list(SubProgramme.objects.filter(programme=programme).order_by("position", "name"))
        )
        project_ids = {sub.pk: [] for sub in subs}
        # A project proposed after the period ended is not part of a report about it.
        for pk, sub_id in (
            Project.objects.filter(programme_selectors.existed_by(period), sub_programme__in=subs)
            .order_by("name", "pk")
            .values_list("pk", "sub_programme_id")
        ):
            project_ids[sub_id].append(pk)
    total = sum(len(ids) for ids in project_ids.values())

    overview = None
    if report.scope != Scope.PROJECT:
        overview = benefit_selectors.gain_overview(
            programme_id=programme.pk,
            sub_programme_id=report.sub_programme_id if report.scope == Scope.SUB_PROGRAMME else None,
            limit=5,
        )
    sub_gains = {g.key: g for g in overview.by_sub_programme} if overview else {}

    all_ids = [pk for ids in project_ids.values() for pk in ids]
    goals = scorecard_selectors.goals_for_projects(all_ids)
    sheets_by_id: dict[int, ProjectSheet] = {}
    for start in range(0, len(all_ids), SHEET_BATCH):
        batch = all_ids[start : start + SHEET_BATCH]
        sheets_by_id |= _project_sheets(batch, period)
        if progress:
            progress(len(sheets_by_id), total)
    sections = []
    for sub in subs:
        sheets = [sheets_by_id[pk] for pk in project_ids[sub.pk]]
        for sheet in sheets:
            sheet.goals = goals.get(sheet.project.pk, [])
        sections.append(
            Section(
                sub_programme=sub,
                sheets=sheets,
                gains=sub_gains.get(sub.pk),
            )
        )
    sheets = [sheet for section in sections for sheet in section.sheets]
    _attach_maps_and_trends(sheets, period)

    goal_ids = {link.goal_id for links in goals.values() for link in links}
    capacity, decisions = (
        _portfolio_figures(programme, period) if report.scope == Scope.PROGRAMME else ([], [])
    )
    project_sheet = sheets[0] if report.scope == Scope.PROJECT and sheets else None
    return ReportContent(
        report=report,
        programme=programme,
        period=period,
        made_on=timezone.localdate(),
        sections=sections,
        status_count=programme_selectors.status_count(
            projects=Project.objects.filter(pk__in=all_ids), period=period
        ),
        project_count=len(sheets),
        gain_overview=overview,
        gain_chart=benefit_charts.yearly_chart(overview) if overview else None,
        sub_programme_chart=(
            benefit_charts.group_chart(overview.by_sub_programme, description=_sub_chart_description())
            if overview and report.scope == Scope.PROGRAMME
            else None
        ),
        project_gains_planned=project_sheet.gains.planned_total if project_sheet else None,
        project_gains_realised=project_sheet.gains.realised_total if project_sheet else None,
        scorecard_results=_scorecard_results(goal_ids, period.year),
        capacity=capacity,
        decisions=decisions,
        savings=(
            savings_standing(programme_id=programme.pk, cached=False)
            if report.scope == Scope.PROGRAMME
            else None
        ),
    )


def _attach_maps_and_trends(sheets: list[ProjectSheet], period: Period) -> None:
    """Each sheet's benefit map and status trend up to the report's period, in a fixed number of queries."""
    from benefits.benefit_map import project_maps
    from programmes.trends import status_trends

    ids = [sheet.project.pk for sheet in sheets]
    maps = project_maps(project_ids=ids)
    trends = status_trends(project_ids=ids, until=period)
    for sheet in sheets:
        sheet.benefit_map = maps.get(sheet.project.pk)
        sheet.status_trend = trends.get(sheet.project.pk)


def _sub_chart_description() -> str:
    return _(
        "Bar chart of planned and realised financial gains per sub-programme over the economic plan period."
    )
