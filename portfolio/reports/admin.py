"""Reports in the admin: read-only, since a report is a frozen snapshot made by the worker."""

from django.contrib import admin

from core.adminkit import DeleteOnlyWhatCanBeDeleted, PeopleByName

from .models import Report


@admin.register(Report)
class ReportAdmin(PeopleByName, DeleteOnlyWhatCanBeDeleted, admin.ModelAdmin):
    list_display = ("title", "scope", "period_label", "status", "progress", "ordered_at", "published_at")
    list_filter = ("status", "scope", "origin", "period_key")
    search_fields = ("title",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Drafts and failures may be cleared away; a published report is part of the record.
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)
