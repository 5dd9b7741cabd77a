"""The migration that made directions confirmable: indicators shown with statuses before keep their direction as
confirmed, except one whose name says the opposite, which becomes a proposal to confirm."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("scorecards", "0006_import_mapping")]
AFTER = [("scorecards", "0007_indicator_direction")]


@pytest.fixture
def back_to_latest():
    """Every app migrated to its latest migration again afterwards, whatever came after this one."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_directions_are_kept_as_confirmed_unless_the_name_contradicts_them(back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    scorecard = old.get_model("scorecards", "Scorecard").objects.create(title="120: Økonomi")
    Indicator = old.get_model("scorecards", "Indicator")
    for name, direction in [
        ("Avvik fra vedlikeholdsplan", "higher"),  # assumed by an import without a direction column
        ("Sykefravær", "lower"),
        ("Netto driftsresultat", "higher"),
        ("Antall innbyggere", "higher"),
        ("Brukertilfredshet", "lower"),  # someone chose it: the name disagrees, so it is asked again
    ]:
        Indicator.objects.create(scorecard=scorecard, name=name, direction=direction)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("scorecards", "Indicator")
    found = {i.name: (i.direction, i.direction_source) for i in new.objects.all()}
    assert found == {
        "Avvik fra vedlikeholdsplan": ("lower", "inferred"),
        "Sykefravær": ("lower", "user"),
        "Netto driftsresultat": ("higher", "user"),
        "Antall innbyggere": ("higher", "user"),
        "Brukertilfredshet": ("higher", "inferred"),
    }
