"""Access checks for views and services: may this user do this (a named permission of an app's rules.py), and
fetching an object only for a user who may (404 when it is missing, 403 or 404 when the user may not)."""

from __future__ import annotations

from typing import TypeVar

import rules
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)
User = AbstractBaseUser | AnonymousUser


def has_perm(user: User, perm: str, obj: object = None) -> bool:
    """May `user` do `perm` (a name given to a rule with `rules.add_perm` in an app's rules.py), to `obj` if
    the permission is about an object?

    As Django's `user.has_perm`, an active superuser may do everything. Unlike it, Django's model backend is
    not asked: the role rules alone decide, so a refusal costs no permission queries and a page's query count
    does not depend on the role. Templates get the answer as a context flag computed here.
    """
    if not rules.perm_exists(perm):
        # rules answers an unknown name with a silent "no": a misspelt permission must not lock everyone out.
        raise ImproperlyConfigured(f"No rule is registered for the permission {perm!r}")
    if user.is_active and getattr(user, "is_superuser", False):
        return True
    return rules.has_perm(perm, user, obj)


def require_perm(user: User, perm: str, obj: object = None) -> None:
    """Refuses (403) a user who may not do `perm` (to `obj`)."""
    if not has_perm(user, perm, obj):
        raise PermissionDenied


def get_for_user(
    user: User, queryset: type[M] | QuerySet[M], perm: str, *, hidden: bool = False, **lookup
) -> M:
    """The object `lookup` finds in `queryset` (a model or a queryset), if `user` may do `perm` to it.

    Missing: 404. Not allowed: 403, or 404 when `hidden`: a user who may not even see the object must not
    learn that it exists.
    """
    obj = get_object_or_404(queryset, **lookup)
    if not has_perm(user, perm, obj):
        raise Http404 if hidden else PermissionDenied
    return obj
