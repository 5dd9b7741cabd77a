from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import PeopleByName, person_column
from core.people import person_name

from . import values
from .models import DirectionSource, Goal, Indicator, IndicatorValue, ProjectGoal, Scorecard


class ProjectGoalInline(admin.TabularInline):
    model = ProjectGoal
    extra = 0
    autocomplete_fields = ["project"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "parent", "programme"]
    list_filter = ["programme"]
    search_fields = ["code", "title"]
    inlines = [ProjectGoalInline]


class IndicatorForm(forms.ModelForm):
    """A direction chosen here is confirmed by the person who chose it."""

    class Meta:
        model = Indicator
        fields = ["position", "area", "perspective", "name", "unit", "direction", "goal"]

    def clean(self):
        cleaned = super().clean()
        if "direction" in self.changed_data:
            self.instance.direction_source = DirectionSource.USER
        return cleaned


class IndicatorInline(admin.TabularInline):
    model = Indicator
    form = IndicatorForm
    extra = 0
    fields = ["position", "area", "perspective", "name", "unit", "direction", "direction_source", "goal"]
    readonly_fields = ["direction_source"]


@admin.register(Scorecard)
class ScorecardAdmin(PeopleByName, SimpleHistoryAdmin):
    list_display = [
        "title",
        "function_code",
        "service_area",
        "first_year",
        "last_year",
        person_column(Scorecard, "owner", person_name),
    ]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    search_fields = ["title", "service_area", "function_code"]
    inlines = [IndicatorInline]


class IndicatorValueForm(forms.ModelForm):
    """The target and result as written, parsed as the page and the import parse them, so the status shown
    beside the text is computed from that text and not from an earlier one."""

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "year", "target_text", "result_text"]

    def _parsed(self, which: str) -> str:
        text = self.cleaned_data[f"{which}_text"]
        try:
            value = values.parse_value(text)
        except values.ValueParseError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from exc
        self.instance.set_value(which, values.clean_text(text), value)
        return self.instance.__dict__[f"{which}_text"]

    def clean_target_text(self):
        return self._parsed("target")

    def clean_result_text(self):
        return self._parsed("result")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    form = IndicatorValueForm
    list_display = ["indicator", "year", "target_text", "result_text"]
    list_filter = ["indicator__scorecard", "year"]
    search_fields = ["indicator__name"]
    readonly_fields = [
        f"{which}_{part}"
        for which in ("target", "result")
        for part in ("kind", "number", "bound", "unit", "remark")
    ]
