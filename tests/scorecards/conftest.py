"""People of the scorecard tests."""

import pytest

from core import roles


@pytest.fixture
def owner(role_user):
    """Eva Eier, in the kommunedirektør's group, who owns the scorecards."""
    return role_user(roles.EXECUTIVE, username="eier", first_name="Eva", last_name="Eier")
