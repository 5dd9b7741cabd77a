"""«Changes since the last report» made by a REAL Celery worker: the report of 2. tertial is made and published,
the data change (status ratings, a milestone done, a new high risk, a realised gain, a new project, a decision
point decided), the report of 3. tertial is made, and its PDF lists exactly those changes."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from benefits.models import Benefit, BenefitPlanYear
from core.periods import Period
from core.templatetags.formatting import nok
from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus
from programmes.models import DecisionOutcome, Phase
from tests.factories import MilestoneFactory, ProjectFactory, RiskFactory, StatusReportFactory
from tests.workers import wait_for

from .conftest import PERIOD_KEY, normalise, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

NEXT_PERIOD = "2026-T3"


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def made_by_the_worker(world, period_key: str, worker) -> Report:
    report, _created = services.report_order(
        user=world["executive"], scope_object=world["programme"], period=Period.from_key(period_key)
    )

    def finished():
        row = Report.objects.get(pk=report.pk)
        if row.status == ReportStatus.FAILED:
            raise AssertionError(f"The report failed: {row.error}")
        return row if row.status == ReportStatus.DONE else None

    return wait_for(finished, timeout=120, message=worker.log_text()[-3000:])


def test_the_next_report_lists_exactly_what_changed_since_the_published_one(celery_worker, report_world):
    chat, booking, areas = report_world["projects"]
    pilot = MilestoneFactory(project=chat, title="Chatbot i drift", planned_date=datetime.date(2026, 10, 15))
    first = made_by_the_worker(report_world, PERIOD_KEY, celery_worker)
    assert first.snapshot["changes"]["compared_with"] is None
    assert first.compared_with is None
    assert "Første rapport: ingen tidligere publisert rapport å sammenligne med" in pdf_text(
        first.file.read()
    )
    services.report_publish(user=report_world["executive"], report=first)

    # What happens in 3. tertial. (The world already holds Digital innbyggerdialog's yellow report for it.)
    StatusReportFactory(project=areas, period_key=NEXT_PERIOD, overall="red", cost="green", schedule="red")
    pilot.done_date = datetime.date(2026, 10, 20)
    pilot.save()
    RiskFactory(project=booking, title="Leverandøren leverer ikke", probability=5, consequence=4)
    # (A realised amount counts from its own year on: 2026's, not the 2027 plan of Digital booking.)
    BenefitPlanYear.objects.filter(benefit__title="Lavere husleie", year=2026).update(
        realised=Decimal(1_000_000)
    )
    newcomer = ProjectFactory(
        sub_programme=report_world["sub_programmes"][1], name="Energisparing i skolene", phase=Phase.IDEA
    )
    type(newcomer).objects.filter(pk=newcomer.pk).update(created_at=aware(2026, 10, 1, 9))
    booking.decision_points.create(
        from_phase=Phase.PLANNING,
        to_phase=Phase.EXECUTION,
        outcome=DecisionOutcome.GO,
        reason="Planen er god nok.",
        decided_by=report_world["executive"],
        decided_at=aware(2026, 11, 5, 10),
    )

    second = made_by_the_worker(report_world, NEXT_PERIOD, celery_worker)
    assert second.compared_with == first
    changes = second.snapshot["changes"]
    assert changes["compared_with"]["report_id"] == first.pk
    assert [(i["kind"], i["project"], i["subject"], i["from"], i["to"]) for i in changes["items"]] == [
        ("status", "Digital innbyggerdialog", "samlet status", "green", "yellow"),
        ("status", "Arealeffektivisering", "fremdrift", "green", "red"),
        ("status", "Arealeffektivisering", "kostnad", "red", "green"),
        ("project_new", "Energisparing i skolene", None, None, "Idé"),
        ("decision_point", "Digital booking", "Videre", "Planlegging", "Gjennomføring"),
        ("milestone_reached", "Digital innbyggerdialog", "Chatbot i drift", None, None),
        ("risk_high", "Digital booking", "Leverandøren leverer ikke", None, "high"),
        ("gain_realised", "Arealeffektivisering", "Lavere husleie", 750_000, 1_000_000),
    ]
    assert changes["totals"]["gain_realised"] == 250_000
    assert Benefit.objects.count() == 4  # no gain was planned anew: no change to the plan

    text = pdf_text(second.file.read())
    assert "Endringer siden forrige rapport" in text
    assert f"Sammenlignet med «{first.title}» (2. tertial 2026)" in text
    # The full list: one table per kind that has changes, with its count, and no other.
    for caption in (
        "Statusendringer (3)",
        "Nye prosjekter (1)",
        "Beslutningspunkter avgjort i perioden (1)",
        "Milepæler nådd (1)",
        "Nye høye risikoer (1)",
        "Gevinster realisert i perioden (1)",
    ):
        assert caption in text, caption
    for absent in (
        "Statusrapporter som mangler (",
        "Prosjekter avsluttet eller stoppet (",
        "Porteføljebeslutninger i perioden (",
        "Milepæler som ikke er nådd (",
        "Endringer i planlagte gevinster (",
        "Målekortresultater som har endret status (",
    ):
        assert absent not in text, absent
    assert "Arealeffektivisering Fremdrift Grønn Rød" in text
    assert "Arealeffektivisering Kostnad Rød Grønn" in text
    assert "Digital innbyggerdialog Samlet status Grønn Gul" in text
    assert "Energisparing i skolene Smarte areal og bygg Idé" in text
    assert "Digital booking Planlegging → Gjennomføring Videre" in text
    assert "Digital innbyggerdialog Chatbot i drift 15.10.2026 20.10.2026" in text
    assert "Digital booking Leverandøren leverer ikke 20 Ny risiko" in text
    assert (
        f"Arealeffektivisering Lavere husleie {normalise(nok(750_000))} {normalise(nok(1_000_000))} "
        f"+{normalise(nok(250_000))}"
    ) in text
    assert f"Realisert i perioden, i alt +{normalise(nok(250_000))}" in text
    # The five that matter most on the summary: schedule turned red, the decision, the high risk, the new
    # project and the worsened overall status, one per project (Arealeffektivisering's red schedule once).
    assert [(i["kind"], i["project"]) for i in changes["top"]] == [
        ("status", "Arealeffektivisering"),
        ("decision_point", "Digital booking"),
        ("project_new", "Energisparing i skolene"),
        ("status", "Digital innbyggerdialog"),
    ]
    assert "Arealeffektivisering: fremdrift endret fra Grønn til Rød" in text
    assert "Digital booking: beslutningspunkt Planlegging → Gjennomføring: Videre (5. november 2026)" in text

    # The same changes on the web version, which an elected member reads once the report is published.
    from django.test import Client
    from django.urls import reverse

    from .test_report_web import page_text

    services.report_publish(user=report_world["executive"], report=second)
    reader = Client()
    reader.force_login(report_world["politician"])
    web = page_text(reader.get(reverse("reports:read", args=[second.pk])))
    assert "Endringer siden forrige rapport" in web
    assert f"Sammenlignet med «{first.title}» (2. tertial 2026)" in web
    for caption in (
        "Statusendringer (3)",
        "Nye prosjekter (1)",
        "Beslutningspunkter avgjort i perioden (1)",
        "Milepæler nådd (1)",
        "Nye høye risikoer (1)",
        "Gevinster realisert i perioden (1)",
    ):
        assert caption in web, caption
    assert "Statusrapporter som mangler (" not in web
    assert "Endringer i planlagte gevinster (" not in web
    # (A project's name is a link on the page: the tags leave a space before the colon.)
    assert "Arealeffektivisering : fremdrift endret fra Grønn til Rød" in web
    assert "Leverandøren leverer ikke" in web
    assert f"+{normalise(nok(250_000))}" in web

    # The first report, rendered again from its snapshot after all this, says what it said before.
    first = Report.objects.get(pk=first.pk)
    again, _pages = services.render_pdf(snapshot=first.snapshot, report=first)
    assert pdf_text(again) == pdf_text(first.file.read())
    assert "Energisparing i skolene" not in pdf_text(again)
