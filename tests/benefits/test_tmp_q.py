import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.benefits.conftest import add_benefit
from tests.benefits.test_grid_figures import grid_url

pytestmark = pytest.mark.django_db


def test_q(client, project, people):
    first = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    add_benefit(project, title="B", planned=[1_000_000, 2_000_000], realised=[500_000])
    client.force_login(people["leader"])
    client.get(grid_url(project))
    with CaptureQueriesContext(connection) as ctx:
        client.post(
            grid_url(project),
            {f"cell-{first.pk}-2026-realised": "5", f"orig-{first.pk}-2026-realised": ""},
            HTTP_HX_REQUEST="true",
        )
    for i, q in enumerate(ctx.captured_queries, 1):
        print(i, q["sql"][:400])
