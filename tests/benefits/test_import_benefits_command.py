"""`import_benefits` on four published budget savings tables (tests/data/real; each .md cites its source): it
finds the header, unit and sums as the import page does, prints the preview in Norwegian with --dry-run and
stores nothing, stops with the question when the file leaves one open (the sign, the unit, rows matched to no
project, the proposals' sub-programme), and imports what --mapping answers, all or nothing. The kroner stored
are checked against what each source prints."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from benefits.models import Benefit, BenefitImportMapping, BenefitPlanYear
from programmes.models import Phase, Project
from tests.factories import ProjectFactory, SubProgrammeFactory

from .real_savings import ELVERUM, KULTUR, OPPVEKST, OPPVEKST_CSV, SANDNES
from .test_import import xlsx

pytestmark = pytest.mark.django_db

ORGANISASJON = "Organisasjonsendring og naturlig avgang i kulturdirektørens stab"


def plain(text: str) -> str:
    """Norwegian numbers group thousands with a no-break space; the tests write a plain one."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_benefits", *map(str, args), stdout=out, stderr=err)
    return plain(out.getvalue()), plain(err.getvalue())


def refused(*args) -> tuple[str, str]:
    """What a refused run said on stderr, and its last message (the CommandError: exit status 1)."""
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_benefits", *map(str, args), stdout=io.StringIO(), stderr=err)
    return plain(err.getvalue()), plain(str(raised.value))


def answers(tmp_path, text: str, name: str = "svar.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def planned_by_year() -> dict[int, Decimal]:
    rows = BenefitPlanYear.objects.values("year").annotate(total=Sum("planned")).order_by("year")
    return {row["year"]: row["total"] for row in rows}


def nothing_stored() -> bool:
    return not Benefit.objects.exists() and not BenefitPlanYear.objects.exists()


@pytest.fixture
def kultur(programme, people):
    sub = SubProgrammeFactory(programme=programme, name="Kultur", leader=people["programme_leader"])
    project = ProjectFactory(
        sub_programme=sub, name=ORGANISASJON, leader=people["leader"], owner=people["owner"]
    )
    return sub, project


def test_dry_run_prints_the_preview_in_norwegian_and_stores_nothing(programme, kultur):
    projects = Project.objects.count()
    out, _err = run(KULTUR, "--dry-run")
    assert "Overskriftsraden er rad 6: A «Tiltak», B «HP 2018», C «HP 2019», D «HP 2020», E «HP 2021»." in out
    assert "  Kolonne A «Tiltak» → Tiltak / gevinst" in out
    assert "  Kolonne B «HP 2018» → Planlagt 2018" in out
    assert "Enhet: tusen kroner (1000 kr), slik filen sier i rad 5: «Tall i 1000kr i 2018 kr»." in out
    assert "Fortegn: ikke avklart." in out
    assert "Spørsmål: Rad 6: Filen har negative beløp (16 av 16)." in out
    assert "tallene tyder på «fortegn: negativ er gevinst»" in out
    assert f"Rad 9: «{ORGANISASJON}» → kobles til prosjektet «{ORGANISASJON}», som har samme navn" in out
    assert "Rad 7: «Øke innsatsen for å få eksterne prosjekttilskudd.» → ikke avgjort" in out
    assert "    HP 2018: -110\n" in out  # the sign is open: no kroner yet
    assert (
        "    Rad 7, kolonne «Tiltak»: Ingen prosjekter heter «Øke innsatsen for å få eksterne prosjekttilskudd.»."
        in out
    )
    assert "Spørsmål: Radene 7, 8, 10 passer ikke med noe prosjekt" in out
    assert "Rad 11: sumrad «Sum», summerer rad 7–10 → hoppes over" in out
    assert "    HP 2021: trykt -2 380, radene blir -2 380: stemmer" in out
    assert "Merknad under tabellen: Kilde: https://www.kristiansand.kommune.no/" in out
    assert "1 rad ville blitt importert (1 koblet til prosjekter, 0 som prosjektforslag)" in out
    assert out.rstrip().endswith("Ingenting ble lagret (--dry-run).")
    assert nothing_stored() and Project.objects.count() == projects


def test_dry_run_with_answers_shows_every_amount_in_kroner_and_the_totals_the_source_prints(
    tmp_path, programme, kultur
):
    mapping = answers(tmp_path, "fortegn: negativ er gevinst\nukoblede: forslag\ndelprogram: Kultur\n")
    out, _err = run(KULTUR, "--dry-run", "--mapping", mapping)
    assert "Fortegn: negative tall er gevinster, som valgt." in out
    assert "Spørsmål" not in out
    assert (
        "Rad 7: «Øke innsatsen for å få eksterne prosjekttilskudd.» → blir et prosjektforslag, som valgt for alle "
        "rader uten prosjekt" in out
    )
    assert "    HP 2018: -110 → 110 000 kr" in out
    assert "    HP 2021: -1720 → 1 720 000 kr" in out  # written without a thousands separator in the source
    assert (
        "Planlagte gevinster som lagres, per år: 2018: 1 090 000 kr; 2019: 1 520 000 kr; 2020: 1 950 000 kr; "
        "2021: 2 380 000 kr." in out
    )
    assert (
        "4 rader ville blitt importert (1 koblet til prosjekter, 3 som prosjektforslag), 1 hoppes over" in out
    )
    assert nothing_stored()


def test_kultur_stops_with_its_questions_and_is_imported_as_the_mapping_file_answers(
    tmp_path, programme, people, kultur
):
    sub, project = kultur
    err, message = refused(KULTUR)
    assert "Overskriftsraden er rad 6: A «Tiltak», B «HP 2018»" in err
    assert "Spørsmål: Rad 6: Filen har negative beløp (16 av 16)." in err
    assert "  Svar med «fortegn: negativ er gevinst» eller «fortegn: positiv er gevinst»" in err
    assert "Spørsmål: Radene 7, 8, 10 passer ikke med noe prosjekt" in err
    assert "  Svar for hver rad med «rad 7: prosjekt NAVN», «rad 7: forslag» eller «rad 7: hopp over»" in err
    assert "Rad 8, kolonne «Tiltak»: Ingen prosjekter heter «Effektivisering og økte inntekter" in err
    assert "ble ikke importert: spørsmålene over må besvares først, med --mapping FIL" in message
    assert nothing_stored()

    mapping = answers(tmp_path, "fortegn: negativ er gevinst\nukoblede: forslag\ndelprogram: Kultur\n")
    _err, message = refused(KULTUR, "--mapping", mapping)
    assert "radene 7, 8, 10 blir prosjektforslag, som trenger en eier og en leder" in message
    assert "--bruker BRUKERNAVN" in message
    assert nothing_stored()

    out, _err = run(KULTUR, "--mapping", mapping, "--bruker", "admin")
    assert "3 prosjektforslag ble registrert i «Kultur»." in out
    assert planned_by_year() == {2018: 1_090_000, 2019: 1_520_000, 2020: 1_950_000, 2021: 2_380_000}
    linked = Benefit.objects.get(project=project)
    assert linked.title == ORGANISASJON
    assert {y.year: y.planned for y in linked.plan_years.all()} == dict.fromkeys(range(2018, 2022), 440_000)
    proposals = Project.objects.filter(sub_programme=sub).exclude(pk=project.pk)
    assert proposals.count() == 3
    assert {(p.phase, p.owner, p.leader) for p in proposals} == {
        (Phase.IDEA, people["admin"], people["admin"])
    }
    prices = Benefit.objects.get(title="Redusert kompensasjon for prisstigning")
    assert [y.planned for y in prices.plan_years.order_by("year")] == [430_000, 860_000, 1_290_000, 1_720_000]
    remembered = BenefitImportMapping.objects.get(programme=programme)
    assert remembered.negative_gains is True and remembered.columns


@pytest.mark.parametrize("path", [OPPVEKST, OPPVEKST_CSV], ids=["xlsx", "csv"])
def test_oppvekst_slips_are_warned_about_its_missing_minus_refused_until_the_row_is_skipped(
    tmp_path, programme, people, path
):
    SubProgrammeFactory(programme=programme, name="Oppvekst")
    out, _err = run(path, "--dry-run")
    assert "Enhet: tusen kroner (1000 kr), slik filen sier i rad 3: «Tall i 1000 kr»." in out
    assert (
        "Advarsel: Rad 13, kolonne «2018»: Sumraden «Sum innsparing» sier -1 330 for 2018, men radene den "
        "summerer, blir -1 350 (i filens enhet)." in out
    )
    assert "Advarsel: Rad 13, kolonne «2020»: Sumraden «Sum innsparing» sier -9 160 for 2020" in out
    assert "blir -6 760 (i filens enhet)." in out
    assert "    2020: trykt -9 160, radene blir -6 760: stemmer ikke" in out

    mapping = answers(tmp_path, "fortegn: negativ er gevinst\nukoblede: forslag\ndelprogram: oppvekst\n")
    err, message = refused(path, "--mapping", mapping, "--bruker", "admin")
    assert err.strip() == (
        "Rad 9, kolonne «2020»: «1 200» er en økning, ikke en gevinst, når negative tall er gevinster. "
        "Hopp over raden eller rett filen."
    )
    assert "ble ikke importert: 1 feil. Ingenting er endret." in message
    assert nothing_stored() and not Project.objects.filter(name="Skole:").exists()

    mapping.write_text(mapping.read_text() + "rad 9: hopp over\n", encoding="utf-8")
    out, _err = run(path, "--mapping", mapping, "--bruker", "admin")
    assert "3 prosjektforslag ble registrert i «Oppvekst»." in out
    # The printed sums less Barn og familie (skipped) and, in 2018, less the source's own slip of 20.
    assert planned_by_year() == {2018: 950_000, 2019: 1_880_000, 2020: 7_960_000, 2021: 13_980_000}
    norm = Benefit.objects.get(title="Innsparing for å dekke inn bemanningsnorm i barnehage")
    assert {y.year: y.planned for y in norm.plan_years.all() if y.planned} == {
        2020: 5_130_000,
        2021: 10_250_000,
    }


def test_sandnes_is_asked_for_its_unit_and_links_a_row_to_a_project_by_name(tmp_path, programme, people):
    sub = SubProgrammeFactory(programme=programme, name="Sentrale staber")
    omstilling = ProjectFactory(sub_programme=sub, name="Omstillingsprogrammet 2025")
    err, _message = refused(SANDNES)
    assert (
        "Spørsmål: Rad 3: Filen sier ikke hvilken enhet beløpene er i (f.eks. «Tall i hele 1000» eller «mill. kr» "
        "over tabellen)." in err
    )
    assert "  Svar med «enhet: kroner», «enhet: 1000 kr» eller «enhet: mill. kr»." in err

    mapping = answers(
        tmp_path,
        "# Sandnes, HØP 2021–2024: tallene er i 1000 kr (kr 6,3 millioner = 6326)\n"
        "enhet: 1000 kr\n"
        "fortegn: negativ er gevinst\n"
        "rad 7: prosjekt omstillingsprogrammet 2025\n"
        "ukoblede: hopp over\n",
    )
    out, _err = run(SANDNES, "--mapping", mapping, "--dry-run")
    assert "Enhet: tusen kroner (1000 kr), som valgt." in out
    assert (
        "Rad 7: «Omstilling 2025» (under «Rådmannens staber») → kobles til prosjektet «Omstillingsprogrammet "
        "2025», som valgt" in out
    )
    assert "Rad 12: «Regionale idrettshaller" in out and "→ hoppes over, som valgt for alle rader uten" in out
    run(SANDNES, "--mapping", mapping)
    benefit = Benefit.objects.get()
    assert (benefit.project, benefit.title) == (omstilling, "Omstilling 2025")
    assert planned_by_year() == dict.fromkeys(range(2021, 2025), 6_326_000)
    assert BenefitImportMapping.objects.get(programme=programme).scale == 1000  # chosen, so remembered


def test_elverum_subtotals_are_skipped_and_its_savings_imported_without_the_increases(
    tmp_path, programme, people
):
    SubProgrammeFactory(programme=programme, name="Økonomistaben")
    out, _err = run(ELVERUM, "--dry-run")
    assert "Rad 7: sumrad «Driftsinntekt», summerer rad 4–6 → hoppes over" in out
    assert "Rad 19: sumrad «Driftsutgift», summerer rad 8–18 → hoppes over" in out
    assert "    2016: trykt 19 968, radene blir 19 967: stemmer ikke" in out
    assert "Rad 20: sumrad «Økonomistaben», summerer rad 7, 19 → hoppes over" in out
    assert "tallene tyder på «fortegn: positiv er gevinst»" in out  # half the amounts are negative

    increases = (4, 8, 9, 10, 15, 16, 17, 18)  # the base budget and the rows that add to it
    mapping = answers(
        tmp_path,
        "fortegn: negativ er gevinst\nukoblede: forslag\ndelprogram: Økonomistaben\ntype: Redusert kostnad\n"
        + "".join(f"rad {row}: hopp over\n" for row in increases),
    )
    out, _err = run(ELVERUM, "--mapping", mapping, "--bruker", "admin")
    assert "6 prosjektforslag ble registrert i «Økonomistaben»." in out
    assert planned_by_year() == dict.fromkeys(range(2016, 2020), 3_643_000)
    assert (
        Benefit.objects.get(title="Nedbemanning, jfr økoplan 15-18").plan_years.get(year=2019).planned
        == 288_000
    )
    assert not Benefit.objects.filter(title__in=["Driftsinntekt", "Driftsutgift", "Økonomistaben"]).exists()


def test_a_decimal_comma_csv_in_millions_with_a_column_named_by_the_mapping_file(
    tmp_path, programme, people, project
):
    path = tmp_path / "gevinster.csv"
    path.write_bytes("Beløp i mill. kr;;\r\nHva;2026;2027\r\nDigitalt tilsyn;-1,25;-0,5\r\n".encode("cp1252"))
    err, _message = refused(path)
    assert "Overskriftsraden (rad 2: «Hva», «2026», «2027») har ingen kolonne som navngir tiltakene" in err
    assert "  Svar med kolonnens rolle, f.eks. «kolonne A: tiltak»" in err
    mapping = answers(tmp_path, "kolonne A: tiltak\nfortegn: negativ er gevinst\n")
    run(path, "--mapping", mapping)
    benefit = Benefit.objects.get(project=project)
    assert {y.year: y.planned for y in benefit.plan_years.all()} == {2026: 1_250_000, 2027: 500_000}


def test_a_json_mapping_file_answers_as_the_lines_do(tmp_path, programme, people, kultur):
    mapping = answers(
        tmp_path,
        json.dumps(
            {"fortegn": "negativ er gevinst", "ukoblede": "hopp over", "kolonne «HP 2021»": "ignorer"}
        ),
        "svar.json",
    )
    run(KULTUR, "--mapping", mapping)
    assert planned_by_year() == dict.fromkeys(range(2018, 2021), 440_000)


def test_a_user_who_may_not_register_projects_makes_no_proposals(tmp_path, programme, people, kultur):
    mapping = answers(tmp_path, "fortegn: negativ er gevinst\nukoblede: forslag\ndelprogram: Kultur\n")
    err, _message = refused(KULTUR, "--mapping", mapping, "--bruker", "politiker")
    assert "Du har ikke lov til å registrere prosjekter, så ingen rad kan bli et forslag." in err
    assert nothing_stored()


def test_proposals_without_a_sub_programme_are_a_question(tmp_path, programme, people, kultur):
    mapping = answers(tmp_path, "fortegn: negativ er gevinst\nukoblede: forslag\n")
    err, _message = refused(KULTUR, "--mapping", mapping, "--bruker", "admin")
    assert (
        "Spørsmål: Radene 7, 8, 10 blir prosjektforslag, men det er ikke valgt noe delprogram for dem." in err
    )
    assert "  Svar med «delprogram: NAVN»; delprogrammene i «Utvikling og bærekraft»: «Kultur»." in err
    assert nothing_stored()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fortegn: kanskje",
            "svar.txt, linje 1: «fortegn» må være «negativ er gevinst» eller «positiv er gevinst»",
        ),
        ("\n# enhet\nenhet: dollar", "svar.txt, linje 3: «dollar» er ingen enhet. Skriv «kroner», «1000 kr»"),
        ("ukoblede: alle", "linje 1: «ukoblede» må være «hopp over» eller «forslag», ikke «alle»."),
        (
            "kolonne Q: tiltak",
            "linje 1: Kolonnefilen nevner kolonnen «Q», som overskriftsraden (rad 6) ikke har",
        ),
        ("kolonne B: plan", "linje 1: «plan» trenger året: f.eks. «plan 2025»."),
        ("kolonne B: sum 2018", "linje 1: «sum 2018» for kolonnen «B» er ingen rolle."),
        ("rad 99: hopp over", "linje 1: Rad 99 er ikke en av gevinstradene under overskriftsraden (rad 6)."),
        ("rad 7: kanskje", "linje 1: «rad 7» må være «prosjekt NAVN», «forslag» eller «hopp over»"),
        ("rad 7: prosjekt Finnes ikke", "linje 1: «Utvikling og bærekraft» har ikke noe prosjekt som heter"),
        ("delprogram: Finnes ikke", "linje 1: «Utvikling og bærekraft» har ikke noe delprogram som heter"),
        ("type: Lykke", "linje 1: Ukjent type «Lykke». Bruk en av: Redusert kostnad"),
        ("overskriftsrad: seks", "linje 1: «overskriftsrad» må være et radnummer, ikke «seks»."),
        ("bare tekst", "linje 1: Linjen har ikke «innstilling: svar»"),
        ("enhet: 1000 kr\nEnhet: kroner", "linje 2: «Enhet» er besvart to ganger, i linje 1 og 2."),
        ('{"enhet": "1000 kr",\n "fortegn": "tja"}', "svar.txt, linje 2: «fortegn» må være"),
    ],
)
def test_a_wrong_mapping_file_is_refused_naming_its_line(tmp_path, programme, kultur, text, message):
    mapping = answers(tmp_path, text)
    _err, said = refused(KULTUR, "--mapping", mapping, "--dry-run")
    assert message in said
    assert nothing_stored()


def test_the_products_own_layout_still_imports_at_once(tmp_path, programme, people, project):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx([["Digitalt tilsyn", "Færre nattilsyn", "Redusert kostnad", "", 1_000_000]]))
    out, _err = run(path, "--dry-run")
    assert "Enhet: hele kroner (produktets eget oppsett)." in out
    assert "    Plan 2026: 1000000 → 1 000 000 kr" in out
    assert nothing_stored()
    out, _err = run(path, "--bruker", "admin")
    assert "Gevinstplanen er importert: 1 nye, 0 endret, 0 uendret." in out
    assert BenefitPlanYear.objects.get(year=2026).planned == 1_000_000


def test_the_readmes_example_answers_file_imports_kristiansand_oppvekst(tmp_path, programme, people):
    SubProgrammeFactory(programme=programme, name="Oppvekst")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**From the command line**") :]
    example = section[
        section.index("```text\n") + len("```text\n") : section.index("```\n", section.index("```text"))
    ]
    mapping = answers(tmp_path, "\n".join(line.strip() for line in example.splitlines()))
    out, _err = run(OPPVEKST, "--mapping", mapping, "--bruker", "admin")
    assert "3 prosjektforslag ble registrert i «Oppvekst»." in out
    assert planned_by_year() == {2018: 950_000, 2019: 1_880_000, 2020: 7_960_000, 2021: 13_980_000}


def test_a_mapping_file_names_the_ledgers_columns_and_the_dry_run_sums_the_withdrawals(
    tmp_path, programme, people, project
):
    """The gains ledger from the command line: «kolonne E: uttak 2026» maps a column whose header says
    nothing of a withdrawal; the dry run prints the withdrawals and operating costs it would store."""
    path = tmp_path / "helse.xlsx"
    path.write_bytes(
        xlsx(
            [["Digitalt tilsyn", "Hjemmetjenesten", "1 500", "100", "1 200"]],
            header=["Tiltak", "Enhet", "Plan 2026", "Driftskostnad 2026", "Kutt i ramme 2026"],
        )
    )
    mapping = answers(tmp_path, "enhet: 1000 kr\nkolonne E: uttak 2026\n")
    out, _err = run(path, "--mapping", mapping, "--dry-run")
    assert "Uttak i budsjett som lagres, per år: 2026: 1 200 000 kr." in out
    assert "Driftskostnader som lagres, per år: 2026: 100 000 kr." in out
    assert nothing_stored()
    wrong = answers(tmp_path, "kolonne E: kutt 2026\n", "feil.txt")
    _err, said = refused(path, "--mapping", wrong, "--dry-run")
    assert "«driftskostnad ÅÅÅÅ», «uttak ÅÅÅÅ»" in said
    out, _err = run(path, "--mapping", mapping)
    year = BenefitPlanYear.objects.get(year=2026)
    assert (year.planned, year.operating_cost, year.withdrawal) == (1_500_000, 100_000, 1_200_000)
