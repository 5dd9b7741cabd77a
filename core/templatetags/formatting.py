"""Template filters that show figures and people the Norwegian way (`68 627 kr`, `1,25 mill. kr`), each a thin
wrapper over core.numbers or core.people."""

import re
from decimal import Decimal

from django import template

from core import numbers, people

register = template.Library()


# An exact decimal as a report snapshot stores it (portfolio.reports.snapshot): digits, a point, no grouping.
_EXACT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _figure(value):
    """A template's missing variable is an empty string: shown as a missing figure, like None. An exact
    numeric string (`"12.5"`, as JSON keeps decimals) is the Decimal it spells."""
    if value == "":
        return None
    if isinstance(value, str) and _EXACT.fullmatch(value):
        return Decimal(value)
    return value


@register.filter
def nok(value: int | Decimal | None) -> str:
    """Whole kroner: `68 627 kr`."""
    return numbers.format_kroner(_figure(value))


@register.filter
def mnok(value: int | Decimal | None) -> str:
    """Millions of kroner with at most two decimals: `1,25 mill. kr`."""
    return numbers.format_millions(_figure(value))


@register.filter
def number(value: int | Decimal | None, places: int | None = None) -> str:
    """A plain figure (`1 250`, `4,5`); `number:1` for exactly one decimal (`12,0`)."""
    return numbers.format_number(_figure(value), None if places is None else int(places))


@register.filter
def percent(value: int | Decimal | None, places: int | None = None) -> str:
    """A share in per cent: `12,5 %`."""
    return numbers.format_percent(_figure(value), None if places is None else int(places))


@register.filter
def person_years(value: Decimal | None) -> str:
    """Person-years with one decimal: `2,5 årsverk`."""
    return numbers.format_person_years(_figure(value))


@register.filter
def year(value: int | None) -> str:
    """A year, never grouped: `2026`."""
    return numbers.format_year(_figure(value))


@register.filter
def person_name(user) -> str:
    """A user's full name, or the username if no name is set."""
    return "–" if user is None else people.person_name(user)


@register.filter
def minutes(value) -> int:
    """Whole minutes of a timedelta (rounded up), for messages such as 'wait 15 minutes'."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)
