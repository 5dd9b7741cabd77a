"""Forms for benefits and their plan, the grid's cells, the Excel upload and the programme's targets."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import upload_pages
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

from . import reading
from .excel import parse_amount
from .models import MAX_HORIZON_YEARS, Benefit, BenefitKind, future_realised_error, is_financial
from .services import BENEFIT_EDITABLE_FIELDS, CellInput, GridInput, benefit_values, canonical, grid_fields
from .services.benefits import PLAN_ONLY_PREFIXES, PLAN_PREFIXES, REALISATION_PREFIXES, SHARED_PREFIXES

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


# The per-year figures of the benefit form, by field prefix: (label with the year, parse as amount).
PLAN_YEAR_FIELDS = {
    "plan": _("Planned %(year)s"),
    "low": _("Low %(year)s"),
    "high": _("High %(year)s"),
    "cost": _("Operating cost %(year)s"),
    "withdrawal": _("Budget withdrawal %(year)s"),
    "realised": _("Realised %(year)s"),
    "comment": _("Comment %(year)s"),
}
FINANCIAL_ONLY_PREFIXES = ("cost", "withdrawal")


class BenefitForm(DesignsystemetMixin, forms.ModelForm):
    """A benefit and its ledger per year: `plan_YYYY` (expected), `low_YYYY`, `high_YYYY`, `cost_YYYY`
    (operating cost), `withdrawal_YYYY`, and on an existing benefit also `realised_YYYY` and `comment_YYYY`.
    `version` carries the version the form was opened with (optimistic locking).

    `may_edit_plan` (the benefit's fields and the plan) and `may_report` (the realised figures) come from
    rules.py; a form with only `may_report` (a benefit owner after the project delivered) has the realised
    figures and the comments alone."""

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
            "range_low_percent": forms.NumberInput(attrs={"inputmode": "numeric", "class": "app-amount"}),
            "range_high_percent": forms.NumberInput(attrs={"inputmode": "numeric", "class": "app-amount"}),
        }
        field_classes = {"owner": PersonChoiceField}

    def __init__(
        self, *args, years: list[int], plan_years=None, may_edit_plan=True, may_report=True, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.years = years
        self.editing = bool(self.instance.pk)
        self.may_edit_plan = may_edit_plan or not self.editing
        self.may_report = may_report and self.editing
        if self.may_edit_plan:
            self.fields["owner"].queryset = staff_people()
        else:
            for name in BENEFIT_EDITABLE_FIELDS:
                del self.fields[name]
        by_year = {py.year: py for py in (plan_years or [])}
        for year in years:
            plan_year = by_year.get(year)
            for prefix in self.prefixes():
                attribute = PLAN_PREFIXES[prefix]
                label = PLAN_YEAR_FIELDS[prefix] % {"year": year}
                initial = getattr(plan_year, attribute) if plan_year else None
                if prefix == "comment":
                    self.fields[f"comment_{year}"] = forms.CharField(
                        label=label,
                        required=False,
                        initial=initial or "",
                        widget=forms.Textarea(attrs={"rows": 1}),
                    )
                else:
                    self.fields[f"{prefix}_{year}"] = AmountField(label=label, initial=initial)
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

    def prefixes(self) -> tuple[str, ...]:
        """The per-year fields this form has, in the order they are shown."""
        prefixes = []
        if self.may_edit_plan:
            prefixes += PLAN_ONLY_PREFIXES
        if self.may_report:
            prefixes += REALISATION_PREFIXES
        if self.editing:
            prefixes += SHARED_PREFIXES
        return tuple(prefixes)

    def plan_field_names(self) -> list[str]:
        return [f"{prefix}_{year}" for year in self.years for prefix in self.prefixes()]

    def main_fields(self):
        plan = set(self.plan_field_names())
        return [self[name] for name in self.fields if name not in plan]

    def plan_rows(self):
        """(year, [its fields in order]) for the template."""
        return [(year, [self[f"{prefix}_{year}"] for prefix in self.prefixes()]) for year in self.years]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") if self.may_edit_plan else self.instance.kind
        financial = is_financial(kind) if kind else True
        amounts = [prefix for prefix in self.prefixes() if prefix != "comment"]
        for year in self.years:
            for prefix in amounts:
                name = f"{prefix}_{year}"
                try:
                    cleaned[name] = parse_cell(self.data.get(self.add_prefix(name), ""), financial=financial)
                except ValueError as exc:
                    self.add_error(name, str(exc))
                    continue
                if prefix == "realised" and (future := future_realised_error(year, cleaned[name])):
                    self.add_error(name, future)
                elif prefix in FINANCIAL_ONLY_PREFIXES and cleaned[name] is not None and not financial:
                    self.add_error(
                        name, gettext("Only financial benefits have operating costs and budget withdrawals.")
                    )
            if self.may_edit_plan:
                self._check_range(cleaned, year)
        return cleaned

    def _check_range(self, cleaned: dict, year: int) -> None:
        """low ≤ planned (expected) ≤ high, as the model demands, said by the field that breaks it."""
        planned, low, high = (cleaned.get(f"{prefix}_{year}") for prefix in ("plan", "low", "high"))
        if planned is None:
            for prefix, value in (("low", low), ("high", high)):
                if value is not None and f"{prefix}_{year}" not in self.errors:
                    self.add_error(
                        f"{prefix}_{year}",
                        gettext("Enter the planned figure for the year before its range."),
                    )
            return
        if low is not None and low > planned and f"low_{year}" not in self.errors:
            self.add_error(
                f"low_{year}", gettext("The low figure cannot be larger than the planned (expected) figure.")
            )
        if high is not None and high < planned and f"high_{year}" not in self.errors:
            self.add_error(
                f"high_{year}",
                gettext("The high figure cannot be smaller than the planned (expected) figure."),
            )

    def values(self) -> dict[str, Any]:
        """The benefit and its plan by field name, as `services.benefit_update` wants them."""
        names = (list(BENEFIT_EDITABLE_FIELDS) if self.may_edit_plan else []) + self.plan_field_names()
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

    def plan(self) -> dict[int, dict[str, Any]]:
        """The plan of a new benefit as `services.benefit_create` wants it: {year: {attribute: value}}."""
        return {
            year: {
                PLAN_PREFIXES[prefix]: self.cleaned_data[f"{prefix}_{year}"]
                for prefix in self.prefixes()
                if f"{prefix}_{year}" in self.cleaned_data
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
            for field in grid_fields(benefit):
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
        label=_("Gains file (.xlsx or .csv)"),
        help_text=_(
            "The benefit plan in the layout of the export or the template, or a savings table as your budget "
            "or business plan prints it. At most 5 MB and 10 000 rows."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            }
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
    horizon_years = forms.IntegerField(
        label=_("years the gains are followed"),
        min_value=1,
        max_value=MAX_HORIZON_YEARS,
        required=False,
        help_text=_(
            "How many years from the first year the gains ledger follows each gain, up to 10. Empty: the "
            "economic plan's years."
        ),
        error_messages={
            "max_value": _("The gains can be followed for at most %(limit_value)s years."),
            "min_value": _("Write a number of years from 1 to 10, or leave the field empty."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        horizon, years = cleaned.get("horizon_years"), cleaned.get("years")
        if horizon is not None and years is not None and horizon < years:
            self.add_error(
                "horizon_years",
                gettext(
                    "The gains must be followed at least over the economic plan's %(years)s years; leave the "
                    "field empty to follow them over the plan."
                )
                % {"years": years},
            )
        return cleaned

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


# --- A gains file's columns and preview ---------------------------------------------------------------------

NEGATIVE_GAINS, POSITIVE_GAINS = "negative", "positive"


class GainsPreviewForm(forms.Form):
    """How the amounts of a gains file are read and what its rows become, as chosen in its preview: the unit
    (`scale`), which sign is a gain (`sign`, when the file has negative numbers), what the rows without a
    project become (`unmatched`), the sub-programme of the proposals (only for a person who may register
    projects), the type of a gain the file does not give, and each row on the page shown (`row_<n>`: empty
    leaves the row as found, as chosen for every unmatched row, or undecided).

    `gains` is the file as its mapping reads it, `projects` the programme's projects the person may import
    for (`pk`, `name`, `sub_programme__name`), `names` every project's name by id."""

    def __init__(
        self,
        *args,
        gains: reading.GainsReading,
        rows: list[reading.GainRow],
        projects: list[dict],
        names: dict[int, str],
        sub_programmes: list,
        **kwargs,
    ):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.gains, self.rows, self.names = gains, rows, names
        mapping = gains.mapping
        may_create = bool(sub_programmes)
        self.fields["scale"] = forms.TypedChoiceField(
            label=_("Unit of the amounts"),
            choices=[(scale, reading.SCALE_LABELS[scale]) for scale in reading.SCALES],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
        self.initial["scale"] = mapping.scale or gains.scale
        if gains.has_negative or mapping.negative_gains is not None:
            self.fields["sign"] = forms.ChoiceField(
                label=_("Negative numbers in the file"),
                choices=[
                    (NEGATIVE_GAINS, _("are gains: savings printed with a minus")),
                    (POSITIVE_GAINS, _("are not gains: a negative number is a cost that grows")),
                ],
                required=False,
                widget=forms.RadioSelect,
            )
            negative = mapping.negative_gains if mapping.negative_gains is not None else gains.sign_default
            self.initial["sign"] = NEGATIVE_GAINS if negative else POSITIVE_GAINS
        self.fields["unmatched"] = forms.ChoiceField(
            label=_("Rows whose project is not found"),
            choices=[
                ("", _("I choose for each row")),
                (reading.SKIP, _("All are skipped")),
                *([(reading.CREATE, _("All become project proposals"))] if may_create else []),
            ],
            required=False,
            widget=forms.RadioSelect,
        )
        self.initial["unmatched"] = mapping.unmatched
        if may_create:
            choices = [("", _("Choose a sub-programme")), *((sub.pk, sub.name) for sub in sub_programmes)]
            self.fields["sub_programme"] = forms.TypedChoiceField(
                label=_("Sub-programme of the project proposals"),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=upload_pages.role_select("id_sub_programme", choices),
            )
            self.initial["sub_programme"] = mapping.sub_programme
        kinds = list(BenefitKind.choices)
        self.fields["kind"] = forms.ChoiceField(
            label=_("Type of gain where the file gives none"),
            choices=kinds,
            widget=upload_pages.role_select("id_kind", kinds),
        )
        self.initial["kind"] = mapping.kind
        groups: dict[str, list] = {}
        for project in projects:
            groups.setdefault(project["sub_programme__name"], []).append(
                (f"{reading.LINK}:{project['pk']}", project["name"])
            )
        # The same for every row, so the page renders them from here: what a row may become besides as is.
        self.targets = [
            (reading.SKIP, _("Skip the row")),
            *([(reading.CREATE, _("Create a project proposal"))] if may_create else []),
        ]
        self.project_groups = [
            (_("Link to a project in %(name)s") % {"name": name}, links) for name, links in groups.items()
        ]
        for row in rows:
            name = f"row_{row.row}"
            choices = [("", self.as_is(row)), *self.targets, *self.project_groups]
            self.fields[name] = forms.ChoiceField(
                label=_("Row %(row)s «%(name)s» becomes") % {"row": row.row, "name": row.title},
                choices=choices,
                required=False,
                widget=upload_pages.role_select(f"id_{name}", choices),
            )
            self.initial[name] = mapping.rows.get(row.row, "")

    def as_is(self, row: reading.GainRow) -> str:
        """What a row becomes when the person chooses nothing for it."""
        if row.found_project is not None:
            return _("Link to «%(name)s» (found by name)") % {"name": self.names.get(row.found_project, "")}
        if row.is_sum:
            return _("Skip it (a sum row)")
        if self.gains.mapping.unmatched == reading.SKIP:
            return _("Skip it (as chosen for every row without a project)")
        if self.gains.mapping.unmatched == reading.CREATE:
            return _("A project proposal (as chosen for every row without a project)")
        return _("Choose what the row becomes")

    def mapping(self) -> reading.GainsMapping:
        """The mapping with what was chosen (once the form is valid); the rows of other pages keep theirs."""
        data, mapping = self.cleaned_data, self.gains.mapping
        scale = data["scale"]
        stated = {unit.scale for unit in self.gains.units}
        if mapping.scale is None and stated == {scale}:
            scale = None  # the unit the file states stays the file's
        negative = mapping.negative_gains
        if data.get("sign"):
            negative = data["sign"] == NEGATIVE_GAINS
        shown = {row.row for row in self.rows}
        rows = {row: decision for row, decision in mapping.rows.items() if row not in shown}
        rows |= {row.row: data[f"row_{row.row}"] for row in self.rows if data[f"row_{row.row}"]}
        return mapping.replace(
            scale=scale,
            negative_gains=negative,
            rows=rows,
            unmatched=data["unmatched"],
            sub_programme=data["sub_programme"] if "sub_programme" in self.fields else mapping.sub_programme,
            kind=data["kind"],
            remembered=False,
        )
