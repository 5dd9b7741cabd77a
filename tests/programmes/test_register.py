"""The project register: search, filters, sorting and paging kept in the URL, htmx results, Excel export."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from django.urls import reverse

from core import roles
from programmes import selectors
from programmes.filters import SORTS
from programmes.models import Phase
from tests.factories import (
    ProgrammeFactory,
    ProjectFactory,
    StatusReportFactory,
    SubProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EXCEL_HEADERS = [
    "Prosjekt",
    "Delprogram",
    "Fase",
    "Prosjektleder",
    "Prosjekteier",
    "Status",
    "Planlagt start",
    "Planlagt slutt",
    "Kostnad (kr)",
    "Ressursbehov (årsverk)",
    # Issue 13: the one expected gain (gain plan, or the proposal's estimate until then) and its basis,
    # instead of the proposal's estimate alone, which said 0 kr for a project whose plan holds millions.
    "Forventet gevinst i planperioden (kr)",
    "Grunnlag for forventet gevinst",
    "Behov",
]


def register_url(**params) -> str:
    url = reverse("programmes:project_list")
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in params.items())}" if params else url


def export_url(**params) -> str:
    return register_url(**params).replace(
        reverse("programmes:project_list"), reverse("programmes:project_export")
    )


def names(response) -> list[str]:
    """The project names in the order the register shows them."""
    return [project.name for project in response.context["page"].object_list]


@pytest.fixture
def viewer(client, role_user):
    """An elected member: reads every project, owns and leads none of them."""
    user = role_user(roles.POLITICIAN, username="politiker")
    client.force_login(user)
    return user


def report(project, period_key: str, overall: str, version: int = 1):
    return StatusReportFactory(project=project, period_key=period_key, version=version, overall=overall)


# Search


def test_search_finds_every_word_in_the_name_or_the_need_in_any_case(client, viewer):
    ProjectFactory(name="Digitalt nattilsyn", need="Brukere vekkes av tilsynsbesøk de ikke trenger.")
    ProjectFactory(name="Heltidskultur", need="Mange ansatte jobber ufrivillig deltid.")
    ProjectFactory(name="Energisparing", need="Energikostnadene har økt kraftig.")

    assert names(client.get(register_url(q="NATT"))) == ["Digitalt nattilsyn"]
    assert names(client.get(register_url(q="deltid"))) == ["Heltidskultur"]
    assert names(client.get(register_url(q="digitalt+tilsynsbesøk"))) == ["Digitalt nattilsyn"]
    assert names(client.get(register_url(q="digitalt+energi"))) == []
    assert (
        "Ingen prosjekter passer til søket og filtrene." in client.get(register_url(q="xyz")).content.decode()
    )


# Filters


def test_sub_programme_filter_shows_only_its_projects(client, viewer):
    welfare = SubProgrammeFactory(name="Velferd og teknologi")
    ProjectFactory(sub_programme=welfare, name="Digitalt tilsyn")
    ProjectFactory(name="Heltidskultur")
    assert names(client.get(register_url(sub_programme=welfare.pk))) == ["Digitalt tilsyn"]


def test_phase_filter_shows_only_projects_in_that_phase(client, viewer):
    ProjectFactory(name="Digitalt tilsyn", phase=Phase.EXECUTION)
    ProjectFactory(name="Heltidskultur", phase=Phase.IDEA)
    assert names(client.get(register_url(phase="execution"))) == ["Digitalt tilsyn"]


def test_status_filter_uses_the_latest_overall_rating(client, viewer):
    recovered = ProjectFactory(name="A: rød, så grønn")
    report(recovered, "2025-T1", "red")
    report(recovered, "2025-T2", "green")
    corrected = ProjectFactory(name="B: grønn, korrigert til rød")
    report(corrected, "2025-T2", "green")
    report(corrected, "2025-T2", "red", version=2)
    ProjectFactory(name="C: ingen rapport")

    assert names(client.get(register_url(status="green"))) == ["A: rød, så grønn"]
    assert names(client.get(register_url(status="red"))) == ["B: grønn, korrigert til rød"]
    assert names(client.get(register_url(status="yellow"))) == []


def test_missing_filter_lists_only_projects_that_owe_the_last_ended_periods_report(client, viewer):
    # It used to list every project without any status report, ideas included; the count of missing
    # status reports is now one rule (programmes.selectors.missing_status_report) for every page and the PDF.
    from django.utils import timezone

    from core.periods import Period
    from programmes.models import Project

    last_ended = Period.containing(timezone.localdate()).previous()
    owes = ProjectFactory(name="A: under arbeid, ingen rapport", phase=Phase.EXECUTION)
    old_report = ProjectFactory(name="B: bare eldre rapport", phase=Phase.EXECUTION)
    report(old_report, last_ended.previous().key, "green")
    reported = ProjectFactory(name="C: har rapportert", phase=Phase.EXECUTION)
    report(reported, last_ended.key, "green")
    idea = ProjectFactory(name="D: idé", phase=Phase.IDEA)
    not_started = ProjectFactory(
        name="E: starter senere", phase=Phase.PLANNING, start_date=last_ended.end + datetime.timedelta(days=1)
    )
    ProjectFactory(name="F: foreslått etter perioden", phase=Phase.EXECUTION)
    Project.objects.filter(pk__in=[owes.pk, old_report.pk, reported.pk, idea.pk, not_started.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=365)
    )

    response = client.get(register_url(status="missing"))

    assert names(response) == ["A: under arbeid, ingen rapport", "B: bare eldre rapport"]


def test_leader_filter_shows_only_the_projects_the_person_leads(client, viewer):
    kari = UserFactory(first_name="Kari", last_name="Nordmann")
    ProjectFactory(name="Digitalt tilsyn", leader=kari)
    ProjectFactory(name="Heltidskultur", owner=kari)
    response = client.get(register_url(leader=kari.pk))
    assert names(response) == ["Digitalt tilsyn"]
    assert f'<option value="{kari.pk}" selected>Kari Nordmann</option>' in response.content.decode()


def test_filters_combine(client, viewer):
    welfare = SubProgrammeFactory()
    ProjectFactory(sub_programme=welfare, name="Digitalt tilsyn", phase=Phase.EXECUTION)
    ProjectFactory(sub_programme=welfare, name="Digital hjemmeoppfølging", phase=Phase.IDEA)
    ProjectFactory(name="Digital skolehverdag", phase=Phase.EXECUTION)
    response = client.get(register_url(q="digital", sub_programme=welfare.pk, phase="execution"))
    assert names(response) == ["Digitalt tilsyn"]


def test_invalid_filter_values_are_ignored_and_the_rest_still_applies(client, viewer):
    ProjectFactory(name="Digitalt tilsyn", phase=Phase.EXECUTION)
    ProjectFactory(name="Heltidskultur", phase=Phase.IDEA)
    response = client.get(register_url(phase="nonsense", sub_programme="abc", sort="-name", q="tilsyn"))
    assert response.status_code == 200
    assert names(response) == ["Digitalt tilsyn"]


def test_every_signed_in_role_sees_every_project(client, role_user):
    ProjectFactory(name="Digitalt tilsyn")
    ProjectFactory(name="Heltidskultur")
    for role in roles.ALL_ROLES:
        client.force_login(role_user(role, username=f"u-{role}"))
        assert names(client.get(register_url())) == ["Digitalt tilsyn", "Heltidskultur"]


def test_anonymous_users_are_sent_to_the_login_page(client):
    for url in (register_url(), export_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# Sorting


def test_sort_keys_of_the_form_and_the_selector_are_the_same():
    assert [key for key, _asc, _desc in SORTS] == list(selectors.REGISTER_SORTS)


def test_projects_are_sorted_by_name_unless_asked_otherwise_ignoring_case(client, viewer):
    for name in ("heltidskultur", "Digitalt tilsyn", "Energisparing"):
        ProjectFactory(name=name)
    assert names(client.get(register_url())) == ["Digitalt tilsyn", "Energisparing", "heltidskultur"]
    assert names(client.get(register_url(sort="-name"))) == [
        "heltidskultur",
        "Energisparing",
        "Digitalt tilsyn",
    ]


@pytest.fixture
def norwegian_collation():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the Norwegian collation is PostgreSQL's (ICU); SQLite sorts by code point")


def test_names_are_in_norwegian_alphabetical_order_with_ae_oe_aa_last(client, viewer, norwegian_collation):
    for name in ("åpen barnehage", "Østre skole", "Ærlig budsjett", "Zebra", "Aktiv hverdag", "oppvekst"):
        ProjectFactory(name=name)
    # A C-locale database puts «å» before «æ» and «ø».
    expected = ["Aktiv hverdag", "oppvekst", "Zebra", "Ærlig budsjett", "Østre skole", "åpen barnehage"]
    assert names(client.get(register_url())) == expected


def test_people_in_the_leader_filter_are_in_norwegian_alphabetical_order(viewer, norwegian_collation):
    for first_name in ("Åse", "Øystein", "Zara", "Ærle", "Anders"):
        ProjectFactory(leader=UserFactory(first_name=first_name, last_name="Berg"))
    leaders = [label for _pk, label in selectors.register_leader_choices()]
    assert leaders == ["Anders Berg", "Zara Berg", "Ærle Berg", "Øystein Berg", "Åse Berg"]


def test_sorting_by_phase_follows_the_project_lifecycle(client, viewer):
    for name, phase in (("A", Phase.CLOSED), ("B", Phase.IDEA), ("C", Phase.EXECUTION), ("D", Phase.CONCEPT)):
        ProjectFactory(name=name, phase=phase)
    assert names(client.get(register_url(sort="phase"))) == ["B", "D", "C", "A"]
    assert names(client.get(register_url(sort="-phase"))) == ["A", "C", "D", "B"]


def test_sorting_by_status_puts_red_first_and_projects_without_a_report_last(client, viewer):
    for name, overall in (("A", "green"), ("B", None), ("C", "red"), ("D", "yellow")):
        project = ProjectFactory(name=name)
        if overall:
            report(project, "2025-T2", overall)
    assert names(client.get(register_url(sort="status"))) == ["C", "D", "A", "B"]
    assert names(client.get(register_url(sort="-status"))) == ["A", "D", "C", "B"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("cost", ["B", "C", "A"]),
        ("-cost", ["A", "C", "B"]),
        ("start", ["C", "A", "B"]),  # no planned start: last either way
        ("-start", ["A", "C", "B"]),
        ("leader", ["C", "B", "A"]),
        ("-leader", ["A", "B", "C"]),
        ("sub_programme", ["B", "A", "C"]),
        ("-sub_programme", ["C", "A", "B"]),
    ],
)
def test_sorting_by_cost_start_leader_and_sub_programme(client, viewer, sort, expected):
    ProjectFactory(
        name="A",
        cost_estimate=9_000_000,
        start_date=datetime.date(2027, 1, 1),
        leader=UserFactory(first_name="Øystein", last_name="Aas"),
        sub_programme=SubProgrammeFactory(name="Oppvekstløftet"),
    )
    ProjectFactory(
        name="B",
        cost_estimate=250_000,
        start_date=None,
        leader=UserFactory(first_name="kari", last_name="Berg"),
        sub_programme=SubProgrammeFactory(name="Ansattløftet"),
    )
    ProjectFactory(
        name="C",
        cost_estimate=1_500_000,
        start_date=datetime.date(2026, 3, 1),
        leader=UserFactory(first_name="Anne", last_name="Hansen"),
        sub_programme=SubProgrammeFactory(name="Velferd og teknologi"),
    )
    assert names(client.get(register_url(sort=sort))) == expected


def test_column_headers_sort_and_keep_the_filters(client, viewer):
    ProjectFactory(phase=Phase.EXECUTION)
    html = client.get(register_url(phase="execution", sort="cost")).content.decode()
    # The sorted column says so, and its link turns the order around; other columns sort ascending first.
    assert re.search(
        r'<th scope="col" aria-sort="ascending" class="app-num"><a [^>]*href="[^"]*sort=-cost', html
    )
    assert re.search(
        r'aria-sort="none"><a class="app-sort-link" href="/prosjekter/\?phase=execution&amp;sort=name"', html
    )


# Paging and the URL


def test_pages_hold_25_projects_and_page_links_keep_the_filters(client, viewer):
    for i in range(30):
        ProjectFactory(name=f"Tilsyn {i:02d}", phase=Phase.EXECUTION)
    ProjectFactory(name="Tilsyn i idéfasen", phase=Phase.IDEA)

    first = client.get(register_url(phase="execution", sort="-name"))
    html = first.content.decode()
    assert len(names(first)) == 25
    assert "30 prosjekter" in html
    assert "viser 1–25" in html
    next_link = re.search(r'href="(/prosjekter/\?[^"]*page=2)" [^>]*aria-label="Neste side"', html).group(1)
    assert next_link == "/prosjekter/?phase=execution&amp;sort=-name&amp;page=2"

    second = client.get(next_link.replace("&amp;", "&"))
    assert names(second) == [f"Tilsyn {i:02d}" for i in range(4, -1, -1)]


def test_a_bookmarked_url_shows_the_same_list_with_the_filters_filled_in(client, viewer):
    sub = SubProgrammeFactory(name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitalt tilsyn", phase=Phase.EXECUTION)
    # Registered a year ago, so it owes the last ended period's status report.
    type(project).objects.filter(pk=project.pk).update(
        created_at=project.created_at - datetime.timedelta(days=365)
    )
    url = register_url(q="tilsyn", sub_programme=sub.pk, phase="execution", status="missing", sort="-cost")

    response = client.get(url)
    html = response.content.decode()

    assert names(response) == ["Digitalt tilsyn"]
    assert 'name="q" value="tilsyn"' in html
    assert f'<option value="{sub.pk}" selected>Velferd og teknologi</option>' in html
    assert '<option value="execution" selected>Gjennomføring</option>' in html
    assert '<option value="missing" selected>Statusrapport mangler</option>' in html
    assert '<option value="-cost" selected>Kostnad (høyest først)</option>' in html
    # The Excel link exports the same selection.
    assert (
        'href="/prosjekter/eksport.xlsx?q=tilsyn&amp;sub_programme='
        f'{sub.pk}&amp;phase=execution&amp;status=missing&amp;sort=-cost"' in html
    )


def test_htmx_request_gets_only_the_results_and_responses_vary_on_hx_request(client, viewer):
    ProjectFactory(name="Digitalt tilsyn")

    page = client.get(register_url())
    fragment = client.get(register_url(q="tilsyn"), headers={"HX-Request": "true"})

    assert "<html" in page.content.decode()
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'id="results"' not in html
    assert "Digitalt tilsyn" in html
    assert 'role="status"' in html
    for response in (page, fragment):
        assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, viewer):
    response = client.get(
        register_url(), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_navigation_links_to_the_register(client, viewer):
    html = client.get(register_url()).content.decode()
    assert '<a class="ds-link" href="/prosjekter/" aria-current="page">Prosjekter</a>' in html


# A fixed number of queries


def make_portfolio(n_projects: int) -> None:
    programme = ProgrammeFactory()
    subs = [SubProgrammeFactory(programme=programme) for _ in range(3)]
    people = [UserFactory() for _ in range(4)]
    for i in range(n_projects):
        project = ProjectFactory(
            sub_programme=subs[i % 3], leader=people[i % 4], owner=people[(i + 1) % 4], phase=Phase.EXECUTION
        )
        report(project, "2025-T1", "red")
        report(project, "2025-T2", ("green", "yellow", "red")[i % 3])


@pytest.mark.parametrize("n_projects", [5, 50])
def test_register_runs_a_fixed_number_of_queries(n_projects, client, viewer, django_assert_num_queries):
    make_portfolio(n_projects)
    url = register_url(q="prosjekt", status="red", sort="-status")
    # session, user, the user's groups (navigation), sub-programme choices, leader choices, count, one page
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    # The htmx results need the same queries: the choices validate the filters, the groups the navigation.
    with django_assert_num_queries(7):
        client.get(url, headers={"HX-Request": "true"})


@pytest.mark.parametrize("n_projects", [5, 50])
def test_export_runs_a_fixed_number_of_queries(n_projects, client, viewer, django_assert_num_queries):
    make_portfolio(n_projects)
    # session, user, sub-programme choices, leader choices, the projects, and their expected gains (the
    # projects' plan periods and the gain plans' sums: programmes.gains, issue 13)
    with django_assert_num_queries(7):
        response = client.get(export_url(sort="status"))
    assert response.status_code == 200


# Excel export


def read_workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_export_has_norwegian_headers_numbers_as_numbers_and_dates_as_dates(client, viewer):
    leader = UserFactory(first_name="Kari", last_name="Nordmann")
    project = ProjectFactory(
        name="Digitalt tilsyn",
        sub_programme=SubProgrammeFactory(name="Velferd og teknologi"),
        phase=Phase.EXECUTION,
        leader=leader,
        start_date=datetime.date(2026, 3, 1),
        end_date=None,
        cost_estimate=68_627_000,
        resource_need=Decimal("2.5"),
        estimated_annual_gain=1_250_000,
        need="Flere eldre skal kunne bo trygt hjemme lenger.",
    )
    report(project, "2025-T2", "yellow")

    response = client.get(export_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="prosjekter-{today}.xlsx"'
    sheet = read_workbook(response)
    assert [cell.value for cell in sheet[1]] == EXCEL_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    row = dict(zip(EXCEL_HEADERS, sheet[2], strict=True))
    assert row["Prosjekt"].value == "Digitalt tilsyn"
    assert row["Delprogram"].value == "Velferd og teknologi"
    assert row["Fase"].value == "Gjennomføring"
    assert row["Prosjektleder"].value == "Kari Nordmann"
    assert row["Status"].value == "Gul"
    assert row["Planlagt start"].is_date
    assert row["Planlagt start"].value.date() == datetime.date(2026, 3, 1)
    assert row["Planlagt slutt"].value is None
    # No gain plan yet: the estimate of 1 250 000 kr a year, from the start in 2026 over the four plan years.
    for header, amount in (
        ("Kostnad (kr)", 68_627_000),
        ("Forventet gevinst i planperioden (kr)", 5_000_000),
    ):
        assert type(row[header].value) is int
        assert row[header].value == amount
        assert row[header].number_format == "#,##0"
    assert row["Grunnlag for forventet gevinst"].value == "anslag i forslaget"
    assert row["Ressursbehov (årsverk)"].value == 2.5
    assert row["Behov"].value == "Flere eldre skal kunne bo trygt hjemme lenger."
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["F"].width


def test_export_writes_text_as_text_never_as_a_formula_and_drops_control_characters(client, viewer):
    ProjectFactory(name='=HYPERLINK("http://example.org";"Klikk")', need="Tekst limt inn fra Word\x0b.")
    row = read_workbook(client.get(export_url()))[2]
    assert row[0].data_type == "s"
    assert row[0].value == '=HYPERLINK("http://example.org";"Klikk")'
    assert row[12].value == "Tekst limt inn fra Word."


def test_export_applies_the_filters_and_sort_of_the_page_to_every_page(client, viewer):
    for i in range(30):
        ProjectFactory(name=f"Tilsyn {i:02d}", phase=Phase.EXECUTION, cost_estimate=1000 * i)
    ProjectFactory(name="Heltidskultur", phase=Phase.IDEA)

    frame = pd.read_excel(io.BytesIO(client.get(export_url(phase="execution", sort="-cost")).content))

    assert list(frame.columns) == EXCEL_HEADERS
    assert len(frame) == 30
    assert set(frame["Fase"]) == {"Gjennomføring"}
    assert list(frame["Prosjekt"][:2]) == ["Tilsyn 29", "Tilsyn 28"]
    assert frame["Kostnad (kr)"].dtype == "int64"
