"""Configuration checks of the sign-in (run by `manage.py check` and at every start)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from . import oidc


@register()
def sign_in_settings(app_configs, **kwargs):
    problems = []
    try:
        oidc.parse_role_groups(settings.OIDC_ROLE_GROUPS)
    except oidc.RoleGroupsError as exc:
        problems.append(Error(str(exc), id="accounts.E001"))
    if settings.LOCAL_LOGIN not in oidc.LOCAL_LOGIN_CHOICES:
        choices = ", ".join(oidc.LOCAL_LOGIN_CHOICES)
        problems.append(Error(f"LOCAL_LOGIN must be one of {choices}.", id="accounts.E002"))
    if settings.OIDC_ENABLED:
        required = [
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        ]
        for name in required:
            if not getattr(settings, name):
                problems.append(
                    Error(f"{name} must be set to sign in with OpenID Connect.", id="accounts.E003")
                )
        if not settings.OIDC_OP_LOGOUT_ENDPOINT:
            problems.append(
                Warning(
                    "OIDC_OP_LOGOUT_ENDPOINT is not set: signing out will not end the provider's session.",
                    id="accounts.W001",
                )
            )
    elif settings.LOCAL_LOGIN == oidc.LOCAL_LOGIN_NONE:
        problems.append(
            Error(
                "LOCAL_LOGIN=none needs OpenID Connect (OIDC_RP_CLIENT_ID …): nobody could sign in.",
                id="accounts.E004",
            )
        )
    return problems
