from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import person_column
from programmes.people import person_name

from .models import Goal, Indicator, IndicatorValue, ProjectGoal, Scorecard


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


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["position", "area", "perspective", "name", "unit", "direction", "goal"]


@admin.register(Scorecard)
class ScorecardAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "function_code",
        "service_area",
        "first_year",
        "last_year",
        person_column(Scorecard, "owner", person_name),
    ]
    list_select_related = ["owner"]
    search_fields = ["title", "service_area", "function_code"]
    inlines = [IndicatorInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "target_text", "result_text"]
    list_filter = ["indicator__scorecard", "year"]
    search_fields = ["indicator__name"]
    readonly_fields = [
        f"{which}_{part}"
        for which in ("target", "result")
        for part in ("kind", "number", "bound", "unit", "remark")
    ]
