"""A published scorecard in the browser (issue 16): an adviser uploads the table as Løten published it, changes
what one column holds, sees the preview with every indicator as it will be stored, chooses a direction and sees
the status it gives, confirms, and the scorecard page shows the values; axe-core is clean on every step, and the
preview is looked at on a desktop and on a phone."""

import re

from playwright.sync_api import expect

from core import roles
from scorecards.models import Indicator
from tests.scorecards.factories import ScorecardFactory
from tests.scorecards.real_files import ADOLFSEN


def test_an_adviser_maps_previews_and_confirms_a_published_scorecard(
    page, login, role_user, assert_accessible, screenshot, media_root
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Erik", last_name="Adolfsen")
    scorecard = ScorecardFactory(title="Bygg og eiendom", owner=owner)
    login(page, "eier")
    page.goto(scorecard.get_absolute_url())
    page.get_by_role("link", name="Importer fra Excel").first.click()
    page.get_by_label(re.compile("Fil med målekort")).set_input_files(ADOLFSEN)
    page.get_by_role("button", name="Importer").click()

    # The columns, as proposed from the headers on row 4.
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolonnene i filen")
    expect(page.get_by_text("Kolonnenes overskrifter er lest fra rad 4.")).to_be_visible()
    result_2014 = page.get_by_label("Kolonne B «2014»")
    expect(result_2014).to_have_value("result:2014")
    expect(page.get_by_label("Kolonne A «Område / Måleindikator»")).to_have_value("indicator")
    assert_accessible(page)
    screenshot(page, "scorecard-import-columns")
    result_2014.select_option(label="Importeres ikke")
    page.get_by_role("button", name="Vis forhåndsvisningen").click()

    # The preview: nothing is stored yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning av importen")
    expect(page.get_by_role("columnheader", name="2014")).to_have_count(0)
    maintenance = page.locator("#row-21")
    expect(maintenance).to_contain_text("Avvik i forhold til vedlikeholdsplan")
    expect(maintenance).to_contain_text("Antatt:")
    expect(page.locator("#row-11")).to_contain_text("(i filen: «101,7%**»)")
    expect(
        page.get_by_text("Mellomoverskrift (rad 12): Virksomhetens egne indikatorer: Tjenesteproduksjon")
    ).to_be_visible()
    assert not Indicator.objects.exists()
    assert_accessible(page)
    screenshot(page, "scorecard-import-preview")

    # Lower is better for deviations: the status follows.
    maintenance.get_by_label(re.compile("Retning for «Avvik i forhold til vedlikeholdsplan»")).select_option(
        "lower"
    )
    page.get_by_role("button", name="Oppdater statusene").click()
    maintenance = page.locator("#row-21")
    expect(maintenance).to_contain_text("Valgt av deg.")
    expect(maintenance).to_contain_text("Ikke nådd")
    assert not Indicator.objects.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Bekreft og importer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bygg og eiendom")
    expect(page.locator(".app-messages")).to_contain_text("Importert: 17 nye")
    row = page.locator(
        "tr", has=page.get_by_role("rowheader", name=re.compile("Avvik i forhold til vedlikeholdsplan"))
    )
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("Ikke nådd")
    assert_accessible(page)
    assert Indicator.objects.get(name="Avvik i forhold til vedlikeholdsplan").direction == "lower"
