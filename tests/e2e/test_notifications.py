"""«Varsler» in a real browser: a project leader finds the page beside their name, turns a kind of e-mail
off, and the page is accessible; the HTML e-mail itself passes axe-core too."""

import datetime

from playwright.sync_api import expect

from core import roles
from notifications.models import Kind, Message
from notifications.services import preferences_of
from portfolio.services import decision_record
from tests.factories import ProjectFactory, UserFactory


def test_project_leader_turns_off_an_email_on_the_notifications_page(
    page, login, role_user, assert_accessible, screenshot
):
    leader = role_user(
        roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Nordmann"
    )
    leader.email = "kari@kommune.no"
    leader.save()
    login(page, "prosjektleder")

    page.get_by_role("link", name="Varsler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Varsler")
    due = page.get_by_label("En statusrapport skal snart leveres")
    expect(due).to_be_checked()
    assert_accessible(page)
    screenshot(page, "notifications")

    due.uncheck()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Varselinnstillingene dine er lagret.")
    expect(page.get_by_label("En statusrapport skal snart leveres")).not_to_be_checked()
    expect(page.get_by_label("En statusrapport er forsinket")).to_be_checked()
    assert preferences_of(leader)[Kind.REPORT_DUE] is False


def test_the_html_email_is_accessible(page, assert_accessible, django_capture_on_commit_callbacks):
    project = ProjectFactory(name="Digital hjemmetjeneste", leader=UserFactory(email="kari@kommune.no"))
    decision_record(
        project=project,
        outcome="include",
        rationale="Gir størst gevinst per årsverk.",
        user=UserFactory(),
        decided_on=datetime.date(2026, 11, 3),
    )
    from notifications import services

    services.decision_notify(decision_id=project.portfolio_decisions.get().pk)
    page.set_content(Message.objects.get(to_address="kari@kommune.no").body_html)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Porteføljebeslutning om Digital hjemmetjeneste"
    )
    assert page.locator("html").get_attribute("lang") == "nb"
    assert_accessible(page)
