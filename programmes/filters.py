"""The project register's search, filter and sort form: a GET form, so every filtered list has its own URL."""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.decisions import Outcome

from . import selectors
from .forms import DesignsystemetMixin
from .models import Phase, Rating

ALL = [("", _("All"))]
DECISIONS = [*Outcome.choices, ("none", _("Not decided"))]

# (sort key, label ascending, label descending); the keys are those of selectors.REGISTER_SORTS.
SORTS = (
    ("name", _("Project name (A–Z)"), _("Project name (Z–A)")),
    ("sub_programme", _("Sub-programme (A–Z)"), _("Sub-programme (Z–A)")),
    ("phase", _("Phase (idea first)"), _("Phase (closed first)")),
    ("leader", _("Project leader (A–Z)"), _("Project leader (Z–A)")),
    ("cost", _("Cost (lowest first)"), _("Cost (highest first)")),
    ("status", _("Status (red first)"), _("Status (green first)")),
    ("start", _("Planned start (earliest first)"), _("Planned start (latest first)")),
)


class QuickSelect(forms.Select):
    """A select that writes its options in Python, with the same HTML as Django's select template.

    Django renders each option through two templates; for the hundred people of the leader filter that
    was the largest part of the register page's Python time (bench/README.md).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, html) if group_name else html
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


@dataclass(frozen=True)
class SortHeader:
    """A sortable column header: its `aria-sort` state and the sort its link switches to."""

    aria_sort: str  # "ascending", "descending" or "none"
    next_sort: str


class ProjectFilterForm(DesignsystemetMixin, forms.Form):
    """Search, filters and sort of the project register, all optional; invalid values are ignored.

    Each filter field is named like its entry in selectors.REGISTER_FILTERS, and the page renders every
    field but `sort` in the filter panel, so a new filter is a field here plus an entry there.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("In the project's name and need"),
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    sub_programme = forms.TypedChoiceField(
        label=_("Sub-programme"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=ALL + Phase.choices, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Latest status"),
        required=False,
        choices=[*ALL, *Rating.choices, ("missing", _("Status report missing"))],
        widget=QuickSelect,
    )
    leader = forms.TypedChoiceField(
        label=_("Project leader"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    decision = forms.ChoiceField(
        label=_("Portfolio decision"), required=False, choices=ALL + DECISIONS, widget=QuickSelect
    )
    decision_point = forms.ChoiceField(
        label=_("Decision point"),
        required=False,
        choices=[
            *ALL,
            ("waiting", _("Waiting for a decision")),
            ("stopped", _("Stopped at a decision point")),
        ],
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=QuickSelect,
        choices=[
            choice
            for key, ascending, descending in SORTS
            for choice in ((key, ascending), (f"-{key}", descending))
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_programme"].choices = ALL + selectors.register_sub_programme_choices()
        self.fields["leader"].choices = ALL + selectors.register_leader_choices()

    def decision_condition(self) -> Q:
        """Projects whose current portfolio decision is the chosen one ("none": not decided yet).

        The decision lives in the portfolio app, which depends on this one and not the other way round, so
        the condition goes through the reverse relation `portfolio_entry` (portfolio.PortfolioEntry, one per
        project, holding the newest decision's outcome) by name instead of importing the model.
        """
        value = self.filters().get("decision")
        if not value:
            return Q()
        if value == "none":
            return Q(portfolio_entry__isnull=True) | Q(portfolio_entry__decision="")
        return Q(portfolio_entry__decision=value)

    def filter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "sort"]

    def filters(self) -> dict:
        """The valid filters and sort, as selectors.project_register takes them."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def query(self) -> QueryDict:
        """The valid, non-empty parameters, for links that keep the filters (sorting, paging, export)."""
        query = QueryDict(mutable=True)
        for name, value in self.filters().items():
            query[name] = str(value)
        return query

    def sort_headers(self) -> dict[str, SortHeader]:
        """Per sort key, the header state: a click sorts ascending, a second click descending."""
        current = self.filters().get("sort", selectors.REGISTER_DEFAULT_SORT)
        headers = {}
        for key, _ascending, _descending in SORTS:
            if current == key:
                headers[key] = SortHeader("ascending", f"-{key}")
            elif current == f"-{key}":
                headers[key] = SortHeader("descending", key)
            else:
                headers[key] = SortHeader("none", key)
        return headers
