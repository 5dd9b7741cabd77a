"""Forms: a new scorecard, importing a file (its columns, the directions in its preview), an indicator's
direction, one target or result, and a project's link to a goal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import intake, tables, upload_pages
from core.forms import ConflictFormMixin
from core.merge import UNKNOWN_BASE
from core.tables import ColumnRole
from programmes.forms import DesignsystemetMixin, PersonChoiceField, staff_people

from . import excel, values
from .excel import LIMITS
from .excel.layout import AREA, DIRECTION, INDICATOR, PERSPECTIVE, UNIT, YEAR
from .models import Goal, ProjectGoal, Scorecard


class ScorecardForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = Scorecard
        fields = ["title", "service_area", "function_code", "first_year", "last_year", "owner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"owner": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()
        self.fields["owner"].required = True


class ImportForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=_("Scorecard file (.xlsx or .csv)"),
        help_text=_(
            "The table as the annual report or plan prints it, or the template filled in. At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if problem := intake.size_problem(upload.size, LIMITS):
            raise forms.ValidationError(problem)
        return upload


class DirectionForm(forms.Form):
    """The owner's confirmation of which way an indicator is better (a button per choice)."""

    direction = forms.ChoiceField(
        choices=[
            (d.value, values.DIRECTION_LABELS[d]) for d in (values.Direction.HIGHER, values.Direction.LOWER)
        ],
        error_messages={
            "required": _("Choose higher or lower is better."),
            "invalid_choice": _("Choose higher or lower is better."),
        },
    )


class ValueForm(DesignsystemetMixin, forms.Form):
    """One cell of the scorecard: the target or the result of one year, as the municipality writes it.

    The form carries the cell's text as the user saw it (`base`), so a save can tell what others changed
    meanwhile. After a conflict it also carries `conflict`, and the user must choose whose value holds.
    """

    KEEP_MINE, KEEP_THEIRS = "mine", "theirs"

    text = forms.CharField(
        required=False,
        max_length=200,
        help_text=_(
            "E.g. 4,5 · 98 % · <205 · 1. plass · 15 min · ja · 38/62 · som i fjor · Ikke målt. Any other text "
            "is kept as a note. Leave empty for no value."
        ),
    )
    choice = forms.ChoiceField(
        label=_("The value that shall apply"),
        required=False,
        choices=[(KEEP_MINE, _("Keep my value")), (KEEP_THEIRS, _("Use the other person's value"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, label: str = "", **kwargs):
        kwargs.setdefault("auto_id", "cell-%s")
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
            self._bound_fields_cache.pop("text", None)  # the mixin made it with the default label

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            values.parse_value(text)
        except values.ValueParseError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from exc
        return text

    def clean(self):
        cleaned = super().clean()
        # A form that does not say what the user saw cannot tell a colleague's change from the user's.
        cleaned["base"] = self.data.get("base", UNKNOWN_BASE)
        if self.data.get("conflict") and not cleaned.get("choice"):
            self.add_error("choice", _("Choose which value shall apply."))
        return cleaned

    @property
    def mine(self) -> str:
        """What the user wants saved: the colleague's value they chose (carried as `base`), or their input."""
        base = self.cleaned_data["base"]
        if self.cleaned_data.get("choice") == self.KEEP_THEIRS and base is not UNKNOWN_BASE:
            return base
        return self.cleaned_data["text"]


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.code} {obj.title}"


class ProjectGoalForm(DesignsystemetMixin, ConflictFormMixin, forms.ModelForm):
    class Meta:
        model = ProjectGoal
        fields = ["goal", "statement", "strength"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"goal": GoalChoiceField}

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals

    def validate_unique(self):
        # The view sets the project on the instance; ModelForm would skip the (project, goal) constraint
        # because `project` is not a form field, so the model checks it here.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as exc:
            self._update_errors(exc)


# The roles a column may be given, before the years' targets and results.
_ROLE_CHOICES = [ColumnRole(key) for key in (tables.IGNORE, INDICATOR, AREA, PERSPECTIVE, UNIT, DIRECTION)]
_YEAR_MISSING = {excel.TARGET: _("Target (which year?)"), excel.RESULT: _("Result (which year?)")}
_HEADING_LABELS = {
    AREA: _("The area of the rows under them"),
    PERSPECTIVE: _("The perspective of the rows under them"),
    tables.IGNORE: _("Nothing (they are not imported)"),
}


class ColumnsForm(upload_pages.ColumnsForm):
    """What each column of an uploaded file is, and what heading rows inside the table become; its
    `mapping` once valid. The errors are the questions the mapping leaves open, on the column they are
    about (excel.mapping_questions)."""

    def __init__(
        self,
        *args,
        header: tables.Header,
        mapping: excel.Mapping,
        columns: list[int],
        years: list[int],
        **kwargs,
    ):
        long_form = any(column.match.key == YEAR for column in header.columns)
        choices = [(excel.role_name(role), excel.role_label(role)) for role in _ROLE_CHOICES]
        choices += (
            [(excel.role_name(ColumnRole(YEAR)), excel.role_label(ColumnRole(YEAR)))] if long_form else []
        )
        yearless = {role.key for role in mapping.columns.values() if role.year is None}
        for key in (excel.TARGET, excel.RESULT):
            choices += [
                (excel.role_name(ColumnRole(key, year)), excel.role_label(ColumnRole(key, year)))
                for year in years
            ]
            # Without a year column, a target or result without its year is only offered as proposed, to
            # be given its year.
            if long_form or key in yearless:
                label = excel.role_label(ColumnRole(key)) if long_form else _YEAR_MISSING[key]
                choices.append((excel.role_name(ColumnRole(key)), label))
        super().__init__(
            *args,
            header=header,
            columns=columns,
            choices=choices,
            initial_roles={index: excel.role_name(role) for index, role in mapping.columns.items()},
            **kwargs,
        )
        self.mapping = mapping
        headings = [(key, _HEADING_LABELS[key]) for key in excel.HEADING_ROLES]
        self.fields["headings"] = forms.ChoiceField(
            label=_("Heading rows inside the table become"),
            choices=headings,
            widget=upload_pages.role_select("id_headings", headings),
        )
        self.initial["headings"] = mapping.headings

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        mapping = excel.Mapping(
            self.header.rows, self.roles(excel.role_from_name), cleaned["headings"], self.mapping.directions
        )
        self.add_questions(excel.mapping_questions(self.header, mapping))
        cleaned["mapping"] = mapping
        return cleaned


class DirectionsForm(forms.Form):
    """The direction of each indicator whose file says none, chosen in the preview: `""` keeps the inferred
    one (shown with its reason)."""

    def __init__(self, *args, rows: list[excel.PreviewRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            indicator = row.indicator
            if row.direction_source == "file":
                continue
            name = f"direction_{indicator.row}"
            inferred = excel.direction_text(row.inferred[0])
            choices = [
                ("", _("As inferred: %(direction)s") % {"direction": inferred}),
                *(
                    (d.value, excel.direction_text(d))
                    for d in (values.Direction.HIGHER, values.Direction.LOWER)
                ),
            ]
            self.fields[name] = forms.ChoiceField(
                label=_("Direction of «%(name)s» (row %(row)s)")
                % {"name": indicator.name, "row": indicator.row},
                choices=choices,
                required=False,
                widget=upload_pages.role_select(f"id_{name}", choices),
            )
            self.initial[name] = indicator.direction.value if row.direction_source == "chosen" else ""

    def field_for(self, entry: excel.PreviewRow | excel.PreviewHeading) -> forms.BoundField | None:
        """The direction's field of a preview's indicator, when it has one."""
        name = f"direction_{entry.indicator.row}" if isinstance(entry, excel.PreviewRow) else ""
        return self[name] if name in self.fields else None

    def directions(self) -> dict[int, values.Direction]:
        """The directions chosen, by the indicator's row."""
        return {
            int(name.removeprefix("direction_")): values.Direction(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("direction_") and value
        }
