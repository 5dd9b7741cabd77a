"""Demo data for the portfolio: assessments, capacity, decisions and the board's first order.

Runs after the programme, benefits and goals are seeded, because the suggested scores of the two
heaviest criteria come from the gain plans and the goal links. Running it again changes nothing: existing
assessments and decisions are matched, and the board is ordered only the first time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from benefits.demo import seed_benefits
from benefits.selectors import plan_years
from programmes.demo import ProgrammeDemo, Tally, seed_programme_structure, upsert
from programmes.models import Phase, Programme, Project
from scorecards.demo import seed_scorecards
from scorecards.models import Goal, Scorecard

from . import selectors, services
from .models import Assessment, Board, Capacity, Criterion, CriterionKind, Decision, Outcome, PortfolioEntry

# Left unassessed, so the board shows what a missing priority score looks like.
NOT_ASSESSED = ("Digital booking av kommunale lokaler", "Kapasitetsplanlegging i barnehagene")

# (feasibility, urgency) by phase: projects under way are better known than ideas.
OTHER_SCORES = {
    Phase.IDEA: (2, 2),
    Phase.CONCEPT: (3, 3),
    Phase.PLANNING: (3, 4),
    Phase.EXECUTION: (4, 3),
    Phase.REALISATION: (5, 2),
}
OVERRIDES = {
    "Felles responssenter for trygghetsalarmer": (3, 5),
    "Framtidig skolestruktur": (2, 4),
    "Ruteoptimalisering i hjemmetjenesten": (4, 5),
}
RATIONALES = {
    CriterionKind.FINANCIAL: "Satt ut fra gevinstplanen sett mot kostnaden.",
    CriterionKind.GOALS: "Satt ut fra prosjektets koblinger til kommuneplanens mål.",
    "feasibility": {
        1: "Svært usikkert; mange avhengigheter.",
        2: "Uavklart løsning og kompetansebehov.",
        3: "Gjennomførbart, men med kjente risikoer.",
        4: "Godt planlagt med erfaren prosjektleder.",
        5: "Velprøvd løsning; lav risiko.",
    },
    "urgency": {
        1: "Kan vente.",
        2: "Kan vente et par år.",
        3: "Bør starte innen to år.",
        4: "Bør starte i år.",
        5: "Må starte nå: behovet øker raskt.",
    },
}

# Capacity per year of the plan period: person-years and kroner.
CAPACITY = (Decimal("9.0"), 9_000_000)

# (project, outcome, rationale, decided on)
DECISIONS = (
    (
        "Selvbetjening i byggesak",
        Outcome.INCLUDE,
        "Stor gevinst og godt i gang; prioriteres i porteføljen.",
        datetime.date(2026, 2, 10),
    ),
    (
        "Elektroniske medisindispensere i hjemmetjenesten",
        Outcome.INCLUDE,
        "Viktig for kommuneplanens mål om å bo lenger hjemme.",
        datetime.date(2026, 2, 10),
    ),
    (
        "Arealeffektivisering av administrasjonsbygg",
        Outcome.INCLUDE,
        "Gir varig lavere husleie og driftskostnad.",
        datetime.date(2026, 2, 10),
    ),
    (
        "Ruteoptimalisering i hjemmetjenesten",
        Outcome.INCLUDE,
        "Rask gevinst med lav risiko.",
        datetime.date(2026, 5, 12),
    ),
    (
        "Framtidig skolestruktur",
        Outcome.WAIT,
        "Venter på politisk behandling av skolebruksplanen.",
        datetime.date(2026, 5, 12),
    ),
    (
        "Digital booking av kommunale lokaler",
        Outcome.REJECT,
        "Dekkes av den nye felles bookingløsningen i regionen.",
        datetime.date(2026, 9, 8),
    ),
)


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


# --- Loading the whole demo -------------------------------------------------------------------------------
# The demo goes only into an empty database: loading it over a user's work would put back demo values they
# changed and add demo projects again beside the ones they moved or renamed.


def existing_data() -> list[str]:
    """What the database already holds that the demo must not load over, as Norwegian counts ("24 prosjekter");
    empty when the demo may be loaded. The role groups and criteria made by the migrations do not count."""
    counts = (
        (Programme, lambda n: ngettext("%(count)d programme", "%(count)d programmes", n)),
        (Project, lambda n: ngettext("%(count)d project", "%(count)d projects", n)),
        (Goal, lambda n: ngettext("%(count)d master-plan goal", "%(count)d master-plan goals", n)),
        (Scorecard, lambda n: ngettext("%(count)d scorecard", "%(count)d scorecards", n)),
        (get_user_model(), lambda n: ngettext("%(count)d user", "%(count)d users", n)),
    )
    found = []
    for model, words in counts:
        count = model._default_manager.count()
        if count:
            found.append(words(count) % {"count": count})
    return found


def demo_clear() -> None:
    """Empty every table the demo writes to, and the users' sessions and sign-in logs; keeps the role groups,
    the prioritisation criteria and the permissions that came with the migrations. Only for `--reset`.

    Plain DELETEs in any order: Django makes foreign keys deferrable, so they are checked at commit, and
    unlike TRUNCATE this also works in a transaction that has already written (as in the tests).
    """
    keep = {"contenttypes", "auth.Permission", "auth.Group", "auth.Group_permissions", "portfolio.Criterion"}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.app_label in keep or meta.label in keep or not meta.managed:
                continue
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(meta.db_table)}")


def demo_load(tally: Tally) -> None:
    """Load the whole demo: programme, users, follow-up, gains, goals and scorecards, and the portfolio."""
    demo = seed_programme_structure(tally=tally)
    seed_benefits(demo, tally)
    seed_scorecards(demo, tally)
    seed_portfolio(demo, tally)
