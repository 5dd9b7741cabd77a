"""What every app's admin shares: deletion offered only where it will succeed, and people shown by name."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from .people import person_name


class DeleteOnlyWhatCanBeDeleted:
    """A ModelAdmin mixin that does not offer a deletion the admin would then refuse.

    Django offers «Slett» on every object and «Slett valgte …» on every list, and only on the confirmation
    page says that protected objects (a project's decisions, a sub-programme's projects) stand in the way.
    Here the button shows only when the object can really be deleted, and the list has no bulk deletion,
    whose outcome depends on what is ticked.
    """

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        # Working out what a deletion takes asks this method again for the object and what it cascades to;
        # there the plain permission is the answer.
        if obj is None or getattr(request, "_checking_deletion", False):
            return True
        request._checking_deletion = True
        try:
            _objects, _counts, permissions_needed, protected = self.get_deleted_objects([obj], request)
        finally:
            request._checking_deletion = False
        return not permissions_needed and not protected


def person_column(model: type[models.Model], field: str, name: Callable[[object], str]) -> Callable:
    """A list_display column that names the person in `field` with `name` instead of showing a username."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=f"{field}__last_name")
    def column(obj) -> str | None:
        person = getattr(obj, field)
        return name(person) if person is not None else None

    column.__name__ = f"{field}_name"
    return column


def yes_no_column(model: type[models.Model], field: str) -> Callable:
    """A list_display column that says «Ja» or «Nei»: Django's yes/no icons are read aloud as «True»/«False»."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def column(obj) -> str:
        return _("Yes") if getattr(obj, field) else _("No")

    column.__name__ = f"{field}_yes_no"
    return column


def _is_person(field) -> bool:
    return getattr(field, "related_model", None) is get_user_model()


class PeopleByName:
    """A ModelAdmin or inline mixin: a user chosen in a select or an autocomplete, or shown read-only, is
    named as the person («Kari Solheim»), not by the username Django's User prints."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and _is_person(db_field):
            field.label_from_instance = person_name
        return field

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fields
        # Read-only, Django shows a related object as str(obj), the username; show the person's name.
        return [
            person_column(self.model, name, person_name)
            if isinstance(name, str) and _is_person(self._model_field(name))
            else name
            for name in fields
        ]

    def _model_field(self, name: str):
        try:
            return self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None


class PeopleAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete search results, with people by name."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = person_name(obj)
        return result


class AdminSite(admin.AdminSite):
    """Django's admin site, whose autocompletes name people (the search view is the site's, not a model's)."""

    def autocomplete_view(self, request):
        return PeopleAutocompleteJsonView.as_view(admin_site=self)(request)


class PeopleAdminConfig(AdminConfig):
    """django.contrib.admin with the site above as `admin.site`, in INSTALLED_APPS in its place."""

    default_site = "core.adminkit.AdminSite"
