"""Invariants of the programme structure: unique names within a parent, dates in order, no negative need."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programmes.models import Phase, Programme, Project, SubProgramme
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

pytestmark = pytest.mark.django_db


def test_project_name_is_unique_within_its_sub_programme_ignoring_case():
    project = ProjectFactory(name="Digital innbyggerdialog")
    duplicate = ProjectFactory.build(
        name="digital INNBYGGERDIALOG",
        sub_programme=project.sub_programme,
        owner=project.owner,
        leader=project.leader,
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Delprogrammet har allerede et prosjekt med dette navnet." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_same_project_name_is_allowed_in_another_sub_programme():
    project = ProjectFactory(name="Heltidskultur")
    other = SubProgrammeFactory(programme=project.sub_programme.programme)
    twin = ProjectFactory(name="Heltidskultur", sub_programme=other)
    assert twin.pk != project.pk


def test_sub_programme_name_is_unique_within_its_programme():
    sub = SubProgrammeFactory(name="Ansattløftet")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubProgramme.objects.create(programme=sub.programme, name="ansattløftet")
    assert SubProgramme.objects.create(programme=ProgrammeFactory(), name="Ansattløftet").pk


def test_programme_name_is_unique():
    ProgrammeFactory(name="Utvikling og bærekraft")
    with pytest.raises(ValidationError):
        Programme(name="Utvikling og Bærekraft").full_clean()


def test_project_cannot_end_before_it_starts():
    project = ProjectFactory.build(
        sub_programme=SubProgrammeFactory(),
        owner=ProjectFactory().owner,
        leader=ProjectFactory().leader,
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 4, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert "Planlagt slutt kan ikke være før planlagt start." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_project_may_end_on_the_day_it_starts_or_have_no_dates():
    day = datetime.date(2026, 5, 1)
    assert ProjectFactory(start_date=day, end_date=day).pk
    assert ProjectFactory(start_date=None, end_date=None).pk


def test_negative_resource_need_is_refused_by_the_database():
    project = ProjectFactory()
    project.resource_need = Decimal("-0.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_new_project_starts_in_the_idea_phase():
    assert Project().phase == Phase.IDEA


def test_project_changes_are_recorded_in_history():
    project = ProjectFactory(name="Ruteoptimalisering")
    project.phase = Phase.EXECUTION
    project.save()
    assert [h.phase for h in project.history.order_by("history_date")] == [Phase.PLANNING, Phase.EXECUTION]
