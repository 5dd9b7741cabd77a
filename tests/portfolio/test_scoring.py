"""The scoring and ranking rules: weighted priority score, missing scores, ties, suggested scores, loads."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from portfolio.scoring import (
    CriterionWeight,
    Load,
    priority_score,
    ranking_key,
    suggested_financial_score,
    suggested_goal_score,
    yearly_load,
)

CRITERIA = [
    CriterionWeight(1, "Økonomisk gevinstpotensial", 35),
    CriterionWeight(2, "Bidrag til kommuneplanens mål", 35),
    CriterionWeight(3, "Gjennomførbarhet og risiko", 20),
    CriterionWeight(4, "Hast", 10),
]


def test_top_scores_on_every_criterion_give_100_and_bottom_scores_give_0():
    assert priority_score(CRITERIA, {1: 5, 2: 5, 3: 5, 4: 5}).value == Decimal(100)
    assert priority_score(CRITERIA, {1: 1, 2: 1, 3: 1, 4: 1}).value == Decimal(0)


def test_score_is_the_weighted_average_of_the_scores_mapped_to_0_100():
    # (5-1)*25*35 + (3-1)*25*35 + (1-1)*25*20 + (4-1)*25*10 = 3500 + 1750 + 0 + 750 = 6000 / 100 = 60
    assert priority_score(CRITERIA, {1: 5, 2: 3, 3: 1, 4: 4}).value == Decimal("60.0")


def test_a_missing_score_makes_the_priority_missing_not_zero_and_names_the_criterion():
    score = priority_score(CRITERIA, {1: 5, 2: 5, 3: 5})
    assert score.value is None
    assert score.is_missing
    assert score.missing == ("Hast",)
    assert "Hast" in score.explanation


def test_a_project_with_no_scores_at_all_is_missing_every_criterion():
    score = priority_score(CRITERIA, {})
    assert score.value is None
    assert len(score.missing) == 4


def test_criteria_with_weight_zero_are_not_needed_for_a_score():
    criteria = [*CRITERIA[:3], CriterionWeight(4, "Hast", 0)]
    assert priority_score(criteria, {1: 5, 2: 5, 3: 5}).value == Decimal(100)


def test_changing_a_weight_changes_the_order_of_two_projects():
    gain_heavy = {1: 5, 2: 2, 3: 3, 4: 3}
    goal_heavy = {1: 2, 2: 5, 3: 3, 4: 3}
    assert priority_score(CRITERIA, gain_heavy).value == priority_score(CRITERIA, goal_heavy).value
    more_on_gain = [CriterionWeight(1, "Økonomi", 50), *CRITERIA[1:]]
    assert priority_score(more_on_gain, gain_heavy).value > priority_score(more_on_gain, goal_heavy).value


def test_explanation_shows_each_criterions_points():
    text = priority_score(CRITERIA, {1: 5, 2: 3, 3: 1, 4: 4}).explanation
    assert "60,0" in text
    assert "Økonomisk gevinstpotensial" in text


def test_ties_are_broken_by_name_then_id_and_missing_scores_come_last():
    rows = [
        (Decimal(50), "Beta", 2),
        (None, "Alfa", 1),
        (Decimal(50), "alfa", 3),
        (Decimal(80), "Å", 4),
        (Decimal(50), "Alfa", 5),
    ]
    ordered = sorted(rows, key=lambda r: ranking_key(*r))
    assert [r[2] for r in ordered] == [4, 3, 5, 2, 1]


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=4, max_size=4))
def test_priority_is_always_between_0_and_100(scores):
    value = priority_score(CRITERIA, dict(zip([1, 2, 3, 4], scores, strict=True))).value
    assert Decimal(0) <= value <= Decimal(100)


def test_financial_suggestion_follows_the_gain_to_cost_rule():
    assert suggested_financial_score(planned_gain=0, cost=1_000_000).score == 1
    assert suggested_financial_score(planned_gain=400_000, cost=1_000_000).score == 1
    assert suggested_financial_score(planned_gain=500_000, cost=1_000_000).score == 2
    assert suggested_financial_score(planned_gain=1_000_000, cost=1_000_000).score == 3
    assert suggested_financial_score(planned_gain=2_000_000, cost=1_000_000).score == 4
    assert suggested_financial_score(planned_gain=3_000_000, cost=1_000_000).score == 5
    assert suggested_financial_score(planned_gain=10, cost=0).score == 5


def test_goal_suggestion_follows_the_strength_of_the_links():
    assert suggested_goal_score([]).score == 1
    assert suggested_goal_score(["low"]).score == 2
    assert suggested_goal_score(["low", "medium"]).score == 3
    assert suggested_goal_score(["high", "low"]).score == 4
    assert suggested_goal_score(["high", "high"]).score == 5


def test_load_is_spread_evenly_over_the_running_years_and_keeps_every_krone():
    load = yearly_load(
        start=datetime.date(2026, 3, 1),
        end=datetime.date(2028, 6, 30),
        cost=1_000_000,
        resource_need=Decimal("2.5"),
        years=[2026, 2027, 2028, 2029],
    )
    assert load[2029] == Load(0, 0)
    assert sum(y.kroner for y in load.values()) == 1_000_000
    assert [y.centi_person_years for y in load.values()] == [84, 83, 83, 0]


def test_a_project_without_dates_is_spread_over_the_whole_plan_period():
    load = yearly_load(
        start=None, end=None, cost=400, resource_need=Decimal(4), years=[2026, 2027, 2028, 2029]
    )
    assert all(y == Load(100, 100) for y in load.values())
