"""Fixtures of the report tests: a small programme with gains, and PDF reading (the real Celery worker is
in tests/workers.py)."""

import io
from decimal import Decimal

import pytest

from core import roles
from programmes.models import Phase
from tests.factories import ProgrammeFactory, ProjectFactory, StatusReportFactory, SubProgrammeFactory

PERIOD_KEY = "2026-T2"

# The gain plan of the world below: (sub-programme index, project index, kind, {year: (planned, realised)}).
PLANNED_TOTAL = 4_750_000  # 1 000 000 + 1 500 000 + 2 250 000 (financial only)
REALISED_TOTAL = 1_350_000  # 600 000 + 750 000


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, with runs of whitespace (incl. no-break spaces) as one space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def eager_unless_worker(request):
    """Tasks run in-process unless the test uses the real worker (which turns eager off itself)."""
    if "celery_worker" not in request.fixturenames:
        request.getfixturevalue("eager")


@pytest.fixture
def report_world(role_user):
    """'Utvikling og bærekraft' with two sub-programmes, three projects, status reports and a gain plan."""
    from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget

    executive = role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Direktør")
    politician = role_user(roles.POLITICIAN, username="politiker")
    leader = role_user(roles.PROGRAMME_LEADER, username="programleder", first_name="Per", last_name="Leder")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    SavingsTarget.objects.create(programme=programme, year=2026, amount=2_000_000)
    first = SubProgrammeFactory(programme=programme, name="Innbyggerløftet", leader=leader, position=1)
    second = SubProgrammeFactory(programme=programme, name="Smarte areal og bygg", position=2)
    chat = ProjectFactory(sub_programme=first, name="Digital innbyggerdialog", phase=Phase.EXECUTION)
    booking = ProjectFactory(sub_programme=first, name="Digital booking", phase=Phase.PLANNING)
    areas = ProjectFactory(sub_programme=second, name="Arealeffektivisering", phase=Phase.EXECUTION)
    StatusReportFactory(project=chat, period_key=PERIOD_KEY, overall="green")
    StatusReportFactory(
        project=areas,
        period_key=PERIOD_KEY,
        overall="red",
        cost="red",
        cost_comment="Leieavtalen blir dyrere enn ventet.",
        decisions_needed="Godkjenne ny leieavtale for Storgata 12.",
    )
    # A later period's report is not part of a report about 2. tertial.
    StatusReportFactory(project=chat, period_key="2026-T3", overall="yellow")
    plan = [
        (
            chat,
            "Færre telefonhenvendelser",
            "reduced_cost",
            {2026: (600_000, 600_000), 2027: (400_000, None)},
        ),
        (booking, "Mindre manuell booking", "avoided_cost", {2027: (1_500_000, None)}),
        (areas, "Lavere husleie", "reduced_cost", {2026: (750_000, 750_000), 2027: (1_500_000, None)}),
        (areas, "Bedre inneklima", "quality", {2026: (10, 5)}),
    ]
    for project, title, kind, years in plan:
        benefit = Benefit.objects.create(project=project, title=title, kind=kind)
        for year, (planned, realised) in years.items():
            BenefitPlanYear.objects.create(
                benefit=benefit,
                year=year,
                planned=Decimal(planned),
                realised=None if realised is None else Decimal(realised),
            )
    registered_before_the_period()
    return {
        "executive": executive,
        "politician": politician,
        "programme_leader": leader,
        "programme": programme,
        "sub_programmes": [first, second],
        "projects": [chat, booking, areas],
    }


def registered_before_the_period() -> None:
    """Dates every project's registration back to before PERIOD_KEY: a report about a period leaves out
    the projects proposed after it ended, and factories register them today."""
    import datetime

    from django.utils import timezone

    from programmes.models import Project

    Project.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 1, 2, 9)))


__all__ = [
    "PERIOD_KEY",
    "PLANNED_TOTAL",
    "REALISED_TOTAL",
    "normalise",
    "pdf_text",
    "registered_before_the_period",
]
