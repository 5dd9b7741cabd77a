"""Forms of the report pages: ordering a report, correcting a published one, and filtering the archive."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Period, ReportingScheme
from programmes.forms import DesignsystemetMixin
from programmes.models import Programme

from . import selectors
from .models import Scope


def _scheme() -> str:
    programme = Programme.objects.order_by("pk").first()
    return programme.reporting_scheme if programme else ReportingScheme.TERTIAL


class OrderForm(DesignsystemetMixin, forms.Form):
    scope = forms.ChoiceField(
        label=_("Report of"), help_text=_("The whole programme, a sub-programme or one project.")
    )
    period = forms.ChoiceField(label=_("Reporting period"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = selectors.orderable_scopes(user=user)
        today = timezone.localdate()
        periods = selectors.period_choices(today=today, scheme=_scheme())
        self.periods = {period.key: period for period in periods}
        self.fields["period"].choices = [(p.key, p.label) for p in periods]
        # The usual report is of the period that has just ended.
        self.fields["period"].initial = Period.containing(today, _scheme()).previous().key

    def clean_scope(self):
        scope_object = selectors.resolve_scope(self.cleaned_data["scope"])
        if scope_object is None:
            raise forms.ValidationError(_("Choose what the report is of."))
        return scope_object

    def clean_period(self):
        return self.periods[self.cleaned_data["period"]]


class CorrectionForm(DesignsystemetMixin, forms.Form):
    correction_reason = forms.CharField(
        label=_("What is corrected, and why"),
        help_text=_(
            "The readers see this first in the corrected version, with a list of every figure and text "
            "that differs from this one."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what is corrected and why; the readers see it first.")},
    )


class ArchiveFilterForm(DesignsystemetMixin, forms.Form):
    scope = forms.ChoiceField(label=_("Scope"), required=False)
    period = forms.ChoiceField(label=_("Reporting period"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", _("All")), *Scope.choices]
        self.fields["period"].choices = [("", _("All")), *selectors.archive_period_choices()]
