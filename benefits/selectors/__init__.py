"""Read queries and every sum of gains: the pages, the Excel export and the PDF reports all use these.

Financial sums are whole kroner (`int`); non-financial benefits are counted, never summed, since their
units differ. A year's realised figure that is not entered yet is `None` and counts as 0 in a sum, but a
benefit is behind plan when a past year has a plan and no realised figure. A realised figure stored for a
year that has not started (refused since, but older rows may hold one) is never counted as realised: every
sum here goes through `realised_counts` / `counted_realised`, the one rule for it.
"""

from .counting import counted_realised, current_year, plan_years, realised_counts
from .expected import benefits_expected, expected_gains
from .overview import (
    BEHIND_SORTS,
    LARGEST_SORTS,
    LIST_LIMIT,
    LIST_ORDER,
    ZERO,
    BenefitLine,
    GainOverview,
    GroupFigures,
    YearFigures,
    benefit_lists,
    cached_gain_overview,
    gain_overview,
)
from .plan import (
    benefit_plan_size,
    existing_benefits,
    people_by_name,
    programme_projects,
    project_labels,
)
from .project import (
    BenefitRow,
    ProjectGains,
    benefit_history_records,
    gains_from_rows,
    gains_of_project,
    project_benefits,
    project_gains,
    projects_gains,
)

__all__ = [
    "BEHIND_SORTS",
    "LARGEST_SORTS",
    "LIST_LIMIT",
    "LIST_ORDER",
    "ZERO",
    "BenefitLine",
    "BenefitRow",
    "GainOverview",
    "GroupFigures",
    "ProjectGains",
    "YearFigures",
    "benefit_history_records",
    "benefit_lists",
    "benefit_plan_size",
    "benefits_expected",
    "cached_gain_overview",
    "counted_realised",
    "current_year",
    "existing_benefits",
    "expected_gains",
    "gain_overview",
    "gains_from_rows",
    "gains_of_project",
    "people_by_name",
    "plan_years",
    "programme_projects",
    "project_benefits",
    "project_gains",
    "project_labels",
    "projects_gains",
    "realised_counts",
]
