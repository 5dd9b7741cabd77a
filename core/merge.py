"""Three-way merge of one user's edit with what others saved meanwhile, field by field.

Every editable thing in the product (a project, a status report, a milestone, a risk, a gains cell, a
scorecard cell, a criterion, the board) is saved with optimistic locking: the form carries the version it
was opened at. When that version is stale, the save must not write back the whole stale form, or a field
the user never touched would silently revert a colleague's change. Instead the three states are compared:

- base:   the values when the user opened the form (from history, or carried by the form);
- mine:   the values the user submitted;
- theirs: the values saved now.

A field only the colleague changed keeps the colleague's value; a field only this user changed takes this
user's value; a field both changed to different values is a conflict that the user resolves by choosing.
When the base is unknown (no history for that version), every difference is a conflict: never guess.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

UNKNOWN_BASE = object()

KEEP_MINE = "mine"
KEEP_THEIRS = "theirs"


@dataclass(frozen=True)
class Merge:
    """The outcome of a three-way merge.

    `values` is what to save for every field (for a conflict: this user's value, until they choose);
    `conflicts` the fields both sides changed differently, `theirs_only` the fields only the colleague
    changed (kept as they are now), `mine_only` the fields only this user changed.
    """

    values: dict[str, Any]
    conflicts: list[str] = field(default_factory=list)
    theirs_only: list[str] = field(default_factory=list)
    mine_only: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _same(a: Any, b: Any, equal: Callable[[Any, Any], bool] | None) -> bool:
    return equal(a, b) if equal else a == b


def merge(
    *,
    fields: Iterable[str],
    base: Mapping[str, Any] | object,
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    equal: Callable[[Any, Any], bool] | None = None,
) -> Merge:
    """Merges `mine` into `theirs` relative to `base` (or `UNKNOWN_BASE`), field by field."""
    values: dict[str, Any] = {}
    conflicts, theirs_only, mine_only = [], [], []
    for name in fields:
        my_value, their_value = mine.get(name), theirs.get(name)
        if _same(my_value, their_value, equal):
            values[name] = their_value
            continue
        if base is UNKNOWN_BASE or name not in base:
            values[name] = my_value
            conflicts.append(name)
            continue
        base_value = base[name]
        if _same(my_value, base_value, equal):
            values[name] = their_value
            theirs_only.append(name)
        elif _same(their_value, base_value, equal):
            values[name] = my_value
            mine_only.append(name)
        else:
            values[name] = my_value
            conflicts.append(name)
    return Merge(values=values, conflicts=conflicts, theirs_only=theirs_only, mine_only=mine_only)


def resolve(outcome: Merge, *, choices: Mapping[str, str], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """The values to save once the user has chosen `mine` or `theirs` for every conflicting field.

    Raises KeyError naming the first conflict without a choice: nothing is saved half-decided.
    """
    values = dict(outcome.values)
    for name in outcome.conflicts:
        choice = choices[name]
        if choice == KEEP_THEIRS:
            values[name] = theirs.get(name)
        elif choice != KEEP_MINE:
            raise KeyError(name)
    return values
