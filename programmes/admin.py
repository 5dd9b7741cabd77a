from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import DeleteOnlyWhatCanBeDeleted, PeopleByName, person_column
from core.people import person_name

from .models import DecisionChecklistItem, DecisionPoint, Programme, Project, SubProgramme


class SubProgrammeInline(PeopleByName, admin.TabularInline):
    model = SubProgramme
    extra = 0
    autocomplete_fields = ["leader"]


@admin.register(Programme)
class ProgrammeAdmin(DeleteOnlyWhatCanBeDeleted, admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]
    inlines = [SubProgrammeInline]


@admin.register(SubProgramme)
class SubProgrammeAdmin(PeopleByName, DeleteOnlyWhatCanBeDeleted, admin.ModelAdmin):
    list_display = ["name", "programme", person_column(SubProgramme, "leader", person_name), "position"]
    list_filter = ["programme"]
    list_select_related = ["programme", "leader"]
    search_fields = ["name"]
    autocomplete_fields = ["leader"]


@admin.register(Project)
class ProjectAdmin(PeopleByName, DeleteOnlyWhatCanBeDeleted, SimpleHistoryAdmin):
    list_display = [
        "name",
        "sub_programme",
        "phase",
        person_column(Project, "leader", person_name),
        person_column(Project, "owner", person_name),
        "cost_estimate",
        "resource_need",
    ]
    list_filter = ["phase", "sub_programme__programme", "sub_programme"]
    search_fields = ["name", "need"]
    autocomplete_fields = ["leader", "owner"]
    list_select_related = ["sub_programme", "leader", "owner"]
    # The phase changes by a decision, or by the administrator on the project's edit page, where the
    # change is recorded as a skipped decision point with a reason; here it would leave no such record.
    readonly_fields = ["phase"]


@admin.register(DecisionChecklistItem)
class DecisionChecklistItemAdmin(admin.ModelAdmin):
    """The checklist of each decision point: decisions already prepared keep the texts they were asked."""

    list_display = ["text", "from_phase", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["from_phase", "active"]
    search_fields = ["text"]


@admin.register(DecisionPoint)
class DecisionPointAdmin(PeopleByName, SimpleHistoryAdmin):
    """Decision points are read here; they are prepared and decided on the project page, and a decided one
    never changes."""

    list_display = [
        "project",
        "from_phase",
        "to_phase",
        "outcome",
        person_column(DecisionPoint, "decided_by", person_name),
        "decided_at",
    ]
    list_filter = ["outcome", "from_phase"]
    search_fields = ["project__name"]
    list_select_related = ["project", "decided_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
