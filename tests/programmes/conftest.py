"""People of the programmes tests."""

import pytest

from core import roles


@pytest.fixture
def leader(role_user):
    """Kari Nordmann, a project leader."""
    return role_user(roles.PROJECT_LEADER, username="kari", first_name="Kari", last_name="Nordmann")
