"""Reminders follow the gain: each benefit owner whose gains have a plan and no realised figure for a year
that has begun, in a project in realisation or closed, gets one e-mail a month listing them all with links,
through a real SMTP server; not the project leader, and nothing for what is reported or not yet due."""

import datetime
from decimal import Decimal

import pytest

from benefits.models import EconomicPlan
from notifications import services
from notifications.models import Kind, Message, Preference
from programmes.models import Phase
from tests.factories import (
    BenefitFactory,
    BenefitPlanYearFactory,
    ProgrammeFactory,
    ProjectFactory,
    SubProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("eager")

TODAY = datetime.date(2027, 3, 1)
SITE = "https://omstilling.example.kommune.no"


@pytest.fixture
def world(db, settings):
    settings.SITE_URL = SITE
    programme = ProgrammeFactory()
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4, horizon_years=6)
    leader = UserFactory(username="kari", first_name="Kari", last_name="Solheim", email="kari@kommune.no")
    gain_owner = UserFactory(
        username="morten", first_name="Morten", last_name="Strand", email="morten@kommune.no"
    )
    other_owner = UserFactory(
        username="randi", first_name="Randi", last_name="Kristiansen", email="randi@kommune.no"
    )
    sub = SubProgrammeFactory(programme=programme, name="Smarte areal og bygg")
    closed = ProjectFactory(
        sub_programme=sub, name="Energisparing i formålsbygg", leader=leader, phase=Phase.CLOSED
    )
    realising = ProjectFactory(
        sub_programme=sub, name="Arealeffektivisering", leader=leader, phase=Phase.REALISATION
    )
    executing = ProjectFactory(
        sub_programme=sub, name="Sentral driftskontroll", leader=leader, phase=Phase.EXECUTION
    )

    def gain(project, title, owner, years):
        benefit = BenefitFactory(project=project, title=title, owner=owner)
        for year, (planned, realised) in years.items():
            BenefitPlanYearFactory(
                benefit=benefit,
                year=year,
                planned=None if planned is None else Decimal(planned),
                realised=None if realised is None else Decimal(realised),
            )
        return benefit

    energy = gain(
        closed,
        "Lavere energikostnader",
        gain_owner,
        {2026: (4_500_000, None), 2027: (4_500_000, None), 2028: (4_800_000, None)},  # 2026, 2027 owed
    )
    rent = gain(
        realising,
        "Oppsagte leiekontrakter",
        gain_owner,
        {2026: (1_500_000, 1_500_000), 2027: (4_000_000, None)},
    )
    gain(
        realising, "Utleie av frigjort areal", gain_owner, {2026: (0, None), 2027: (None, None)}
    )  # nothing owed
    gain(executing, "Mindre uplanlagt vedlikehold", gain_owner, {2026: (600_000, None)})  # the PL reports
    gain(closed, "Rapportert", other_owner, {2026: (1_000_000, 900_000)})  # all reported
    gain(closed, "Uten eier", None, {2026: (1_000_000, None)})
    return {"gain_owner": gain_owner, "leader": leader, "energy": energy, "rent": rent, "other": other_owner}


def run(django_capture_on_commit_callbacks, today=TODAY):
    with django_capture_on_commit_callbacks(execute=True):
        return services.gains_reminders_send(today=today)


def test_the_gain_owner_gets_one_message_listing_every_gain_owed_with_links(
    world, smtp_server, django_capture_on_commit_callbacks
):
    for _run in range(2):  # beat running the schedule twice in the month
        run(django_capture_on_commit_callbacks)

    assert [m.envelope_to for m in smtp_server.messages] == [["morten@kommune.no"]]
    mail = smtp_server.messages[0]
    assert mail.subject == "Realiserte gevinster å rapportere: 2 gevinster du eier"
    assert "Hei Morten Strand," in mail.text
    assert "Som gevinsteier rapporterer du hva gevinstene du eier har realisert" in mail.text
    assert "- Lavere energikostnader (Energisparing i formålsbygg): 2026, 2027" in mail.text
    assert "- Oppsagte leiekontrakter (Arealeffektivisering): 2027" in mail.text
    for benefit in (world["energy"], world["rent"]):
        url = f"{SITE}/gevinster/prosjekt/{benefit.project_id}/gevinst/{benefit.pk}/"
        assert url in mail.text and f'href="{url}"' in mail.html
    for not_owed in ("Utleie av frigjort areal", "Mindre uplanlagt vedlikehold", "2028"):
        assert not_owed not in mail.text
    assert '<html lang="nb">' in mail.html
    assert Message.objects.get().kind == Kind.GAINS_DUE


def test_next_month_brings_a_new_reminder_and_a_reported_figure_leaves_the_list(
    world, smtp_server, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    world["rent"].plan_years.filter(year=2027).update(realised=Decimal(3_800_000))
    world["energy"].plan_years.filter(year__lte=2027).update(realised=Decimal(4_000_000))
    assert run(django_capture_on_commit_callbacks, today=datetime.date(2027, 4, 1)) == 0
    world["energy"].plan_years.filter(year=2027).update(realised=None)
    assert run(django_capture_on_commit_callbacks, today=datetime.date(2027, 4, 2)) == 1
    latest = smtp_server.messages[-1]
    assert latest.subject == "Realisert gevinst å rapportere: 1 gevinst du eier"
    assert "Lavere energikostnader (Energisparing i formålsbygg): 2027" in latest.text
    assert "Oppsagte leiekontrakter" not in latest.text


def test_years_before_the_ledger_are_not_asked_for(world, smtp_server, django_capture_on_commit_callbacks):
    EconomicPlan.objects.update(start_year=2027)  # the ledger follows 2027–2032 now: 2026 is outside it
    run(django_capture_on_commit_callbacks)
    lines = [line for line in smtp_server.messages[0].text.splitlines() if line.startswith("- ")]
    assert lines == [  # by project, then gain
        "- Oppsagte leiekontrakter (Arealeffektivisering): 2027",
        "- Lavere energikostnader (Energisparing i formålsbygg): 2027",
    ]


def test_an_owner_who_turned_the_reminder_off_gets_none(
    world, smtp_server, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=world["gain_owner"], kind=Kind.GAINS_DUE, enabled=False)
    assert run(django_capture_on_commit_callbacks) == 0
    assert smtp_server.messages == []
