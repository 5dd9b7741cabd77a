"""Forms for non-financial gains as indicators: one measurement, and a benefit's target and scorecard link."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.numbers import format_date
from programmes.forms import DATE_WIDGET, DecimalTextField, DesignsystemetMixin
from scorecards.models import Indicator

from .models import MAX_AMOUNT, Benefit, BenefitMeasurement

# The most indicators the chooser lists at once; a search narrows them down.
CHOOSER_LIMIT = 200


class ValueField(DecimalTextField):
    """A value in the benefit's own unit, as Norwegians write it: `4,5`, `1 250`, `-3`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 15)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.error_messages["max_decimal_places"] = _("Write at most two decimals, e.g. 4,25.")
        self.error_messages["max_digits"] = _("The number is too large.")
        self.error_messages["max_whole_digits"] = _("The number is too large.")

    def clean(self, value):
        number = super().clean(value)
        if number is not None and abs(number) > MAX_AMOUNT:
            raise forms.ValidationError(_("The number is too large."))
        return number


class MeasurementForm(DesignsystemetMixin, forms.ModelForm):
    """A measured value of a benefit on a date. One measurement per date: a second is refused by name."""

    value = ValueField(label=_("value"))

    class Meta:
        model = BenefitMeasurement
        fields = ["measured_on", "value", "comment"]
        widgets = {
            "measured_on": DATE_WIDGET,
            "comment": forms.TextInput(),
        }
        error_messages = {
            "measured_on": {
                "required": _("Enter the date of the measurement."),
                "invalid": _("Enter a date, e.g. 31.12.2026."),
            },
        }

    def __init__(self, *args, benefit: Benefit, **kwargs):
        super().__init__(*args, **kwargs)
        self.benefit = benefit
        self.fields["value"].error_messages["required"] = _("Enter the measured value.")
        unit = benefit.unit_of_measure
        if unit:
            self.fields["value"].label = _("value (%(unit)s)") % {"unit": unit}
            self._bound_fields_cache.pop("value", None)  # made by the mixin with the old label

    def clean_measured_on(self):
        measured_on = self.cleaned_data["measured_on"]
        if measured_on > timezone.localdate():
            raise forms.ValidationError(
                _("The date is in the future; a measurement is of something measured.")
            )
        taken = BenefitMeasurement.objects.filter(benefit=self.benefit, measured_on=measured_on)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("The benefit already has a measurement on %(date)s. Change that one instead.")
                % {"date": format_date(measured_on)}
            )
        return measured_on


class MeasurementEditForm(MeasurementForm):
    """A stored measurement changed. `original` carries what the form was opened with: a measurement
    someone else changed meanwhile is not overwritten."""

    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["original"] = self.fingerprint(self.instance)

    @staticmethod
    def fingerprint(measurement: BenefitMeasurement) -> str:
        value = "" if measurement.value is None else f"{measurement.value.normalize():f}"
        date = measurement.measured_on.isoformat() if measurement.measured_on else ""
        return f"{date}|{value}|{measurement.comment}"


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        unit = f" ({obj.unit})" if obj.unit else ""
        return f"{obj.name}{unit}"


def indicator_choices(*, search: str = "", keep: Indicator | None = None) -> tuple[list, int]:
    """The chooser's options grouped by scorecard, at most CHOOSER_LIMIT of them, and how many matched.

    Scorecards are the municipality's, shared by its programmes, so every scorecard's indicators are
    offered; `search` narrows them by the indicator's name, area, perspective or scorecard, and the
    indicator already linked (`keep`) is always offered so the form never drops it."""
    indicators = Indicator.objects.select_related("scorecard").order_by("scorecard__title", "position", "pk")
    for word in search.split():
        indicators = indicators.filter(
            Q(name__icontains=word)
            | Q(area__icontains=word)
            | Q(perspective__icontains=word)
            | Q(scorecard__title__icontains=word)
        )
    matched = indicators.count()
    shown = list(indicators[:CHOOSER_LIMIT])
    if keep is not None and keep.pk not in {i.pk for i in shown}:
        shown.insert(0, keep)
    groups: dict[str, list] = {}
    for indicator in shown:
        unit = f" ({indicator.unit})" if indicator.unit else ""
        groups.setdefault(indicator.scorecard.title, []).append((indicator.pk, f"{indicator.name}{unit}"))
    return [("", _("– no scorecard indicator –")), *groups.items()], matched


class BenefitIndicatorForm(DesignsystemetMixin, forms.ModelForm):
    """A non-financial benefit's target (value and date) and its optional scorecard indicator.

    `original_*` carry what the form was opened with: a field someone else changed meanwhile to something
    other than this form's value is refused, never overwritten."""

    target_value = ValueField(
        label=_("target"),
        required=False,
        help_text=_("The value the change should reach, in the unit of measure."),
    )
    indicator = IndicatorChoiceField(
        queryset=Indicator.objects.select_related("scorecard"),
        required=False,
        label=_("scorecard indicator"),
        help_text=_(
            "Optional. Its yearly results count as measurements, dated 31 December, when they are numbers in "
            "the benefit's unit of measure."
        ),
    )
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Benefit
        fields = ["target_value", "target_date", "indicator"]
        widgets = {"target_date": DATE_WIDGET}
        error_messages = {"target_date": {"invalid": _("Enter a date, e.g. 31.12.2028.")}}

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.unit_of_measure:
            self.fields["target_value"].label = _("target (%(unit)s)") % {
                "unit": self.instance.unit_of_measure
            }
            self._bound_fields_cache.pop("target_value", None)  # made by the mixin with the old label
        keep = self.instance.indicator if self.instance.indicator_id else None
        choices, self.matched = indicator_choices(search=search, keep=keep)
        self.fields["indicator"].choices = choices
        self.shown = sum(len(options) for _label, options in choices[1:])
        if not self.is_bound:
            self.initial["original"] = self.fingerprint(self.instance)

    @staticmethod
    def fingerprint(benefit: Benefit) -> str:
        """The fields this form edits, as text: what a stale form is compared with."""
        value = "" if benefit.target_value is None else f"{benefit.target_value.normalize():f}"
        date = benefit.target_date.isoformat() if benefit.target_date else ""
        return f"{value}|{date}|{benefit.indicator_id or ''}"

    def clean(self):
        cleaned = super().clean()
        target, date = cleaned.get("target_value"), cleaned.get("target_date")
        baseline = self.instance.baseline_value
        if target is not None and baseline is not None and target == baseline:
            self.add_error(
                "target_value",
                _("The target equals the baseline, so there is no way to go; give another target."),
            )
        baseline_date = self.instance.baseline_date
        if date and baseline_date and date <= baseline_date:
            self.add_error(
                "target_date",
                _("The target date must come after the baseline date (%(date)s).")
                % {"date": format_date(baseline_date)},
            )
        if target is not None and not date and "target_date" not in self.errors:
            self.add_error("target_date", _("Give the date the target is to be reached by."))
        return cleaned
