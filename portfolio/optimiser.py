"""The suggested portfolio: which projects to take in so that the objective (priority or planned gain) is
as large as possible without any year's person-years or kroner exceeding the capacity.

A 0–1 integer program solved exactly by HiGHS through `scipy.optimize.milp` (relative gap 0). All data are
integers (hundredths of person-years, whole kroner, value points), so the answer is checked exactly against
the capacity after solving; the solver's float tolerances cannot let a year run over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

# Proving optimality of a large multi-year knapsack can take long; past this limit the best portfolio
# found so far is returned with its gap to the best possible (shown on the page), never a guess.
TIME_LIMIT_S = 1.2


@dataclass(frozen=True)
class Candidate:
    pk: int
    value: int  # what taking it in adds to the objective; 0 or less: never worth taking in
    person_years: Sequence[int]  # per year, hundredths of a person-year
    kroner: Sequence[int]  # per year, whole kroner


@dataclass
class Result:
    chosen: set[int]
    value: int
    infeasible: bool = False
    optimal: bool = True  # False: the time limit was reached; `gap` says how far from the best possible
    gap: float = 0.0
    # Left-out project -> (reason, year index): "no_value", "alone_person_years", "alone_kroner",
    # "person_years", "kroner".
    reasons: dict[int, tuple[str, int]] = field(default_factory=dict)


def fits(chosen: Sequence[Candidate], caps_py: Sequence[int | None], caps_kr: Sequence[int | None]) -> bool:
    """Exact check: no year's sum exceeds its capacity (a year without capacity has no limit)."""
    for year, (cap_py, cap_kr) in enumerate(zip(caps_py, caps_kr, strict=True)):
        if cap_py is not None and sum(c.person_years[year] for c in chosen) > cap_py:
            return False
        if cap_kr is not None and sum(c.kroner[year] for c in chosen) > cap_kr:
            return False
    return True


def solve(
    candidates: Sequence[Candidate],
    caps_py: Sequence[int | None],
    caps_kr: Sequence[int | None],
    *,
    forced_in: set[int] = frozenset(),
    forced_out: set[int] = frozenset(),
    time_limit: float = TIME_LIMIT_S,
) -> Result:
    """The best set of candidates within every year's capacity, honouring the forced ones.

    Candidates without value are left out unless forced in. Infeasible when the forced-in projects alone
    exceed a capacity.
    """
    n = len(candidates)
    forced = [c for c in candidates if c.pk in forced_in]
    if not fits(forced, caps_py, caps_kr):
        return Result(chosen=set(), value=0, infeasible=True)
    if n == 0:
        return Result(chosen=set(), value=0)
    values = np.array([c.value for c in candidates], dtype=float)
    lower = np.array([1.0 if c.pk in forced_in else 0.0 for c in candidates])
    upper = np.array(
        [0.0 if c.pk in forced_out or (c.value <= 0 and c.pk not in forced_in) else 1.0 for c in candidates]
    )
    rows, limits = [], []
    for year in range(len(caps_py)):
        for caps, attribute in ((caps_py, "person_years"), (caps_kr, "kroner")):
            if caps[year] is None:
                continue
            coefficients = [getattr(c, attribute)[year] for c in candidates]
            if not any(coefficients):
                continue
            # Scaled to the capacity so every row is of the same size for the solver; sums are integers, so
            # half a unit of slack cannot admit a real excess, and the result is checked exactly below.
            scale = max(caps[year], 1)
            rows.append(np.array(coefficients, dtype=float) / scale)
            limits.append((caps[year] + 0.5) / scale)
    constraints = [LinearConstraint(np.vstack(rows), -np.inf, np.array(limits))] if rows else []
    result = milp(
        c=-values,
        integrality=np.ones(n),
        bounds=Bounds(lower, upper),
        constraints=constraints,
        options={"mip_rel_gap": 0.0, "time_limit": time_limit},
    )
    if result.x is None:
        return Result(chosen=set(), value=0, infeasible=True)
    picked = [c for c, x in zip(candidates, result.x, strict=True) if x > 0.5]
    if not fits(picked, caps_py, caps_kr):  # pragma: no cover - guarded by the half-unit slack
        raise RuntimeError("The solver's answer exceeds a capacity.")
    chosen = {c.pk for c in picked}
    used = (
        [sum(c.person_years[year] for c in picked) for year in range(len(caps_py))],
        [sum(c.kroner[year] for c in picked) for year in range(len(caps_kr))],
    )
    return Result(
        chosen=chosen,
        value=sum(c.value for c in picked),
        optimal=result.status == 0,
        gap=float(getattr(result, "mip_gap", 0.0) or 0.0),
        reasons={c.pk: why_left_out(c, used, caps_py, caps_kr) for c in candidates if c.pk not in chosen},
    )


def why_left_out(
    candidate: Candidate,
    used: tuple[Sequence[int], Sequence[int]],
    caps_py: Sequence[int | None],
    caps_kr: Sequence[int | None],
) -> tuple[str, int]:
    if candidate.value <= 0:
        return ("no_value", 0)
    for year, (cap_py, cap_kr) in enumerate(zip(caps_py, caps_kr, strict=True)):
        if cap_py is not None and candidate.person_years[year] > cap_py:
            return ("alone_person_years", year)
        if cap_kr is not None and candidate.kroner[year] > cap_kr:
            return ("alone_kroner", year)
    for year, (cap_py, cap_kr) in enumerate(zip(caps_py, caps_kr, strict=True)):
        if cap_py is not None and used[0][year] + candidate.person_years[year] > cap_py:
            return ("person_years", year)
        if cap_kr is not None and used[1][year] + candidate.kroner[year] > cap_kr:
            return ("kroner", year)
    return ("no_value", 0)
