"""The reads the PDF status reports (portfolio.reports) take from the portfolio: capacity and decisions."""

import datetime

import pytest

from portfolio import selectors, services
from portfolio.models import Outcome

pytestmark = pytest.mark.django_db


def test_decisions_in_period_are_those_decided_between_the_dates(make_board, executive):
    programme, projects = make_board(2)
    for project, day in ((projects[0], datetime.date(2026, 3, 1)), (projects[1], datetime.date(2026, 6, 1))):
        services.decision_record(
            project=project, outcome=Outcome.INCLUDE, rationale="Ja", user=executive, decided_on=day
        )
    decisions = selectors.decisions_in_period(
        programme_id=programme.pk, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 30)
    )
    assert [d.project for d in decisions] == [projects[0]]


def test_capacity_summary_has_a_line_per_plan_year_with_the_use_above_the_line(make_board):
    programme, _projects = make_board(3, capacity_person_years="2")
    summary = selectors.capacity_summary(programme_id=programme.pk)
    assert len(summary) == 4
    assert all(use.capacity.person_years == 2 and use.above_person_years == 2 for use in summary)
    assert all(use.demand_person_years == 3 for use in summary)
