"""Merging one user's reorder of the board with the reorders others saved meanwhile.

An order is not a set of independent fields, but the question the shared merge rule asks is the same: which
projects did each side move? Each project is a field of `core.merge`; its value is "where it was" (base)
unless that side moved it. A project only the colleague moved keeps the colleague's place; a project only
this user moved is put back in this user's place, after the project it followed in this user's order; a
project both moved is a conflict, and the user chooses between the two whole orders.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from core.merge import UNKNOWN_BASE, Merge, merge

UNMOVED = "base"


def moved_projects(before: Sequence[int], after: Sequence[int]) -> set[int]:
    """The fewest projects whose moves turn `before` into `after` (and those only in `after`).

    The projects that keep their relative order form the longest increasing run of old positions (found in
    n log n, so a board of thousands of projects stays quick); every other project was moved.
    """
    position = {pk: index for index, pk in enumerate(before)}
    common = [pk for pk in after if pk in position]
    # Longest increasing subsequence of the old positions, with back-pointers to recover it.
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(common)
    for index, pk in enumerate(common):
        value = position[pk]
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[at] = value
            tail_index[at] = index
        parent[index] = tail_index[at - 1] if at else -1
    kept = set()
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        kept.add(common[index])
        index = parent[index]
    return {pk for pk in after if pk not in kept}


def merge_moves(*, projects: Iterable[int], mine: set[int], theirs: set[int] | None) -> Merge:
    """Which projects each side moved, as a field-by-field merge; `theirs=None` when what the others moved
    cannot be known (then every project this user moved is a conflict: never guess)."""
    fields = list(projects)
    base = UNKNOWN_BASE if theirs is None else dict.fromkeys(fields, UNMOVED)
    return merge(
        fields=fields,
        base=base,
        mine={pk: ("mine", pk) if pk in mine else UNMOVED for pk in fields},
        theirs={pk: ("theirs", pk) if theirs and pk in theirs else UNMOVED for pk in fields},
    )


def apply_moves(*, current: Sequence[int], mine: Sequence[int], moved: set[int]) -> list[int]:
    """`current` with the projects in `moved` put where they are in `mine`: each right after the project it
    follows in `mine` (at the top if it is first). Projects not in `current` are left out."""
    present = set(current)
    result = [pk for pk in current if pk not in moved]
    for index, pk in enumerate(mine):
        if pk not in moved or pk not in present:
            continue
        before = next((p for p in reversed(mine[:index]) if p in present), None)
        result.insert(result.index(before) + 1 if before is not None else 0, pk)
    return result


def complete(order: Sequence[int], current: Sequence[int]) -> list[int]:
    """`order` limited to the projects in `current`, with the projects only in `current` (new since) kept
    after the project they follow there."""
    present = set(current)
    kept = [pk for pk in order if pk in present]
    new = present - set(kept)
    return apply_moves(current=kept + [pk for pk in current if pk in new], mine=list(current), moved=new)
