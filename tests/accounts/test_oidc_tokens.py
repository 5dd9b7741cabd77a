"""The ID token an identity provider answers with is checked before anyone is signed in: a token not signed by
the provider's key, an expired one, or one made for another client is refused, through the real callback view.

The provider (tests/oidc_provider.py) is the real one, whose key set the application fetches; only its token
endpoint is stood in for here, by a local server that answers with the token each test makes, so that a
token can be made that the provider would never issue.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.contrib.auth import get_user_model

from accounts.models import RoleChange
from core import roles
from tests.oidc_provider import CLIENT_ID, SIGNING_KID, new_signing_key

pytestmark = pytest.mark.django_db

User = get_user_model()


class TokenEndpoint:
    """A token endpoint answering every code with `id_token`."""

    def __init__(self):
        self.id_token = ""
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.dumps(
                    {"access_token": "unused", "token_type": "Bearer", "id_token": endpoint.id_token}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def token_endpoint(oidc_settings):
    endpoint = TokenEndpoint()
    oidc_settings.OIDC_OP_TOKEN_ENDPOINT = endpoint.url
    yield endpoint
    endpoint.close()


def start_sign_in(client) -> dict:
    """Presses «Sign in with the municipality's account»: the state and nonce the provider would get."""
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    return {"state": query["state"][0], "nonce": query["nonce"][0]}


def id_token(key, *, issuer: str, nonce: str, kid: str = SIGNING_KID, **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": issuer,
        "aud": CLIENT_ID,
        "sub": "kari",
        "nonce": nonce,
        "iat": now,
        "exp": now + 300,
        "name": "Kari Nordmann",
        "email": "kari@kommune.example",
        "groups": ["grp-prl"],
    } | claims
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


def finish_sign_in(client, state: str):
    return client.get("/oidc/callback/", {"code": "any-code", "state": state}, follow=True)


def assert_refused(response) -> None:
    assert response.redirect_chain[-1][0] == "/logg-inn/"
    assert not response.wsgi_request.user.is_authenticated
    assert "Innlogging med kommunens konto lyktes ikke" in response.content.decode()
    assert not User.objects.filter(username="kari").exists()


def test_token_signed_with_the_providers_key_signs_in(client, oidc_provider, token_endpoint):
    sign_in = start_sign_in(client)
    token_endpoint.id_token = id_token(
        oidc_provider.signing_key, issuer=oidc_provider.issuer, nonce=sign_in["nonce"]
    )

    response = finish_sign_in(client, sign_in["state"])

    user = response.wsgi_request.user
    assert user.is_authenticated and user.username == "kari"
    assert (user.first_name, user.last_name, user.email) == ("Kari", "Nordmann", "kari@kommune.example")
    assert not user.has_usable_password()
    assert roles.role_names(User.objects.get(pk=user.pk)) == {roles.PROJECT_LEADER}
    change = RoleChange.objects.get(user=user)
    assert (change.role, change.action, change.groups) == (roles.PROJECT_LEADER, "added", ["grp-prl"])


def test_token_signed_with_another_key_is_refused(client, oidc_provider, token_endpoint):
    sign_in = start_sign_in(client)
    # The provider's key id, so the application fetches the provider's real key and checks against it.
    token_endpoint.id_token = id_token(new_signing_key(), issuer=oidc_provider.issuer, nonce=sign_in["nonce"])

    assert_refused(finish_sign_in(client, sign_in["state"]))


def test_expired_token_is_refused(client, oidc_provider, token_endpoint):
    sign_in = start_sign_in(client)
    an_hour_ago = int(time.time()) - 3600
    token_endpoint.id_token = id_token(
        oidc_provider.signing_key,
        issuer=oidc_provider.issuer,
        nonce=sign_in["nonce"],
        iat=an_hour_ago - 300,
        exp=an_hour_ago,
    )

    assert_refused(finish_sign_in(client, sign_in["state"]))


@pytest.mark.parametrize(
    "claims",
    [{"aud": "another-client"}, {"iss": "http://127.0.0.1:9/"}, {"nonce": "not-the-one-sent"}],
    ids=["audience", "issuer", "nonce"],
)
def test_token_for_another_client_issuer_or_request_is_refused(client, oidc_provider, token_endpoint, claims):
    sign_in = start_sign_in(client)
    token_endpoint.id_token = id_token(
        oidc_provider.signing_key, issuer=oidc_provider.issuer, **({"nonce": sign_in["nonce"]} | claims)
    )

    assert_refused(finish_sign_in(client, sign_in["state"]))
