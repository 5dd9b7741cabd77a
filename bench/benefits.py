"""Benchmark data and requests for gains: benefits with four-year plans for every generated project, and a
benefit plan file to import. Used by the `gain_overview` and `gain_import` entries of bench/run.py.

Deterministic like bench.generate: the same portfolio and seed give the same benefits and amounts.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from openpyxl import Workbook

from bench.generate import BATCH_SIZE, GeneratedPortfolio

KINDS = (
    ("reduced_cost", 0.5),
    ("avoided_cost", 0.25),
    ("more_income", 0.1),
    ("quality", 0.1),
    ("time_saved", 0.05),
)
TITLES = (
    "Lavere driftskostnader",
    "Mindre innleie og overtid",
    "Færre manuelle oppgaver",
    "Unngått vekst i tjenesten",
    "Økte leieinntekter",
    "Bedre brukertilfredshet",
    "Spart saksbehandlingstid",
)
START_YEAR = 2026
YEARS = 4
_import_files: dict[int, bytes] = {}


def _amount(rng: random.Random) -> int:
    """Whole kroner, log-normal around 400 000, rounded to thousands."""
    return int(round(rng.lognormvariate(12.9, 0.9), -3))


def generate_benefits(
    data: GeneratedPortfolio, *, per_project: int = 3, years: int = YEARS, seed: int = 0
) -> None:
    """`per_project` benefits with a plan for each of `years` years on every project, a realised figure for
    the first year on about half of them, the economic plan period and a savings target per year."""
    from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
    from programmes.models import Project

    rng = random.Random(seed)
    EconomicPlan.objects.create(programme=data.programme, start_year=START_YEAR, years=years)
    SavingsTarget.objects.bulk_create(
        SavingsTarget(programme=data.programme, year=START_YEAR + offset, amount=25_000 * data.n_projects)
        for offset in range(years)
    )
    projects = list(
        Project.objects.filter(sub_programme__programme=data.programme).values_list("pk", "owner_id")
    )
    kinds = [kind for kind, _weight in KINDS]
    weights = [weight for _kind, weight in KINDS]
    benefits = [
        Benefit(
            project_id=project_id,
            title=f"{TITLES[(index + number) % len(TITLES)]} {number + 1}",
            kind=rng.choices(kinds, weights)[0],
            owner_id=owner_id,
        )
        for index, (project_id, owner_id) in enumerate(projects)
        for number in range(per_project)
    ]
    Benefit.objects.bulk_create(benefits, batch_size=BATCH_SIZE)
    plan_years = []
    for benefit in Benefit.objects.filter(project__sub_programme__programme=data.programme).only("pk"):
        base = _amount(rng)
        realised_first = rng.random() < 0.5
        for offset in range(years):
            planned = Decimal(base * (offset + 2) // 2)
            realised = None
            if offset == 0 and realised_first:
                realised = Decimal(int(planned * Decimal(rng.uniform(0.5, 1.1))))
            plan_years.append(
                BenefitPlanYear(
                    benefit_id=benefit.pk, year=START_YEAR + offset, planned=planned, realised=realised
                )
            )
    BenefitPlanYear.objects.bulk_create(plan_years, batch_size=BATCH_SIZE)


def overview_url(data: GeneratedPortfolio) -> str:
    return reverse("benefits:programme_overview", args=[data.programme.pk])


def import_url(data: GeneratedPortfolio) -> str:
    return reverse("benefits:benefit_import", args=[data.programme.pk])


def benefit_plan_file(data: GeneratedPortfolio, *, rows: int, seed: int = 0) -> bytes:
    """An .xlsx benefit plan with `rows` new benefits spread over the portfolio's projects, amounts partly as
    numbers and partly as Norwegian text."""
    from benefits import excel
    from benefits.selectors import programme_projects, project_labels

    rng = random.Random(seed)
    projects = programme_projects(programme_id=data.programme.pk)
    labels = project_labels(projects)
    owner = data.users[5]
    owner_name = f"{owner.first_name} {owner.last_name}"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Gevinstplan")
    years = list(range(START_YEAR, START_YEAR + YEARS))
    sheet.append(
        [*excel.FIXED_COLUMNS, *(f"{name} {year}" for year in years for name in ("Plan", "Realisert"))]
    )
    for number in range(rows):
        project = projects[number % len(projects)]
        row = [labels[project["pk"]], f"Importert gevinst {number}", "Redusert kostnad", owner_name]
        for offset in range(YEARS):
            amount = _amount(rng)
            row += [
                amount if offset % 2 else f"{amount:,}".replace(",", " "),
                amount // 2 if offset == 0 else None,
            ]
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def prepare_import(data: GeneratedPortfolio, *, rows: int) -> None:
    _import_files[data.programme.pk] = benefit_plan_file(data, rows=rows)


def post_import(client, url: str):
    """Uploads the prepared file; the import is rolled back so that every run imports the same new rows."""
    programme_id = int(url.rstrip("/").split("/")[-2])
    upload = io.BytesIO(_import_files[programme_id])
    upload.name = "gevinstplan.xlsx"
    with transaction.atomic():
        response = client.post(url, {"file": upload})
        transaction.set_rollback(True)
    return response


# --- The gains ledger (the `gain_ledger` entries) ------------------------------------------------------------

LEDGER_YEARS = 10
UNITS = (
    "Hjemmetjenesten",
    "Sykehjemmene",
    "Barnehagene",
    "Skolene",
    "Eiendom",
    "Kultur",
    "NAV",
    "Teknisk drift",
    "IKT",
    "Økonomi",
    "HR",
    "Helsestasjonene",
)
LEDGER_KINDS = ("reduced_cost", "avoided_cost", "more_income")


def generate_ledger(data: GeneratedPortfolio, *, per_project: int = 3, seed: int = 0) -> None:
    """The gains ledger at full size: `per_project` financial benefits on every project, each with a plan for
    all ten years of the horizon (2,000 projects: 6,000 benefits, 60,000 plan years) with operating costs
    and budget withdrawals; four in five benefits have a range in percent, one in ten its own low and high
    in some years, the rest none; units from a dozen, one in twenty not stated; a savings target per year."""
    from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
    from programmes.models import Project

    rng = random.Random(seed)
    EconomicPlan.objects.create(
        programme=data.programme, start_year=START_YEAR, years=YEARS, horizon_years=LEDGER_YEARS
    )
    SavingsTarget.objects.bulk_create(
        SavingsTarget(programme=data.programme, year=START_YEAR + offset, amount=400_000 * data.n_projects)
        for offset in range(LEDGER_YEARS)
    )
    projects = list(
        Project.objects.filter(sub_programme__programme=data.programme).values_list("pk", "owner_id")
    )
    benefits = []
    for index, (project_id, owner_id) in enumerate(projects):
        for number in range(per_project):
            ranged = rng.random()
            benefits.append(
                Benefit(
                    project_id=project_id,
                    title=f"{TITLES[(index + number) % len(TITLES)]} {number + 1}",
                    kind=rng.choice(LEDGER_KINDS),
                    owner_id=owner_id,
                    unit="" if rng.random() < 0.05 else rng.choice(UNITS),
                    range_low_percent=rng.choice((50, 60, 70, 80, 90)) if ranged < 0.8 else None,
                    range_high_percent=rng.choice((100, 110, 120, 150)) if ranged < 0.8 else None,
                )
            )
    Benefit.objects.bulk_create(benefits, batch_size=BATCH_SIZE)
    plan_years = []
    for benefit in Benefit.objects.filter(project__sub_programme__programme=data.programme).only("pk"):
        base = _amount(rng)
        own_range = rng.random() < 0.1
        for offset in range(LEDGER_YEARS):
            planned = base * min(offset + 1, 4) // 2
            realised = int(planned * rng.uniform(0.5, 1.1)) if offset == 0 and rng.random() < 0.5 else None
            plan_years.append(
                BenefitPlanYear(
                    benefit_id=benefit.pk,
                    year=START_YEAR + offset,
                    planned=Decimal(planned),
                    realised=None if realised is None else Decimal(realised),
                    low=Decimal(planned * 6 // 10) if own_range and offset % 2 else None,
                    high=Decimal(planned * 14 // 10) if own_range and offset % 2 else None,
                    operating_cost=Decimal(planned // 10) if rng.random() < 0.3 else None,
                    withdrawal=Decimal(planned * 3 // 4) if rng.random() < 0.6 else None,
                )
            )
    BenefitPlanYear.objects.bulk_create(plan_years, batch_size=BATCH_SIZE)


def ledger_url(data: GeneratedPortfolio) -> str:
    return reverse("benefits:ledger", args=[data.programme.pk])


def get_after_a_change(client, url: str):
    """The ledger page as the first request after a change to the gains: the cached standing is gone (as a
    new fingerprint would make it), so the ledger and the range are computed again."""
    from django.core.cache import cache

    cache.clear()
    return client.get(url)
