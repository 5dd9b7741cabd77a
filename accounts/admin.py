from django.contrib import admin

from core.people import person_name

from .models import RoleChange


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """The role changes made at sign-in: read only, as a log is."""

    list_display = ["at", "person", "action", "role"]
    list_filter = ["action", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    @admin.display(description=RoleChange._meta.get_field("user").verbose_name, ordering="user__last_name")
    def person(self, change: RoleChange) -> str:
        return person_name(change.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
