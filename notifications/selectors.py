"""What the messages say: who owes which status report, and a sub-programme leader's week. Built on the
programmes' and benefits' selectors, so an e-mail counts as the pages and the PDF reports count."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from benefits.models import Benefit, BenefitPlanYear
from benefits.rules import REALISATION_PHASES
from benefits.selectors import projects_gains
from benefits.selectors.ledger_rows import ledger_years
from core import roles
from core.periods import Period
from programmes.models import Milestone, Programme, Project, Rating, StatusReport, SubProgramme
from programmes.selectors import due_period, missing_status_report

from .models import Kind


@dataclass(frozen=True)
class ReportDuty:
    """The status reports of one programme and period that a reminder of `kind` is due for today."""

    kind: str
    programme: Programme
    period: Period
    deadline: datetime.date
    projects: QuerySet[Project]


def report_duties(*, today: datetime.date) -> list[ReportDuty]:
    """Per programme: the last ended and the current period, when today is within REPORT_REMINDER_DAYS
    of the period's deadline (due soon) or past it (overdue), with the projects that still owe the report
    (`missing_status_report`, the rule of the pages)."""
    ahead = datetime.timedelta(days=settings.REPORT_REMINDER_DAYS)
    duties = []
    for programme in Programme.objects.order_by("pk"):
        current = Period.containing(today, programme.reporting_scheme)
        for period in (current.previous(), current):
            deadline = period.end + datetime.timedelta(days=programme.report_due_days)
            if today > deadline:
                kind = Kind.REPORT_OVERDUE
            elif today >= deadline - ahead:
                kind = Kind.REPORT_DUE
            else:
                continue
            projects = (
                Project.objects.filter(sub_programme__programme=programme)
                .filter(missing_status_report(period))
                .select_related("leader", "sub_programme")
                .order_by("pk")
            )
            duties.append(ReportDuty(kind, programme, period, deadline, projects))
    return duties


@dataclass
class Digest:
    """A sub-programme leader's week: from `since` (included) to `until` (not included)."""

    leader: object
    since: datetime.date
    until: datetime.date
    sub_programmes: list[SubProgramme]
    missing: list[tuple[Project, Period]] = field(default_factory=list)
    new_reds: list[StatusReport] = field(default_factory=list)
    milestones_reached: list[Milestone] = field(default_factory=list)
    milestones_missed: list[Milestone] = field(default_factory=list)
    gains: list[tuple[Project, int, int]] = field(default_factory=list)  # project, planned, realised
    year: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.missing or self.new_reds or self.milestones_reached or self.milestones_missed or self.gains
        )

    @property
    def last_day(self) -> datetime.date:
        return self.until - datetime.timedelta(days=1)

    @property
    def sub_programme_names(self) -> str:
        return ", ".join(sub_programme.name for sub_programme in self.sub_programmes)

    @property
    def gains_planned(self) -> int:
        return sum(planned for _project, planned, _realised in self.gains)

    @property
    def gains_realised(self) -> int:
        return sum(realised for _project, _planned, realised in self.gains)


def sub_programme_leaders() -> QuerySet:
    """Active users with an address who lead at least one sub-programme."""
    return (
        get_user_model()
        .objects.filter(led_sub_programmes__isnull=False, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def weekly_digest(*, leader, today: datetime.date) -> Digest:
    """The week before `today` in the sub-programmes `leader` leads."""
    since = today - datetime.timedelta(days=7)
    sub_programmes = list(
        SubProgramme.objects.filter(leader=leader)
        .select_related("programme")
        .order_by("programme", "position")
    )
    digest = Digest(leader, since, today, sub_programmes, year=today.year)
    projects = Project.objects.filter(sub_programme__in=sub_programmes)
    for sub_programme in sub_programmes:
        period = due_period(sub_programme.programme, today)
        for project in (
            projects.filter(sub_programme=sub_programme)
            .filter(missing_status_report(period))
            .order_by("name")
        ):
            digest.missing.append((project, period))
    digest.new_reds = list(
        StatusReport.objects.filter(
            project__in=projects,
            overall=Rating.RED,
            submitted_at__date__gte=since,
            submitted_at__date__lt=today,
        )
        .select_related("project")
        .order_by("project__name", "period_key", "version")
    )
    milestones = Milestone.objects.filter(project__in=projects).select_related("project")
    digest.milestones_reached = list(
        milestones.filter(done_date__gte=since, done_date__lt=today).order_by("done_date", "pk")
    )
    digest.milestones_missed = list(
        milestones.filter(done_date__isnull=True, planned_date__gte=since, planned_date__lt=today).order_by(
            "planned_date", "pk"
        )
    )
    for gains in projects_gains(project_ids=projects.values_list("pk", flat=True)).values():
        planned = gains.planned_by_year.get(today.year, 0)
        realised = gains.realised_by_year.get(today.year, 0)
        if planned or realised:
            digest.gains.append((gains.project, planned, realised))
    digest.gains.sort(key=lambda row: row[0].name)
    return digest


def executives() -> QuerySet:
    """Active users in the Kommunedirektør role with an address."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.EXECUTIVE, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@dataclass(frozen=True)
class OwedGain:
    """A benefit whose owner has realised figures to report: the years begun with a plan and no figure."""

    benefit: Benefit
    years: tuple[int, ...]


@dataclass(frozen=True)
class GainsDuty:
    """A benefit owner and every benefit they have realised figures to report for."""

    owner: object
    gains: tuple[OwedGain, ...]


def gains_duties(*, today: datetime.date) -> list[GainsDuty]:
    """The benefit owners who owe realised figures, each with their benefits (one query).

    A benefit is owed for when its project is in the realisation phase or closed (when its owner reports
    the realisation, benefits.rules), and a year of its ledger that has begun (this year or earlier, from
    the economic plan's first year to the horizon's last) has a plan and no realised figure. Before the
    realisation phase the project leader reports the figures and is reminded by the status reports.
    """
    rows = (
        BenefitPlanYear.objects.filter(
            year__lte=today.year,
            planned__isnull=False,
            realised__isnull=True,
            benefit__owner__isnull=False,
            benefit__owner__is_active=True,
            benefit__project__phase__in=REALISATION_PHASES,
        )
        .exclude(planned=0)
        .select_related("benefit__owner", "benefit__project__sub_programme__programme__economic_plan")
        .order_by("benefit__owner_id", "benefit__project__name", "benefit__title", "benefit_id", "year")
    )
    by_owner: dict[int, dict[int, list]] = {}
    owners, benefits = {}, {}
    for plan_year in rows:
        benefit = plan_year.benefit
        if plan_year.year not in ledger_years(benefit.project.sub_programme.programme):
            continue
        owners[benefit.owner_id] = benefit.owner
        benefits[benefit.pk] = benefit
        by_owner.setdefault(benefit.owner_id, {}).setdefault(benefit.pk, []).append(plan_year.year)
    return [
        GainsDuty(
            owner=owners[owner_id],
            gains=tuple(OwedGain(benefits[pk], tuple(years)) for pk, years in owed.items()),
        )
        for owner_id, owed in by_owner.items()
    ]
