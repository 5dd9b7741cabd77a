"""Forms for projects, status reports, milestones and risks, and the sign-in form, styled for Designsystemet."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import access, roles
from core.forms import ConflictFormMixin
from core.numbers import format_as_typed, format_number, parse_decimal, parse_kroner
from core.people import person_name
from core.periods import recent_periods

from .models import (
    DECIDED_OUTCOMES,
    STATUS_DIMENSIONS,
    DecisionOutcome,
    Milestone,
    Project,
    Rating,
    Risk,
    StatusReport,
    SubProgramme,
)
from .rules import may_move_project as may_move
from .services import PROJECT_EDITABLE_FIELDS


class DesignsystemetMixin:
    """Gives every widget Designsystemet's classes, so templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The error block of includes/field.html always exists, so the input can point at it.
            auto_id = self[name].auto_id
            described_by = [f"{auto_id}_helptext"] if field.help_text else []
            field.widget.attrs["aria-describedby"] = " ".join([*described_by, f"{auto_id}_error"])
            if isinstance(field.widget, forms.RadioSelect):
                continue
            css = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} ds-input".strip()


class LoginForm(DesignsystemetMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Wrong username or password. Note that repeated failed attempts block signing in for a while."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is made, so it is never checked: an over-long
        # name would reach the authentication backends and django-axes' log of attempts (a 500).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


# The largest amount a form takes: far beyond any municipal budget, and far inside the bigint columns that
# hold amounts, so that the sum of thousands of them still fits one.
MAX_KRONER = 10**12 - 1


class NorwegianNumberMixin:
    """A number field typed as Norwegians write numbers: shown back the way they are typed, read by
    `parse` (core.numbers), whose ValueError is the field's `invalid` error."""

    parse: Callable[[Any], Any]

    def prepare_value(self, value):
        return format_as_typed(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class KronerField(NorwegianNumberMixin, forms.IntegerField):
    """Whole kroner, typed as Norwegians write them: `1 250 000`, `1 250 000 kr` or `1,25 mill.`."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    parse = staticmethod(parse_kroner)
    default_error_messages = {
        "invalid": _("Write an amount in whole kroner, e.g. 1 250 000 or 1,25 mill."),
        "too_large": _("Write an amount of at most %(limit)s kr."),
    }

    def __init__(self, *args, max_value: int = MAX_KRONER, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_kroner = max_value

    def validate(self, value):
        super().validate(value)
        if value is not None and value > self.max_kroner:
            # The limit written as amounts are (`999 999 999 999`, never broken across lines), not as
            # Django's validator would.
            limit = format_number(self.max_kroner)
            raise forms.ValidationError(
                self.error_messages["too_large"], code="max_value", params={"limit": limit}
            )


class DecimalTextField(NorwegianNumberMixin, forms.DecimalField):
    """A number as Norwegians write it, with a decimal comma and spaces: `4,5`, `1 250`."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Write a number, e.g. 1 250 or 4,5.")}
    parse = staticmethod(parse_decimal)


class PersonYearsField(DecimalTextField):
    """Person-years with a decimal comma: `1,5`."""

    default_error_messages = {"invalid": _("Write a number of person-years, e.g. 1,5.")}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


def staff_people():
    """Users who can lead or own projects: everyone in an employee role, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles.EMPLOYEE_ROLES)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(DesignsystemetMixin, ConflictFormMixin, forms.ModelForm):
    """Registering and editing a project; editing carries the version it was opened at (core.forms)."""

    cost_estimate = KronerField(
        label=_("cost (NOK)"), min_value=0, help_text=_("Total expected cost in whole kroner.")
    )
    estimated_annual_gain = KronerField(
        label=_("estimated financial gain per year (NOK)"),
        min_value=0,
        required=False,
        help_text=_(
            "A first rough estimate in whole kroner; the gain plan replaces it. Leave it empty if there is no "
            "estimate yet: it is then shown as «ikke anslått», never as 0 kr."
        ),
    )
    resource_need = PersonYearsField(
        label=_("resource need (person-years)"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
        help_text=_("Internal capacity the project needs, in person-years."),
    )

    class Meta:
        model = Project
        fields = PROJECT_EDITABLE_FIELDS
        widgets = {
            "need": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }
        field_classes = {"owner": PersonChoiceField, "leader": PersonChoiceField}

    def __init__(self, *args, creating: bool = False, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        sub_programmes = SubProgramme.objects.select_related("programme").order_by(
            "programme__name", "position", "name"
        )
        if not creating and user is not None:
            # Only where the user may move the project: the current sub-programme and those they may edit.
            project = self.instance
            sub_programmes = [
                s for s in sub_programmes if s.pk == project.sub_programme_id or may_move(user, project, s)
            ]
            self.fields["sub_programme"].queryset = SubProgramme.objects.filter(
                pk__in=[s.pk for s in sub_programmes]
            ).order_by("programme__name", "position", "name")
            self.fields["sub_programme"].error_messages["invalid_choice"] = _(
                "You may not move the project to that sub-programme."
            )
            if len(sub_programmes) == 1:
                self.fields["sub_programme"].help_text = _(
                    "Moving the project to another sub-programme needs the leaders of both, or the "
                    "kommunedirektør."
                )
        else:
            self.fields["sub_programme"].queryset = sub_programmes
        # The people who hold the roles now, plus whoever holds them on the project today (a leader who
        # has since left the role must not make the project impossible to save).
        current = [pk for pk in (self.instance.owner_id, self.instance.leader_id) if pk]
        people = (
            get_user_model()
            .objects.filter(Q(pk__in=staff_people().values("pk")) | Q(pk__in=current))
            .order_by("first_name", "last_name", "username")
        )
        for name in ("owner", "leader"):
            self.fields[name].queryset = people
        if creating:
            for name in ("phase", "version", "conflict_fields", "conflict_by"):
                del self.fields[name]
        elif user is None or not access.has_perm(user, "programmes.skip_decision_point", self.instance):
            # The phase changes by a decision at the decision point on the project page.
            del self.fields["phase"]
        else:
            self.fields["phase"].help_text = _(
                "The phase changes by a decision at the decision point on the project page. As the "
                "administrator you may change it here without a decision; it is recorded as a skipped "
                "decision point, with your reason."
            )
            fields = list(self.fields.items())
            at = [name for name, _field in fields].index("phase") + 1
            reason = forms.CharField(
                label=_("Reason for changing the phase without a decision"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                help_text=_("Required when you change the phase."),
            )
            self.fields = dict([*fields[:at], ("phase_reason", reason), *fields[at:]])
            self.fields["phase_reason"].widget.attrs["aria-describedby"] = (
                f"{self['phase_reason'].auto_id}_helptext {self['phase_reason'].auto_id}_error"
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The planned end cannot be before the planned start."))
        phase = cleaned.get("phase")
        phase_changed = "phase_reason" in self.fields and phase and phase != self.instance.phase
        if phase_changed and not (cleaned.get("phase_reason") or "").strip():
            self.add_error("phase_reason", _("Write why the phase is changed without a decision."))
        return cleaned


class RatingWidget(forms.RadioSelect):
    """Green/yellow/red as radio buttons that show colour, word and icon together."""

    template_name = "programmes/widgets/rating.html"


class StatusReportForm(DesignsystemetMixin, ConflictFormMixin, forms.ModelForm):
    """A status report. `based_on` is the report the form started from and `seen` the newest report id
    when it was opened, so a report someone else submits meanwhile is merged, not silently replaced."""

    period_key = forms.ChoiceField(label=_("Reporting period"))
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The draft the form was opened on and its version (programmes.services.status_report_draft_save), and
    # whether the conflict being resolved is with a colleague's draft or with a submitted report.
    draft = forms.IntegerField(widget=forms.HiddenInput, required=False)
    draft_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    conflict_with = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StatusReport
        fields = [
            "period_key",
            *[f for name in STATUS_DIMENSIONS for f in (name, f"{name}_comment")],
            "achieved",
            "next_steps",
            "risks",
            "decisions_needed",
        ]
        widgets = {
            **dict.fromkeys(STATUS_DIMENSIONS, RatingWidget),
            **{f"{name}_comment": forms.Textarea(attrs={"rows": 2}) for name in STATUS_DIMENSIONS},
            "achieved": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "decisions_needed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, periods, draft: bool = False, **kwargs):
        """`draft`: the form saves a draft, which may be incomplete; only the period is required."""
        super().__init__(*args, **kwargs)
        self.saving_draft = draft
        self.fields["period_key"].choices = [(p.key, p.label) for p in periods]
        for name in STATUS_DIMENSIONS:
            self.fields[name].choices = Rating.choices
        if draft:
            for name, field in self.fields.items():
                if name != "period_key":
                    field.required = False

    def dimension_fields(self):
        """(rating field, comment field) pairs, for the template."""
        return [(self[name], self[f"{name}_comment"]) for name in STATUS_DIMENSIONS]

    def clean(self):
        cleaned = super().clean()
        if self.saving_draft:
            return cleaned
        for name in STATUS_DIMENSIONS:
            if (
                cleaned.get(name) in (Rating.YELLOW, Rating.RED)
                and not cleaned.get(f"{name}_comment", "").strip()
            ):
                self.add_error(
                    f"{name}_comment",
                    _("A comment is required when the status is %(rating)s.")
                    % {"rating": str(Rating(cleaned[name]).label).lower()},
                )
        return cleaned


def status_report_periods(project: Project, today):
    """The periods a report can be written for: the current one and the three before it."""
    return recent_periods(today, project.sub_programme.programme.reporting_scheme, back=3)


class MilestoneForm(DesignsystemetMixin, ConflictFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "planned_date", "forecast_date", "done_date"]
        widgets = {"planned_date": DATE_WIDGET, "forecast_date": DATE_WIDGET, "done_date": DATE_WIDGET}


class RiskForm(DesignsystemetMixin, ConflictFormMixin, forms.ModelForm):
    class Meta:
        model = Risk
        fields = ["title", "description", "probability", "consequence", "mitigation", "owner", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"owner": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()


# --- Decision points between phases ----------------------------------------------------------------------

BASIS_HELP = {
    "need": _("The need the project answers, as it stands now."),
    "goals": _("What the project shall achieve, and how it will be seen."),
    "gains": _("The gains expected, with amounts and years where known, and who owns them."),
    "cost": _("The cost and the people the next phase needs, and the whole project's estimate."),
    "risk": _("The largest risks and what is done about them."),
}


class DecisionPrepareForm(DesignsystemetMixin, forms.Form):
    """The project leader's basis for a decision point: five short texts and the phase's checklist, each
    question with «done» and a comment. The questions are those of `checklist` (their texts)."""

    need = forms.CharField(
        label=_("Need"), widget=forms.Textarea(attrs={"rows": 3}), help_text=BASIS_HELP["need"]
    )
    goals = forms.CharField(
        label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}), help_text=BASIS_HELP["goals"]
    )
    gains = forms.CharField(
        label=_("Gains"), widget=forms.Textarea(attrs={"rows": 3}), help_text=BASIS_HELP["gains"]
    )
    cost = forms.CharField(
        label=_("Cost"), widget=forms.Textarea(attrs={"rows": 2}), help_text=BASIS_HELP["cost"]
    )
    # The phase the form was opened in (programmes.services.decision_point_prepare refuses a stale one).
    from_phase = forms.CharField(widget=forms.HiddenInput, required=False)
    risk = forms.CharField(
        label=_("Risk"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=BASIS_HELP["risk"],
        required=False,
    )

    def __init__(self, *args, checklist: list[dict], **kwargs):
        """`checklist`: the questions as {"text", "guidance", "done", "comment"} (the last two as answered
        before, when the preparation is being updated)."""
        initial = kwargs.setdefault("initial", {})
        for index, item in enumerate(checklist):
            initial.setdefault(f"check_{index}_done", item.get("done", False))
            initial.setdefault(f"check_{index}_comment", item.get("comment", ""))
        self.checklist = checklist
        super().__init__(*args, **kwargs)
        for index in range(len(checklist)):
            self.fields[f"check_{index}_done"] = forms.BooleanField(
                label=_("Done"), required=False, widget=forms.CheckboxInput(attrs={"class": "ds-input"})
            )
            self.fields[f"check_{index}_comment"] = forms.CharField(
                label=_("Comment"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
            )
        # The mixin set the classes and descriptions before the checklist fields existed.
        for index in range(len(checklist)):
            done, comment = f"check_{index}_done", f"check_{index}_comment"
            self.fields[done].widget.attrs["aria-describedby"] = f"check-{index}-q"
            self.fields[comment].widget.attrs["aria-describedby"] = (
                f"check-{index}-q {self[comment].auto_id}_error"
            )
            self.fields[comment].widget.attrs["class"] = "ds-input"

    def basis_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("need", "goals", "gains", "cost", "risk")]

    def checklist_rows(self) -> list[dict]:
        """Per question: its number, text, guidance and the two bound fields, for the template."""
        return [
            {
                "index": index,
                "text": item["text"],
                "guidance": item.get("guidance", ""),
                "done": self[f"check_{index}_done"],
                "comment": self[f"check_{index}_comment"],
            }
            for index, item in enumerate(self.checklist)
        ]

    def basis(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in ("need", "goals", "gains", "cost", "risk")}

    def answered_checklist(self) -> list[dict]:
        return [
            {
                "text": item["text"],
                "done": self.cleaned_data.get(f"check_{index}_done", False),
                "comment": self.cleaned_data.get(f"check_{index}_comment", ""),
            }
            for index, item in enumerate(self.checklist)
        ]


class DecideForm(DesignsystemetMixin, forms.Form):
    """The owner's or the kommunedirektør's decision at a decision point."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for «go with conditions»: what must be in place, and by when."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this decision: it is shown on the project and in the change log."),
        error_messages={"required": _("Write the reason for the decision.")},
    )

    def __init__(self, *args, to_phase_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            DecisionOutcome.GO: _("Go: the project moves on to %(phase)s") % {"phase": to_phase_label},
            DecisionOutcome.GO_WITH_CONDITIONS: _("Go with conditions: the project moves on to %(phase)s")
            % {"phase": to_phase_label},
            DecisionOutcome.REWORK: _("Back for rework: the project stays in its phase"),
            DecisionOutcome.STOP: _("Stop: the project is closed"),
        }
        self.fields["outcome"].choices = [(str(value), labels[value]) for value in DECIDED_OUTCOMES]

    def clean(self):
        cleaned = super().clean()
        outcome, conditions = cleaned.get("outcome"), (cleaned.get("conditions") or "").strip()
        if outcome == DecisionOutcome.GO_WITH_CONDITIONS and not conditions:
            self.add_error("conditions", _("Write the conditions for the go."))
        elif outcome and conditions and outcome != DecisionOutcome.GO_WITH_CONDITIONS:
            self.add_error(
                "conditions", _("Only a go with conditions has conditions: choose it, or remove the text.")
            )
        return cleaned
