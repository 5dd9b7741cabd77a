"""The users' and groups' admin: deleting only users that nothing protects (a project's leader or owner
cannot go), and permissions named in Norwegian instead of the English names Django stores for them."""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .adminkit import DeleteOnlyWhatCanBeDeleted

User = get_user_model()


def permission_label(permission: Permission) -> str:
    """«Gevinster | Kan endre gevinst» for Django's «benefits | benefit | Can change benefit»."""
    actions = {
        "add": _("Can add %(name)s"),
        "change": _("Can change %(name)s"),
        "delete": _("Can delete %(name)s"),
        "view": _("Can view %(name)s"),
    }
    model = permission.content_type.model_class()
    action, _separator, model_name = permission.codename.partition("_")
    if model is None or action not in actions or model_name != model._meta.model_name:
        return str(permission)
    # django-simple-history's models, named «historical …» in English whatever the language.
    recorded = getattr(model, "instance_type", None)
    if "m2m_history_id" in {field.name for field in model._meta.fields}:
        # A many-to-many field's history rows (simple_history's m2m_fields): part of the recorded model's log.
        recorded = model._meta.get_field("history").related_model.instance_type
    if recorded is not None:
        name = _("change log of %(name)s") % {"name": recorded._meta.verbose_name}
    else:
        name = model._meta.verbose_name
    app = apps.get_app_config(model._meta.app_label).verbose_name
    return f"{capfirst(app)} | {actions[action] % {'name': name}}"


class NorwegianPermissions:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class UserAdmin(DeleteOnlyWhatCanBeDeleted, NorwegianPermissions, auth_admin.UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "staff")

    # Django's yes/no icons are read aloud as «True» and «False»; a word is Norwegian and needs no icon.
    @admin.display(description=User._meta.get_field("is_staff").verbose_name, ordering="is_staff")
    def staff(self, user) -> str:
        return _("Yes") if user.is_staff else _("No")


class GroupAdmin(NorwegianPermissions, auth_admin.GroupAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, GroupAdmin)
