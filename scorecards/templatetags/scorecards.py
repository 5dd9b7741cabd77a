"""Goal status and trend badges, rendered once per language and reused for every row of a scorecard."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()
_badges: dict[tuple[str, str, str], str] = {}


def _badge(template_name: str, name: str, value) -> str:
    key = (template_name, get_language() or "", str(value or ""))
    if key not in _badges:
        _badges[key] = render_to_string(template_name, {name: value}).strip()
    return mark_safe(_badges[key])  # our own template, rendered without user data


@register.filter
def goal_status(status) -> str:
    """`{{ line.status|goal_status }}`: the word, icon and colour of templates/scorecards/includes/goal_status.html."""
    return _badge("scorecards/includes/goal_status.html", "status", status)


@register.filter
def trend_badge(trend) -> str:
    return _badge("scorecards/includes/trend.html", "trend", trend)
