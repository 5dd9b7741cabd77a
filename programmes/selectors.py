"""Read queries for programmes and projects, shared by pages, exports and reports."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.people import person_name
from core.periods import Period

from .models import (
    Milestone,
    Phase,
    Programme,
    Project,
    ProjectMove,
    Rating,
    Risk,
    RiskStatus,
    StatusReport,
    StatusReportDraft,
    SubProgramme,
    risk_level,
)


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.annotate(
        sub_programme_count=Count("sub_programmes", distinct=True),
        project_count=Count("sub_programmes__projects", distinct=True),
    ).order_by("name")


@dataclass(frozen=True)
class ProjectRow:
    """One line of the programme page: just what it shows, so 2,000 rows stay cheap to build and render."""

    pk: int
    url: str
    name: str
    phase: str
    phase_label: str
    leader: str
    owner: str


def programme_with_structure(*, programme_id: int) -> Programme:
    """A programme with its sub-programmes, each with `project_rows`, in four queries whatever the size.

    Projects are read with only the columns the page shows and the people once each (not once per
    project), which is what keeps the page fast at thousands of projects.
    """
    programme = Programme.objects.get(pk=programme_id)
    sub_programmes = list(
        SubProgramme.objects.filter(programme=programme).select_related("leader").order_by("position", "name")
    )
    projects = list(
        Project.objects.filter(sub_programme__programme=programme)
        .order_by("name")
        .values("pk", "name", "phase", "sub_programme_id", "leader_id", "owner_id")
    )
    people = {
        user.pk: person_name(user)
        for user in get_user_model()
        .objects.filter(pk__in={p["leader_id"] for p in projects} | {p["owner_id"] for p in projects})
        .only("pk", "username", "first_name", "last_name")
    }
    phase_labels = {value: str(label) for value, label in Phase.choices}
    # Reversing a URL per row is measurable at thousands of rows; reverse once and fill in the id.
    url_prefix = reverse("programmes:project_detail", args=[0]).removesuffix("0/")
    rows_by_sub: dict[int, list[ProjectRow]] = {sub.pk: [] for sub in sub_programmes}
    for p in projects:
        rows_by_sub[p["sub_programme_id"]].append(
            ProjectRow(
                pk=p["pk"],
                url=f"{url_prefix}{p['pk']}/",
                name=p["name"],
                phase=p["phase"],
                phase_label=phase_labels[p["phase"]],
                leader=people.get(p["leader_id"], ""),
                owner=people.get(p["owner_id"], ""),
            )
        )
    for sub in sub_programmes:
        sub.project_rows = rows_by_sub[sub.pk]
    programme.sub_programme_list = sub_programmes
    return programme


def latest_report_subquery(field: str = "pk") -> Subquery:
    """The newest submitted status report of the outer project (latest period, latest version)."""
    return Subquery(
        StatusReport.objects.filter(project=OuterRef("pk"))
        .order_by("-period_key", "-version")
        .values(field)[:1]
    )


def attach_latest_reports(projects: list[Project]) -> list[Project]:
    """Sets `latest_report` on projects annotated with `latest_report_id`, in one query."""
    reports = StatusReport.objects.in_bulk([p.latest_report_id for p in projects if p.latest_report_id])
    for project in projects:
        project.latest_report = reports.get(project.latest_report_id)
    return projects


@dataclass(frozen=True)
class ReportState:
    """Where a project stands with its status reports for the period now expected.

    ok: reported for the current period; upcoming: the current period is not over yet; missing: an ended
    period is unreported but its deadline has not passed; overdue: that deadline has passed.
    """

    state: str
    period: Period
    deadline: datetime.date

    @property
    def needs_attention(self) -> bool:
        return self.state in ("missing", "overdue")

    @property
    def label(self) -> str:
        return {
            "ok": _("Reported for %(period)s"),
            "upcoming": _("Next status report: %(period)s, due %(deadline)s"),
            "missing": _("Status report for %(period)s is due %(deadline)s"),
            "overdue": _("Status report for %(period)s is overdue (deadline %(deadline)s)"),
        }[self.state] % {"period": self.period.label, "deadline": formats.date_format(self.deadline, "j. F")}


# --- Status reports owed: one rule for the pages, the register and the PDF reports ----------------------
# A project owes a status report for a period when it is under way (planning, execution or realisation of
# gains), was registered (proposed) by the end of the period, and had started by then (or has no planned
# start). It is missing when it owes one and has no status report for that very period; an older status
# does not count. Ideas, concepts, closed projects and projects not started do not report.

REPORTING_PHASES = (Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION)


def existed_by(period: Period) -> Q:
    """Projects registered (proposed) on or before the last day of the period (in local time)."""
    return Q(created_at__date__lte=period.end)


def owes_status_report(period: Period) -> Q:
    return (
        Q(phase__in=REPORTING_PHASES)
        & existed_by(period)
        & (Q(start_date__isnull=True) | Q(start_date__lte=period.end))
    )


def project_owes_status_report(project: Project, period: Period) -> bool:
    """`owes_status_report` for one loaded project, for the pages that already hold it."""
    created = timezone.localdate(project.created_at) if project.created_at else None
    return (
        project.phase in REPORTING_PHASES
        and (created is None or created <= period.end)
        and (project.start_date is None or project.start_date <= period.end)
    )


def missing_status_report(period: Period) -> Q:
    """Projects that owe a status report for the period and have none for it."""
    return owes_status_report(period) & ~Exists(
        StatusReport.objects.filter(project=OuterRef("pk"), period_key=period.key)
    )


def due_period(programme: Programme, today: datetime.date) -> Period:
    """The period whose status reports the pages ask for: the last one that has ended."""
    return Period.containing(today, programme.reporting_scheme).previous()


@dataclass(frozen=True)
class StatusCount:
    """How a set of projects stands with its status reports for one period (see the rule above)."""

    period: Period
    green: int
    yellow: int
    red: int
    missing: int  # owes a status report for the period and has none
    not_reporting: int  # an idea, a concept, closed, or not started by the end of the period

    @property
    def reported(self) -> int:
        return self.green + self.yellow + self.red

    @property
    def total(self) -> int:
        return self.reported + self.missing + self.not_reporting

    @property
    def rows(self) -> list[tuple[str, int]]:
        """(rating, "missing" or "not_reporting", count) in the order the report and the pages list them."""
        return [
            (Rating.GREEN, self.green),
            (Rating.YELLOW, self.yellow),
            (Rating.RED, self.red),
            ("missing", self.missing),
            ("not_reporting", self.not_reporting),
        ]


def _period_status(period: Period) -> Subquery:
    """The overall rating of the outer project's status report for the period (its latest version)."""
    return Subquery(
        StatusReport.objects.filter(project=OuterRef("pk"), period_key=period.key)
        .order_by("-version")
        .values("overall")[:1]
    )


def report_deadline(programme: Programme, period: Period) -> datetime.date:
    """The last day to submit a status report for the period: the programme's days after its end."""
    return period.end + datetime.timedelta(days=programme.report_due_days)


def status_count(*, projects: QuerySet[Project], period: Period) -> StatusCount:
    """The count of `projects` registered by the end of `period`: reported by overall rating, missing, and
    not reporting. One query. The programme page, 'Mine prosjekter', the register and the PDF all count
    with this, so their figures agree."""
    counted = (
        projects.filter(existed_by(period))
        .annotate(period_status=_period_status(period))
        .aggregate(
            green=Count("pk", filter=Q(period_status=Rating.GREEN)),
            yellow=Count("pk", filter=Q(period_status=Rating.YELLOW)),
            red=Count("pk", filter=Q(period_status=Rating.RED)),
            missing=Count("pk", filter=Q(period_status__isnull=True) & owes_status_report(period)),
            total=Count("pk"),
        )
    )
    total = counted.pop("total")
    return StatusCount(
        period=period,
        **counted,
        not_reporting=total - counted["green"] - counted["yellow"] - counted["red"] - counted["missing"],
    )


def projects_rated(*, projects: QuerySet[Project], period: Period, rating: str, limit: int) -> list[Project]:
    """The first `limit` of `projects` (by name) whose status report for the period has that overall
    rating: the projects behind `status_count`'s figure for it. One query, leader and sub-programme joined."""
    return list(
        projects.filter(existed_by(period))
        .annotate(period_status=_period_status(period))
        .filter(period_status=rating)
        .select_related("leader", "sub_programme")
        .order_by("name", "pk")[:limit]
    )


def projects_missing_report(*, projects: QuerySet[Project], period: Period, limit: int) -> list[Project]:
    """The first `limit` of `projects` (by name) that owe a status report for the period and have none:
    the projects behind `status_count`'s missing figure. One query, leader and sub-programme joined."""
    return list(
        projects.filter(missing_status_report(period))
        .select_related("leader", "sub_programme")
        .order_by("name", "pk")[:limit]
    )


def report_state(*, project: Project, programme: Programme, today: datetime.date) -> ReportState | None:
    """The reporting duty of a project under way (ideas, concepts and closed projects have none).

    `project.reported_period_keys` holds the periods it has a report for. The last ended period must be
    reported within the programme's deadline, by a report for that very period (the rule of
    `missing_status_report`, so this mark and the counts on the programme page, the register and the PDF
    agree); until the current period has ended, its report is only upcoming.
    """
    if not project.needs_status_reports:
        return None
    current = Period.containing(today, programme.reporting_scheme)
    last_ended = current.previous()
    reported = project.reported_period_keys
    if last_ended.key not in reported and project_owes_status_report(project, last_ended):
        deadline = report_deadline(programme, last_ended)
        return ReportState("overdue" if today > deadline else "missing", last_ended, deadline)
    if current.key not in reported:
        return ReportState("upcoming", current, report_deadline(programme, current))
    return ReportState("ok", current, report_deadline(programme, current))


def attach_reported_periods(projects: list[Project]) -> list[Project]:
    """Sets `reported_period_keys` (the periods each project has a status report for), in one query."""
    keys: dict[int, set[str]] = {project.pk: set() for project in projects}
    pairs = (
        StatusReport.objects.filter(project_id__in=keys).values_list("project_id", "period_key").distinct()
    )
    for project_id, period_key in pairs:
        keys[project_id].add(period_key)
    for project in projects:
        project.reported_period_keys = keys[project.pk]
    return projects


def projects_for_leader(*, user) -> list[Project]:
    """'Mine prosjekter': projects the user leads or owns, or whose sub-programme they lead."""
    open_milestones = Milestone.objects.filter(done_date__isnull=True).order_by("planned_date", "pk")
    projects = list(
        Project.objects.filter(Q(leader=user) | Q(owner=user) | Q(sub_programme__leader=user))
        .select_related("sub_programme__programme", "leader", "owner")
        .prefetch_related(Prefetch("milestones", queryset=open_milestones, to_attr="open_milestones"))
        .annotate(latest_report_id=latest_report_subquery())
        .order_by("sub_programme__position", "name")
    )
    attach_latest_reports(projects)
    attach_reported_periods(projects)
    today = timezone.localdate()
    for project in projects:
        project.next_milestone = project.open_milestones[0] if project.open_milestones else None
        project.report_state = report_state(
            project=project, programme=project.sub_programme.programme, today=today
        )
    return projects


MOVES_SHOWN_DAYS = 30


def moves_into_led_sub_programmes(*, user, today=None) -> list[ProjectMove]:
    """Projects moved into a sub-programme the user leads in the last 30 days, newest first."""
    since = (today or timezone.localdate()) - datetime.timedelta(days=MOVES_SHOWN_DAYS)
    return list(
        ProjectMove.objects.filter(to_sub_programme__leader=user, moved_at__date__gte=since)
        .select_related("project", "from_sub_programme", "to_sub_programme", "moved_by")
        .order_by("-moved_at")
    )


def status_report_draft(
    *, project: Project, period_key: str, or_latest_of: Iterable[str] | None = None
) -> StatusReportDraft | None:
    """The project's draft status report for the period; failing that, when `or_latest_of` names periods,
    the draft of those saved last. Drafts are for the project's editors only: never show one to others,
    and never count one as a submitted report."""
    drafts = project.status_report_drafts.select_related("updated_by")
    draft = drafts.filter(period_key=period_key).first()
    if draft is None and or_latest_of:
        draft = drafts.filter(period_key__in=list(or_latest_of)).order_by("-updated_at").first()
    return draft


def project_detail(*, project_id: int) -> Project:
    """One project with what its page shows: structure, people, latest status, milestones, risks."""
    projects = project_details(project_ids=[project_id])
    if project_id not in projects:
        raise Project.DoesNotExist(f"No project with id {project_id}")
    return projects[project_id]


def project_details(*, project_ids: Iterable[int]) -> dict[int, Project]:
    """Projects by id, each loaded as `project_detail` loads one, in five queries however many there are."""
    projects = (
        Project.objects.filter(pk__in=list(project_ids))
        .select_related("sub_programme__programme", "sub_programme__leader", "leader", "owner")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("planned_date", "pk")),
            Prefetch("risks", queryset=Risk.objects.select_related("owner")),
            Prefetch(
                "status_reports",
                queryset=StatusReport.objects.select_related("submitted_by").order_by(
                    "-period_key", "-version"
                ),
            ),
        )
    )
    today = timezone.localdate()
    details = {}
    for project in projects:
        reports = list(project.status_reports.all())
        project.latest_report = reports[0] if reports else None
        project.reported_period_keys = {report.period_key for report in reports}
        project.report_state = report_state(
            project=project, programme=project.sub_programme.programme, today=today
        )
        details[project.pk] = project
    return details


def risk_matrix(risks) -> list[dict]:
    """Rows of a 5×5 matrix (consequence across, probability down, highest first) with the risks in each cell."""
    active = [r for r in risks if r.status != RiskStatus.CLOSED]
    rows = []
    for probability in range(5, 0, -1):
        cells = []
        for consequence in range(1, 6):
            cells.append(
                {
                    "consequence": consequence,
                    "level": risk_level(probability * consequence),
                    "risks": [
                        r for r in active if r.probability == probability and r.consequence == consequence
                    ],
                }
            )
        rows.append({"probability": probability, "cells": cells})
    return rows


# --- Project register ---------------------------------------------------------------------------------
# The register lists every project with search, filters and sorting; the page and its Excel export both
# read it through `project_register`, so they always agree on what a filter means.
# Its imports stay in this section so that the shared import block at the top is left as it is.

from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from django.db.models import BooleanField, Case, ExpressionWrapper, F, IntegerField, Value, When  # noqa: E402
from django.db.models.expressions import OrderBy  # noqa: E402
from django.db.models.functions import Lower, StrIndex  # noqa: E402


def _search(text: str) -> Q:
    """Every word must occur in the name or the need, in any case: `tilsyn natt` finds 'Digitalt nattilsyn'."""
    query = Q()
    for word in text.split():
        query &= Q(name__icontains=word) | Q(need__icontains=word)
    return query


def _latest_status(value: str) -> Q:
    """`missing`: the project owes the status report of its programme's last ended period and has none
    (the count the programme page shows); otherwise the latest report's overall rating."""
    if value != "missing":
        return Q(latest_status=value)
    today = timezone.localdate()
    condition = Q(pk__in=[])
    for programme in Programme.objects.only("pk", "reporting_scheme"):
        condition |= Q(sub_programme__programme=programme) & missing_status_report(
            due_period(programme, today)
        )
    return condition


# Filter name (as in the register's filter form) -> the condition it adds. A new filter is one entry here
# and one field in programmes.filters.ProjectFilterForm.
REGISTER_FILTERS: dict[str, Callable[[Any], Q]] = {
    "q": _search,
    "sub_programme": lambda value: Q(sub_programme=value),
    "phase": lambda value: Q(phase=value),
    "status": _latest_status,
    "leader": lambda value: Q(leader=value),
}

# Phases in the order a project goes through them, not alphabetically.
_PHASE_ORDER = Case(
    *[When(phase=value, then=Value(position)) for position, value in enumerate(Phase.values)],
    output_field=IntegerField(),
)
# Worst first: the position of the rating in "red yellow green", so that the latest report is looked up
# once per project (a CASE would repeat the subquery for each rating). Projects without a status report
# have no position and go last in both directions.
_STATUS_ORDER = StrIndex(Value(f"{Rating.RED} {Rating.YELLOW} {Rating.GREEN}"), F("latest_status"))

# Sort key (as in the URL, `-` in front for descending) -> the expressions to order by.
REGISTER_SORTS: dict[str, tuple] = {
    "name": (Lower("name"),),
    "sub_programme": (Lower("sub_programme__name"),),
    "phase": (_PHASE_ORDER,),
    "leader": (Lower("leader__first_name"), Lower("leader__last_name"), "leader__username"),
    "cost": ("cost_estimate",),
    "status": (_STATUS_ORDER,),
    "start": ("start_date",),
}
REGISTER_DEFAULT_SORT = "name"


def _register_ordering(sort: str) -> list[OrderBy]:
    descending = sort.startswith("-")
    expressions = REGISTER_SORTS.get(sort.removeprefix("-")) or REGISTER_SORTS[REGISTER_DEFAULT_SORT]
    ordering = []
    for expression in expressions:
        expression = F(expression) if isinstance(expression, str) else expression
        # Unknown values (no status, no planned start) go last whichever way the column is sorted.
        ordering.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
    # Name and id break ties, so paging through equal values never repeats or skips a project.
    return [*ordering, Lower("name").asc(), F("pk").asc()]


def project_register(*, filters: dict) -> QuerySet[Project]:
    """Every project matching `filters`, sorted, with `latest_status` (the latest overall rating or None).

    `filters` holds any of the keys of REGISTER_FILTERS (empty values are ignored) and `sort`, a key of
    REGISTER_SORTS with `-` in front for descending. Every signed-in user may see every project, so the
    register is not narrowed by the user. Sub-programme, leader and owner are joined in; the latest status
    is a subquery per project, so a page of the register is one query whatever the number of reports.
    `waiting_decision` and `stopped` (closed by a «stop» at a decision point) mark the phase column.
    """
    conditions = Q()
    for name, condition in REGISTER_FILTERS.items():
        value = filters.get(name)
        if value not in (None, ""):
            conditions &= condition(value)
    return (
        Project.objects.annotate(latest_status=latest_report_subquery("overall"))
        .annotate(**_decision_marks())
        .filter(conditions)
        .select_related("sub_programme", "leader", "owner")
        .order_by(*_register_ordering(filters.get("sort") or REGISTER_DEFAULT_SORT))
    )


def _decision_marks() -> dict:
    """The decision-point marks of the register's phase column (defined with the decision points below)."""
    return {
        "waiting_decision": decision_waiting(),
        "stopped": ExpressionWrapper(
            Q(phase=Phase.CLOSED) & stopped_at_decision_point(), output_field=BooleanField()
        ),
    }


def register_sub_programme_choices() -> list:
    """Sub-programmes for the register's filter, grouped by programme when there is more than one."""
    sub_programmes = list(
        SubProgramme.objects.select_related("programme").order_by("programme__name", "position", "name")
    )
    programmes = {sub.programme_id for sub in sub_programmes}
    if len(programmes) <= 1:
        return [(sub.pk, sub.name) for sub in sub_programmes]
    groups: dict[str, list] = {}
    for sub in sub_programmes:
        groups.setdefault(sub.programme.name, []).append((sub.pk, sub.name))
    return list(groups.items())


def register_leader_choices() -> list[tuple[int, str]]:
    """The people who lead at least one project, by name, for the register's leader filter."""
    leaders = (
        get_user_model()
        .objects.filter(pk__in=Project.objects.values("leader"))
        .order_by("first_name", "last_name", "username")
        .only("pk", "username", "first_name", "last_name")
    )
    return [(user.pk, person_name(user)) for user in leaders]


# --- Decision points between phases -------------------------------------------------------------------

from core import numbers  # noqa: E402

from .gains import expected_gains  # noqa: E402
from .models import DECISION_PENDING, DecisionChecklistItem, DecisionOutcome, DecisionPoint  # noqa: E402


def decision_points(*, project: Project) -> list[DecisionPoint]:
    """The project's decision points, newest first (a pending one, if any, is the first), with who prepared
    and who decided. One query."""
    return list(project.decision_points.select_related("prepared_by", "decided_by").order_by("-pk"))


def decision_checklist(*, from_phase: str) -> list[DecisionChecklistItem]:
    """The questions in use for the decision point that leaves `from_phase`, in the administrator's order."""
    return list(
        DecisionChecklistItem.objects.filter(from_phase=from_phase, active=True).order_by("position", "pk")
    )


def decision_basis_initial(*, project: Project) -> dict[str, str]:
    """A first draft of the decision basis from what the project holds: the need and goal as written, the
    expected gain as the pages show it (programmes.gains), the cost and resource need, and the open risks
    with the highest scores. The project leader edits it before it is sent for decision."""
    gain = expected_gains([project.pk])[project.pk]
    if gain.known:
        gains = _("Expected gain %(period)s: %(amount)s (%(basis)s).") % {
            "period": gain.period,
            "amount": numbers.format_kroner(gain.total),
            "basis": gain.source_label,
        }
    else:
        gains = _("The financial gain is not estimated yet.")
    cost = _("Cost: %(cost)s. Resource need: %(need)s.") % {
        "cost": numbers.format_kroner(project.cost_estimate),
        "need": numbers.format_person_years(project.resource_need),
    }
    risks = [r for r in project.risks.all() if r.status != RiskStatus.CLOSED]
    risks.sort(key=lambda r: (-r.score, r.pk))
    risk = "\n".join(f"{r.title} ({r.probability} × {r.consequence} = {r.score})" for r in risks[:5])
    return {"need": project.need, "goals": project.goal, "gains": gains, "cost": cost, "risk": risk}


def decision_waiting() -> Exists:
    """The outer project has a decision point prepared and waiting for a decision."""
    return Exists(DecisionPoint.objects.filter(DECISION_PENDING, project=OuterRef("pk")))


def stopped_at_decision_point() -> Exists:
    """The outer project was closed by a «stop» at a decision point (not completed)."""
    return Exists(DecisionPoint.objects.filter(project=OuterRef("pk"), outcome=DecisionOutcome.STOP))


def waiting_for_decision_count(*, projects: QuerySet[Project]) -> int:
    """How many of `projects` have a decision point waiting for a decision. One query."""
    return projects.filter(decision_waiting()).count()


DECISION_POINT_FILTERS = {
    "waiting": lambda: decision_waiting(),
    "stopped": lambda: Q(phase=Phase.CLOSED) & stopped_at_decision_point(),
}
REGISTER_FILTERS["decision_point"] = lambda value: (
    Q(DECISION_POINT_FILTERS[value]()) if value in DECISION_POINT_FILTERS else Q()
)
