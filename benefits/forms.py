"""Forms for benefits and their plan, the grid's cells, the Excel upload and the programme's targets."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import tables, upload_pages
from core.merge import UNKNOWN_BASE
from core.numbers import format_as_typed
from core.tables import ColumnRole
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
from .models import Benefit, BenefitKind, future_realised_error, is_financial
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

# The roles a column of a gains file may be given, before the years' plans and realised figures.
_GAINS_ROLES = (reading.PROJECT, reading.MEASURE, reading.KIND, reading.OWNER, reading.WITHDRAWAL)


class GainsColumnsForm(upload_pages.ColumnsForm):
    """What each column of an uploaded gains file holds; its `mapping` once valid, with the unit, sign and
    row choices made before kept. The errors are the questions the columns leave open, on the column they
    are about (reading.mapping_questions)."""

    def __init__(
        self,
        *args,
        header: tables.Header,
        mapping: reading.GainsMapping,
        columns: list[int],
        years: list[int],
        **kwargs,
    ):
        choices = [
            (reading.role_name(ColumnRole(key)), reading.role_label(ColumnRole(key))) for key in _GAINS_ROLES
        ]
        yearless = {role.key for role in mapping.columns.values() if role.year is None}
        for key in (reading.PLANNED, reading.REALISED):
            choices += [
                (reading.role_name(ColumnRole(key, year)), reading.role_label(ColumnRole(key, year)))
                for year in years
            ]
            # A column of amounts without a year is only offered as proposed, to be given its year.
            if key in yearless:
                choices.append((reading.role_name(ColumnRole(key)), reading.role_label(ColumnRole(key))))
        choices.append((tables.IGNORE, reading.role_label(ColumnRole(tables.IGNORE))))
        super().__init__(
            *args,
            header=header,
            columns=columns,
            choices=choices,
            initial_roles={index: reading.role_name(role) for index, role in mapping.columns.items()},
            **kwargs,
        )
        self.mapping = mapping

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        mapping = self.mapping.replace(
            header_rows=self.header.rows, columns=self.roles(reading.role_from_name), remembered=False
        )
        self.add_questions(reading.mapping_questions(self.header, mapping))
        cleaned["mapping"] = mapping
        return cleaned


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
