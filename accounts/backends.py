"""Authentication backends: the municipality's account (OpenID Connect, through mozilla-django-oidc) and
the local password, which LOCAL_LOGIN may keep for administrators only or switch off."""

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import oidc
from .services import user_roles_sync

logger = logging.getLogger(__name__)


class LocalPasswordBackend(ModelBackend):
    """Username and password, for whom LOCAL_LOGIN allows it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not oidc.local_login_allowed(user):
            logger.info("Password sign-in refused for %s: LOCAL_LOGIN=%s", user, oidc.local_login())
            return None
        return user


class MunicipalAccountBackend(OIDCAuthenticationBackend):
    """Signs a person in with the ID token of the municipality's identity provider.

    The user is found, or made, by a stable claim (OIDC_USERNAME_CLAIM: Entra ID's `oid`, else `sub`),
    never by e-mail address; name and e-mail follow the provider at each sign-in, and so do the roles
    the group mapping manages. The ID token must be signed by the provider's key, for this client, from
    this issuer, and not expired; the library checks the signature and the nonce, this class adds the
    rest.
    """

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        # Django makes every backend at every sign-in; without OIDC settings the library's would refuse to.
        if oidc.enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not oidc.enabled():
            return None
        return super().authenticate(request, **kwargs)

    # --- The token ---------------------------------------------------------------------------------------

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def _verify_jws(self, payload, key):
        algorithm = jwt.get_unverified_header(payload).get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token refused: algorithm {algorithm!r}")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims (Entra ID puts groups only there), completed by the userinfo endpoint when
        one is configured."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo answer is about another person than the ID token.")
            claims.update(userinfo)
        return claims

    # --- The user ----------------------------------------------------------------------------------------

    def get_username(self, claims):
        return str(claims.get(settings.OIDC_USERNAME_CLAIM, "")).strip()

    def verify_claims(self, claims):
        return bool(self.get_username(claims))

    def describe_user_by_claims(self, claims):
        return f"{settings.OIDC_USERNAME_CLAIM} {self.get_username(claims)}"

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.get_username(claims))

    def create_user(self, claims):
        user = self.UserModel(username=self.get_username(claims))
        user.set_unusable_password()
        self._copy_person(user, claims)
        user.save()
        logger.info("User %s made at first sign-in with the municipality's account", user)
        self._sync_roles(user, claims)
        return user

    def update_user(self, user, claims):
        if self._copy_person(user, claims):
            user.save(update_fields=["first_name", "last_name", "email"])
        self._sync_roles(user, claims)
        return user

    @staticmethod
    def _copy_person(user, claims) -> bool:
        """Name and e-mail as the provider has them; whether anything changed."""
        given, family = claims.get("given_name"), claims.get("family_name")
        if not (given or family) and claims.get("name"):
            given, _space, family = str(claims["name"]).strip().rpartition(" ")
            if not given:
                given, family = family, ""
        # Entra ID sends `email` only as an optional claim; its `preferred_username` is then the sign-in address.
        preferred = str(claims.get("preferred_username") or "")
        email = claims.get("email") or (preferred if "@" in preferred else "") or user.email
        wanted = {
            "first_name": (given or user.first_name)[:150],
            "last_name": (family or user.last_name)[:150],
            "email": email[:254],
        }
        changed = any(getattr(user, name) != value for name, value in wanted.items())
        for name, value in wanted.items():
            setattr(user, name, value)
        return changed

    def _sync_roles(self, user, claims) -> None:
        managed = oidc.managed_roles()
        if not managed:
            return
        claim = settings.OIDC_GROUPS_CLAIM
        if claim not in claims and claim in (claims.get("_claim_names") or {}):
            # Entra ID leaves the groups out of a token when a person has too many (the "overage"); their
            # roles are left as they were rather than taken away (docs/entra-id.md).
            logger.warning("Sign-in of %s without the group list (too many groups): roles kept", user)
            return
        groups = claims.get(claim) or []
        if isinstance(groups, str):
            groups = [groups]
        mapping = oidc.role_groups()
        groups = [str(group) for group in groups if str(group) in mapping]
        user_roles_sync(user=user, wanted=oidc.roles_for_groups(groups), managed=managed, groups=groups)
