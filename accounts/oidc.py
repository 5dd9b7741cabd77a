"""Sign-in with the municipality's account: the OpenID Connect settings read as the rest of the code needs them.

The group → role mapping (`OIDC_ROLE_GROUPS`) is written by an operator as JSON (`{"<group id>": "Politiker"}`)
or as pairs (`<group id>=Politiker,<group id>=Prosjektleder`); a role may be named by its group name as the
admin shows it or by its English key (`administrator`, `executive`, `programme_leader`, `project_leader`,
`politician`). Only the roles that appear in the mapping are managed by sign-in; the others stay as the
administrator sets them in the admin.
"""

import json
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from core import roles

ROLE_KEYS = {
    "administrator": roles.ADMINISTRATOR,
    "executive": roles.EXECUTIVE,
    "programme_leader": roles.PROGRAMME_LEADER,
    "project_leader": roles.PROJECT_LEADER,
    "politician": roles.POLITICIAN,
}
ROLE_NAMES = {name.casefold(): name for name in roles.ALL_ROLES} | ROLE_KEYS

# The password sign-in: for everyone, for administrators only, or for nobody (LOCAL_LOGIN).
LOCAL_LOGIN_ALL = "all"
LOCAL_LOGIN_ADMIN = "admin"
LOCAL_LOGIN_NONE = "none"
LOCAL_LOGIN_CHOICES = (LOCAL_LOGIN_ALL, LOCAL_LOGIN_ADMIN, LOCAL_LOGIN_NONE)


class RoleGroupsError(ValueError):
    pass


def parse_role_groups(text: str | Mapping[str, str]) -> dict[str, str]:
    """Group id → role group name, from JSON or `id=role,…`; an unknown role is a RoleGroupsError."""
    if isinstance(text, Mapping):
        pairs = list(text.items())
    elif not text.strip():
        return {}
    elif text.strip().startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RoleGroupsError(f"OIDC_ROLE_GROUPS is not valid JSON: {exc}") from exc
        if not isinstance(loaded, dict):
            raise RoleGroupsError("OIDC_ROLE_GROUPS must be a JSON object of group id to role.")
        pairs = list(loaded.items())
    else:
        pairs = []
        for item in text.split(","):
            if not item.strip():
                continue
            group, sep, role = item.partition("=")
            if not sep or not group.strip():
                raise RoleGroupsError(f"OIDC_ROLE_GROUPS: {item.strip()!r} is not <group id>=<role>.")
            pairs.append((group, role))
    mapping = {}
    for group, role in pairs:
        name = ROLE_NAMES.get(str(role).strip().casefold())
        if name is None:
            known = ", ".join([*roles.ALL_ROLES, *ROLE_KEYS])
            raise RoleGroupsError(f"OIDC_ROLE_GROUPS: unknown role {role!r} (known: {known}).")
        mapping[str(group).strip()] = name
    return mapping


def role_groups() -> dict[str, str]:
    return parse_role_groups(settings.OIDC_ROLE_GROUPS)


def managed_roles() -> frozenset[str]:
    """The roles that sign-in gives and takes away: those the mapping names."""
    return frozenset(role_groups().values())


def roles_for_groups(groups: Iterable[str]) -> frozenset[str]:
    mapping = role_groups()
    return frozenset(mapping[group] for group in groups if group in mapping)


def enabled() -> bool:
    return bool(settings.OIDC_ENABLED)


def local_login() -> str:
    return settings.LOCAL_LOGIN


def local_login_allowed(user) -> bool:
    """Whether this user may sign in with a password here (LOCAL_LOGIN)."""
    policy = local_login()
    if policy == LOCAL_LOGIN_ALL:
        return True
    if policy == LOCAL_LOGIN_ADMIN:
        return user.is_superuser or roles.has_role(user, roles.ADMINISTRATOR)
    return False


def provider_logout_url(request: HttpRequest) -> str:
    """Where to send a person signing out so that the provider ends its session too (RP-initiated logout):
    the provider's end-session endpoint with the ID token as a hint and the login page to come back to.
    Called before the session here is flushed; the login page when this session did not come from the
    provider."""
    login_url = request.build_absolute_uri(reverse("login"))
    id_token = request.session.get("oidc_id_token")
    endpoint = settings.OIDC_OP_LOGOUT_ENDPOINT
    if not (enabled() and endpoint and id_token):
        return login_url
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": login_url,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
