"""Figures cached under the data's last change: the fingerprint follows every write, however it is made."""

import pytest
from django.db import connection

from core.freshness import cached_by_data, tables_fingerprint
from programmes.models import Programme, Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the fingerprint reads PostgreSQL's row addresses"
)


@postgresql_only
def test_fingerprint_changes_with_every_insert_update_and_delete_in_one_transaction():
    project = ProjectFactory()
    before = tables_fingerprint([Project, Programme])
    Project.objects.filter(pk=project.pk).update(name="Nytt navn")  # a bulk update, no signal
    updated = tables_fingerprint([Project, Programme])
    other = ProjectFactory(sub_programme=project.sub_programme)
    inserted = tables_fingerprint([Project, Programme])
    other.delete()
    deleted = tables_fingerprint([Project, Programme])
    Programme.objects.update(name="Nytt program")
    renamed = tables_fingerprint([Project, Programme])
    assert len({before, updated, inserted, renamed}) == 4
    # Inserting a project and deleting it again leaves the rows as they were, and the fingerprint too.
    assert deleted == updated


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fingerprint_changes_when_a_new_row_takes_the_address_of_a_deleted_one():
    _vacuum()  # the rows of earlier tests leave no free addresses before the ones used here
    project = ProjectFactory()
    other = ProjectFactory(sub_programme=project.sub_programme)
    before = tables_fingerprint([Project])
    address = _address(other.pk)
    other.delete()
    _vacuum()  # frees the deleted row's address
    newcomer = ProjectFactory(sub_programme=project.sub_programme)
    assert _address(newcomer.pk) == address  # same count, same addresses: only the transaction differs
    assert tables_fingerprint([Project]) != before


def _vacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {Project._meta.db_table}")


def _address(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ctid::text FROM {Project._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@postgresql_only
def test_fingerprint_is_the_same_while_nothing_is_written():
    ProjectFactory()
    assert tables_fingerprint([Project]) == tables_fingerprint([Project])


@postgresql_only
def test_cached_value_is_computed_again_after_a_write():
    project = ProjectFactory(name="Før")
    calls = []

    def names():
        calls.append(1)
        return list(Project.objects.values_list("name", flat=True))

    assert cached_by_data(name="test", key=[1], model_classes=[Project], compute=names) == ["Før"]
    assert cached_by_data(name="test", key=[1], model_classes=[Project], compute=names) == ["Før"]
    assert len(calls) == 1
    Project.objects.filter(pk=project.pk).update(name="Etter")
    assert cached_by_data(name="test", key=[1], model_classes=[Project], compute=names) == ["Etter"]
    assert len(calls) == 2


def test_without_postgresql_nothing_is_cached(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert tables_fingerprint([Project]) is None
    calls = []
    for _ in range(2):
        cached_by_data(name="test", key=[], model_classes=[Project], compute=lambda: calls.append(1))
    assert len(calls) == 2
