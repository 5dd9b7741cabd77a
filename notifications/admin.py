"""E-mail in the admin: every message recorded, the failed ones first to see, with the error; a failed
message can be sent again."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.adminkit import PeopleByName

from . import services
from .models import Message, MessageStatus, Preference


@admin.register(Message)
class MessageAdmin(PeopleByName, admin.ModelAdmin):
    list_display = (
        "subject",
        "recipient",
        "to_address",
        "kind",
        "status",
        "attempts",
        "created_at",
        "sent_at",
        "error",
    )
    list_filter = ("status", "kind")
    search_fields = ("subject", "to_address", "event")
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Send the failed messages again"))
    def send_again(self, request, queryset):
        count = sum(services.message_resend(message=m) for m in queryset.filter(status=MessageStatus.FAILED))
        self.message_user(
            request, _("%(count)s messages are sent again.") % {"count": count}, messages.SUCCESS
        )


@admin.register(Preference)
class PreferenceAdmin(PeopleByName, admin.ModelAdmin):
    list_display = ("user", "kind", "enabled")
    list_filter = ("kind", "enabled")
