"""Read queries and every sum of gains: the pages, the Excel export and the PDF reports all use these.

Financial sums are whole kroner (`int`); non-financial benefits are counted, never summed, since their
units differ. A year's realised figure that is not entered yet is `None` and counts as 0 in a sum, but a
benefit is behind plan when a past year has a plan and no realised figure. A realised figure stored for a
year that has not started (refused since, but older rows may hold one) is never counted as realised: every
sum here goes through `realised_counts` / `counted_realised`, the one rule for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Lower

from core.people import person_name
from programmes.gains import ESTIMATE, PLAN, UNKNOWN, ExpectedGain
from programmes.models import Programme, Project, SubProgramme

from .. import models
from ..models import FINANCIAL_KINDS, Benefit, BenefitKind, BenefitPlanYear, EconomicPlan, SavingsTarget

LIST_LIMIT = 25
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=15, decimal_places=2))


def _int(value: Decimal | int | None) -> int:
    return int(value or 0)


def current_year() -> int:
    return models.current_year()


def realised_counts(this_year: int) -> Q:
    """The plan years whose realised figure counts as realised: those of this year and earlier."""
    return Q(year__lte=this_year)


def counted_realised(plan_year: BenefitPlanYear, this_year: int) -> Decimal | None:
    """A plan year's realised figure as the sums count it: None for a year that has not started."""
    return plan_year.realised if plan_year.year <= this_year else None


def plan_years(programme: Programme) -> list[int]:
    """The years of the programme's economic-plan period; four years from this year if none is set.

    Reads `programme.economic_plan`; load the programme with `select_related("economic_plan")`.
    """
    try:
        plan = programme.economic_plan
    except EconomicPlan.DoesNotExist:
        start = current_year()
        return list(range(start, start + 4))
    return plan.year_list


# --- One project's gains --------------------------------------------------------------------------------


@dataclass
class BenefitRow:
    """One benefit in the project grid: its plan years by year and its totals over the shown years."""

    benefit: Benefit
    years: dict[int, BenefitPlanYear | None]
    planned_total: Decimal
    realised_total: Decimal
    # Years with a realised figure stored for a year that has not started: shown, never counted.
    uncounted_realised: frozenset[int] = frozenset()


@dataclass
class ProjectGains:
    project: Project
    years: list[int]
    rows: list[BenefitRow]
    planned_by_year: dict[int, int]  # financial benefits only, whole kroner
    realised_by_year: dict[int, int]
    planned_total: int
    realised_total: int
    this_year: int = 0

    @property
    def year_totals(self) -> list[tuple[int, int, int]]:
        """(year, planned, realised) of the financial benefits, for the grid's total row."""
        return [(y, self.planned_by_year[y], self.realised_by_year[y]) for y in self.years]


def project_gains(*, project_id: int) -> ProjectGains:
    """A project with its benefits and their plan years, in three queries whatever the number of benefits.

    The years shown are the programme's plan period plus any other year a benefit has figures for.
    """
    gains = projects_gains(project_ids=[project_id])
    if project_id not in gains:
        raise Project.DoesNotExist(f"No project with id {project_id}")
    return gains[project_id]


def projects_gains(*, project_ids: Iterable[int]) -> dict[int, ProjectGains]:
    """`project_gains` of many projects by id, in three queries however many projects there are."""
    projects = list(
        Project.objects.select_related("sub_programme__programme__economic_plan", "owner", "leader").filter(
            pk__in=list(project_ids)
        )
    )
    return _gains_of(projects)


def gains_of_project(project: Project) -> ProjectGains:
    """`project_gains` of a project already loaded (with `sub_programme__programme__economic_plan`), in two
    queries: the pages that have the project at hand save fetching it again."""
    return _gains_of([project])[project.pk]


def _gains_of(projects: list[Project]) -> dict[int, ProjectGains]:
    benefits_by_project: dict[int, list[Benefit]] = {}
    for benefit in (
        Benefit.objects.filter(project__in=[p.pk for p in projects])
        .select_related("owner")
        .prefetch_related(Prefetch("plan_years", queryset=BenefitPlanYear.objects.order_by("year")))
        .order_by("pk")
    ):
        benefits_by_project.setdefault(benefit.project_id, []).append(benefit)
    return {
        project.pk: _project_gains(project, benefits_by_project.get(project.pk, [])) for project in projects
    }


def _project_gains(project: Project, benefits: list[Benefit]) -> ProjectGains:
    this_year = current_year()
    years = set(plan_years(project.sub_programme.programme))
    for benefit in benefits:
        years.update(py.year for py in benefit.plan_years.all())
    year_list = sorted(years)
    rows = []
    planned_by_year = dict.fromkeys(year_list, 0)
    realised_by_year = dict.fromkeys(year_list, 0)
    for benefit in benefits:
        by_year = {py.year: py for py in benefit.plan_years.all()}
        rows.append(
            BenefitRow(
                benefit=benefit,
                years={year: by_year.get(year) for year in year_list},
                planned_total=sum((py.planned or 0 for py in by_year.values()), Decimal(0)),
                realised_total=sum(
                    (counted_realised(py, this_year) or 0 for py in by_year.values()), Decimal(0)
                ),
                uncounted_realised=frozenset(
                    py.year for py in by_year.values() if py.realised is not None and py.year > this_year
                ),
            )
        )
        if benefit.is_financial:
            for year, py in by_year.items():
                planned_by_year[year] += _int(py.planned)
                realised_by_year[year] += _int(counted_realised(py, this_year))
    return ProjectGains(
        project=project,
        years=year_list,
        rows=rows,
        planned_by_year=planned_by_year,
        realised_by_year=realised_by_year,
        planned_total=sum(planned_by_year.values()),
        realised_total=sum(realised_by_year.values()),
        this_year=this_year,
    )


# --- Programme and sub-programme overviews ----------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    year: int
    planned: int
    realised: int
    target: int | None
    cumulative_planned: int
    cumulative_realised: int
    cumulative_target: int | None

    @property
    def gap(self) -> int | None:
        """How far the plan falls short of the target (positive: short, negative: beyond it)."""
        return None if self.target is None else self.target - self.planned


@dataclass(frozen=True)
class GroupFigures:
    """Planned and realised over the period for one kind or one sub-programme."""

    key: str | int
    label: str
    planned: int
    realised: int
    benefits: int
    target: int | None = None


@dataclass(frozen=True)
class BenefitLine:
    """A benefit in the lists of the largest benefits and of benefits behind plan."""

    pk: int
    title: str
    kind: str
    kind_label: str
    project_id: int
    project_name: str
    sub_programme: str
    owner: str
    budget_withdrawal: bool
    planned: int
    realised: int
    behind: int  # planned minus realised over the years that are due; 0 when on or ahead of plan
    missing_years: int  # past years with a plan and no realised figure


@dataclass
class GainOverview:
    programme: Programme
    sub_programme: SubProgramme | None
    sub_programmes: list[SubProgramme]
    years: list[int]
    by_year: list[YearFigures]
    by_kind: list[GroupFigures]
    non_financial: list[GroupFigures]
    by_sub_programme: list[GroupFigures]
    planned_total: int
    realised_total: int
    target_total: int | None
    withdrawn_planned: int  # planned gains already taken out of the budgets
    withdrawn_realised: int
    largest: list[BenefitLine] = field(default_factory=list)
    behind_plan: list[BenefitLine] = field(default_factory=list)

    @property
    def withdrawn_share(self) -> Decimal | None:
        """The share of the planned financial gains that is taken out of budgets, 0–100 (one decimal)."""
        if not self.planned_total:
            return None
        return (Decimal(self.withdrawn_planned) * 100 / self.planned_total).quantize(Decimal("0.1"))

    @property
    def gap_total(self) -> int | None:
        return None if self.target_total is None else self.target_total - self.planned_total


LARGEST_SORTS = {
    "planned": "-planned_sum",
    "realised": "-realised_sum",
    "behind": "-behind_sum",
    "title": "title_lower",
    "project": "project_lower",
}
BEHIND_SORTS = {"behind": "-behind_sum", **{k: v for k, v in LARGEST_SORTS.items() if k != "behind"}}


def gain_overview(
    *,
    programme_id: int,
    sub_programme_id: int | None = None,
    largest_sort: str = "planned",
    behind_sort: str = "behind",
    limit: int = LIST_LIMIT,
) -> GainOverview:
    """Every figure of the gain overview of a programme, or of one of its sub-programmes.

    Eight queries whatever the size: the programme (with its plan period), its sub-programmes, the
    targets, the plan years summed by year × sub-programme × kind × budget withdrawal, the benefits
    counted by kind × sub-programme, the two benefit lists and the names of their benefits.
    """
    programme = Programme.objects.select_related("economic_plan").get(pk=programme_id)
    sub_programmes = list(SubProgramme.objects.filter(programme=programme).order_by("position", "name"))
    sub_programme = None
    if sub_programme_id is not None:
        sub_programme = next((s for s in sub_programmes if s.pk == sub_programme_id), None)
        if sub_programme is None:
            raise SubProgramme.DoesNotExist
    years = plan_years(programme)
    this_year = current_year()

    scope = (
        Q(project__sub_programme=sub_programme_id)
        if sub_programme_id
        else Q(project__sub_programme__programme=programme_id)
    )
    plan_scope = (
        Q(benefit__project__sub_programme=sub_programme_id)
        if sub_programme_id
        else Q(benefit__project__sub_programme__programme=programme_id)
    )

    # Targets: the programme's own, or the sub-programme's; per sub-programme for the breakdown.
    targets = list(SavingsTarget.objects.filter(programme=programme, year__in=years))
    own_targets = {
        t.year: t.amount
        for t in targets
        if (t.sub_programme_id == sub_programme_id if sub_programme_id else t.sub_programme_id is None)
    }
    sub_targets: dict[int, int] = defaultdict(int)
    for t in targets:
        if t.sub_programme_id is not None:
            sub_targets[t.sub_programme_id] += t.amount

    sums = (
        BenefitPlanYear.objects.filter(plan_scope, year__in=years, benefit__kind__in=FINANCIAL_KINDS)
        .values("year", "benefit__project__sub_programme_id", "benefit__kind", "benefit__budget_withdrawal")
        .annotate(planned=Sum("planned"), realised=Sum("realised", filter=realised_counts(this_year)))
        .order_by()
    )
    planned_year: dict[int, int] = defaultdict(int)
    realised_year: dict[int, int] = defaultdict(int)
    kind_planned: dict[str, int] = defaultdict(int)
    kind_realised: dict[str, int] = defaultdict(int)
    sub_planned: dict[int, int] = defaultdict(int)
    sub_realised: dict[int, int] = defaultdict(int)
    withdrawn_planned = withdrawn_realised = 0
    for row in sums:
        planned, realised = _int(row["planned"]), _int(row["realised"])
        planned_year[row["year"]] += planned
        realised_year[row["year"]] += realised
        kind_planned[row["benefit__kind"]] += planned
        kind_realised[row["benefit__kind"]] += realised
        sub_planned[row["benefit__project__sub_programme_id"]] += planned
        sub_realised[row["benefit__project__sub_programme_id"]] += realised
        if row["benefit__budget_withdrawal"]:
            withdrawn_planned += planned
            withdrawn_realised += realised

    counts = (
        Benefit.objects.filter(scope)
        .values("kind", "project__sub_programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kind_count: dict[str, int] = defaultdict(int)
    sub_count: dict[int, int] = defaultdict(int)
    for row in counts:
        kind_count[row["kind"]] += row["n"]
        if row["kind"] in FINANCIAL_KINDS:
            sub_count[row["project__sub_programme_id"]] += row["n"]

    by_year = []
    cumulative_planned = cumulative_realised = 0
    cumulative_target: int | None = 0
    for year in years:
        cumulative_planned += planned_year[year]
        cumulative_realised += realised_year[year]
        target = own_targets.get(year)
        cumulative_target = (
            None if target is None or cumulative_target is None else cumulative_target + target
        )
        by_year.append(
            YearFigures(
                year=year,
                planned=planned_year[year],
                realised=realised_year[year],
                target=target,
                cumulative_planned=cumulative_planned,
                cumulative_realised=cumulative_realised,
                cumulative_target=cumulative_target,
            )
        )

    labels = dict(BenefitKind.choices)
    by_kind = [
        GroupFigures(kind, str(labels[kind]), kind_planned[kind], kind_realised[kind], kind_count[kind])
        for kind in BenefitKind.values
        if kind in FINANCIAL_KINDS
    ]
    non_financial = [
        GroupFigures(kind, str(labels[kind]), 0, 0, kind_count[kind])
        for kind in BenefitKind.values
        if kind not in FINANCIAL_KINDS
    ]
    shown_subs = [sub_programme] if sub_programme else sub_programmes
    by_sub_programme = [
        GroupFigures(
            sub.pk,
            sub.name,
            sub_planned[sub.pk],
            sub_realised[sub.pk],
            sub_count[sub.pk],
            sub_targets.get(sub.pk),
        )
        for sub in shown_subs
    ]
    target_total = sum(own_targets.values()) if own_targets else None
    largest, behind_plan = benefit_lists(
        plan_scope=plan_scope,
        years=years,
        this_year=this_year,
        largest_order=LARGEST_SORTS.get(largest_sort, "-planned_sum"),
        behind_order=BEHIND_SORTS.get(behind_sort, "-behind_sum"),
        limit=limit,
    )

    return GainOverview(
        programme=programme,
        sub_programme=sub_programme,
        sub_programmes=sub_programmes,
        years=years,
        by_year=by_year,
        by_kind=by_kind,
        non_financial=non_financial,
        by_sub_programme=by_sub_programme,
        planned_total=sum(planned_year.values()),
        realised_total=sum(realised_year.values()),
        target_total=target_total,
        withdrawn_planned=withdrawn_planned,
        withdrawn_realised=withdrawn_realised,
        largest=largest,
        behind_plan=behind_plan,
    )


def _benefit_totals(*, plan_scope: Q, years: list[int], this_year: int) -> QuerySet:
    """Financial benefits' sums over the period, and how far behind plan they are, by benefit id.

    Grouped by the benefit id alone (a narrow, fast aggregate); the lists fetch the names of the few
    benefits they show afterwards. A year is due when it is past, or when its realised figure has been
    entered; behind plan means the realised sum over the due years is below their planned sum.
    """
    due = Q(year__lt=this_year) | (Q(realised__isnull=False) & realised_counts(this_year))
    behind = ExpressionWrapper(
        Coalesce(Sum("planned", filter=due), ZERO) - Coalesce(Sum("realised", filter=due), ZERO),
        output_field=DecimalField(max_digits=17, decimal_places=2),
    )
    return (
        BenefitPlanYear.objects.filter(plan_scope, year__in=years, benefit__kind__in=FINANCIAL_KINDS)
        .values("benefit_id")
        .annotate(
            planned_sum=Coalesce(Sum("planned"), ZERO),
            realised_sum=Coalesce(Sum("realised", filter=realised_counts(this_year)), ZERO),
            behind_sum=behind,
            missing=Count("pk", filter=Q(year__lt=this_year, realised__isnull=True, planned__gt=0)),
        )
    )


LIST_ORDER = {
    "-planned_sum": ("-planned_sum",),
    "-realised_sum": ("-realised_sum",),
    "-behind_sum": ("-behind_sum", "-missing"),
    "title_lower": (Lower("benefit__title"),),
    "project_lower": (Lower("benefit__project__name"), Lower("benefit__title")),
}


def benefit_lists(
    *, plan_scope: Q, years: list[int], this_year: int, largest_order: str, behind_order: str, limit: int
) -> tuple[list[BenefitLine], list[BenefitLine]]:
    """The largest benefits and those behind plan: two aggregate queries and one for their names."""
    totals = _benefit_totals(plan_scope=plan_scope, years=years, this_year=this_year)
    largest = list(
        totals.filter(planned_sum__gt=0).order_by(*LIST_ORDER[largest_order], "benefit_id")[:limit]
    )
    behind = list(
        totals.filter(Q(behind_sum__gt=0) | Q(missing__gt=0)).order_by(
            *LIST_ORDER[behind_order], "benefit_id"
        )[:limit]
    )
    benefits = Benefit.objects.select_related("project__sub_programme", "owner").in_bulk(
        {row["benefit_id"] for row in largest + behind}
    )
    labels = dict(BenefitKind.choices)

    def line(row) -> BenefitLine:
        benefit = benefits[row["benefit_id"]]
        return BenefitLine(
            pk=benefit.pk,
            title=benefit.title,
            kind=benefit.kind,
            kind_label=str(labels[benefit.kind]),
            project_id=benefit.project_id,
            project_name=benefit.project.name,
            sub_programme=benefit.project.sub_programme.name,
            owner=person_name(benefit.owner) if benefit.owner else "",
            budget_withdrawal=benefit.budget_withdrawal,
            planned=_int(row["planned_sum"]),
            realised=_int(row["realised_sum"]),
            behind=max(_int(row["behind_sum"]), 0),
            missing_years=row["missing"],
        )

    return [line(row) for row in largest], [line(row) for row in behind]


# --- The Excel layout -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One benefit as a row of the Excel benefit plan."""

    project: str  # the project's name, or "Sub-programme / Project" where the name is not unique
    title: str
    kind: str  # a BenefitKind value
    owner: str
    budget_withdrawal: bool
    planned: dict[int, Decimal | None]
    realised: dict[int, Decimal | None]


def project_labels(projects: list[dict]) -> dict[int, str]:
    """How a project is named in the Excel file: its name, qualified by its sub-programme when another
    project in the programme has the same name (names are unique only within a sub-programme)."""
    counts: dict[str, int] = defaultdict(int)
    for p in projects:
        counts[p["name"].strip().casefold()] += 1
    return {
        p["pk"]: (
            f"{p['sub_programme__name']} / {p['name']}"
            if counts[p["name"].strip().casefold()] > 1
            else p["name"]
        )
        for p in projects
    }


def programme_projects(*, programme_id: int) -> list[dict]:
    return list(
        Project.objects.filter(sub_programme__programme=programme_id)
        .values("pk", "name", "sub_programme_id", "sub_programme__name", "sub_programme__leader_id")
        .order_by("sub_programme__position", "name", "pk")
    )


def benefit_plan(*, programme_id: int) -> tuple[list[int], list[PlanRow]]:
    """The whole benefit plan of a programme as Excel rows, in four queries whatever its size.

    The years are the plan period plus every other year a benefit has figures for.
    """
    programme = Programme.objects.select_related("economic_plan").get(pk=programme_id)
    projects = programme_projects(programme_id=programme_id)
    labels = project_labels(projects)
    order = {p["pk"]: index for index, p in enumerate(projects)}
    benefits = list(
        Benefit.objects.filter(project__sub_programme__programme=programme_id)
        .select_related("owner")
        .only(
            "pk",
            "project_id",
            "title",
            "kind",
            "budget_withdrawal",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
        )
    )
    benefits.sort(key=lambda b: (order[b.project_id], b.pk))
    # The yearly figures as plain tuples: a model instance per year made a large plan slow (6,000 benefits
    # with 30,000 years took 1.8 s, most of it building instances the export never needs).
    figures: dict[int, dict[int, tuple]] = defaultdict(dict)
    for benefit_id, year, planned, realised in BenefitPlanYear.objects.filter(
        benefit__project__sub_programme__programme=programme_id
    ).values_list("benefit_id", "year", "planned", "realised"):
        figures[benefit_id][year] = (planned, realised)
    years = set(plan_years(programme))
    for by_year in figures.values():
        years.update(by_year)
    year_list = sorted(years)
    rows = []
    for benefit in benefits:
        by_year = figures.get(benefit.pk, {})
        rows.append(
            PlanRow(
                project=labels[benefit.project_id],
                title=benefit.title,
                kind=benefit.kind,
                owner=person_name(benefit.owner) if benefit.owner else "",
                budget_withdrawal=benefit.budget_withdrawal,
                planned={y: by_year[y][0] if y in by_year else None for y in year_list},
                realised={y: by_year[y][1] if y in by_year else None for y in year_list},
            )
        )
    return year_list, rows


def benefit_plan_size(*, programme_id: int) -> int:
    """How many rows the programme's benefit plan export has: one per benefit (one query)."""
    return Benefit.objects.filter(project__sub_programme__programme=programme_id).count()


def people_by_name() -> dict[str, list[int]]:
    """Active users by casefolded full name and by username, for matching the `Gevinsteier` column."""
    names: dict[str, list[int]] = defaultdict(list)
    for pk, username, first, last in (
        get_user_model()
        .objects.filter(is_active=True)
        .values_list("pk", "username", "first_name", "last_name")
    ):
        full = f"{first} {last}".strip()
        if full:
            names[full.casefold()].append(pk)
        if username.casefold() != full.casefold():
            names[username.casefold()].append(pk)
    return names


def existing_benefits(*, programme_id: int) -> dict[tuple[int, str], Benefit]:
    """The programme's benefits by (project id, casefolded title), with their plan years."""
    return {
        (b.project_id, b.title.strip().casefold()): b
        for b in Benefit.objects.filter(project__sub_programme__programme=programme_id).prefetch_related(
            "plan_years"
        )
    }


def benefit_history_records(*, project_id: int, limit: int = 200) -> tuple[list, list]:
    """The recorded changes of a project's benefits and their plan years (two queries)."""
    benefit_records = list(
        Benefit.history.filter(project_id=project_id)
        .select_related("history_user")
        .order_by("id", "history_id")
    )
    benefit_ids = {r.id for r in benefit_records}
    year_records = list(
        BenefitPlanYear.history.filter(benefit_id__in=benefit_ids)
        .select_related("history_user")
        .order_by("id", "history_id")
    )
    return benefit_records, year_records


# --- A project's expected gain ---------------------------------------------------------------------------


def expected_gains(*, project_ids: Iterable[int]) -> dict[int, ExpectedGain]:
    """The one figure of a project's expected financial gain, for every page, export and report.

    Over the years of the project's economic-plan period: the gain plan (the financial benefits' planned
    figures) where the project has one, i.e. any planned financial figure in the period; until then the
    proposal's estimated gain per year (`Project.estimated_annual_gain`), counted for each year from the
    year the project is planned to start (every year of the period when no start is set) and marked as an
    estimate; when there is neither, unknown (not 0). Two queries, whatever the number of projects.
    """
    ids = list(project_ids)
    projects = Project.objects.filter(pk__in=ids).values(
        "pk",
        "start_date",
        "estimated_annual_gain",
        start_year=F("sub_programme__programme__economic_plan__start_year"),
        plan_length=F("sub_programme__programme__economic_plan__years"),
    )
    planned: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        BenefitPlanYear.objects.filter(
            benefit__project_id__in=ids, benefit__kind__in=FINANCIAL_KINDS, planned__isnull=False
        )
        .values("benefit__project_id", "year")
        .annotate(planned=Sum("planned"))
        .order_by()
    ):
        planned[row["benefit__project_id"]][row["year"]] = _int(row["planned"])
    result = {}
    for p in projects:
        if p["start_year"] is None:
            years = list(range(current_year(), current_year() + models.DEFAULT_PLAN_YEARS))
        else:
            years = list(range(p["start_year"], p["start_year"] + p["plan_length"]))
        plan = planned.get(p["pk"], {})
        estimate = p["estimated_annual_gain"]
        if any(year in plan for year in years):
            gain = ExpectedGain(
                PLAN, tuple(years), {year: plan.get(year, 0) for year in years}, estimate_per_year=estimate
            )
        elif estimate is not None:
            first = p["start_date"].year if p["start_date"] else years[0]
            gain = ExpectedGain(
                ESTIMATE,
                tuple(years),
                {year: estimate if year >= first else 0 for year in years},
                estimate_per_year=estimate,
            )
        else:
            gain = ExpectedGain(UNKNOWN, tuple(years))
        result[p["pk"]] = gain
    return result

