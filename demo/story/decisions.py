"""The demo story's decision points between phases: one decided with conditions in the past, and one prepared
and waiting for the kommunedirektør, so the front page, the register and the project page show both."""

from __future__ import annotations

from datetime import datetime

from programmes.models import DecisionOutcome, Phase

# Each: the project (by name), the phase it was in, who prepared and when, the basis, which of the phase's
# checklist questions (by position) were done, and, for a decided one, the outcome, conditions, reason,
# who decided and when. The checklist texts are the seeded ones (programmes migration 0010).
DECISION_POINTS = [
    {
        "project": "Digital rekruttering og onboarding",
        "from_phase": Phase.CONCEPT,
        "prepared_by": "jonas.berg",
        "prepared_at": datetime(2025, 8, 18, 10, 0),
        "need": (
            "Det tar ti uker fra en stilling blir ledig til en ny medarbeider er på plass, og kommunen mister "
            "kandidater til nabokommuner som svarer raskere."
        ),
        "goals": "Seks uker fra ledig stilling til tilsetting, og flere nyansatte som blir det første året.",
        "gains": "Lavere innleie mens stillinger står ledige; anslått 600 000 kr per år fra 2027.",
        "cost": "1,2 mill. kr og 1 årsverk over to år, mest lisens og opplæring.",
        "risk": "Lederne tar ikke i bruk malene; tiltak: opplæring i hver enhet og oppfølging i lederavtalene.",
        "done": {1, 2, 3, 4},
        "comments": {5: "Personvernvurdering av rekrutteringssystemet gjøres i planleggingen."},
        "outcome": DecisionOutcome.GO_WITH_CONDITIONS,
        "conditions": "Personvernkonsekvensene er vurdert før avtalen med leverandøren signeres.",
        "reason": "Behovet er godt dokumentert, og gevinsten i lavere innleie forsvarer kostnaden.",
        "decided_by": "direktor",
        "decided_at": datetime(2025, 8, 27, 14, 0),
    },
    {
        "project": "Felles responssenter for trygghetsalarmer",
        "from_phase": Phase.CONCEPT,
        "prepared_by": "nina.aune",
        "prepared_at": datetime(2026, 11, 24, 9, 30),
        "need": (
            "Alarmer fra trygghetsalarmer går direkte til hjemmetjenesten, som må avbryte planlagt arbeid; "
            "mange kunne vært avklart på telefon."
        ),
        "goals": "Et interkommunalt responssenter som tar imot alle alarmer hele døgnet.",
        "gains": "Færre utrykninger for hjemmetjenesten; anslått 1,8 mill. kr per år når senteret er i drift.",
        "cost": "4,8 mill. kr og 2 årsverk; kostnaden deles med nabokommunene etter innbyggertall.",
        "risk": "Nabokommunene slutter seg ikke til; tiltak: intensjonsavtale før planleggingen starter.",
        "done": {1, 2, 4},
        "comments": {3: "Gevinsteier er ennå ikke avklart for nabokommunenes del."},
    },
]
