from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Programme, Project, SubProgramme


class SubProgrammeInline(admin.TabularInline):
    model = SubProgramme
    extra = 0
    autocomplete_fields = ["leader"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]
    inlines = [SubProgrammeInline]


@admin.register(SubProgramme)
class SubProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "leader", "position"]
    list_filter = ["programme"]
    search_fields = ["name"]
    autocomplete_fields = ["leader"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sub_programme", "phase", "leader", "owner", "cost_estimate", "resource_need"]
    list_filter = ["phase", "sub_programme__programme", "sub_programme"]
    search_fields = ["name", "need"]
    autocomplete_fields = ["leader", "owner"]
    list_select_related = ["sub_programme", "leader", "owner"]
