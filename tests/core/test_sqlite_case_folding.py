"""Search folds Norwegian capitals on SQLite (the default database of `make run`) as it does on PostgreSQL.

The suite runs on PostgreSQL, so the SQLite side is checked on an in-memory SQLite database of its own, set
up through Django the way `make run` sets up db.sqlite3: the same models, lookups and connection signal.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.utils import ConnectionHandler

from programmes.models import Programme, Project, SubProgramme
from programmes.selectors import REGISTER_FILTERS

ALIAS = "sqlite_case_folding"
pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite():
    """An in-memory SQLite database with the project register's tables, as an extra Django connection."""
    handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
    wrapper = handler["default"]
    wrapper.alias = ALIAS
    connections[ALIAS] = wrapper
    try:
        with wrapper.schema_editor() as editor:
            for model in (get_user_model(), Programme, SubProgramme, Project):
                editor.create_model(model)
        people = get_user_model().objects.using(ALIAS)
        owner = people.create(username="eier", first_name="Åse", last_name="Ødegård")
        leader = people.create(username="leder", first_name="Ærlig", last_name="Østby")
        programme = Programme.objects.using(ALIAS).create(name="Utvikling og bærekraft")
        sub = SubProgramme.objects.using(ALIAS).create(
            programme=programme, name="Økonomi og styring", position=1
        )
        for name, need in (
            ("Økonomistyring i enhetene", "Enhetene mangler oversikt over forbruket."),
            ("Ærlig talt", "Klart språk i brev om ØKONOMISK sosialhjelp."),
            ("Digitalt nattilsyn", "Færre fysiske tilsyn på natt."),
        ):
            Project.objects.using(ALIAS).create(
                sub_programme=sub, name=name, need=need, owner=owner, leader=leader, start_date="2026-01-01"
            )
        yield wrapper
    finally:
        wrapper.close()
        del connections[ALIAS]


def found(condition: Q) -> list[str]:
    return sorted(Project.objects.using(ALIAS).filter(condition).values_list("name", flat=True))


@pytest.mark.parametrize("text", ["ØKONOMI", "økonomi", "Økonomi", "øKoNoMi"])
def test_register_search_finds_norwegian_letters_in_any_case_on_sqlite(sqlite, text):
    assert found(REGISTER_FILTERS["q"](text)) == ["Ærlig talt", "Økonomistyring i enhetene"]


def test_register_search_folds_æ_ø_å_in_names_and_needs_on_sqlite(sqlite):
    assert found(REGISTER_FILTERS["q"]("ÆRLIG")) == ["Ærlig talt"]
    assert found(REGISTER_FILTERS["q"]("FÆRRE TILSYN")) == ["Digitalt nattilsyn"]
    assert found(REGISTER_FILTERS["q"]("språk ØKONOMISK")) == ["Ærlig talt"]


def test_name_lookups_and_lower_fold_norwegian_capitals_on_sqlite(sqlite):
    # The admin's search boxes use icontains and the commands find a programme by name with iexact.
    assert Programme.objects.using(ALIAS).filter(name__iexact="UTVIKLING OG BÆREKRAFT").exists()
    assert SubProgramme.objects.using(ALIAS).filter(name__icontains="ØKONOMI OG").exists()
    people = get_user_model().objects.using(ALIAS)
    assert list(people.filter(last_name__icontains="ØSTBY").values_list("username", flat=True)) == ["leder"]
    lowered = (
        Project.objects.using(ALIAS)
        .annotate(lower=Lower("name"))
        .order_by("pk")
        .values_list("lower", flat=True)
    )
    assert list(lowered) == ["økonomistyring i enhetene", "ærlig talt", "digitalt nattilsyn"]


def test_like_keeps_its_wildcards_and_escapes_on_sqlite(sqlite):
    with sqlite.cursor() as cursor:
        cursor.execute(
            "SELECT 'Ø_1' LIKE 'ø\\_%%' ESCAPE '\\', 'ØX1' LIKE 'ø\\_%%' ESCAPE '\\', "
            "'ÅR 100%%' LIKE '%%år%%' , NULL LIKE 'a', 'Å' LIKE 'å'"
        )
        assert cursor.fetchone() == (1, 0, 1, None, 1)


def test_register_search_finds_norwegian_capitals_on_the_main_database(client, django_user_model):
    assert connection.vendor in ("postgresql", "sqlite")
    viewer = django_user_model.objects.create_user(username="leser", password="demo")
    client.force_login(viewer)
    programme = Programme.objects.create(name="Utvikling og bærekraft")
    sub = SubProgramme.objects.create(programme=programme, name="Økonomi", position=1)
    Project.objects.create(
        sub_programme=sub,
        name="Økonomistyring",
        need="Oversikt.",
        owner=viewer,
        leader=viewer,
        start_date="2026-01-01",
    )

    for text in ("ØKONOMI", "økonomi"):
        response = client.get("/prosjekter/", {"q": text})
        assert "Økonomistyring" in response.content.decode(), text
