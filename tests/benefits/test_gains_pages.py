"""A published savings table through the gains import's pages (issue 16): the upload is only stored; the
columns page proposes what each column holds; the preview says how the amounts are read (the unit the file
states, the sign asked about), shows every row as it will be stored and takes a choice per row; nothing is
written before «Importer»; a refused import shows the page again with every problem and the person's choices
kept; only the uploader sees the upload."""

import datetime
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from benefits import import_views
from benefits.models import Benefit, BenefitImportMapping, BenefitPlanImport, BenefitUpload
from core import roles
from programmes.models import Phase, Project
from tests.factories import ProjectFactory, SubProgrammeFactory

REAL = Path(__file__).parent.parent / "data" / "real"
KULTUR = (
    REAL / "savings_kristiansand_kultur_2018-2021.xlsx"
)  # «Tall i 1000kr i 2018 kr», every amount negative
SANDNES = REAL / "savings_sandnes_sentrale_staber_2021-2024.xlsx"  # no unit; row 12 has «425» among savings
STAFF = "Organisasjonsendring og naturlig avgang i kulturdirektørens stab"  # row 9
GRANTS = "Øke innsatsen for å få eksterne prosjekttilskudd."  # row 7
HALL = "Effektivisering og økte inntekter som følge av overtakelsen av Vågsbygd samfunnshus."  # row 8

pytestmark = pytest.mark.django_db

# A preview page's reads: the session, the user and their roles, the upload with its programme, the
# programme's projects and people (reading the file), its economic plan (the last year of the gains ledger),
# the projects twice more (their names, and the right to import for each) and the sub-programmes, for the
# page's selects.
QUERIES = 10


@pytest.fixture
def kultur(programme, people):
    sub = SubProgrammeFactory(programme=programme, name="Kultur", leader=people["programme_leader"])
    staff = ProjectFactory(sub_programme=sub, name=STAFF, leader=people["leader"], owner=people["owner"])
    hall = ProjectFactory(sub_programme=sub, name="Vågsbygd samfunnshus", leader=people["leader"])
    return sub, staff, hall


@pytest.fixture
def signed_in(client, people, media_root):
    client.force_login(people["executive"])
    return client


def upload_file(client, programme, path, name=None):
    content = path.read_bytes() if isinstance(path, Path) else path
    return client.post(
        reverse("benefits:benefit_import", args=[programme.pk]),
        {"file": SimpleUploadedFile(name or path.name, content)},
    )


def selected(page: str, name: str) -> str:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    found = re.search(r'<option value="([^"]*)" selected>', select)
    return found.group(1) if found else ""


def checked(page: str, name: str) -> str:
    found = re.search(
        rf'<input type="radio" class="ds-input" name="{name}" value="([^"]*)"[^>]*checked', page
    )
    return found.group(1) if found else ""


def row_html(page: str, row: int) -> str:
    return re.search(rf'<tr id="row-{row}".*?</tr>', page, re.S).group(0)


KULTUR_COLUMNS = {
    "rad": "6",
    "column_0": "measure",
    "column_1": "planned:2018",
    "column_2": "planned:2019",
    "column_3": "planned:2020",
    "column_4": "planned:2021",
}


def to_preview(client, programme, path=KULTUR, columns=KULTUR_COLUMNS) -> str:
    """Uploads the file and chooses its columns; the preview's URL."""
    response = upload_file(client, programme, path)
    upload = BenefitUpload.objects.get()
    assert response["Location"] == reverse("benefits:upload_columns", args=[programme.pk, upload.pk])
    response = client.post(response["Location"], columns)
    assert response["Location"] == reverse("benefits:upload_preview", args=[programme.pk, upload.pk])
    return reverse("benefits:upload_preview", args=[programme.pk, upload.pk])


def choices(**rows) -> dict:
    """A preview's POST: the sign and unit as the page preselects them for the Kristiansand table, and the
    rows' choices given as row_7="create"."""
    return {
        "scale": "1000",
        "sign": "negative",
        "unmatched": "",
        "kind": "reduced_cost",
        "sub_programme": "",
    } | rows


def test_a_savings_table_goes_through_columns_and_preview_and_nothing_is_stored_before_importing(
    signed_in, programme, kultur, people
):
    client = signed_in
    sub, staff, hall = kultur
    response = upload_file(client, programme, KULTUR)
    upload = BenefitUpload.objects.get()
    assert response["Location"] == reverse("benefits:upload_columns", args=[programme.pk, upload.pk])
    assert upload.mapping == {} and not Benefit.objects.exists()

    page = client.get(response["Location"]).content.decode()
    assert "Kolonnenes overskrifter er lest fra rad 6" in page
    assert "HP 2018" in page and "Øke innsatsen" in page  # headers and sample values
    assert [selected(page, f"column_{i}") for i in range(5)] == [
        "measure",
        "planned:2018",
        "planned:2019",
        "planned:2020",
        "planned:2021",
    ]
    assert "Filen sier «Tall i 1000kr i 2018 kr» (rad 5)." in page
    options = re.findall(
        r"<option [^>]*>([^<]*)</option>",
        re.search(r'<select name="column_0".*?</select>', page, re.S).group(0),
    )
    assert options[:5] == ["Prosjekt", "Tiltak / gevinst", "Type", "Gevinsteier", "Ansvarlig enhet"]
    assert options[-1] == "Importeres ikke" and "Planlagt 2018" in options and "Realisert 2021" in options
    # The gains ledger's figures, for each year.
    assert {"Lavt anslag 2018", "Høyt anslag 2018", "Driftskostnad 2018", "Uttak i budsjett 2018"} <= set(
        options
    )

    response = client.post(response["Location"], KULTUR_COLUMNS)
    preview_url = reverse("benefits:upload_preview", args=[programme.pk, upload.pk])
    assert response["Location"] == preview_url
    page = client.get(preview_url).content.decode()
    # How the amounts are read: the unit the file states, the sign asked with the numbers' answer preselected.
    assert "Slik leses beløpene" in page
    assert "Filen sier «Tall i 1000kr i 2018 kr» (rad 5)." in page and checked(page, "scale") == "1000"
    assert "Filen har negative beløp (16 av 16)" in page and checked(page, "sign") == "negative"
    assert '<option value="' + str(sub.pk) + '">Kultur</option>' in page
    # Every row as it will be stored: the kroner beside the file's text, the project found by name.
    staff_row = row_html(page, 9)
    assert "440\xa0000 kr" in staff_row and "«-440»" in staff_row
    assert f"Kobles til «{STAFF}»" in staff_row
    assert "Ikke valgt ennå" in row_html(page, 7) and "Ingen prosjekter heter" in row_html(page, 7)
    sum_row = row_html(page, 11)
    assert (
        "Sumrad" in sum_row
        and "Hoppes over" in sum_row
        and "Summen stemmer med radene den legger sammen" in sum_row
    )
    assert not Benefit.objects.exists()

    # The choices are kept without storing anything.
    response = client.post(
        preview_url,
        choices(
            row_7="create", row_8=f"link:{hall.pk}", row_10="skip", sub_programme=str(sub.pk), update="1"
        ),
    )
    assert response["Location"] == f"{preview_url}#preview"
    page = client.get(preview_url).content.decode()
    assert selected(page, "row_7") == "create" and selected(page, "row_8") == f"link:{hall.pk}"
    assert "Før filen kan importeres" not in page
    assert not Benefit.objects.exists() and not Project.objects.filter(name=GRANTS).exists()

    response = client.post(
        preview_url,
        choices(
            row_7="create", row_8=f"link:{hall.pk}", row_10="skip", sub_programme=str(sub.pk), confirm="1"
        ),
    )
    assert response["Location"] == reverse("benefits:programme_overview", args=[programme.pk])
    assert {
        py.year: py.planned for py in Benefit.objects.get(project=staff).plan_years.all()
    } == dict.fromkeys((2018, 2019, 2020, 2021), 440_000)
    assert Benefit.objects.get(project=hall).title == HALL
    proposal = Project.objects.get(name=GRANTS)
    assert proposal.phase == Phase.IDEA and proposal.sub_programme == sub
    assert proposal.benefits.get().plan_years.get(year=2021).planned == Decimal(110_000)
    assert Benefit.objects.count() == 3 and not BenefitUpload.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "1 prosjektforslag ble registrert i «Kultur»." in page
    # Remembered for next year's file: the columns, the sign chosen; the unit stays the file's.
    remembered = BenefitImportMapping.objects.get(programme=programme)
    assert remembered.negative_gains is True and remembered.scale is None


def test_a_csv_file_is_accepted_and_its_columns_are_chosen_on_the_next_page(signed_in, programme, kultur):
    sheet = load_workbook(KULTUR).active
    lines = [
        ";".join("" if cell.value is None else str(cell.value) for cell in row) for row in sheet.iter_rows()
    ]
    content = "\r\n".join(lines).encode("cp1252")
    response = upload_file(signed_in, programme, content, "innsparinger.csv")
    upload = BenefitUpload.objects.get()
    assert response["Location"] == reverse("benefits:upload_columns", args=[programme.pk, upload.pk])
    page = signed_in.get(response["Location"]).content.decode()
    assert "Øke innsatsen" in page and "Ã" not in page  # Windows-1252, as Norwegian Excel saves it
    assert selected(page, "column_1") == "planned:2018"


def test_a_file_that_states_no_unit_is_refused_until_a_unit_is_chosen_and_the_choices_are_kept(
    signed_in, programme, people
):
    client = signed_in
    sub = SubProgrammeFactory(programme=programme, name="Sentrale staber")
    columns = {
        "rad": "3",
        "column_0": "ignore",
        "column_1": "measure",
        "column_2": "planned:2021",
        "column_3": "planned:2022",
        "column_4": "planned:2023",
        "column_5": "planned:2024",
    }
    url = to_preview(client, programme, SANDNES, columns)
    page = client.get(url).content.decode()
    assert "Filen sier ikke hvilken enhet beløpene er i" in page
    assert checked(page, "scale") == ""
    # Without a unit the amounts are shown as the file writes them, nothing converted.
    assert "«-6326»" in row_html(page, 7) and 'class="app-value"' not in row_html(page, 7)

    response = client.post(
        url,
        {
            "sign": "negative",
            "unmatched": "skip",
            "kind": "reduced_cost",
            "sub_programme": str(sub.pk),
            "row_7": "create",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen ble ikke importert" in page
    fieldset = re.search(r'<fieldset[^>]*id="field-scale".*?</fieldset>', page, re.S).group(0)
    assert 'data-color="danger"' in fieldset and "Filen sier ikke hvilken enhet" in fieldset
    assert 'href="#id_scale_0"' in page and 'id="id_scale_0"' in page
    # The person's choices are kept.
    assert selected(page, "row_7") == "create" and checked(page, "unmatched") == "skip"
    assert checked(page, "sign") == "negative"
    assert not Benefit.objects.exists() and not Project.objects.filter(name="Omstilling 2025").exists()
    assert BenefitUpload.objects.exists()


def test_a_positive_amount_when_negative_numbers_are_gains_is_a_problem_on_its_row(signed_in, programme):
    columns = {
        "rad": "3",
        "column_0": "ignore",
        "column_1": "measure",
        "column_2": "planned:2021",
        "column_3": "planned:2022",
        "column_4": "planned:2023",
        "column_5": "planned:2024",
    }
    sub = SubProgrammeFactory(programme=programme, name="Sentrale staber")
    url = to_preview(signed_in, programme, SANDNES, columns)
    chosen = {"scale": "1000", "sign": "negative", "kind": "reduced_cost", "sub_programme": str(sub.pk)}
    signed_in.post(url, chosen | {"unmatched": "create", "update": "1"})
    page = signed_in.get(url).content.decode()
    hall = row_html(page, 12)
    assert "«425» er en økning, ikke en gevinst, når negative tall er gevinster" in hall
    assert "app-preview-row--warning" in hall and 'data-color="warning"' in hall
    assert 'href="#id_row_12"' in page
    # Importing so is refused, the row marked as the error it then is.
    response = signed_in.post(url, chosen | {"unmatched": "create", "confirm": "1"})
    hall = row_html(response.content.decode(), 12)
    assert (
        'aria-invalid="true"' in hall and "app-preview-row--error" in hall and 'data-color="danger"' in hall
    )
    assert not Benefit.objects.exists()
    # Skipping the row settles it.
    signed_in.post(url, chosen | {"unmatched": "create", "row_12": "skip", "update": "1"})
    page = signed_in.get(url).content.decode()
    assert "er en økning" not in row_html(page, 12) and "Før filen kan importeres" not in page


def test_undecided_rows_refuse_the_import_and_each_is_named_by_its_row(signed_in, programme, kultur):
    url = to_preview(signed_in, programme)
    response = signed_in.post(url, choices(confirm="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen ble ikke importert: 3 feil" in page
    for row in (7, 8, 10):
        assert (
            f'<a class="ds-link" href="#id_row_{row}">Rad {row}, kolonne «Tiltak»: Ingen prosjekter heter'
            in page
        )
        assert 'aria-invalid="true"' in row_html(page, row)
    assert 'aria-invalid="true"' not in row_html(page, 9)
    assert not Benefit.objects.exists()


def test_choices_made_on_another_page_are_kept(signed_in, programme, kultur, monkeypatch):
    monkeypatch.setattr(import_views, "PREVIEW_PAGE_SIZE", 2)
    url = to_preview(signed_in, programme)
    signed_in.post(url, choices(row_7="skip", row_8="skip", side="1", update="1"))
    response = signed_in.post(url, choices(row_10="skip", side="2", update="1"))
    assert response["Location"] == f"{url}?side=2#preview"
    page = signed_in.get(url + "?side=1").content.decode()
    assert selected(page, "row_7") == "skip" and selected(page, "row_8") == "skip"
    page = signed_in.get(url + "?side=2").content.decode()
    assert selected(page, "row_10") == "skip"
    response = signed_in.post(url, choices(row_10="skip", side="2", confirm="1"))
    assert response["Location"] == reverse("benefits:programme_overview", args=[programme.pk])
    assert list(Benefit.objects.values_list("title", flat=True)) == [STAFF]


def test_a_large_file_is_imported_by_a_worker_whose_page_follows_it(
    signed_in, programme, kultur, imports_to_worker
):
    url = to_preview(signed_in, programme)
    response = signed_in.post(url, choices(row_7="skip", row_8="skip", row_10="skip", confirm="1"))
    job = BenefitPlanImport.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert not Benefit.objects.exists()


@pytest.mark.usefixtures("eager")
def test_the_worker_imports_a_mapped_file_as_its_preview_showed_it_proposals_included(
    signed_in, programme, kultur, imports_to_worker, django_capture_on_commit_callbacks
):
    """The job keeps the mapping (unit, sign, each row's choice) and the worker reads the file with it: the
    same rows, kroner and proposal as an import at once."""
    sub, _staff, _hall = kultur
    url = to_preview(signed_in, programme)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            url, choices(row_7="create", row_8="skip", row_10="skip", sub_programme=str(sub.pk), confirm="1")
        )
    job = BenefitPlanImport.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done", job.failure
    assert job.options["negative_gains"] is True and job.options["rows"]["7"] == "create"
    stored = {
        benefit.title: {py.year: py.planned for py in benefit.plan_years.all()}
        for benefit in Benefit.objects.prefetch_related("plan_years")
    }
    assert stored == {
        STAFF: dict.fromkeys((2018, 2019, 2020, 2021), 440_000),
        GRANTS: dict.fromkeys((2018, 2019, 2020, 2021), 110_000),
    }
    assert Benefit.objects.get(title=GRANTS).project.sub_programme == sub
    assert not BenefitUpload.objects.exists()


def test_only_the_uploader_sees_an_upload_and_only_while_they_may_import(client, programme, kultur, people):
    client.force_login(people["executive"])
    url = to_preview(client, programme)
    columns = reverse("benefits:upload_columns", args=[programme.pk, BenefitUpload.objects.get().pk])
    for user in (people["admin"], people["programme_leader"], people["leader"], people["politician"]):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(columns).status_code == 404
        assert client.post(url, choices(row_7="skip", confirm="1")).status_code == 404
    # The uploader who is no longer Kommunedirektør may not go on with it.
    executive = people["executive"]
    executive.groups.set([Group.objects.get(name=roles.PROJECT_LEADER)])
    client.force_login(executive)
    assert client.get(url).status_code == 403
    assert (
        client.post(url, choices(row_7="skip", row_8="skip", row_10="skip", confirm="1")).status_code == 403
    )
    assert not Benefit.objects.exists()


def test_a_value_no_page_offers_gets_a_norwegian_message_and_nothing_is_kept(signed_in, programme, kultur):
    url = to_preview(signed_in, programme)
    before = BenefitUpload.objects.get().mapping
    response = signed_in.post(url, choices(row_7="link:999999", scale="7", confirm="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Skjemaet har feil" in page and "Velg et gyldig valg" in page
    assert 'href="#id_row_7"' in page
    assert BenefitUpload.objects.get().mapping == before and not Benefit.objects.exists()


def test_a_programme_leader_may_link_rows_only_to_the_projects_of_their_sub_programmes(
    client, programme, kultur, people
):
    _sub, _staff, hall = kultur
    other = ProjectFactory(
        sub_programme=SubProgrammeFactory(programme=programme, name="Oppvekst"), name="Skole"
    )
    client.force_login(people["programme_leader"])
    url = to_preview(client, programme)
    page = client.get(url).content.decode()
    assert f'value="link:{hall.pk}"' in page and f'value="link:{other.pk}"' not in page
    response = client.post(url, choices(row_7=f"link:{other.pk}", update="1"))
    assert response.status_code == 200 and "Velg et gyldig valg" in response.content.decode()


def test_an_amount_of_five_thousand_digits_is_a_problem_on_its_cell(signed_in, programme, kultur):
    content = ("Tall i 1000 kr\r\nTiltak;HP 2024\r\nStort tiltak;" + "9" * 5000 + "\r\n").encode()
    upload_file(signed_in, programme, content, "stort-tall.csv")
    upload = BenefitUpload.objects.get()
    signed_in.post(
        reverse("benefits:upload_columns", args=[programme.pk, upload.pk]),
        {"rad": "2", "column_0": "measure", "column_1": "planned:2024"},
    )
    url = reverse("benefits:upload_preview", args=[programme.pk, upload.pk])
    page = signed_in.get(url).content.decode()
    assert "Rad 3, kolonne «HP 2024»: Tallet er for stort." in page
    response = signed_in.post(url, choices(sign="", row_3="skip", confirm="1"))
    assert response.status_code == 302 and not Benefit.objects.exists()


OPPVEKST = (
    REAL / "savings_kristiansand_oppvekst_2018-2021.xlsx"
)  # its «Sum innsparing» says -1 330, rows -1 350


def test_a_sum_row_that_does_not_match_its_rows_names_both_figures(signed_in, programme, kultur):
    columns = {"rad": "5", "column_0": "measure"} | {
        f"column_{i}": f"planned:{2017 + i}" for i in range(1, 5)
    }
    url = to_preview(signed_in, programme, OPPVEKST, columns)
    page = signed_in.get(url).content.decode()
    total = row_html(page, 13)
    assert "Sumrad" in total and "Hoppes over" in total
    assert (
        "Sumraden «Sum innsparing» sier -1\xa0330 for 2018, men radene den summerer, blir -1\xa0350 "
        "(i filens enhet)." in total
    )
    assert "Summen stemmer" not in total


def many_rows(count: int) -> bytes:
    lines = ["Tall i 1000 kr", "Tiltak;HP 2024;HP 2025"] + [
        f"Tiltak {n};-{n};-{n}" for n in range(1, count + 1)
    ]
    return "\r\n".join(lines).encode()


@pytest.mark.parametrize("rows", [3, 60])
def test_the_preview_reads_the_database_the_same_number_of_times_whatever_the_rows(
    signed_in, programme, kultur, django_assert_num_queries, rows
):
    upload_file(signed_in, programme, many_rows(rows), "mange.csv")
    upload = BenefitUpload.objects.get()
    signed_in.post(
        reverse("benefits:upload_columns", args=[programme.pk, upload.pk]),
        {"rad": "2", "column_0": "measure", "column_1": "planned:2024", "column_2": "planned:2025"},
    )
    url = reverse("benefits:upload_preview", args=[programme.pk, upload.pk])
    signed_in.post(url, choices(unmatched="skip", update="1"))
    with django_assert_num_queries(QUERIES):
        response = signed_in.get(url)
    assert response.status_code == 200 and f"Tiltak {rows}" in response.content.decode()


def test_coming_back_to_an_upload_that_was_cleaned_up_leads_to_the_import_page_with_a_message(
    signed_in, programme, kultur
):
    from core.uploads import uploads_clean

    preview = to_preview(signed_in, programme)
    upload = BenefitUpload.objects.get()
    columns = reverse("benefits:upload_columns", args=[programme.pk, upload.pk])
    BenefitUpload.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert uploads_clean().uploads == 1 and not os.path.exists(upload.file.path)
    import_page = reverse("benefits:benefit_import", args=[programme.pk])
    for come_back in (
        lambda: signed_in.get(columns),
        lambda: signed_in.get(preview),
        lambda: signed_in.post(preview, choices(row_7="skip", row_8="skip", row_10="skip", confirm="1")),
    ):
        response = come_back()
        assert response.status_code == 302 and response["Location"] == import_page
        assert "Filen du lastet opp, er ikke lenger lagret" in signed_in.get(import_page).content.decode()
    assert not Benefit.objects.exists()


def test_an_upload_is_not_found_under_another_programme(signed_in, programme, kultur):
    to_preview(signed_in, programme)
    other = SubProgrammeFactory(name="Annet").programme
    url = reverse("benefits:upload_preview", args=[other.pk, BenefitUpload.objects.get().pk])
    assert signed_in.get(url).status_code == 404


def test_a_sum_row_under_headers_that_are_not_bare_years_shows_its_warning_too(signed_in, programme, kultur):
    book = load_workbook(KULTUR)
    book.active["B11"] = -1100  # «HP 2018» of the «Sum» row, where the rows above come to -1 090
    content = io.BytesIO()
    book.save(content)
    upload_file(signed_in, programme, content.getvalue(), "innsparinger.xlsx")
    upload = BenefitUpload.objects.get()
    signed_in.post(reverse("benefits:upload_columns", args=[programme.pk, upload.pk]), KULTUR_COLUMNS)
    page = signed_in.get(reverse("benefits:upload_preview", args=[programme.pk, upload.pk])).content.decode()
    total = row_html(page, 11)
    assert "Sumraden «Sum» sier -1\xa0100 for 2018, men radene den summerer, blir -1\xa0090" in total
    assert "Summen stemmer" not in total
