"""Template tags that feed the indicator partials of non-financial gains from benefits.selectors.indicators,
so the project page and the programme's gains overview each include one partial and show the same figures,
without their views having to know about it. (A report's sheet reads its series once, when its snapshot is
made: portfolio.reports.snapshot.)"""

from __future__ import annotations

from django import template

from ..indicator_cards import card
from ..selectors import indicators

register = template.Library()


@register.simple_tag
def project_indicator_cards(gains, user) -> list[dict]:
    """The cards of the non-financial benefits among a project's gains (benefits.selectors.ProjectGains,
    already read by the page): one query for their measurements, two more when one links an indicator."""
    benefits = [row.benefit for row in gains.rows]
    for benefit in benefits:
        benefit.project = gains.project  # the page's, with what the access rules read
    return [card(series, user) for series in indicators.benefit_indicators(benefits, records=True).values()]


@register.simple_tag
def programme_achievements(overview, limit: int = 20) -> indicators.AchievementOverview:
    """The achievement of the non-financial benefits in the overview's programme or sub-programme."""
    return indicators.achievement_overview(
        programme=overview.programme, sub_programme=overview.sub_programme, limit=limit
    )
