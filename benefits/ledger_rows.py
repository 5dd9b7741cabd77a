"""The benefit plan with its gains ledger as the Excel export writes it: one row per benefit, with every
figure of each ledger year (a read query, in the style of benefits.selectors; it sits beside that package
while the package is being reworked, and belongs in benefits.selectors.plan, in place of `benefit_plan`).

The years are the ledger's (the programme's horizon, up to 10 years, else its economic-plan years) plus
every other year a benefit has figures for, so that nothing stored is left out of the file. The net gain is
not read here: the export computes it with selectors.counting.net_gain, the one rule for it.
"""

from __future__ import annotations

from collections import defaultdict

from core.people import person_name
from programmes.models import Programme

from .excel import STORED_FIGURES, LedgerRow, LedgerYear
from .models import Benefit, BenefitPlanYear
from .selectors.ledger_rows import ledger_years
from .selectors.plan import programme_projects, project_labels

__all__ = ["ledger_plan", "ledger_years"]


def ledger_plan(*, programme_id: int) -> tuple[list[int], list[LedgerRow]]:
    """The whole benefit plan of a programme with its ledger figures, in four queries whatever its size."""
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
            "unit",
            "range_low_percent",
            "range_high_percent",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
        )
    )
    benefits.sort(key=lambda b: (order[b.project_id], b.pk))
    # Plain tuples, not model instances: 6,000 benefits with 30,000 years were slow as instances.
    figures: dict[int, dict[int, LedgerYear]] = defaultdict(dict)
    for benefit_id, year, *values in BenefitPlanYear.objects.filter(
        benefit__project__sub_programme__programme=programme_id
    ).values_list("benefit_id", "year", *STORED_FIGURES):
        figures[benefit_id][year] = LedgerYear(**dict(zip(STORED_FIGURES, values, strict=True)))
    years = set(ledger_years(programme))
    for by_year in figures.values():
        years.update(by_year)
    rows = [
        LedgerRow(
            project=labels[benefit.project_id],
            title=benefit.title,
            kind=benefit.kind,
            owner=person_name(benefit.owner) if benefit.owner else "",
            unit=benefit.unit,
            range_low_percent=benefit.range_low_percent,
            range_high_percent=benefit.range_high_percent,
            years=figures.get(benefit.pk, {}),
        )
        for benefit in benefits
    ]
    return sorted(years), rows
