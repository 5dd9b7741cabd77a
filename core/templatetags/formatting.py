"""Template filters that show money and people the Norwegian way (`68 627 kr`, `1,5 mill. kr`)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core import people

register = template.Library()


@register.filter
def nok(value: int | Decimal | None) -> str:
    """Whole kroner with a space as thousands separator: `68 627 kr`."""
    if value is None or value == "":
        return "–"
    return _("%(amount)s kr") % {"amount": number_format(Decimal(value), 0, force_grouping=True)}


@register.filter
def mnok(value: int | Decimal | None) -> str:
    """Millions of kroner with one decimal: `1,5 mill. kr`."""
    if value is None or value == "":
        return "–"
    return _("%(amount)s mill. kr") % {
        "amount": number_format(Decimal(value) / Decimal(1_000_000), 1, force_grouping=True)
    }


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
