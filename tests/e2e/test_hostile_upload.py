"""A hostile file uploaded in the browser: a Norwegian message where the user is looking, nothing imported,
and the page accessible in that error state (the suite in tests/core/test_hostile_files.py covers every path
and file over HTTP; this is what a user sees)."""

import re

import pytest
from playwright.sync_api import expect

from core import roles
from tests import hostile
from tests.scorecards.factories import ScorecardFactory


@pytest.mark.parametrize(
    ("kind", "name"), [("sparse_far_cell", "malekort.xlsx"), ("nul_csv", "malekort.csv")]
)
def test_a_hostile_scorecard_file_is_refused_in_norwegian_in_the_browser(
    page, login, role_user, assert_accessible, screenshot, tmp_path, kind, name
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = ScorecardFactory(title="121/130: Eiendom", function_code="121/130", owner=owner)
    path = tmp_path / name
    path.write_bytes(hostile.content(kind))

    login(page, "eier")
    page.goto(f"{scorecard.get_absolute_url()}")
    page.get_by_role("link", name="Importer fra Excel").first.click()
    page.get_by_label(re.compile("Fil med målekort")).set_input_files(str(path))
    page.get_by_role("button", name="Importer").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Filen ble ikke importert")
    expect(alert).to_be_focused()
    assert not scorecard.indicators.exists()
    assert_accessible(page)
    screenshot(page, f"scorecard-import-hostile-{kind}")
