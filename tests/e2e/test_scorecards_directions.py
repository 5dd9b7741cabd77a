"""The scorecard owner confirms the directions the import only guessed, one click each, with and without
JavaScript; until then the indicators say «Retning mangler»."""

import re

from playwright.sync_api import expect

from core import roles
from scorecards.models import DirectionSource
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value


def scorecard_to_confirm(owner):
    scorecard = ScorecardFactory(title="121/130: Eiendom", owner=owner, first_year=2024, last_year=2025)
    deviations = IndicatorFactory(
        scorecard=scorecard,
        area="Eiendom",
        perspective="Tjenestekvalitet",
        name="Avvik fra vedlikeholdsplan",
        direction="lower",
        direction_source=DirectionSource.INFERRED,
    )
    indicator_value(deviations, 2024, "0", "5")
    indicator_value(deviations, 2025, "0", "3")
    residents = IndicatorFactory(
        scorecard=scorecard,
        area="Eiendom",
        perspective="Samfunn",
        name="Innbyggere per formålsbygg",
        direction="unknown",
        direction_source=DirectionSource.INFERRED,
    )
    indicator_value(residents, 2025, "1 200", "1 180")
    satisfaction = IndicatorFactory(
        scorecard=scorecard, area="Eiendom", perspective="Tjenestekvalitet", name="Brukertilfredshet"
    )
    indicator_value(satisfaction, 2025, "4,5", "4,6")
    return scorecard


def row_of(page, name: str):
    return page.locator("tr", has=page.get_by_role("rowheader", name=re.compile(name)))


def test_owner_confirms_each_guessed_direction_in_one_click_and_the_statuses_show(
    page, login, role_user, assert_accessible, screenshot
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = scorecard_to_confirm(owner)

    login(page, "eier")
    page.goto(scorecard.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("121/130: Eiendom")
    directions = page.get_by_role("region", name="Retninger som må bekreftes")
    expect(directions.get_by_role("listitem")).to_have_count(2)
    expect(directions).to_contain_text("Målet er 0: lavere er bedre.")
    expect(directions).to_contain_text("Verken navnet eller verdiene sier hvilken vei som er bedre.")
    expect(row_of(page, "Avvik fra vedlikeholdsplan")).to_contain_text("Retning mangler")
    expect(row_of(page, "Avvik fra vedlikeholdsplan")).to_contain_text("retning ikke bekreftet")
    expect(row_of(page, "Brukertilfredshet")).to_contain_text("Nådd")
    assert_accessible(page)
    screenshot(page, "scorecard-directions-to-confirm")

    # One click: the status shows at once, without a page load, and the list is one shorter.
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        directions.get_by_role("button", name="Lavere er bedre: Avvik fra vedlikeholdsplan").click()
    assert answer.value.status == 200 and answer.value.request.headers.get("hx-request") == "true"
    expect(page.get_by_role("status").first).to_contain_text(
        "Retningen for «Avvik fra vedlikeholdsplan» er bekreftet: lavere er bedre."
    )
    expect(row_of(page, "Avvik fra vedlikeholdsplan")).to_contain_text("Ikke nådd")
    expect(row_of(page, "Avvik fra vedlikeholdsplan")).to_contain_text("Bedre")  # 5 → 3
    expect(directions.get_by_role("listitem")).to_have_count(1)
    assert_accessible(page)
    screenshot(page, "scorecard-direction-confirmed")

    directions.get_by_role("button", name="Lavere er bedre: Innbyggere per formålsbygg").click()
    expect(row_of(page, "Innbyggere per formålsbygg")).to_contain_text("Nådd")
    expect(page.get_by_role("region", name="Retninger som må bekreftes")).to_have_count(0)
    assert_accessible(page)
    assert {i.name: (i.direction, i.direction_source) for i in scorecard.indicators.all()} == {
        "Avvik fra vedlikeholdsplan": ("lower", "user"),
        "Innbyggere per formålsbygg": ("lower", "user"),
        "Brukertilfredshet": ("higher", "user"),
    }


def test_confirming_a_direction_works_without_javascript(browser, live_server, login, role_user):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = scorecard_to_confirm(owner)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    try:
        login(page, "eier")
        page.goto(scorecard.get_absolute_url())
        page.get_by_role("button", name="Høyere er bedre: Innbyggere per formålsbygg").click()
        expect(page.locator(".app-messages")).to_contain_text(
            "Retningen for «Innbyggere per formålsbygg» er bekreftet: høyere er bedre."
        )
        assert re.search(r"#indicator-\d+$", page.url)
        expect(row_of(page, "Innbyggere per formålsbygg")).to_contain_text("Ikke nådd")
        expect(
            page.get_by_role("region", name="Retninger som må bekreftes").get_by_role("listitem")
        ).to_have_count(1)
    finally:
        context.close()
