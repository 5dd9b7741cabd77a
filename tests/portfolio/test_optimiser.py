"""The optimiser: it finds the same best value as trying every subset, and never exceeds a capacity."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.optimiser import Candidate, fits, solve

YEARS = 3


@st.composite
def instances(draw):
    n = draw(st.integers(min_value=0, max_value=8))
    candidates = [
        Candidate(
            pk=pk,
            value=draw(st.integers(min_value=0, max_value=1000)),
            person_years=draw(st.lists(st.integers(0, 500), min_size=YEARS, max_size=YEARS)),
            kroner=draw(st.lists(st.integers(0, 5_000_000), min_size=YEARS, max_size=YEARS)),
        )
        for pk in range(n)
    ]
    caps_py = draw(st.lists(st.one_of(st.none(), st.integers(0, 1500)), min_size=YEARS, max_size=YEARS))
    caps_kr = draw(st.lists(st.one_of(st.none(), st.integers(0, 15_000_000)), min_size=YEARS, max_size=YEARS))
    pks = [c.pk for c in candidates]
    forced_in = set(draw(st.lists(st.sampled_from(pks), max_size=2))) if pks else set()
    forced_out = set(draw(st.lists(st.sampled_from(pks), max_size=2))) - forced_in if pks else set()
    return candidates, caps_py, caps_kr, forced_in, forced_out


def brute_force(candidates, caps_py, caps_kr, forced_in, forced_out):
    """The best value over every subset that fits and honours the forced ones; None if none does."""
    best = None
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            pks = {c.pk for c in subset}
            if not forced_in <= pks or pks & forced_out or not fits(subset, caps_py, caps_kr):
                continue
            value = sum(c.value for c in subset)
            best = value if best is None else max(best, value)
    return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_optimiser_matches_brute_force_and_never_exceeds_a_capacity(instance):
    candidates, caps_py, caps_kr, forced_in, forced_out = instance
    result = solve(candidates, caps_py, caps_kr, forced_in=forced_in, forced_out=forced_out)
    expected = brute_force(candidates, caps_py, caps_kr, forced_in, forced_out)
    if expected is None:
        assert result.infeasible
        return
    assert not result.infeasible
    assert result.optimal
    assert result.value == expected
    chosen = [c for c in candidates if c.pk in result.chosen]
    assert fits(chosen, caps_py, caps_kr)
    assert forced_in <= result.chosen
    assert not (forced_out & result.chosen)


def test_every_left_out_project_gets_a_reason():
    candidates = [
        Candidate(1, 100, [300], [0]),
        Candidate(2, 90, [300], [0]),
        Candidate(3, 0, [10], [0]),
        Candidate(4, 50, [900], [0]),
    ]
    result = solve(candidates, [500], [None])
    assert result.chosen == {1}
    assert result.reasons == {2: ("person_years", 0), 3: ("no_value", 0), 4: ("alone_person_years", 0)}


def test_forced_in_projects_beyond_capacity_are_reported_as_infeasible():
    candidates = [Candidate(1, 10, [600], [0])]
    assert solve(candidates, [500], [None], forced_in={1}).infeasible
