"""Forms: a new scorecard, importing a file, an indicator's direction, one target or result, and a project's link
to a goal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import intake
from core.forms import ConflictFormMixin
from core.merge import UNKNOWN_BASE
from programmes.forms import DesignsystemetMixin, PersonChoiceField, staff_people

from . import values
from .excel import LIMITS
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
            "Columns Område, Perspektiv, Indikator, optionally Enhet and Retning, then «Mål YYYY» and "
            "«Resultat YYYY». At most 5 MB."
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
