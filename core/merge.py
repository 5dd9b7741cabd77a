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


def raw_value(value: Any) -> Any:
    """A value as it is compared and stored: a related object by its primary key."""
    return getattr(value, "pk", value) if hasattr(value, "_meta") else value


def instance_values(instance: Any, names: Iterable[str]) -> dict[str, Any]:
    """The raw values of `names` on a model instance (a foreign key as its id, so no query is made)."""
    meta = instance._meta
    return {name: getattr(instance, meta.get_field(name).attname) for name in names}


def submitted_values(data: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The raw values of the submitted (cleaned) data for `names` that it holds."""
    return {name: raw_value(data[name]) for name in names if name in data}


def apply_values(instance: Any, values: Mapping[str, Any]) -> None:
    """Sets raw values on a model instance (a foreign key by its id)."""
    meta = instance._meta
    for name, value in values.items():
        setattr(instance, meta.get_field(name).attname, value)


class EditConflict(Exception):
    """A stale save in which the user and someone else changed the same field. Nothing was saved.

    The one exception every stale save raises. `outcome` is the merge (its `values` are what the form should
    show now, its `conflicts` and `theirs_only` the fields both and only the colleague changed), `current`
    the values saved now, `current_version` the version the re-shown form must carry (None for what has
    none, such as a scorecard cell), `changed_by` who saved last, and `unchosen` the fields the form had
    shown as conflicts that came back without a choice.
    """

    def __init__(
        self,
        *,
        outcome: Merge,
        current: Mapping[str, Any],
        current_version: int | None,
        changed_by: str,
        unchosen: Iterable[str] = (),
    ):
        super().__init__("edit conflict")
        self.outcome = outcome
        self.current = dict(current)
        self.current_version = current_version
        self.changed_by = changed_by
        self.unchosen = set(unchosen)


def merge_edit(
    *,
    fields: Iterable[str],
    base: Mapping[str, Any] | object,
    mine: Mapping[str, Any],
    current: Mapping[str, Any],
    choices: Mapping[str, str] | None,
    current_version: int,
    changed_by: str,
) -> Merge:
    """The values to save for an edit opened at `base`, given what is saved now (`current`).

    A field for which the user has already chosen the saved value (`choices[name] == "theirs"`, after an
    earlier conflict) counts as not changed by the user. Raises EditConflict when a field needs a choice.
    When the edit is not stale, pass `base=current`: every field then takes the user's value.
    """
    fields = list(fields)
    mine = {name: mine.get(name) for name in fields}
    for name, choice in (choices or {}).items():
        if choice == KEEP_THEIRS and name in mine:
            known = base is not UNKNOWN_BASE and name in base
            mine[name] = base[name] if known else current.get(name)
    outcome = merge(fields=fields, base=base, mine=mine, theirs=current)
    if outcome.conflicts:
        raise EditConflict(
            outcome=outcome, current=current, current_version=current_version, changed_by=changed_by
        )
    return outcome
