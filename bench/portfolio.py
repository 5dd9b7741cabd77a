"""Portfolio data for the benchmarks: on top of the generated projects (and bench.benefits' gain plans),
assessments on every criterion for nine in ten projects, a capacity per plan year that holds about a
third of the demand, and decisions on one project in ten. Also the optimiser's own timing.

Used by the entries `portfolio_board`, `portfolio_overview` and `portfolio_optimiser` in bench/run.py;
`python bench/portfolio.py` times the optimiser alone on 2,000 generated candidates.
"""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.generate import GeneratedPortfolio

BATCH_SIZE = 1_000
CAPACITY_SHARE = Decimal("0.35")


def generate_portfolio(data: GeneratedPortfolio, *, seed: int = 0) -> None:
    from django.utils import timezone

    from bench.benefits import generate_benefits
    from portfolio import selectors
    from portfolio.models import Assessment, Capacity, Criterion, Decision, Outcome, PortfolioEntry
    from programmes.models import Project

    generate_benefits(data, seed=seed)
    rng = random.Random(seed)
    director = data.users[0]
    criteria = list(Criterion.objects.values_list("pk", flat=True))
    project_ids = list(
        Project.objects.filter(sub_programme__programme=data.programme)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Assessment.objects.bulk_create(
        (
            Assessment(
                project_id=pk,
                criterion_id=criterion,
                score=rng.randint(1, 5),
                rationale="Vurdert i porteføljemøtet.",
                assessed_by=director,
            )
            for pk in project_ids
            if rng.random() < 0.9
            for criterion in criteria
        ),
        batch_size=BATCH_SIZE,
    )
    decided = rng.sample(project_ids, len(project_ids) // 10)
    outcomes = [Outcome.INCLUDE, Outcome.INCLUDE, Outcome.WAIT, Outcome.REJECT]
    chosen = {pk: rng.choice(outcomes) for pk in decided}
    Decision.objects.bulk_create(
        Decision(
            project_id=pk,
            outcome=outcome,
            rationale="Besluttet i porteføljemøtet.",
            decided_on=timezone.localdate(),
            decided_by=director,
        )
        for pk, outcome in chosen.items()
    )
    PortfolioEntry.objects.bulk_create(PortfolioEntry(project_id=pk, decision=o) for pk, o in chosen.items())
    board = selectors.portfolio_board(programme_id=data.programme.pk)
    for use in board.year_use:
        Capacity.objects.create(
            programme=data.programme,
            year=use.year,
            person_years=(use.demand_person_years * CAPACITY_SHARE).quantize(Decimal("0.1")),
            kroner=int(use.demand_kroner * CAPACITY_SHARE),
        )


def board_url(data: GeneratedPortfolio) -> str:
    from django.urls import reverse

    return f"{reverse('portfolio:board')}?programme={data.programme.pk}"


def overview_url(data: GeneratedPortfolio) -> str:
    from django.urls import reverse

    return f"{reverse('portfolio:overview')}?programme={data.programme.pk}"


def suggest_url(data: GeneratedPortfolio) -> str:
    from django.urls import reverse

    return f"{reverse('portfolio:scenario_suggest')}?programme={data.programme.pk}"


def post_suggest(client, url: str):
    """Runs the optimiser through its page (maximising the priority, keeping included projects)."""
    return client.post(url, {"objective": "priority", "keep_included": "on"})


def time_optimiser(n_projects: int = 2_000, *, seed: int = 0, runs: int = 5) -> list[dict]:
    """The solver alone on the board's candidates: seconds per run, whether optimality was proven, gap."""
    from django.db import transaction

    from bench.generate import generate
    from portfolio import selectors
    from portfolio.optimiser import Candidate, solve

    results = []
    with transaction.atomic():
        data = generate(n_projects, seed=seed)
        generate_portfolio(data, seed=seed)
        board = selectors.portfolio_board(programme_id=data.programme.pk)
        candidates = [
            Candidate(
                pk=row.pk,
                value=int((row.priority.value or 0) * 10),
                person_years=[row.load[y].centi_person_years for y in board.years],
                kroner=[row.load[y].kroner for y in board.years],
            )
            for row in board.rows
            if row.takes_capacity
        ]
        caps_py = [board.capacities[y].centi_person_years for y in board.years]
        caps_kr = [board.capacities[y].kroner for y in board.years]
        for _ in range(runs):
            started = time.perf_counter()
            result = solve(candidates, caps_py, caps_kr)
            results.append(
                {
                    "seconds": round(time.perf_counter() - started, 3),
                    "candidates": len(candidates),
                    "chosen": len(result.chosen),
                    "optimal": result.optimal,
                    "gap": result.gap,
                }
            )
        transaction.set_rollback(True)
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup_django

    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor != "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    setup_test_environment(debug=False)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        for line in time_optimiser():
            print(line)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
