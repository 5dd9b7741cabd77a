"""Forms of the benefit map: a change line (deliverable, change, the benefits it gives) and a benefit's goals."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models import Project

from .models import Benefit, ProjectChange


class ChangeLineForm(forms.Form):
    deliverable = forms.CharField(
        label=_("Deliverable"),
        max_length=ProjectChange._meta.get_field("deliverable").max_length,
        help_text=_("What the project delivers, e.g. a new booking system."),
    )
    change = forms.CharField(
        label=_("Change"),
        max_length=ProjectChange._meta.get_field("change").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changes in the way the organisation works because of the deliverable."),
    )
    benefits = forms.ModelMultipleChoiceField(
        label=_("Benefits it gives"),
        queryset=Benefit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Leave empty if the change gives no benefit yet: the map then shows the line as incomplete."
        ),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefits"].queryset = Benefit.objects.filter(project=project).order_by("pk")
        for name in ("deliverable", "change"):
            self.fields[name].widget.attrs["class"] = "ds-input"

    def clean(self):
        data = super().clean()
        for name in ("deliverable", "change"):
            if name in data:
                data[name] = " ".join(data[name].split())
                if not data[name]:
                    self.add_error(name, _("This field is required."))
        return data


class BenefitGoalsForm(forms.Form):
    """The goals a benefit serves; `choices` are (goal id, «code title») of the goals it may serve, read once
    for every benefit on the page (programme_goal_choices)."""

    goals = forms.TypedMultipleChoiceField(
        label=_("Goals it serves"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the benefit serves the project's goals."),
    )

    def __init__(self, *args, benefit: Benefit, choices: list[tuple[int, str]], **kwargs):
        kwargs.setdefault("prefix", f"benefit-{benefit.pk}")
        kwargs.setdefault("initial", {"goals": [goal.pk for goal in benefit.goals.all()]})
        super().__init__(*args, **kwargs)
        self.benefit = benefit
        self.fields["goals"].choices = choices


def programme_goal_choices(project: Project) -> list[tuple[int, str]]:
    """The goals a project's benefits may serve: the programme's own and those common to all programmes."""
    from scorecards.models import Goal

    programme_id = project.sub_programme.programme_id
    return [
        (goal.pk, f"{goal.code} {goal.title}")
        for goal in Goal.objects.filter(Q(programme_id=programme_id) | Q(programme__isnull=True)).order_by(
            "position", "code", "pk"
        )
    ]
