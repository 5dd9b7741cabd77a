"""The demo story's portfolio: which projects are left unassessed, the scores and rationales the director
gives, the capacity of each plan year, and the decisions taken during 2026."""

from __future__ import annotations

import datetime
from decimal import Decimal

from portfolio.models import CriterionKind, Outcome
from programmes.models import Phase

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
