"""A programme with a board of projects, capacity and criteria for the portfolio tests."""

from decimal import Decimal

import pytest

from portfolio.models import Capacity, Criterion
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory, UserFactory


@pytest.fixture
def make_board(db):
    """`make_board(n)`: a programme with n projects (Prosjekt 00, 01, …) over three sub-programmes."""

    def make(n_projects: int, *, capacity_person_years: str | None = None):
        programme = ProgrammeFactory(name="Utvikling og bærekraft")
        subs = [SubProgrammeFactory(programme=programme, name=f"Delprogram {i}") for i in range(3)]
        people = [UserFactory() for _ in range(3)]
        projects = [
            ProjectFactory(
                sub_programme=subs[i % 3],
                name=f"Prosjekt {i:02d}",
                leader=people[i % 3],
                owner=people[(i + 1) % 3],
                start_date=None,
                end_date=None,
                cost_estimate=1_000_000,
                resource_need=Decimal(4),  # 1 person-year in each of the four plan years
            )
            for i in range(n_projects)
        ]
        if capacity_person_years is not None:
            from benefits.selectors import current_year

            for year in range(current_year(), current_year() + 4):
                Capacity.objects.create(
                    programme=programme, year=year, person_years=Decimal(capacity_person_years), kroner=10**9
                )
        return programme, projects

    return make


@pytest.fixture
def criteria(db):
    return list(Criterion.objects.order_by("position"))
