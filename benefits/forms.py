"""Forms for benefits and their plan, the grid's cells, the Excel upload and the programme's targets."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.merge import UNKNOWN_BASE
from core.numbers import format_as_typed
from programmes.forms import (
    DATE_WIDGET,
    DecimalTextField,
    DesignsystemetMixin,
    KronerField,
    PersonChoiceField,
    staff_people,
)

from .excel import parse_amount
from .models import Benefit, future_realised_error, is_financial
from .services import BENEFIT_EDITABLE_FIELDS, CellInput, GridInput, benefit_values, canonical

AMOUNT_WIDGET_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "class": "app-amount"}


def parse_cell(text: str, *, financial: bool) -> Decimal | None:
    """A typed amount; raises ValueError with a Norwegian message."""
    return parse_amount(text, financial=financial)


class AmountField(forms.CharField):
    """An amount typed as text; the form parses it once it knows the benefit's kind."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=AMOUNT_WIDGET_ATTRS))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_as_typed(value)


class AmountTextField(DecimalTextField):
    """A value in the benefit's own unit, shown back the way it was typed (`1 250,5`)."""


class BenefitForm(DesignsystemetMixin, forms.ModelForm):
    """A benefit and its plan: `plan_YYYY` per year, and on an existing benefit also `realised_YYYY` and
    `comment_YYYY`. `version` carries the version the form was opened with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The values the form was opened with (canonical text, JSON): the base of a field-by-field merge when
    # someone else saves meanwhile. Carried by the form because a benefit's history does not hold every
    # version (a grid save bumps the version without a benefit record).
    base = forms.CharField(widget=forms.HiddenInput, required=False)
    # The fields the form showed as conflicts, comma-separated: each needs a choice (`choice_<field>`).
    must_choose = forms.CharField(widget=forms.HiddenInput, required=False)
    baseline_value = AmountTextField(label=_("baseline"), required=False, max_digits=15, decimal_places=2)

    class Meta:
        model = Benefit
        fields = BENEFIT_EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measurement": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DATE_WIDGET,
        }
        field_classes = {"owner": PersonChoiceField}

    def __init__(self, *args, years: list[int], plan_years=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["owner"].queryset = staff_people()
        self.editing = bool(self.instance.pk)
        by_year = {py.year: py for py in (plan_years or [])}
        for year in years:
            plan_year = by_year.get(year)
            self.fields[f"plan_{year}"] = AmountField(
                label=gettext("Planned %(year)s") % {"year": year},
                initial=plan_year.planned if plan_year else None,
            )
            if self.editing:
                self.fields[f"realised_{year}"] = AmountField(
                    label=gettext("Realised %(year)s") % {"year": year},
                    initial=plan_year.realised if plan_year else None,
                )
                self.fields[f"comment_{year}"] = forms.CharField(
                    label=gettext("Comment %(year)s") % {"year": year},
                    required=False,
                    initial=plan_year.comment if plan_year else "",
                    widget=forms.Textarea(attrs={"rows": 1}),
                )
        if self.editing and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["base"] = json.dumps(
                {
                    name: canonical(value)
                    for name, value in benefit_values(self.instance, plan_years or [], years).items()
                }
            )
        if not self.editing:
            del self.fields["version"]
            del self.fields["base"]
            del self.fields["must_choose"]
        # The mixin styled the fields that existed when it ran; style the plan fields too.
        for name in self.plan_field_names():
            field = self.fields[name]
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} ds-input".strip()
            field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def plan_field_names(self) -> list[str]:
        prefixes = ("plan", "realised", "comment") if self.editing else ("plan",)
        return [f"{prefix}_{year}" for year in self.years for prefix in prefixes]

    def main_fields(self):
        plan = set(self.plan_field_names())
        return [self[name] for name in self.fields if name not in plan]

    def plan_rows(self):
        """(year, planned field, realised field or None, comment field or None) for the template."""
        return [
            (
                year,
                self[f"plan_{year}"],
                self[f"realised_{year}"] if self.editing else None,
                self[f"comment_{year}"] if self.editing else None,
            )
            for year in self.years
        ]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        financial = is_financial(kind) if kind else True
        for year in self.years:
            for prefix in ("plan", "realised") if self.editing else ("plan",):
                name = f"{prefix}_{year}"
                try:
                    cleaned[name] = parse_cell(self.data.get(self.add_prefix(name), ""), financial=financial)
                except ValueError as exc:
                    self.add_error(name, str(exc))
                    continue
                future = future_realised_error(year, cleaned[name]) if prefix == "realised" else None
                if future:
                    self.add_error(name, future)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The benefit and its plan by field name, as `services.benefit_update` wants them."""
        names = list(BENEFIT_EDITABLE_FIELDS) + self.plan_field_names()
        return {name: self.cleaned_data.get(name) for name in names if name in self.cleaned_data}

    def base_values(self) -> dict[str, str] | object:
        try:
            base = json.loads(self.cleaned_data.get("base") or "")
        except ValueError:
            return UNKNOWN_BASE
        return base if isinstance(base, dict) else UNKNOWN_BASE

    def must_choose_fields(self) -> set[str]:
        return {
            name for name in (self.cleaned_data.get("must_choose") or "").split(",") if name in self.fields
        }

    def plan(self) -> dict[int, Decimal | None] | dict[int, dict]:
        """The plan as the services want it: {year: planned} for a new benefit, else {year: {…}}."""
        if not self.editing:
            return {year: self.cleaned_data[f"plan_{year}"] for year in self.years}
        return {
            year: {
                "planned": self.cleaned_data[f"plan_{year}"],
                "realised": self.cleaned_data[f"realised_{year}"],
                "comment": self.cleaned_data[f"comment_{year}"],
            }
            for year in self.years
        }


# --- The grid ------------------------------------------------------------------------------------------------


def cell_name(benefit_id: int, year: int, field: str) -> str:
    return f"cell-{benefit_id}-{year}-{field}"


def original_name(benefit_id: int, year: int, field: str) -> str:
    return f"orig-{benefit_id}-{year}-{field}"


def conflict_name(benefit_id: int, year: int, field: str) -> str:
    return f"conflict-{benefit_id}-{year}-{field}"


def choice_name(benefit_id: int, year: int, field: str) -> str:
    return f"choice-{benefit_id}-{year}-{field}"


def parse_grid(data, *, benefits: list[Benefit], years: list[int]) -> GridInput:
    """The grid's submitted cells, the errors and the typed text by cell key.

    A cell that cannot be parsed is an error and is not saved; its text is kept to show it again. A cell the
    page showed as a conflict carries a marker and the user's choice (`mine`/`theirs`, or none yet).
    """
    cells: list[CellInput] = []
    errors: dict[tuple[int, int, str], str] = {}
    raw: dict[tuple[int, int, str], str] = {}
    for benefit in benefits:
        for year in years:
            for field in ("planned", "realised"):
                name = cell_name(benefit.pk, year, field)
                if name not in data:
                    continue
                key = (benefit.pk, year, field)
                raw[key] = data.get(name, "")
                try:
                    value = parse_cell(raw[key], financial=benefit.is_financial)
                    original = parse_cell(
                        data.get(original_name(benefit.pk, year, field), ""), financial=False
                    )
                except ValueError as exc:
                    errors[key] = str(exc)
                    continue
                cells.append(
                    CellInput(
                        benefit.pk,
                        year,
                        field,
                        original,
                        value,
                        must_choose=bool(data.get(conflict_name(benefit.pk, year, field))),
                        choice=data.get(choice_name(benefit.pk, year, field)) or None,
                    )
                )
    return GridInput(cells=cells, errors=errors, raw=raw)


# --- Import and targets -----------------------------------------------------------------------------------


class ImportForm(DesignsystemetMixin, forms.Form):
    # An empty file gets the import's own message ("Filen er tom."), like every other refused file.
    file = forms.FileField(
        allow_empty_file=True,
        label=_("Excel file (.xlsx)"),
        help_text=_(
            "The benefit plan layout, as in the export or the template. At most 5 MB and 10 000 rows."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class TargetsForm(DesignsystemetMixin, forms.Form):
    """The economic-plan period and the savings target per year, for the programme and each sub-programme."""

    start_year = forms.IntegerField(label=_("first year"), min_value=2000, max_value=2100)
    years = forms.IntegerField(
        label=_("number of years"),
        min_value=1,
        max_value=15,
        help_text=_("Four years as a rule; extend it when the plan is rolled forward."),
    )

    def __init__(self, *args, years: list[int], sub_programmes, targets: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_years = years
        self.sub_programmes = sub_programmes
        self.rows = []
        for owner_id, owner_label in [
            (None, gettext("The whole programme")),
            *[(s.pk, s.name) for s in sub_programmes],
        ]:
            names = []
            for year in years:
                name = f"target_{owner_id or 'programme'}_{year}"
                self.fields[name] = KronerField(
                    label=gettext("%(owner)s, %(year)s") % {"owner": owner_label, "year": year},
                    required=False,
                    min_value=0,
                    initial=format_as_typed(targets[(owner_id, year)])
                    if (owner_id, year) in targets
                    else None,
                )
                self.fields[name].widget.attrs.update(
                    {"class": "ds-input app-amount", "aria-describedby": f"id_{name}_error"}
                )
                names.append((year, name))
            self.rows.append((owner_label, [(year, self[name]) for year, name in names]))

    def targets(self) -> dict[tuple[int | None, int], int | None]:
        return {
            (owner_id, year): self.cleaned_data.get(f"target_{owner_id or 'programme'}_{year}")
            for owner_id in [None, *[s.pk for s in self.sub_programmes]]
            for year in self.plan_years
        }
