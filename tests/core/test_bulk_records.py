"""Objects created in bulk by an import are recorded in their history as simple_history's own bulk create
records them (core.history.bulk_create_with_records), with the database copying the rows."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from benefits.models import Benefit, BenefitPlanYear
from core.history import bulk_create_with_records
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(datetime.datetime(2026, 3, 14, 9, 26, 53, 589793))


def benefits(project, owner, prefix: str) -> list[Benefit]:
    return [
        Benefit(
            project=project,
            title=f"{prefix} {number}",
            description="Færre nattlige tilsyn" if number % 2 else "",
            kind="reduced_cost" if number % 2 else "time_saved",
            owner=owner if number % 3 else None,
            range_low_percent=80 if number % 2 else None,
            baseline_value=Decimal("12.5") if number == 1 else None,
            baseline_date=datetime.date(2025, 1, 1) if number == 1 else None,
        )
        for number in range(5)
    ]


def record_values(records) -> list[dict]:
    """The records without their own ids, the ids of their rows and the title's prefix."""
    leave_out = {"history_id", "id", "title", "created_at"}
    return [
        {
            f.attname: getattr(record, f.attname)
            for f in record._meta.concrete_fields
            if f.attname not in leave_out
        }
        | {"title": record.title.split()[-1]}
        for record in records
    ]


def test_the_records_are_those_simple_history_writes():
    project, user = ProjectFactory(), UserFactory()
    theirs = bulk_create_with_history(
        benefits(project, user, "A"), Benefit, default_user=user, default_date=WHEN
    )
    ours = bulk_create_with_records(Benefit, benefits(project, user, "B"), user=user, when=WHEN)

    assert all(benefit.pk for benefit in ours)
    expected = record_values(Benefit.history.filter(id__in=[b.pk for b in theirs]).order_by("history_id"))
    written = Benefit.history.filter(id__in=[b.pk for b in ours]).order_by("history_id")
    assert record_values(written) == expected
    assert [record.id for record in written] == [benefit.pk for benefit in ours]
    assert {(r.history_type, r.history_user_id, r.history_date) for r in written} == {("+", user.pk, WHEN)}
    stored = {b.pk: b.created_at for b in Benefit.objects.filter(pk__in=[b.pk for b in ours])}
    assert {record.id: record.created_at for record in written} == stored


def test_every_batch_is_recorded_in_two_queries_and_without_a_user_the_system_is_named(
    django_assert_num_queries,
):
    project = ProjectFactory()
    benefit = Benefit.objects.create(project=project, title="Gevinst", kind="reduced_cost")
    years = [
        BenefitPlanYear(benefit=benefit, year=2025 + offset, planned=Decimal(1000 * offset), realised=None)
        for offset in range(5)
    ]
    with django_assert_num_queries(6):  # three batches of at most two: an insert and a copy each
        made = bulk_create_with_records(BenefitPlanYear, years, user=None, when=WHEN, batch_size=2)

    records = list(BenefitPlanYear.history.order_by("history_id"))
    assert [(r.id, r.year, r.planned, r.realised) for r in records] == [
        (year.pk, year.year, year.planned, None) for year in made
    ]
    assert {(r.history_type, r.history_user_id, r.history_change_reason) for r in records} == {
        ("+", None, None)
    }


def test_nothing_to_create_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert bulk_create_with_records(Benefit, [], user=None, when=WHEN) == []
