"""The gain overviews of a programme or a sub-programme: figures per year and per group, and the lists of
the largest benefits and those behind plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, ExpressionWrapper, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import get_language

from core.freshness import cached_by_data
from core.people import person_name
from programmes.models import Programme, Project, SubProgramme

from ..models import FINANCIAL_KINDS, Benefit, BenefitKind, BenefitPlanYear, EconomicPlan, SavingsTarget
from .counting import _int, current_year, plan_years, realised_counts

LIST_LIMIT = 25
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=15, decimal_places=2))


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
    withdrawn_planned: int  # the budget withdrawals over the period (BenefitPlanYear.withdrawal)
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
        .values("year", "benefit__project__sub_programme_id", "benefit__kind")
        .annotate(
            # Before `realised`, whose name would otherwise stand for the annotation below.
            withdrawn=Sum("withdrawal"),
            withdrawn_realised=Sum(
                "realised", filter=realised_counts(this_year) & Q(withdrawal__isnull=False)
            ),
            planned=Sum("planned"),
            realised=Sum("realised", filter=realised_counts(this_year)),
        )
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
        withdrawn_planned += _int(row["withdrawn"])
        withdrawn_realised += _int(row["withdrawn_realised"])

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
            withdrawal_years=Count("pk", filter=Q(withdrawal__gt=0)),
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
            budget_withdrawal=row["withdrawal_years"] > 0,
            planned=_int(row["planned_sum"]),
            realised=_int(row["realised_sum"]),
            behind=max(_int(row["behind_sum"]), 0),
            missing_years=row["missing"],
        )

    return [line(row) for row in largest], [line(row) for row in behind]


def cached_gain_overview(
    *,
    programme_id: int,
    sub_programme_id: int | None = None,
    largest_sort: str = "planned",
    behind_sort: str = "behind",
    limit: int = LIST_LIMIT,
) -> GainOverview:
    """`gain_overview`, cached under the state of the tables it reads (core.freshness): the same figures,
    computed once per change of the data instead of on every page view (the overview page at 2,000 projects
    × 3 gains × 10 years, make bench)."""
    return cached_by_data(
        name="gain_overview",
        key=[
            programme_id,
            sub_programme_id,
            largest_sort,
            behind_sort,
            limit,
            current_year(),
            get_language(),
        ],
        model_classes=(
            Programme,
            SubProgramme,
            Project,
            EconomicPlan,
            SavingsTarget,
            Benefit,
            BenefitPlanYear,
            get_user_model(),
        ),
        compute=lambda: gain_overview(
            programme_id=programme_id,
            sub_programme_id=sub_programme_id,
            largest_sort=largest_sort,
            behind_sort=behind_sort,
            limit=limit,
        ),
    )
