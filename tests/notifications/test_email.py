"""E-mail through a real SMTP server (aiosmtpd, tests/smtp.py), read back as the recipients get it: the
status report reminders, the weekly digest, portfolio decisions and finished reports; one message per
event however often the schedule runs, opt-out respected, a refused message tried again and then shown as
failed in the admin."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core import roles
from notifications import services
from notifications.models import Kind, Message, MessageStatus
from portfolio.reports.models import Report, ReportStatus
from portfolio.services import decision_record
from programmes.models import Phase, Project
from tests.factories import (
    BenefitFactory,
    BenefitPlanYearFactory,
    MilestoneFactory,
    ProgrammeFactory,
    ProjectFactory,
    StatusReportFactory,
    SubProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("eager")

# 2. tertial 2026 ends 31 August; with 14 days to report, the deadline is 14 September.
DUE_SOON = datetime.date(2026, 9, 8)
OVERDUE = datetime.date(2026, 9, 20)


@pytest.fixture
def world(db, settings):
    settings.SITE_URL = "https://omstilling.example.kommune.no"
    settings.REPORT_REMINDER_DAYS = 7
    programme = ProgrammeFactory(report_due_days=14)
    leader = UserFactory(username="kari", first_name="Kari", last_name="Solheim", email="kari@kommune.no")
    owner = UserFactory(username="ola", first_name="Ola", last_name="Berg", email="ola@kommune.no")
    programme_leader = UserFactory(username="pl", first_name="Per", last_name="Lund", email="per@kommune.no")
    sub_programme = SubProgrammeFactory(programme=programme, name="Velferd", leader=programme_leader)
    project = ProjectFactory(
        sub_programme=sub_programme,
        name="Digital hjemmetjeneste",
        leader=leader,
        owner=owner,
        phase=Phase.EXECUTION,
        start_date=None,
    )
    Project.objects.filter(pk=project.pk).update(
        created_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    )
    project.refresh_from_db()
    return {
        "programme": programme,
        "sub_programme": sub_programme,
        "project": project,
        "leader": leader,
        "owner": owner,
        "programme_leader": programme_leader,
    }


def run(callback, django_capture_on_commit_callbacks, **kwargs):
    """Runs a service as beat's task does, and the work it queues when it commits (eager workers)."""
    with django_capture_on_commit_callbacks(execute=True):
        return callback(**kwargs)


def test_project_leader_is_reminded_once_with_a_link_to_the_status_report_form(
    world, smtp_server, django_capture_on_commit_callbacks
):
    for _run in range(2):  # beat (or a worker) running the schedule twice
        run(services.report_reminders_send, django_capture_on_commit_callbacks, today=DUE_SOON)

    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail.envelope_to == ["kari@kommune.no"]
    assert mail.subject == "Statusrapport for Digital hjemmetjeneste skal leveres: 2. tertial 2026"
    form_url = f"https://omstilling.example.kommune.no/prosjekter/{world['project'].pk}/status/ny/"
    assert form_url in mail.text
    assert "Hei Kari Solheim," in mail.text
    assert "skal leveres om 6 dager, 14. september 2026" in mail.text
    assert f'href="{form_url}"' in mail.html
    assert '<html lang="nb">' in mail.html
    assert "<h1" in mail.html and "Skriv statusrapporten her" in mail.html
    assert Message.objects.get().status == MessageStatus.SENT


def test_overdue_report_gets_a_message_of_its_own_once(
    world, smtp_server, django_capture_on_commit_callbacks
):
    run(services.report_reminders_send, django_capture_on_commit_callbacks, today=DUE_SOON)
    for _run in range(2):
        run(services.report_reminders_send, django_capture_on_commit_callbacks, today=OVERDUE)
    subjects = [m.subject for m in smtp_server.to("kari@kommune.no")]
    assert subjects == [
        "Statusrapport for Digital hjemmetjeneste skal leveres: 2. tertial 2026",
        "Statusrapport for Digital hjemmetjeneste er forsinket: 2. tertial 2026",
    ]
    assert "skulle vært levert 14. september 2026" in smtp_server.messages[1].text


def test_a_project_that_has_reported_and_one_that_does_not_report_get_no_reminder(
    world, smtp_server, django_capture_on_commit_callbacks
):
    StatusReportFactory(project=world["project"], period_key="2026-T2")
    idea = ProjectFactory(sub_programme=world["sub_programme"], phase=Phase.IDEA, leader=world["owner"])
    Project.objects.filter(pk=idea.pk).update(created_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    run(services.report_reminders_send, django_capture_on_commit_callbacks, today=OVERDUE)
    assert smtp_server.messages == []


def test_a_reminder_turned_off_on_the_notifications_page_is_not_sent(
    world, smtp_server, client, django_capture_on_commit_callbacks
):
    client.force_login(world["leader"])
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    assert "Varsler" in page.text and "checked" in page.text
    kinds_on = [kind for kind in Kind.values if kind != Kind.REPORT_DUE]
    response = client.post(reverse("notifications:preferences"), dict.fromkeys(kinds_on, "on"))
    assert response.status_code == 302

    run(services.report_reminders_send, django_capture_on_commit_callbacks, today=DUE_SOON)
    assert smtp_server.messages == []
    run(services.report_reminders_send, django_capture_on_commit_callbacks, today=OVERDUE)
    assert [m.subject for m in smtp_server.messages] == [
        "Statusrapport for Digital hjemmetjeneste er forsinket: 2. tertial 2026"
    ]


def test_a_refused_message_is_tried_again_then_failed_and_shown_in_the_admin(
    world, smtp_server, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_RETRIES = 2
    smtp_server.refuse_next(100)
    run(services.report_reminders_send, django_capture_on_commit_callbacks, today=DUE_SOON)

    message = Message.objects.get()
    assert smtp_server.refused == 3  # the first attempt and two retries
    assert smtp_server.messages == []
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 3
    assert "550" in message.error

    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:notifications_message_changelist") + "?status__exact=failed")
    assert listing.status_code == 200
    assert message.subject in listing.text and "550" in listing.text

    # Sent again from the admin once the server takes it: delivered, once.
    smtp_server.refuse_next(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:notifications_message_changelist"),
            {"action": "send_again", "_selected_action": [message.pk]},
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(smtp_server.messages) == 1


def test_a_message_refused_once_is_delivered_by_the_retry(
    world, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refuse_next(1)
    run(services.report_reminders_send, django_capture_on_commit_callbacks, today=DUE_SOON)
    assert smtp_server.refused == 1
    assert len(smtp_server.messages) == 1
    message = Message.objects.get()
    assert (message.status, message.attempts, message.error) == (MessageStatus.SENT, 2, "")


def test_a_portfolio_decision_goes_to_the_project_leader_and_owner_with_its_reason(
    world, smtp_server, django_capture_on_commit_callbacks
):
    executive = UserFactory(first_name="Eva", last_name="Direktør")
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_record(
            project=world["project"],
            outcome="wait",
            rationale="Kapasiteten er brukt opp i 2027.",
            user=executive,
            decided_on=datetime.date(2026, 11, 3),
        )
    # The same decision announced again (a worker running the task twice) sends nothing more.
    run(services.decision_notify, django_capture_on_commit_callbacks, decision_id=decision.pk)

    assert sorted(m.envelope_to[0] for m in smtp_server.messages) == ["kari@kommune.no", "ola@kommune.no"]
    mail = smtp_server.to("ola@kommune.no")[0]
    assert mail.subject == "Porteføljebeslutning om Digital hjemmetjeneste: Vent"
    assert "Eva Direktør besluttet 3. november 2026: Digital hjemmetjeneste – Vent." in mail.text
    assert "Kapasiteten er brukt opp i 2027." in mail.text and "Kapasiteten er brukt opp i 2027." in mail.html
    url = f"https://omstilling.example.kommune.no/portefolje/prosjekt/{world['project'].pk}/"
    assert url in mail.text and f'href="{url}"' in mail.html


def test_a_finished_and_a_failed_report_go_to_the_kommunedirektor(
    world, smtp_server, django_capture_on_commit_callbacks
):
    from portfolio.reports import services as report_services

    executive = UserFactory(
        username="direktor", first_name="Eva", last_name="Direktør", email="eva@kommune.no"
    )
    executive.groups.add(Group.objects.get_or_create(name=roles.EXECUTIVE)[0])
    report = Report.objects.create(
        scope="programme",
        programme=world["programme"],
        scope_key=f"programme:{world['programme'].pk}",
        period_key="2026-T2",
        period_label="2. tertial 2026",
        title="Statusrapport 2. tertial 2026",
        status=ReportStatus.RUNNING,
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_fail(report_id=report.pk, reason="det tok for lang tid")
    run(services.report_notify, django_capture_on_commit_callbacks, report_id=report.pk)

    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail.envelope_to == ["eva@kommune.no"]
    assert mail.subject == "Rapporten kunne ikke lages: Statusrapport 2. tertial 2026"
    assert "det tok for lang tid" in mail.text
    assert f"https://omstilling.example.kommune.no/rapporter/{report.pk}/" in mail.text


def test_the_weekly_digest_tells_the_sub_programme_leader_about_the_week_once(
    world, smtp_server, django_capture_on_commit_callbacks
):
    today = datetime.date(2026, 9, 21)  # a Monday; the week is 14–20 September
    project = world["project"]
    red = StatusReportFactory(
        project=project, period_key="2026-T2", overall="red", overall_comment="Leverandør forsinket."
    )
    type(red).objects.filter(pk=red.pk).update(
        submitted_at=datetime.datetime(2026, 9, 16, 10, tzinfo=datetime.UTC)
    )
    late = ProjectFactory(
        sub_programme=world["sub_programme"], name="Velferdsteknologi", phase=Phase.PLANNING
    )
    Project.objects.filter(pk=late.pk).update(created_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    MilestoneFactory(
        project=project,
        title="Pilot i drift",
        planned_date=datetime.date(2026, 9, 15),
        done_date=datetime.date(2026, 9, 17),
    )
    MilestoneFactory(project=project, title="Anskaffelse", planned_date=datetime.date(2026, 9, 18))
    benefit = BenefitFactory(project=project)
    BenefitPlanYearFactory(benefit=benefit, year=2026, planned=Decimal(800_000), realised=Decimal(250_000))

    for _run in range(2):
        run(services.weekly_digests_send, django_capture_on_commit_callbacks, today=today)

    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail.envelope_to == ["per@kommune.no"]
    assert mail.subject == "Prosjektene dine denne uken (uke 39)"
    text = mail.text
    assert "Statusrapporter som mangler" in text and "Velferdsteknologi: 2. tertial 2026" in text
    assert "Nye røde statusrapporter" in text and "Leverandør forsinket." in text
    assert "Milepæler nådd" in text and "Pilot i drift" in text
    assert "Milepæler som ikke er nådd" in text and "Anskaffelse" in text
    assert "250\xa0000 kr av 800\xa0000 kr" in text  # the figures as every page writes them
    assert "<table" in mail.html and '<th scope="col"' in mail.html


def test_an_empty_week_and_a_digest_turned_off_send_nothing(
    world, smtp_server, django_capture_on_commit_callbacks
):
    StatusReportFactory(project=world["project"], period_key="2026-T2")
    run(services.weekly_digests_send, django_capture_on_commit_callbacks, today=datetime.date(2026, 9, 21))
    assert smtp_server.messages == []

    services.preferences_save(user=world["programme_leader"], enabled={Kind.WEEKLY_DIGEST: False})
    MilestoneFactory(project=world["project"], planned_date=datetime.date(2026, 9, 25))
    run(services.weekly_digests_send, django_capture_on_commit_callbacks, today=datetime.date(2026, 9, 28))
    assert smtp_server.messages == []
