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
