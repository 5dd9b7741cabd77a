"""The three-way merge: no change is lost without the user choosing it."""

from hypothesis import given
from hypothesis import strategies as st

from core.merge import KEEP_MINE, KEEP_THEIRS, UNKNOWN_BASE, merge, resolve

FIELDS = ["a", "b", "c", "d"]
values = st.sampled_from([None, "", "x", "y", 0, 1])
states = st.fixed_dictionaries(dict.fromkeys(FIELDS, values))


def test_field_only_the_colleague_changed_keeps_the_colleagues_value():
    outcome = merge(fields=FIELDS, base={"a": 1, "b": 1}, mine={"a": 1, "b": 2}, theirs={"a": 3, "b": 1})
    assert outcome.values == {"a": 3, "b": 2, "c": None, "d": None}
    assert outcome.theirs_only == ["a"]
    assert outcome.mine_only == ["b"]
    assert outcome.clean


def test_field_both_changed_differently_is_a_conflict_until_the_user_chooses():
    outcome = merge(fields=["a"], base={"a": 1}, mine={"a": 2}, theirs={"a": 3})
    assert outcome.conflicts == ["a"]
    assert resolve(outcome, choices={"a": KEEP_THEIRS}, theirs={"a": 3}) == {"a": 3}
    assert resolve(outcome, choices={"a": KEEP_MINE}, theirs={"a": 3}) == {"a": 2}


def test_unknown_base_makes_every_difference_a_conflict():
    outcome = merge(fields=["a", "b"], base=UNKNOWN_BASE, mine={"a": 2, "b": 1}, theirs={"a": 3, "b": 1})
    assert outcome.conflicts == ["a"]


@given(base=states, mine=states, theirs=states)
def test_no_change_is_lost_without_a_choice(base, mine, theirs):
    outcome = merge(fields=FIELDS, base=base, mine=mine, theirs=theirs)
    for name in FIELDS:
        mine_changed, theirs_changed = mine[name] != base[name], theirs[name] != base[name]
        if name in outcome.conflicts:
            assert mine_changed and theirs_changed and mine[name] != theirs[name]
            continue
        if mine_changed:
            assert outcome.values[name] == mine[name]
        if theirs_changed:
            assert outcome.values[name] == theirs[name]
        if not mine_changed and not theirs_changed:
            assert outcome.values[name] == base[name]
