"""`import_scorecard` runs the import's own reading on published files: it finds the header and proposes the
columns as the page does, prints the preview in Norwegian with --dry-run, imports at once when nothing is left
open (a direction the file does not give is inferred, not asked about), and stops with the question when
something is, answered by --mapping in JSON or YAML."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from scorecards.models import ImportMapping, Indicator, IndicatorValue, Scorecard

from .real_files import ADOLFSEN, LUND, SANDNES
from .test_import import xlsx


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_scorecard", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_dry_run_prints_the_preview_in_norwegian_and_stores_nothing():
    out, _err = run(ADOLFSEN, "--title", "Eiendom", "--dry-run")
    assert "Overskriftsraden er rad 4: A «Område / Måleindikator», B «2014», C «Mål 2015», D «2015»." in out
    assert "  Kolonne A «Område / Måleindikator» → Indikator" in out
    assert "  Kolonne C «Mål 2015» → Mål 2015" in out
    assert "Rad 5: mellomoverskrift «Felles indikatorer: Tjenesteproduksjon»" in out
    assert (
        "Rad 21: Avvik i forhold til vedlikeholdsplan (Virksomhetens egne indikatorer: Tjenesteproduksjon; "
        in out
    )
    assert ", antatt: " in out  # the file has no direction column: every direction is marked as inferred
    assert "    2015: mål ≤2 («=< 2»), resultat 0 → " in out
    assert "    2015: mål 100 %, resultat 101,7 %** («101,7%**»)" in out
    assert "    Merknad: * Samlet resultat fra brukerundersøkelsen" in out
    assert "Merknad under tabellen: Kilde: https://www.loten.kommune.no/article40161-18839.html" in out
    assert out.rstrip().endswith("Ingenting ble lagret (--dry-run).")
    assert not Scorecard.objects.exists() and not Indicator.objects.exists()


@pytest.mark.django_db
def test_a_file_with_nothing_open_is_imported_at_once_and_its_mapping_remembered():
    out, _err = run(LUND, "--title", "Lund barnehage")
    assert "Importert: 14 nye" in out and "Importert til «Lund barnehage»." in out
    scorecard = Scorecard.objects.get()
    assert (scorecard.first_year, scorecard.last_year) == (2013, 2015)
    value = IndicatorValue.objects.get(indicator__name="Sykefravær – sykemeldt", year=2014)
    assert (value.target_text, value.result_text) == ("<12 %", "7,18 %")
    indicator = value.indicator
    assert (indicator.area, indicator.perspective) == ("Arbeidsmiljø", "Felles indikatorer")
    assert ImportMapping.objects.get(scorecard=scorecard).columns["måleindikator"] == "indicator"


@pytest.mark.django_db
def test_a_result_without_a_year_stops_with_the_question_and_is_answered_by_a_mapping_file(tmp_path):
    with pytest.raises(CommandError) as raised:
        run(SANDNES, "--title", "Sandnes")
    assert "må avklares hva kolonnene har først. Svar med --mapping FIL" in str(raised.value)
    assert not Scorecard.objects.exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_scorecard", str(SANDNES), "--title", "Sandnes", stderr=err)
    assert (
        "Rad 4, kolonne «Resultat ved sist måling»: Kolonnen har resultater, men overskriften sier ikke hvilket år."
        in err.getvalue()
    )

    answers = tmp_path / "kolonner.json"
    answers.write_text(
        json.dumps({"Resultat ved sist måling": "resultat 2015", "mellomoverskrifter": "perspektiv"})
    )
    out, _err = run(SANDNES, "--title", "Sandnes", "--mapping", answers)
    assert "Importert: 4 nye" in out
    indicator = Indicator.objects.get(name="Ledelse")
    assert (indicator.area, indicator.perspective) == ("", "Menneskelige ressurser")
    assert [(v.year, v.result_text, v.target_text) for v in indicator.values.order_by("year")] == [
        (2015, "4,91", ""),
        (2017, "", "4,7"),
    ]


@pytest.mark.django_db
def test_a_yaml_mapping_file_can_name_the_header_row_and_ignore_a_column(tmp_path):
    answers = tmp_path / "kolonner.yaml"
    answers.write_text(
        '# Målekortet fra årsmeldingen\noverskriftsrad: 4\n"2014": ignorer\nD: resultat 2015\n',
        encoding="utf-8",
    )
    out, _err = run(ADOLFSEN, "--title", "Eiendom", "--mapping", answers, "--dry-run")
    assert "  Kolonne B «2014» → Importeres ikke" in out
    assert "2014:" not in out and "Ingenting ble lagret" in out


@pytest.mark.django_db
def test_two_columns_that_can_be_the_indicator_are_a_question(tmp_path):
    path = tmp_path / "to.xlsx"
    path.write_bytes(xlsx([["Indikator", "Indikator", "Mål 2025"], ["A", "B", "1"]]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_scorecard", str(path), "--title", "To", stderr=err)
    assert (
        "Både kolonne A «Indikator» og kolonne B «Indikator» er «Indikator». Velg én av dem."
        in err.getvalue()
    )
    answers = tmp_path / "svar.json"
    answers.write_text('{"B": "ignorer"}')
    _out, _err = run(path, "--title", "To", "--mapping", answers)
    assert Indicator.objects.get().name == "A"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            '{"Merknad": "indikator"}',
            "Kolonnefilen nevner kolonnen «Merknad», som overskriftsraden (rad 4) ikke har: A «Område / Måleindikator»",
        ),
        ('{"2014": "resultat"}', "Kolonnen har resultater, men overskriften sier ikke hvilket år."),
        ('{"2014": "sum"}', "«sum» for kolonnen «2014» er ingen rolle. Skriv indikator, område"),
        ('{"overskriftsrad": "fire"}', "«overskriftsrad» må være et radnummer, ikke «fire»."),
        ("ikke en kolonnefil", "er verken JSON eller YAML"),
    ],
)
def test_a_wrong_mapping_file_is_explained_in_norwegian(tmp_path, answers, message):
    path = tmp_path / "svar.json"
    path.write_text(answers)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_scorecard", str(ADOLFSEN), "--title", "X", "--mapping", str(path), stderr=err)
    assert message in str(raised.value) + err.getvalue()
    assert not Scorecard.objects.exists()
