"""Forms of the portfolio pages: assessing, deciding, capacity, the board's order, scenarios, criteria."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.merge import KEEP_MINE, KEEP_THEIRS
from programmes.forms import DesignsystemetMixin, KronerField, PersonYearsField

from .models import Criterion, Objective, Outcome


class AssessmentForm(DesignsystemetMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)], widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, criterion: Criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [(n, f"{n} – {text}") for n, text in criterion.steps]
        self.fields["score"].label = _("Score on “%(criterion)s”") % {"criterion": criterion.name}
        # The mixin has already made the bound field with the generic label; make it again.
        self._bound_fields_cache.pop("score", None)


class DecisionForm(DesignsystemetMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Why: this is kept in the project's decision log and cannot be changed later."),
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class CapacityForm(DesignsystemetMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    person_years = PersonYearsField(label=_("Person-years"), min_value=0, max_digits=8, decimal_places=1)
    kroner = KronerField(label=_("Kroner"), min_value=0)


def _ids(text: str) -> list[int]:
    try:
        return [int(value) for value in text.split(",") if value.strip()]
    except ValueError as exc:
        raise forms.ValidationError(_("The order is not a list of projects.")) from exc


class ReorderForm(forms.Form):
    """The whole new order (drag and drop), the project(s) the user moved, and the board version it was made
    on; after a conflict, the user's choice between their order and the other one (`resolve`)."""

    order = forms.CharField()
    moved = forms.CharField(required=False)
    version = forms.IntegerField(min_value=0)
    resolve = forms.ChoiceField(choices=[(KEEP_MINE, KEEP_MINE), (KEEP_THEIRS, KEEP_THEIRS)], required=False)
    resolving = forms.BooleanField(required=False)

    def clean_order(self) -> list[int]:
        return _ids(self.cleaned_data["order"])

    def clean_moved(self) -> set[int] | None:
        moved = set(_ids(self.cleaned_data["moved"]))
        return moved or None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("resolving") and not cleaned.get("resolve"):
            raise forms.ValidationError(_("Choose which order shall apply."))
        return cleaned


class MoveForm(forms.Form):
    """One project one place up or down (the keyboard way of reordering)."""

    move = forms.RegexField(regex=r"^\d+:(up|down)$")  # the pressed button: "<project id>:<direction>"
    version = forms.IntegerField(min_value=0)

    def clean_move(self) -> tuple[int, str]:
        project_id, direction = self.cleaned_data["move"].split(":")
        return int(project_id), direction


class ScenarioNameForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label=_("Name of the scenario"), max_length=200)


class ScenarioApplyForm(DesignsystemetMixin, forms.Form):
    rationale = forms.CharField(
        label=_("Rationale for the decisions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Recorded on every project the scenario takes in or sets to wait."),
    )


class OptimiserForm(DesignsystemetMixin, forms.Form):
    objective = forms.ChoiceField(
        label=_("Maximise"), choices=Objective.choices, initial=Objective.PRIORITY, widget=forms.RadioSelect
    )
    keep_included = forms.BooleanField(
        label=_("Keep the projects already included (forced in)"), required=False, initial=True
    )
    leave_out_waiting = forms.BooleanField(
        label=_("Leave out the projects set to wait (forced out)"), required=False
    )


class CriterionForm(DesignsystemetMixin, forms.ModelForm):
    """A criterion's name, weight and scale, with the version it was opened at (for merging a stale edit)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "kind", "step_1", "step_2", "step_3", "step_4", "step_5"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
