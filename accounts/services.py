"""Writes of the sign-in: a person's roles set from the groups their identity provider sent, and logged."""

import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction

from core import roles

from .models import RoleChange

logger = logging.getLogger(__name__)


@transaction.atomic
def user_roles_sync(
    *, user: AbstractBaseUser, wanted: Iterable[str], managed: Iterable[str], groups: Iterable[str] = ()
) -> list[RoleChange]:
    """Gives `user` exactly the `wanted` roles among the `managed` ones (roles outside `managed` are left
    as they are), records each role given or taken away with the `groups` that caused it, and returns
    the records. The Administrator role, when managed, also opens the admin (staff and superuser)."""
    managed = set(managed)
    wanted = set(wanted) & managed
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if added:
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in added])
    if removed:
        user.groups.remove(*Group.objects.filter(name__in=removed))
    if roles.ADMINISTRATOR in managed:
        is_admin = roles.ADMINISTRATOR in wanted
        if (user.is_staff, user.is_superuser) != (is_admin, is_admin):
            user.is_staff = user.is_superuser = is_admin
            user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_role_names", None)
    group_list = sorted(set(groups))
    changes = [
        RoleChange(user=user, role=name, action=action, groups=group_list)
        for action, names in ((RoleChange.Action.ADDED, added), (RoleChange.Action.REMOVED, removed))
        for name in names
    ]
    RoleChange.objects.bulk_create(changes)
    for change in changes:
        logger.info(
            "Sign-in %s role %r for user %s (groups %s)", change.action, change.role, user, group_list
        )
    return changes
