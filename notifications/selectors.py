"""What the messages say: who owes which status report, and a sub-programme leader's week. Built on the
programmes' and benefits' selectors, so an e-mail counts as the pages and the PDF reports count."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from benefits.selectors import projects_gains
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
