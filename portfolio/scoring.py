"""The scoring and ranking rules, as plain functions of plain numbers (no database), so they are easy to
test and every page explains a score with the same words.

Priority score: each criterion's score on 1–5 is mapped to 0–100 ((score − 1) / 4 × 100) and the mapped
scores are averaged with the criteria's weights. A project that lacks a score on any weighted criterion has
no priority score (it is shown as missing, never as 0) until it is assessed on all of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from core.numbers import format_number

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class CriterionWeight:
    pk: int
    name: str
    weight: int


@dataclass(frozen=True)
class ScorePart:
    """One criterion's share of a priority score."""

    criterion: str
    weight: int
    score: int | None
    points: Decimal | None  # what it adds to the 0–100 score


@dataclass(frozen=True)
class PriorityScore:
    value: Decimal | None  # 0–100 with one decimal, None when a weighted criterion is not assessed
    parts: tuple[ScorePart, ...]
    missing: tuple[str, ...]  # names of the weighted criteria without a score

    @property
    def is_missing(self) -> bool:
        return self.value is None

    @property
    def explanation(self) -> str:
        """One line for a tooltip and the project page: the rule and each criterion's contribution."""
        return self.explain(explanation_texts())

    def explain(self, texts: dict[str, str]) -> str:
        """`explanation` with the translated sentences given, so a board translates them once."""
        if not self.parts:
            return texts["none"]
        if self.missing:
            return texts["missing"] % {"criteria": ", ".join(self.missing)}
        shares = "; ".join(
            texts["part"]
            % {
                "criterion": part.criterion,
                "score": part.score,
                "weight": part.weight,
                "points": format_number(part.points, 1),
            }
            for part in self.parts
        )
        return texts["total"] % {"total": format_number(self.value, 1), "shares": shares}


def explanation_texts() -> dict[str, str]:
    return {
        "none": _("No weighted criteria are defined."),
        "missing": _("Missing: not assessed on %(criteria)s."),
        "part": _("%(criterion)s %(score)s of 5 × weight %(weight)s = %(points)s"),
        "total": _("%(total)s of 100: %(shares)s."),
    }


def priority_score(criteria: Sequence[CriterionWeight], scores: dict[int, int]) -> PriorityScore:
    """The weighted priority score of one project from its scores by criterion id.

    Criteria with weight 0 are ignored. The result is None (missing) when a weighted criterion has no score.
    """
    weighted = [c for c in criteria if c.weight > 0]
    total_weight = sum(c.weight for c in weighted)
    parts = []
    missing = []
    for criterion in weighted:
        score = scores.get(criterion.pk)
        if score is None:
            missing.append(criterion.name)
            parts.append(ScorePart(criterion.name, criterion.weight, None, None))
            continue
        points = Decimal(score - 1) * 25 * criterion.weight / total_weight
        parts.append(
            ScorePart(criterion.name, criterion.weight, score, points.quantize(ONE_DECIMAL, ROUND_HALF_UP))
        )
    if missing or not weighted:
        return PriorityScore(None, tuple(parts), tuple(missing))
    exact = sum(Decimal(p.score - 1) * 25 * p.weight for p in parts) / total_weight
    return PriorityScore(exact.quantize(ONE_DECIMAL, ROUND_HALF_UP), tuple(parts), ())


def ranking_key(score: Decimal | None, name: str, pk: int) -> tuple:
    """How unranked projects are ordered: highest score first, missing scores last, then name and id, so
    ties always come out in the same order."""
    return (score is None, -(score or 0), name.casefold(), pk)


# --- Suggested scores --------------------------------------------------------------------------------

# (gain ÷ cost at least, score): the financial criterion's rule, highest first.
FINANCIAL_STEPS: tuple[tuple[Decimal, int], ...] = (
    (Decimal(3), 5),
    (Decimal(2), 4),
    (Decimal(1), 3),
    (Decimal("0.5"), 2),
)


@dataclass(frozen=True)
class Suggestion:
    score: int | None
    reason: str


def financial_rule_text() -> str:
    return _(
        "Planned financial gain over the economic plan period divided by the cost: 3 or more gives 5, "
        "2 or more gives 4, 1 or more gives 3, 0.5 or more gives 2, less gives 1. A gain with no cost gives "
        "5; no planned gain gives 1."
    )


def suggested_financial_score(*, planned_gain: int, cost: int) -> Suggestion:
    if planned_gain <= 0:
        return Suggestion(1, _("No financial gain is planned."))
    if cost <= 0:
        return Suggestion(5, _("A planned gain and no cost."))
    ratio = Decimal(planned_gain) / Decimal(cost)
    score = next((score for limit, score in FINANCIAL_STEPS if ratio >= limit), 1)
    return Suggestion(
        score,
        _("The planned gain is %(ratio)s times the cost.") % {"ratio": format_number(ratio, 2)},
    )


def goal_rule_text() -> str:
    return _(
        "From the project's goal links: no goal gives 1, only weak contributions 2, a medium contribution 3, "
        "one strong contribution 4, strong contributions to two goals or more 5."
    )


def suggested_goal_score(strengths: Iterable[str]) -> Suggestion:
    strengths = list(strengths)
    high = strengths.count("high")
    if not strengths:
        return Suggestion(1, _("The project is not linked to any master-plan goal."))
    if high >= 2:
        score = 5
    elif high == 1:
        score = 4
    elif "medium" in strengths:
        score = 3
    else:
        score = 2
    return Suggestion(score, _("Linked to %(count)s goals.") % {"count": len(strengths)})


# --- Yearly load -----------------------------------------------------------------------------------------


class Load(NamedTuple):
    """What a project takes from one year's capacity: hundredths of a person-year and whole kroner
    (integers, so sums and comparisons with the capacity are exact). A tuple: a board builds 8,000."""

    centi_person_years: int
    kroner: int


def running_years(start: datetime.date | None, end: datetime.date | None, years: Sequence[int]) -> list[int]:
    """The years a project runs: its start year to its end year; an unknown start or end is taken as the
    first or last year of the plan period."""
    first = start.year if start else years[0]
    last = end.year if end else years[-1]
    last = max(first, last)
    return list(range(first, last + 1))


def _spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def yearly_load(
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    cost: int,
    resource_need: Decimal,
    years: Sequence[int],
) -> dict[int, Load]:
    """A project's cost and resource need spread evenly over the years it runs, for the plan years.

    The rule shown on the board: the total need divided by the number of years from the planned start to
    the planned end; years outside the economic plan period are not shown.
    """
    span = running_years(start, end, years)
    centi = int((Decimal(resource_need) * 100).to_integral_value(ROUND_HALF_UP))
    person_years = dict(zip(span, _spread(centi, len(span)), strict=True))
    kroner = dict(zip(span, _spread(int(cost), len(span)), strict=True))
    return {year: Load(person_years.get(year, 0), kroner.get(year, 0)) for year in years}
