"""Shared fixtures, and the REQUIRE_SERVICES switch that turns a skip for a missing service into a failure."""

import os

import pytest
from django.contrib.auth.models import Group

from core import roles

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip a test whose service is missing, or fail it when CI requires every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config):
    from django.conf import settings

    # Tests create many users; the production password hasher would dominate their run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_sessionstart(session):
    if REQUIRE_SERVICES and not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        raise pytest.UsageError("REQUIRE_SERVICES=1 needs DATABASE_URL pointing at PostgreSQL.")


@pytest.fixture
def role_user(db, django_user_model):
    """Makes a user in the given role group: `role_user(roles.PROJECT_LEADER, username="kari")`."""

    def make(role: str | None, *, username: str | None = None, **fields):
        username = username or f"user-{(role or 'none').lower()}"
        user = django_user_model.objects.create_user(username=username, password="demo", **fields)
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def executive(role_user):
    return role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Direktør")


@pytest.fixture
def politician(role_user):
    return role_user(roles.POLITICIAN, username="politiker")
