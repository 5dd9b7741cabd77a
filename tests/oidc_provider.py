"""A real OpenID Connect provider for the sign-in tests: tests/oidc/provider.mjs (panva's oidc-provider) in a
Node process on 127.0.0.1, one for the whole session.

`oidc_provider` starts it (installing its node_modules with `npm ci` when they are missing), waits until its
discovery document answers and stops it at the end; its accounts live in a JSON file the tests may rewrite
between two sign-ins (`set_groups`). `oidc_settings` points the application at it. The provider signs with
a key made here, so a test can also sign a token with the provider's own key.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import skip_or_fail

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "omstilling-test"
CLIENT_SECRET = "test-client-secret"
PASSWORD = "test-password"
SIGNING_KID = "test-provider-key"
# The role groups of the test provider: the group ids a municipality would copy from Entra ID.
GROUP_IDS = {
    "Administrator": "grp-admin",
    "Kommunedirektør": "grp-kd",
    "Programleder": "grp-pl",
    "Prosjektleder": "grp-prl",
    "Politiker": "grp-pol",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def new_signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key))
    # PyJWT marks a private key for signing only; the provider also verifies with it (an id_token_hint).
    jwk.pop("key_ops", None)
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


@dataclass
class OIDCProvider:
    issuer: str
    accounts_file: Path
    signing_key: rsa.RSAPrivateKey

    @property
    def discovery(self) -> dict:
        return requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5).json()

    def accounts(self) -> dict:
        return json.loads(self.accounts_file.read_text(encoding="utf-8"))

    def set_groups(self, account: str, groups: list[str]) -> None:
        """Changes an account's groups in the provider; the next sign-in carries the new groups."""
        accounts = self.accounts()
        accounts[account]["groups"] = groups
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")


def initial_accounts() -> dict:
    people = {
        "ingrid": ("Ingrid", "Haugen", ["Administrator"]),
        "eva": ("Eva", "Direktør", ["Kommunedirektør"]),
        "per": ("Per", "Programleder", ["Programleder"]),
        "kari": ("Kari", "Nordmann", ["Prosjektleder", "unmapped-group"]),
        "ola": ("Ola", "Politiker", ["Politiker"]),
    }
    return {
        login: {
            "name": f"{given} {family}",
            "given_name": given,
            "family_name": family,
            "email": f"{login}@kommune.example",
            "groups": [GROUP_IDS.get(role, role) for role in roles],
        }
        for login, (given, family, roles) in people.items()
    }


def ensure_node_modules() -> None:
    if (HERE / "node_modules" / "oidc-provider").is_dir():
        return
    if shutil.which("npm") is None:
        skip_or_fail(
            "npm is not installed, so the test OpenID provider cannot be installed (apt-get install npm)"
        )
    subprocess.run(
        ["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The running provider; its client may send people back to the test client's host and to the live
    server (127.0.0.1 or localhost, on any port)."""
    if shutil.which("node") is None:
        skip_or_fail("node is not installed, so the test OpenID provider cannot run (apt-get install nodejs)")
    ensure_node_modules()
    folder = tmp_path_factory.mktemp("oidc")
    accounts_file = folder / "accounts.json"
    accounts_file.write_text(json.dumps(initial_accounts()), encoding="utf-8")
    key = new_signing_key()
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    app_urls = ["http://testserver", "http://localhost", "http://127.0.0.1"]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "NODE_ENV": "test",
        "PORT": str(port),
        "ISSUER": issuer,
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(f"{url}/oidc/callback/" for url in app_urls),
        "POST_LOGOUT_REDIRECT_URIS": ",".join(f"{url}/logg-inn/" for url in app_urls),
        "JWKS": json.dumps({"keys": [private_jwk(key, SIGNING_KID)]}),
        "ACCOUNTS_FILE": str(accounts_file),
        "PASSWORD": PASSWORD,
    }
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        ["node", str(HERE / "provider.mjs")], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=HERE
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                output = (folder / "provider.log").read_text(encoding="utf-8")
                pytest.fail(f"The test OpenID provider did not start:\n{output}")
            time.sleep(0.1)
        yield OIDCProvider(issuer=issuer, accounts_file=accounts_file, signing_key=key)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def settings_for(issuer: str, discovery: dict) -> dict:
    """The application's OIDC settings for this provider, as an operator would write them in .env."""
    return {
        "OIDC_ENABLED": True,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_OP_ISSUER": issuer,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": discovery["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": discovery["token_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": discovery["jwks_uri"],
        "OIDC_OP_USER_ENDPOINT": "",
        "OIDC_OP_LOGOUT_ENDPOINT": discovery["end_session_endpoint"],
        "OIDC_ROLE_GROUPS": {group: role for role, group in GROUP_IDS.items()},
    }


@pytest.fixture
def oidc_settings(settings, oidc_provider):
    """The application signs in with the test provider for this test."""
    for name, value in settings_for(oidc_provider.issuer, oidc_provider.discovery).items():
        setattr(settings, name, value)
    csp = settings.CONTENT_SECURITY_POLICY
    directives = {
        **csp["DIRECTIVES"],
        "form-action": [*csp["DIRECTIVES"]["form-action"], oidc_provider.issuer],
    }
    settings.CONTENT_SECURITY_POLICY = {**csp, "DIRECTIVES": directives}
    return settings
