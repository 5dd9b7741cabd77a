from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import PeopleByName, person_column
from core.people import person_name

from .models import Assessment, Capacity, Criterion, Decision


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "weight", "kind", "position"]
    ordering = ["position", "name"]


@admin.register(Assessment)
class AssessmentAdmin(PeopleByName, SimpleHistoryAdmin):
    list_display = [
        "project",
        "criterion",
        "score",
        person_column(Assessment, "assessed_by", person_name),
        "assessed_at",
    ]
    list_filter = ["criterion"]
    list_select_related = ["project", "criterion", "assessed_by"]
    autocomplete_fields = ["assessed_by"]
    search_fields = ["project__name"]


@admin.register(Capacity)
class CapacityAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "year", "person_years", "kroner"]


@admin.register(Decision)
class DecisionAdmin(PeopleByName, admin.ModelAdmin):
    """Read-only: a decision is never edited; a new one (made on the project page) supersedes it."""

    list_display = ["project", "outcome", "decided_on", person_column(Decision, "decided_by", person_name)]
    list_select_related = ["project", "decided_by"]
    search_fields = ["project__name"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
