"""Template tags that feed the indicator partials of non-financial gains from benefits.selectors.indicators,
so the project page, the programme's gains overview and the report's project sheet each include one partial
and show the same figures, without their views having to know about it."""

from __future__ import annotations

from django import template

from ..indicator_cards import card
from ..selectors import indicators

register = template.Library()

# Where a report's series are kept while it is rendered: read once for every sheet, not once per sheet.
_REPORT_MEMO = "_benefit_indicator_series"


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


@register.simple_tag
def sheet_indicator_series(sheet, content=None) -> list:
    """The series of a report sheet's non-financial benefits, up to the end of the report's period. With
    the report's content, the series of every sheet are read at the first sheet, in a fixed number of
    queries, and kept on the content while the report is rendered."""
    as_of = sheet.period.end if getattr(sheet, "period", None) else None
    if content is None:
        by_id = indicators.benefit_indicators([row.benefit for row in sheet.gains.rows], as_of=as_of)
    else:
        by_id = content.__dict__.get(_REPORT_MEMO)
        if by_id is None:
            benefits = [row.benefit for each in content.sheets for row in each.gains.rows]
            by_id = content.__dict__[_REPORT_MEMO] = indicators.benefit_indicators(benefits, as_of=as_of)
    return [by_id[row.benefit.pk] for row in sheet.gains.rows if row.benefit.pk in by_id]
