from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import DeleteOnlyWhatCanBeDeleted, PeopleByName, person_column
from core.people import person_name

from .models import Programme, Project, SubProgramme


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
