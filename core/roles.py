"""The role groups of the product and small helpers to ask which roles a user has.

Group names are data shown in the admin, so they are the Norwegian role names; code refers to them
through these constants only.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ADMINISTRATOR = "Administrator"
EXECUTIVE = "Kommunedirektør"
PROGRAMME_LEADER = "Programleder"
PROJECT_LEADER = "Prosjektleder"
POLITICIAN = "Politiker"

ALL_ROLES = (ADMINISTRATOR, EXECUTIVE, PROGRAMME_LEADER, PROJECT_LEADER, POLITICIAN)
# The roles that work in the administration: everyone but elected members.
EMPLOYEE_ROLES = (ADMINISTRATOR, EXECUTIVE, PROGRAMME_LEADER, PROJECT_LEADER)


def role_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The user's role group names, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {ADMINISTRATOR}
        user._role_names = cached
    return cached


def has_role(user: AbstractBaseUser | AnonymousUser, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))
