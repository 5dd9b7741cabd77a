"""Writes the demo portfolio: assessments, capacity, decisions and the board's first order.

Runs after the programme, benefits and goals are written, because the suggested scores of the two
heaviest criteria come from the gain plans and the goal links. Running it again changes nothing: existing
assessments and decisions are matched, and the board is ordered only the first time.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from benefits.selectors import plan_years
from demo.story.portfolio import CAPACITY, DECISIONS, NOT_ASSESSED, OTHER_SCORES, OVERRIDES, RATIONALES
from portfolio import selectors, services
from portfolio.models import Assessment, Board, Capacity, Criterion, CriterionKind, Decision, PortfolioEntry
from programmes.models import Phase

from .programmes import ProgrammeDemo
from .rows import Tally, upsert


def seed_portfolio(demo: ProgrammeDemo, tally: Tally) -> None:
    director = demo.users["direktor"]
    programme = demo.programme
    # The criteria that are neither financial nor goals: feasibility and risk first, then urgency.
    others = list(
        Criterion.objects.filter(kind=CriterionKind.OTHER).order_by("position").values_list("pk", flat=True)
    )
    for name, project in demo.projects.items():
        if project.phase == Phase.CLOSED or name in NOT_ASSESSED:
            continue
        prioritisation = selectors.project_prioritisation(project_id=project.pk)
        feasibility, urgency = OVERRIDES.get(name, OTHER_SCORES[project.phase])
        for row in prioritisation.rows:
            criterion = row.criterion
            if criterion.kind in (CriterionKind.FINANCIAL, CriterionKind.GOALS):
                score, rationale = row.suggestion.score, RATIONALES[criterion.kind]
            elif others and criterion.pk == others[0]:
                score, rationale = feasibility, RATIONALES["feasibility"][feasibility]
            else:
                score, rationale = urgency, RATIONALES["urgency"][urgency]
            upsert(
                Assessment,
                match={"project": project, "criterion": criterion},
                values={
                    "project": project,
                    "criterion": criterion,
                    "score": score,
                    "rationale": rationale,
                    "assessed_by": director,
                },
                tally=tally,
                label=_("portfolio assessments"),
                created_by=director,
            )

    person_years, kroner = CAPACITY
    for year in plan_years(selectors.board_programme(programme_id=programme.pk)):
        upsert(
            Capacity,
            match={"programme": programme, "year": year},
            values={"programme": programme, "year": year, "person_years": person_years, "kroner": kroner},
            tally=tally,
            label=_("portfolio capacity"),
            created_by=director,
        )

    for name, outcome, rationale, decided_on in DECISIONS:
        project = demo.projects[name]
        upsert(
            Decision,
            match={"project": project, "outcome": outcome, "rationale": rationale},
            values={
                "project": project,
                "outcome": outcome,
                "rationale": rationale,
                "decided_on": decided_on,
                "decided_by": director,
            },
            tally=tally,
            label=_("portfolio decisions"),
        )
        latest = Decision.objects.filter(project=project).order_by("-created_at", "-pk").first()
        upsert(
            PortfolioEntry,
            match={"project": project},
            values={"project": project, "decision": latest.outcome},
            tally=tally,
            label=_("portfolio entries"),
        )

    # The first order of the board is the priority order; after that the board belongs to the director.
    if not Board.objects.filter(programme=programme).exists():
        board = selectors.portfolio_board(programme_id=programme.pk)
        services.board_reorder(
            programme=programme, order=[row.pk for row in board.rows], version=0, user=director
        )
        tally.add(_("portfolio board order"), "created")
    else:
        tally.add(_("portfolio board order"), "unchanged")
