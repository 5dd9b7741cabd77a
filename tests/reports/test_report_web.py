"""The web version of a report (reports:read) and the PDF are both rendered from the report's snapshot: they
say the same, a stored report renders again as it was whatever has happened to the live data since, and only
those who may read a report see it (drafts: those who may publish it or order its scope)."""

import html
import re

import pytest
from django.urls import reverse

from benefits.models import BenefitPlanYear
from core import roles
from core.periods import Period
from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus
from programmes.models import StatusReport

from .conftest import PERIOD_KEY, normalise, pdf_text, registered_before_the_period

pytestmark = pytest.mark.django_db(transaction=True)


def order(world, scope_object=None) -> Report:
    report, created = services.report_order(
        user=world["executive"],
        scope_object=scope_object or world["programme"],
        period=Period.from_key(PERIOD_KEY),
    )
    assert created
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    return report


def page_text(response) -> str:
    """The text a reader sees on the page, whitespace runs (incl. no-break spaces) as one space."""
    body = response.content.decode()
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", body)))


# --- Rendered again from the snapshot ----------------------------------------------------------------------


def test_the_pdf_rendered_again_from_the_snapshot_is_the_stored_pdf_after_the_live_data_changed(
    report_world, media_root
):
    report = order(report_world)
    stored = pdf_text(report.file.read())
    chat, _booking, areas = report_world["projects"]
    chat.name = "Innbyggerdialog 2.0"
    chat.save()
    StatusReport.objects.filter(project=areas, period_key=PERIOD_KEY).update(overall="green", cost="green")
    BenefitPlanYear.objects.filter(benefit__title="Lavere husleie", year=2027).update(planned=9_900_000)

    again, _pages = services.render_pdf(snapshot=Report.objects.get(pk=report.pk).snapshot, report=report)

    assert pdf_text(again) == stored
    assert "Digital innbyggerdialog" in stored and "Innbyggerdialog 2.0" not in stored
    assert "Status 2. tertial 2026 Område Status Kommentar Samlet status Rød" in stored
    # While a report made now shows the live data.
    fresh = pdf_text(order(report_world, report_world["sub_programmes"][1]).file.read())
    assert "Status 2. tertial 2026 Område Status Kommentar Samlet status Grønn" in fresh
    # Lavere husleie: 750 000 kr in 2026 and, now, 9 900 000 kr in 2027 (it was 1 500 000 kr).
    assert "Lavere husleie Redusert kostnad 10 650 000 kr" in fresh
    assert "Lavere husleie Redusert kostnad 2 250 000 kr" in stored


def test_the_pdf_states_the_sha256_of_the_snapshot_it_is_rendered_from(report_world, media_root):
    from portfolio.reports import snapshot

    report = order(report_world)
    assert report.snapshot_sha256 == snapshot.digest(report.snapshot)
    text = pdf_text(report.file.read())
    assert f"SHA-256 av innholdet {report.snapshot_sha256}" in text


# --- The web version ---------------------------------------------------------------------------------------


def test_the_web_version_says_what_the_pdf_says_in_the_same_order(client, report_world, media_root):
    report = order(report_world)
    services.report_publish(user=report_world["executive"], report=report)
    pdf = pdf_text(report.file.read())
    client.force_login(report_world["politician"])

    response = client.get(reverse("reports:read", args=[report.pk]))

    assert response.status_code == 200
    web = page_text(response)
    said = [
        "Utvikling og bærekraft",
        "2. tertial 2026",
        "Innbyggerløftet",
        "Smarte areal og bygg",
        "Digital innbyggerdialog",
        "Digital booking",
        "Arealeffektivisering",
        "Planlagt 4 750 000 kr",
        "Realisert 1 350 000 kr",
        "Færre telefonhenvendelser",
        "Lavere husleie",
        "Bedre inneklima",
        "Samlet status Rød",
        "Kostnad Rød Leieavtalen blir dyrere enn ventet.",
        "Godkjenne ny leieavtale for Storgata 12.",
        "Gevinster per delprogram",
        f"SHA-256 av innholdet {report.snapshot_sha256}",
    ]
    for text in said:
        assert text in pdf, text
        assert text in web, text
    sheets = ["Digital booking", "Digital innbyggerdialog", "Arealeffektivisering"]
    assert [web.index(f"{name} Fase") for name in sheets] == sorted(
        web.index(f"{name} Fase") for name in sheets
    )
    assert [pdf.index(f"{name} Fase") for name in sheets] == sorted(
        pdf.index(f"{name} Fase") for name in sheets
    )


def test_the_web_version_links_its_parts_the_pdf_and_says_both_checksums(client, report_world, media_root):
    report = order(report_world)
    client.force_login(report_world["executive"])
    body = client.get(reverse("reports:read", args=[report.pk])).content.decode()
    for project in report_world["projects"]:
        assert f'id="project-{project.pk}"' in body
        assert f'href="#project-{project.pk}"' in body
    assert f'href="{reverse("reports:download", args=[report.pk])}?download=1"' in body
    assert "Last ned PDF" in body
    assert report.sha256 in body and report.snapshot_sha256 in body
    assert 'href="#summary"' in body and 'id="summary"' in body
    # The charts are the snapshot's drawings with their text alternative: the gain chart as an image (its SVG
    # styles itself, which the page's Content-Security-Policy forbids inline), a status trend inline.
    gain_chart = report.snapshot["summary"]["gain_chart"]
    assert f'alt="{html.escape(gain_chart["alt"])}"' in body
    trend = next(sheet["trend"] for sheet in sheets_of(report) if sheet["trend"])
    assert f'role="img" aria-label="{html.escape(trend["chart"]["alt"])}">' + trend["chart"]["svg"] in body


def sheets_of(report: Report) -> list[dict]:
    return [sheet for section in report.snapshot["sections"] for sheet in section["projects"]]


def test_the_web_version_reads_one_report_row_whatever_the_number_of_projects(
    client, report_world, media_root, django_assert_num_queries
):
    from tests.factories import MilestoneFactory, ProjectFactory, RiskFactory

    client.force_login(report_world["politician"])
    few = order(report_world, report_world["sub_programmes"][0])
    services.report_publish(user=report_world["executive"], report=few)
    for index in range(12):
        project = ProjectFactory(sub_programme=report_world["sub_programmes"][0], name=f"Ekstra {index}")
        MilestoneFactory(project=project)
        RiskFactory(project=project)
    registered_before_the_period()
    many = order(report_world)
    services.report_publish(user=report_world["executive"], report=many)
    assert len(many.snapshot["sections"][0]["projects"]) == 14

    # The session, the user, their groups, the report row.
    for report in (few, many):
        with django_assert_num_queries(4):
            response = client.get(reverse("reports:read", args=[report.pk]))
        assert response.status_code == 200


def test_a_report_made_before_snapshots_says_only_the_pdf_exists(client, report_world, media_root):
    report = order(report_world)
    Report.objects.filter(pk=report.pk).update(snapshot=None, snapshot_sha256="")
    client.force_login(report_world["executive"])
    response = client.get(reverse("reports:read", args=[report.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "Denne rapporten ble laget før rapportene fikk en nettversjon, så den finnes bare som PDF." in text
    assert reverse("reports:download", args=[report.pk]) in response.content.decode()


def test_a_report_not_finished_is_followed_on_its_own_page(client, report_world):
    from unittest import mock

    with mock.patch.object(services, "report_send"):
        report, _created = services.report_order(
            user=report_world["executive"],
            scope_object=report_world["programme"],
            period=Period.from_key(PERIOD_KEY),
        )
    client.force_login(report_world["executive"])
    response = client.get(reverse("reports:read", args=[report.pk]))
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()


def test_the_archive_the_report_page_and_the_front_page_lead_to_the_web_version(
    client, report_world, media_root
):
    report = order(report_world)
    read = reverse("reports:read", args=[report.pk])
    client.force_login(report_world["executive"])
    assert f'href="{read}"' in client.get(report.get_absolute_url()).content.decode()
    services.report_publish(user=report_world["executive"], report=report)
    client.force_login(report_world["politician"])
    assert f'href="{read}"' in client.get(reverse("reports:archive")).content.decode()
    assert f'href="{read}"' in client.get(reverse("home")).content.decode()


# --- Who reads what ----------------------------------------------------------------------------------------


def test_a_draft_is_hidden_from_elected_members_and_project_leaders(client, report_world, role_user):
    from tests.reports.test_report_pages import make_report

    draft = make_report(report_world, status=ReportStatus.DONE, progress=100)
    project_leader = role_user(roles.PROJECT_LEADER, username="prosjektleder")
    for user in (report_world["politician"], project_leader):
        client.force_login(user)
        for name in ("reports:detail", "reports:read", "reports:download"):
            assert client.get(reverse(name, args=[draft.pk])).status_code == 404, (user, name)
        assert draft.scope_name not in page_text(client.get(reverse("reports:archive")))
    services.report_publish(user=report_world["executive"], report=draft)
    for user in (report_world["politician"], project_leader):
        client.force_login(user)
        assert client.get(reverse("reports:detail", args=[draft.pk])).status_code == 200


def test_a_programme_leader_sees_the_drafts_of_their_own_sub_programme_only(client, report_world):
    from tests.reports.test_report_pages import make_report

    own, other = report_world["sub_programmes"]
    own_draft = make_report(report_world, own, status=ReportStatus.DONE)
    project_draft = make_report(report_world, report_world["projects"][0], status=ReportStatus.DONE)
    other_draft = make_report(report_world, other, status=ReportStatus.DONE)
    whole_draft = make_report(report_world, status=ReportStatus.DONE)
    client.force_login(report_world["programme_leader"])
    for report in (own_draft, project_draft):
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    for report in (other_draft, whole_draft):
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
        assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    listed = client.get(reverse("reports:archive")).content.decode()
    assert reverse("reports:read", args=[own_draft.pk]) in listed
    assert reverse("reports:read", args=[project_draft.pk]) in listed
    assert reverse("reports:read", args=[other_draft.pk]) not in listed
    assert reverse("reports:read", args=[whole_draft.pk]) not in listed


def test_the_front_page_offers_an_elected_member_no_draft(client, report_world):
    from portfolio.reports import selectors
    from tests.reports.test_report_pages import make_report

    make_report(report_world, status=ReportStatus.DONE)
    programme = report_world["programme"]
    assert selectors.latest_report(user=report_world["politician"], programme_id=programme.pk) is None
    assert selectors.latest_report(user=report_world["executive"], programme_id=programme.pk) is not None
    assert selectors.latest_report(user=report_world["programme_leader"], programme_id=programme.pk) is None


def test_the_archive_filter_and_the_permission_agree_for_every_role_and_report(report_world, role_user):
    """`visible_reports` is `reports.view_report` said as a query: the two never disagree."""
    from core import access
    from portfolio.reports.rules import visible_reports
    from tests.reports.test_report_pages import make_report

    own, other = report_world["sub_programmes"]
    reports = [
        make_report(report_world, scope, status=ReportStatus.DONE)
        for scope in (report_world["programme"], own, other, *report_world["projects"])
    ]
    reports.append(make_report(report_world, own, status=ReportStatus.FAILED))
    published = services.report_publish(
        user=report_world["executive"], report=make_report(report_world, status=ReportStatus.DONE)
    )
    users = [
        report_world["executive"],
        report_world["politician"],
        report_world["programme_leader"],
        role_user(roles.PROJECT_LEADER, username="prosjektleder"),
        role_user(roles.ADMINISTRATOR, username="admin"),
    ]
    for user in users:
        listed = set(visible_reports(user, Report.objects.all()).values_list("pk", flat=True))
        for report in [*reports, published]:
            assert (report.pk in listed) == access.has_perm(user, "reports.view_report", report), (
                user,
                report,
            )
    assert list(visible_reports(report_world["politician"], Report.objects.all())) == [published]
