"""Data for the gains tests: a programme with two sub-programmes, projects and benefits with plans."""

from decimal import Decimal

import pytest

from benefits.models import EconomicPlan
from core import roles
from tests.factories import (
    BenefitFactory,
    BenefitPlanYearFactory,
    ProgrammeFactory,
    ProjectFactory,
    SubProgrammeFactory,
)


@pytest.fixture
def people(role_user):
    return {
        "leader": role_user(
            roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim"
        ),
        "owner": role_user(
            roles.PROJECT_LEADER, username="eier", first_name="Randi", last_name="Kristiansen"
        ),
        "programme_leader": role_user(roles.PROGRAMME_LEADER, username="programleder"),
        "executive": role_user(roles.EXECUTIVE, username="direktor"),
        "politician": role_user(roles.POLITICIAN, username="politiker"),
        "admin": role_user(roles.ADMINISTRATOR, username="admin"),
    }


@pytest.fixture
def programme(people):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    return programme


@pytest.fixture
def project(programme, people):
    sub = SubProgrammeFactory(
        programme=programme, name="Velferd og teknologi", leader=people["programme_leader"]
    )
    return ProjectFactory(
        sub_programme=sub, name="Digitalt tilsyn", leader=people["leader"], owner=people["owner"]
    )


def add_benefit(
    project, *, title, kind="reduced_cost", planned=(), realised=(), withdrawal=(), start=2026, **fields
):
    """A benefit with its plan from `start`: planned, realised and budget withdrawal per year (lists)."""
    benefit = BenefitFactory(project=project, title=title, kind=kind, **fields)

    def nth(figures, offset):
        return Decimal(figures[offset]) if offset < len(figures) and figures[offset] is not None else None

    for offset, amount in enumerate(planned):
        BenefitPlanYearFactory(
            benefit=benefit,
            year=start + offset,
            planned=None if amount is None else Decimal(amount),
            realised=nth(realised, offset),
            withdrawal=nth(withdrawal, offset),
        )
    return benefit


@pytest.fixture
def freeze_2026(monkeypatch):
    """Today is in 2026, as in the demo story: 2026 is the plan's current year, nothing is past."""
    from benefits import models

    # The one "this year" of the gains (validation and every sum): benefits.models.current_year.
    monkeypatch.setattr(models, "current_year", lambda: 2026)


@pytest.fixture
def freeze_2028(monkeypatch):
    from benefits import models

    monkeypatch.setattr(models, "current_year", lambda: 2028)
