"""The front page of each role, assembled from the selectors the pages and the PDF reports already use.

Nothing is counted or summed here: every figure comes from one selector of the app that owns it
(programmes: status counts and reporting duty; benefits: the gain overview; portfolio: the overview's board,
capacity and decisions; reports: the archive), so the front page, the pages it links to and the PDF agree.
Each assembly runs a fixed number of queries whatever the number of projects.

It lives in config because it reads every app, as the navigation does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language

from benefits import selectors as benefit_selectors
from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
from benefits.selectors.savings import SavingsStanding, savings_standing
from core.freshness import cached_by_data
from core.periods import Period
from portfolio import selectors as portfolio_selectors
from portfolio.models import Assessment, Board, Capacity, Criterion, PortfolioEntry
from portfolio.reports import selectors as report_selectors
from portfolio.reports.models import Report
from programmes import selectors as programme_selectors
from programmes.models import Programme, Project, Rating, SubProgramme

LIST_ROWS = 5  # projects listed under a figure; the full list is one link away
UPCOMING_DAYS = 30  # milestones due within this many days are listed as due


@dataclass
class Portfolio:
    """The portfolio at a glance: the kommunedirektør's whole programme, or one sub-programme."""

    programme: Programme
    sub_programme: SubProgramme | None
    period: Period
    deadline: datetime.date
    late: bool  # the deadline for the period has passed
    status_count: programme_selectors.StatusCount
    reds: list[Project]
    missing: list[Project]
    gains: benefit_selectors.GainOverview
    capacity: list[portfolio_selectors.YearUse] = field(default_factory=list)
    fit_count: int | None = None
    undecided_count: int = 0
    waiting_count: int = 0
    waiting: list[portfolio_selectors.BoardRow] = field(default_factory=list)
    latest_report: Report | None = None
    heading_level: int = 2  # 3 when the page shows several sub-programmes under headings of their own
    savings: SavingsStanding | None = None  # the whole programme's ledger and range (not a sub-programme's)

    @property
    def target_gap(self) -> int | None:
        gap = self.gains.gap_total
        return None if gap is None else abs(gap)

    @property
    def prefix(self) -> str:
        """Keeps the ids of the headings apart when a page shows several sub-programmes."""
        return f"sub{self.sub_programme.pk}-" if self.sub_programme else ""


def _projects(programme: Programme, sub_programme: SubProgramme | None):
    if sub_programme is not None:
        return Project.objects.filter(sub_programme=sub_programme)
    return Project.objects.filter(sub_programme__programme=programme)


def _reporting(programme: Programme, sub_programme: SubProgramme | None, today: datetime.date) -> dict:
    """Status counts, reds and missing reports for the period now due (programmes.selectors)."""
    period = programme_selectors.due_period(programme, today)
    projects = _projects(programme, sub_programme)
    deadline = programme_selectors.report_deadline(programme, period)
    return {
        "period": period,
        "deadline": deadline,
        "late": today > deadline,
        "status_count": programme_selectors.status_count(projects=projects, period=period),
        "reds": programme_selectors.projects_rated(
            projects=projects, period=period, rating=Rating.RED, limit=LIST_ROWS
        ),
        "missing": programme_selectors.projects_missing_report(
            projects=projects, period=period, limit=LIST_ROWS
        ),
    }


@dataclass
class Standing:
    """The figures of the front page that read every project's gains and portfolio data: the gain overview,
    and from the portfolio overview's board the capacity use and the decisions waiting."""

    gains: benefit_selectors.GainOverview
    capacity: list[portfolio_selectors.YearUse]
    fit_count: int | None
    undecided_count: int
    waiting_count: int
    waiting: list[portfolio_selectors.BoardRow]
    savings: SavingsStanding | None = None


# The tables the standing is computed from: a write to any of them computes it afresh (core.freshness).
STANDING_TABLES = (
    Programme,
    SubProgramme,
    Project,
    EconomicPlan,
    Benefit,
    BenefitPlanYear,
    SavingsTarget,
    Criterion,
    Assessment,
    PortfolioEntry,
    Board,
    Capacity,
)


def _standing(programme_id: int, sub_programme_id: int | None) -> Standing:
    """From the portfolio overview (portfolio.selectors.portfolio_overview): its «not decided» count, the
    proposals waiting for a decision (awaiting_decision) and the capacity use per year of its board;
    capacity is set for the whole programme, so a sub-programme's standing leaves it out."""
    overview = portfolio_selectors.portfolio_overview(programme_id=programme_id)
    board = overview.board
    rows = board.rows
    if sub_programme_id is None:
        undecided_count = next(count for value, _label, count in overview.by_decision if value == "")
    else:
        rows = [row for row in rows if row.sub_programme_id == sub_programme_id]
        undecided_count = sum(1 for row in rows if not row.decision)
    whole = sub_programme_id is None
    waiting = portfolio_selectors.awaiting_decision(rows)
    return Standing(
        gains=benefit_selectors.gain_overview(
            programme_id=programme_id, sub_programme_id=sub_programme_id, limit=0
        ),
        capacity=board.year_use if whole else [],
        fit_count=board.fit_count if whole and board.has_capacity else None,
        undecided_count=undecided_count,
        waiting_count=len(waiting),
        waiting=waiting[:LIST_ROWS],
        savings=savings_standing(programme_id=programme_id) if whole else None,
    )


def portfolio_at_a_glance(
    *,
    user,
    programme: Programme,
    sub_programme: SubProgramme | None = None,
    today: datetime.date | None = None,
) -> Portfolio:
    """The kommunedirektør's front page (or a sub-programme leader's, for `sub_programme`).

    The standing (gains, capacity, decisions waiting) reads the whole portfolio, hundreds of milliseconds
    at 2,000 projects, so it is cached under the state of the tables it reads (core.freshness); the
    reporting figures are read on every request.
    """
    today = today or timezone.localdate()
    sub_id = sub_programme.pk if sub_programme else None
    standing = cached_by_data(
        name="front-standing",
        key=(programme.pk, sub_id, today.isoformat(), get_language()),
        model_classes=STANDING_TABLES,
        compute=lambda: _standing(programme.pk, sub_id),
    )
    return Portfolio(
        programme=programme,
        sub_programme=sub_programme,
        **_reporting(programme, sub_programme, today),
        gains=standing.gains,
        capacity=standing.capacity,
        fit_count=standing.fit_count,
        undecided_count=standing.undecided_count,
        waiting_count=standing.waiting_count,
        waiting=standing.waiting,
        savings=standing.savings,
        latest_report=report_selectors.latest_report(
            user=user, programme_id=programme.pk, sub_programme_id=sub_id
        ),
    )


@dataclass
class Summary:
    """An elected member's front page: the latest published report and the read-only programme summary."""

    programme: Programme
    period: Period
    status_count: programme_selectors.StatusCount
    gains: benefit_selectors.GainOverview
    latest_report: Report | None
    prefix = ""
    heading_level = 2

    @property
    def target_gap(self) -> int | None:
        gap = self.gains.gap_total
        return None if gap is None else abs(gap)


def programme_summary(*, user, programme: Programme, today: datetime.date | None = None) -> Summary:
    today = today or timezone.localdate()
    period = programme_selectors.due_period(programme, today)
    return Summary(
        programme=programme,
        period=period,
        status_count=programme_selectors.status_count(projects=_projects(programme, None), period=period),
        gains=benefit_selectors.gain_overview(programme_id=programme.pk, limit=0),
        latest_report=report_selectors.latest_report(user=user, programme_id=programme.pk),
    )


@dataclass(frozen=True)
class Due:
    """Something a project leader has to do or watch: a status report or a milestone, with its date."""

    kind: str  # "report" or "milestone"
    project: Project
    date: datetime.date
    state: str  # report: overdue, missing, upcoming; milestone: late, soon
    label: str


def due_items(projects: list[Project], *, today: datetime.date | None = None) -> list[Due]:
    """What is due on the leader's projects, from what 'Mine prosjekter' has loaded (no queries): status
    reports owed or coming, and the next milestone when it is late or due within UPCOMING_DAYS; most
    urgent first."""
    today = today or timezone.localdate()
    items = []
    for project in projects:
        state = project.report_state
        if state is not None and state.state != "ok":
            items.append(Due("report", project, state.deadline, state.state, state.label))
        milestone = project.next_milestone
        if milestone is not None:
            expected = milestone.expected_date
            late = milestone.is_late(today)
            if late or expected <= today + datetime.timedelta(days=UPCOMING_DAYS):
                items.append(Due("milestone", project, expected, "late" if late else "soon", milestone.title))
    urgency = {"overdue": 0, "late": 0, "missing": 1, "soon": 2, "upcoming": 3}
    return sorted(items, key=lambda item: (urgency[item.state], item.date, item.project.name))


def default_programme() -> Programme | None:
    """The programme the front page shows: the portfolio pages' default (the one with most projects)."""
    programme_id = portfolio_selectors.default_programme_id()
    if programme_id is None:
        return None
    return Programme.objects.get(pk=programme_id)
