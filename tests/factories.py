"""factory-boy factories for the test data of every app."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from programmes.models import Phase, Programme, Project, SubProgramme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    password = factory.django.Password("demo")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Omstillingsprogram {n}")
    description = "Helhetlig og bærekraftig effektivisering av tjenestene."


class SubProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubProgramme

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Delprogram {n}")
    leader = factory.SubFactory(UserFactory)
    position = factory.Sequence(lambda n: n)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    sub_programme = factory.SubFactory(SubProgrammeFactory)
    name = factory.Sequence(lambda n: f"Prosjekt {n}")
    need = "Innbyggerne venter for lenge på svar, og saksbehandlerne bruker tid på manuelle oppslag."
    owner = factory.SubFactory(UserFactory)
    leader = factory.SubFactory(UserFactory)
    phase = Phase.PLANNING
    cost_estimate = 1_500_000
    resource_need = Decimal("1.5")


def project_form_data(project: Project, **changes) -> dict:
    """What the project form posts for `project` as it stands, with `changes` on top."""
    data = {
        "sub_programme": project.sub_programme_id,
        "name": project.name,
        "need": project.need,
        "description": project.description,
        "goal": project.goal,
        "owner": project.owner_id,
        "leader": project.leader_id,
        "phase": project.phase,
        "start_date": project.start_date or "",
        "end_date": project.end_date or "",
        "cost_estimate": project.cost_estimate,
        "resource_need": str(project.resource_need).replace(".", ","),
        # Empty when not estimated (issue 13: an unknown estimate is no longer stored as 0).
        "estimated_annual_gain": project.estimated_annual_gain or "",
        "version": project.version,
    }
    data.update(changes)
    return data


# Appended factories refer to their models by label and import inside functions, so that the imports at
# the top of this shared file stay as they are.


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _current_period_key(report) -> str:
    from core.periods import Period

    return Period.containing(_today(), report.project.sub_programme.programme.reporting_scheme).key


def _in_two_months():
    import datetime

    return _today() + datetime.timedelta(days=60)


class StatusReportFactory(factory.django.DjangoModelFactory):
    """A submitted, all-green status report for the current period of the project's reporting scheme."""

    class Meta:
        model = "programmes.StatusReport"

    project = factory.SubFactory(ProjectFactory)
    period_key = factory.LazyAttribute(_current_period_key)
    version = 1
    overall = "green"
    schedule = "green"
    cost = "green"
    scope = "green"
    gains = "green"
    achieved = "Kartlagt dagens saksflyt."
    submitted_by = factory.SelfAttribute("project.leader")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Milestone"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Milepæl {n}")
    planned_date = factory.LazyFunction(_in_two_months)


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Risk"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risiko {n}")
    probability = 3
    consequence = 4
    status = "open"


class BenefitFactory(factory.django.DjangoModelFactory):
    """A financial benefit (reduced cost) without a plan; add BenefitPlanYearFactory rows for one."""

    class Meta:
        model = "benefits.Benefit"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Gevinst {n}")
    kind = "reduced_cost"
    owner = factory.SelfAttribute("project.owner")


class BenefitPlanYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "benefits.BenefitPlanYear"

    benefit = factory.SubFactory(BenefitFactory)
    year = 2026
    planned = Decimal(1_000_000)
    realised = None
