"""Writes the demo gains: the economic plan, the savings targets, and every benefit with its yearly plan and
realised figures."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
from demo.story.benefits import (
    BENEFITS,
    HORIZON_YEARS,
    PLAN_START,
    PLAN_YEARS,
    PROGRAMME_TARGET,
    SUB_PROGRAMME_TARGETS,
)
from demo.story.people import LINE_LEADERS

from .programmes import ProgrammeDemo
from .rows import Tally, upsert


def _amount(value: int | str | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))


def _nth(figures: tuple | None, index: int):
    """A year's figure of a per-year tuple that may be missing or shorter than the plan."""
    return figures[index] if figures and index < len(figures) else None


def seed_benefits(demo: ProgrammeDemo, tally: Tally) -> None:
    """Create or update the demo gains; running it again changes nothing."""
    programme = demo.programme
    upsert(
        EconomicPlan,
        match={"programme": programme},
        values={
            "programme": programme,
            "start_year": PLAN_START,
            "years": PLAN_YEARS,
            "horizon_years": HORIZON_YEARS,
        },
        tally=tally,
        label=_("economic plan"),
    )
    years = range(PLAN_START, PLAN_START + PLAN_YEARS)
    for year in years:
        upsert(
            SavingsTarget,
            match={"programme": programme, "sub_programme__isnull": True, "year": year},
            values={"programme": programme, "sub_programme": None, "year": year, "amount": PROGRAMME_TARGET},
            tally=tally,
            label=_("savings targets"),
        )
        for name, amount in SUB_PROGRAMME_TARGETS.items():
            sub = demo.sub_programmes[name]
            upsert(
                SavingsTarget,
                match={"programme": programme, "sub_programme": sub, "year": year},
                values={"programme": programme, "sub_programme": sub, "year": year, "amount": amount},
                tally=tally,
                label=_("savings targets"),
            )
    for project_name, specs in BENEFITS.items():
        project = demo.projects[project_name]
        for spec in specs:
            benefit = upsert(
                Benefit,
                match={"project": project, "title": spec.title},
                values={
                    "project": project,
                    "title": spec.title,
                    "kind": spec.kind,
                    "owner": demo.users[LINE_LEADERS[spec.owner]],
                    "unit": spec.unit,
                    "measurement": spec.measurement,
                    "unit_of_measure": spec.unit_of_measure,
                    "range_low_percent": spec.range_percent[0] if spec.range_percent else None,
                    "range_high_percent": spec.range_percent[1] if spec.range_percent else None,
                },
                tally=tally,
                label=_("benefits"),
                created_by=project.leader,
            )
            ledger = range(PLAN_START, PLAN_START + PLAN_YEARS + len(spec.later))
            for index, (year, planned) in enumerate(zip(ledger, spec.plan + spec.later, strict=True)):
                realised = spec.realised_2026 if year == PLAN_START else None
                withdrawal = _nth(spec.withdrawal, index)
                operating_cost = _nth(spec.operating_cost, index)
                upsert(
                    BenefitPlanYear,
                    match={"benefit": benefit, "year": year},
                    values={
                        "benefit": benefit,
                        "year": year,
                        "planned": _amount(planned),
                        "realised": _amount(realised),
                        "withdrawal": _amount(withdrawal),
                        "operating_cost": _amount(operating_cost),
                    },
                    tally=tally,
                    label=_("benefit plan years"),
                    created_by=project.leader,
                )
