"""Demo data for goals and scorecards: the master plan's goals, the demo projects' links to them, and three
scorecards over 2022–2025 with values in every form municipalities write (written for the demo)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from programmes.demo import ProgrammeDemo, Tally, upsert

from . import services, values
from .excel import RESULT, TARGET, IndicatorRow, ParsedCell, ParsedScorecard
from .models import Goal, ProjectGoal, Scorecard
from .values import Direction

# (code, title, description, sub-goals as (code, title, description))
GOALS: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "1",
        "Gode liv i trygge lokalsamfunn",
        "Innbyggerne skal ha gode tjenester nær der de bor, og mulighet til å mestre eget liv i alle aldre.",
        (
            (
                "1.1",
                "Innbyggerne kan bo trygt hjemme så lenge som mulig",
                "Flere eldre bor hjemme med tjenester som gir trygghet og mestring, og færre trenger sykehjemsplass.",
            ),
            (
                "1.2",
                "Barn og unge får tidlig hjelp og et godt oppvekstmiljø",
                "Utfordringer fanges opp tidlig, og barnehage og skole har et godt og likeverdig tilbud.",
            ),
            (
                "1.3",
                "Kommunen er tilgjengelig og lett å ha med å gjøre",
                "Innbyggerne får svar raskt, forstår vedtakene de får, og kan medvirke i saker som angår dem.",
            ),
        ),
    ),
    (
        "2",
        "En bærekraftig kommuneøkonomi",
        "Økonomien skal gi handlingsrom til å møte flere eldre og endrede behov uten å svekke tjenestene.",
        (
            (
                "2.1",
                "Netto driftsresultat på minst 1,75 % av driftsinntektene",
                "Kommunen bygger opp disposisjonsfond og tåler uforutsette utgifter.",
            ),
            (
                "2.2",
                "Færre og bedre brukte kvadratmeter",
                "Kommunen eier og leier bare de arealene tjenestene trenger, og bruker dem effektivt.",
            ),
        ),
    ),
    (
        "3",
        "Et klimavennlig samfunn",
        "Kommunen går foran i omstillingen til et lavutslippssamfunn.",
        (
            (
                "3.1",
                "Klimagassutslippene fra egen drift er halvert innen 2030",
                "Utslippene fra kommunens bygg, kjøretøy og innkjøp reduseres år for år.",
            ),
            (
                "3.2",
                "Lavere energibruk i kommunale bygg",
                "Energibruken per kvadratmeter går ned gjennom styring, ENØK-tiltak og færre kvadratmeter.",
            ),
        ),
    ),
    (
        "4",
        "En attraktiv arbeidsgiver med riktig kompetanse",
        "Kommunen rekrutterer og beholder de medarbeiderne tjenestene trenger.",
        (
            (
                "4.1",
                "Heltid er hovedregelen",
                "Flere ansatte har hel stilling, og færre vakter dekkes av innleie.",
            ),
            (
                "4.2",
                "Lavt sykefravær og et godt arbeidsmiljø",
                "Sykefraværet går ned, og medarbeiderne trives og utvikler seg.",
            ),
            (
                "4.3",
                "Medarbeiderne tar i bruk ny teknologi",
                "Ansatte har den digitale kompetansen nye arbeidsformer krever.",
            ),
        ),
    ),
)

LOW, MEDIUM, HIGH = "low", "medium", "high"

# project name -> (goal code, expected contribution, how)
PROJECT_GOALS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Digital innbyggerdialog med chatbot": (
        ("1.3", HIGH, "Svar på enkle spørsmål hele døgnet, og kortere kø på telefon."),
        ("2", MEDIUM, "Frigjør tid i servicetorget tilsvarende om lag ett årsverk."),
    ),
    "Selvbetjening i byggesak": (
        ("1.3", HIGH, "Komplette søknader og halvert saksbehandlingstid for enkle tiltak."),
    ),
    "Min side for innbyggere": (("1.3", MEDIUM, "Ett sted å se egne saker, fakturaer og vedtak."),),
    "Klart språk i vedtaksbrev": (
        ("1.3", MEDIUM, "Vedtak innbyggerne forstår gir færre klager og telefoner."),
    ),
    "Digital medvirkning i planarbeid": (("1.3", LOW, "Bredere medvirkning tidlig i planprosessene."),),
    "Heltidskultur i helse og velferd": (
        ("4.1", HIGH, "Hele stillinger som hovedregel i turnus."),
        ("2", MEDIUM, "Mindre innleie og overtid."),
    ),
    "Systematisk sykefraværsoppfølging": (("4.2", HIGH, "Tettere oppfølging gir lavere sykefravær."),),
    "Digital rekruttering og onboarding": (
        ("4", MEDIUM, "Raskere ansettelser og en bedre start for nyansatte."),
        ("4.3", LOW, "Nyansatte lærer de digitale verktøyene fra første dag."),
    ),
    "Lederutvikling for førstelinjeledere": (
        ("4.2", MEDIUM, "Ledere som følger opp arbeidsmiljø og nærvær."),
    ),
    "Digitalt tilsyn på natt": (
        ("1.1", HIGH, "Brukerne sover uforstyrret og får hjelp når de trenger det."),
        ("4.3", MEDIUM, "Nattevaktene bruker sensorer og kamera i stedet for faste runder."),
    ),
    "Elektroniske medisindispensere i hjemmetjenesten": (
        ("1.1", HIGH, "Brukerne tar medisinene selv til riktig tid."),
        ("2", MEDIUM, "Færre besøk bare for medisinering."),
    ),
    "Ruteoptimalisering i hjemmetjenesten": (
        ("1.1", MEDIUM, "Mer tid hos brukerne og mindre tid i bil."),
        ("3.1", LOW, "Kortere kjøring gir lavere utslipp."),
    ),
    "Felles responssenter for trygghetsalarmer": (("1.1", MEDIUM, "Raskere og tryggere svar på alarmer."),),
    "Hverdagsrehabilitering": (("1.1", HIGH, "Flere klarer seg selv etter sykdom eller fall."),),
    "Arealeffektivisering av administrasjonsbygg": (
        ("2.2", HIGH, "Administrasjonen samles i to bygg, og ett leiebygg sies opp."),
        ("3.2", MEDIUM, "Færre kvadratmeter å varme opp."),
    ),
    "Energisparing i formålsbygg": (
        ("3.2", HIGH, "Varmepumper, LED og styring gir lavere energibruk."),
        ("3.1", MEDIUM, "Mindre fossil oppvarming."),
    ),
    "Sentral driftskontroll for kommunale bygg": (
        ("3.2", HIGH, "Varme og ventilasjon styres etter bruken."),
    ),
    "Avhending av lite brukte eiendommer": (("2.2", HIGH, "Salg av eiendommer kommunen ikke trenger."),),
    "Framtidig skolestruktur": (
        ("1.2", MEDIUM, "Skoler med fagmiljø og gode læringsarealer."),
        ("2.2", MEDIUM, "Riktig kapasitet når elevtallet endrer seg."),
    ),
    "Tidlig innsats i barnehagen": (("1.2", HIGH, "Tverrfaglige team fanger opp barn som trenger hjelp."),),
    "Digitalt skole-hjem-samarbeid": (("1.2", LOW, "Én kanal mellom skole og hjem."),),
}

# (area, perspective, indicator, unit, direction or None to let the import infer it, goal code,
#  {year: (target, result)})
Row = tuple[str, str, str, str, str | None, str, dict[int, tuple[str, str]]]

SCORECARDS: tuple[dict[str, Any], ...] = (
    {
        "title": "120: Økonomi og administrasjon",
        "service_area": "Administrasjon og fellestjenester",
        "function_code": "120",
        "owner": "linda.johansen",
        "description": "Målekortet for administrasjon, økonomi og servicetorget, slik det står i årsrapporten.",
        "rows": (
            (
                "Administrasjon",
                "Økonomi",
                "Netto driftsresultat i prosent av driftsinntektene",
                "%",
                "høyere er bedre",
                "2.1",
                {
                    2022: ("1,75 %", "2,1 %"),
                    2023: ("1,75 %", "-0,4 %"),
                    2024: ("1,75 %", "0,9 %"),
                    2025: ("1,75 %", "1,9 %"),
                },
            ),
            (
                "Administrasjon",
                "Økonomi",
                "Endring i utgifter til vikarer fra året før",
                "%",
                "lavere er bedre",
                "",
                {
                    2022: ("-5 %", "3 %"),
                    2023: ("-5 %", "-21%"),
                    2024: ("-5 %", "-8 %"),
                    2025: ("-5 %", "Ikke målt"),
                },
            ),
            (
                "Administrasjon",
                "Økonomi",
                "Merknader i revisjonsberetningen",
                "antall",
                "lavere er bedre",
                "",
                {2022: ("0", "0"), 2023: ("0", "1"), 2024: ("0", "0"), 2025: ("0", "0")},
            ),
            (
                "Servicetorget",
                "Tjenestekvalitet",
                "Innbyggernes tilfredshet med kommunens service",
                "skala 1–6",
                "høyere er bedre",
                "1.3",
                {
                    2022: ("4,5", "4,3"),
                    2023: ("4,5", "4,53"),
                    2024: ("4,5", "4,6"),
                    2025: ("4,6", "Ikke målt"),
                },
            ),
            (
                "Servicetorget",
                "Tjenestekvalitet",
                "Telefoner besvart innen 60 sekunder",
                "%",
                None,
                "1.3",
                {
                    2022: (">85 %", "82 %"),
                    2023: (">85 %", "88 %"),
                    2024: (">85 %", "91 %"),
                    2025: (">90 %", "93 %"),
                },
            ),
            (
                "Servicetorget",
                "Tjenestekvalitet",
                "Gjennomsnittlig ventetid i telefonkø",
                "min",
                "lavere er bedre",
                "",
                {
                    2022: ("5 min", "15 min"),
                    2023: ("5 min", "9 min"),
                    2024: ("5 min", "6 min"),
                    2025: ("5 min", "4 min"),
                },
            ),
            (
                "Servicetorget",
                "Samfunn",
                "Henvendelser besvart digitalt",
                "antall",
                None,
                "1.3",
                {
                    2022: ("", "12 400"),
                    2023: ("30 000", "39 083"),
                    2024: ("40 000", "41 250"),
                    2025: ("45 000", ""),
                },
            ),
            (
                "Servicetorget",
                "Samfunn",
                "Besøk på kommunens nettsider",
                "antall",
                "høyere er bedre",
                "",
                {
                    2022: ("600 000", "610 000 (pga pandemi)"),
                    2023: ("500 000", "488 900"),
                    2024: ("500 000", "512 300"),
                    2025: ("", "530 000"),
                },
            ),
            (
                "Administrasjon",
                "Samfunn",
                "Plassering i fylkets digitaliseringsindeks",
                "",
                None,
                "4.3",
                {
                    2022: ("1. plass", "3. plass"),
                    2023: ("1. plass", "2. plass"),
                    2024: ("1. plass", "1. plass"),
                    2025: ("1. plass", "1. plass"),
                },
            ),
            (
                "Administrasjon",
                "Medarbeider",
                "Sykefravær",
                "%",
                None,
                "4.2",
                {
                    2022: ("<6 %", "7,2 %"),
                    2023: ("<6 %", "6,8 %"),
                    2024: ("<6 %", "6,1 %"),
                    2025: ("<6 %", "5,9 %"),
                },
            ),
            (
                "Administrasjon",
                "Medarbeider",
                "Medarbeidertilfredshet (10-FAKTOR)",
                "skala 1–5",
                "høyere er bedre",
                "4.2",
                {
                    2022: ("4,3", "Ikke målt"),
                    2023: ("4,3", "4,2"),
                    2024: ("4,3", "Ikke målt"),
                    2025: ("4,3", "4,4"),
                },
            ),
        ),
    },
    {
        "title": "254: Helse og omsorg i hjemmet",
        "service_area": "Hjemmetjenester og hverdagsrehabilitering",
        "function_code": "254",
        "owner": "randi.kristiansen",
        "description": "Hjemmetjenesten og hverdagsrehabiliteringen: kvalitet, økonomi og bemanning.",
        "rows": (
            (
                "Hjemmetjenesten",
                "Tjenestekvalitet",
                "Brukertilfredshet i hjemmetjenesten",
                "skala 1–6",
                "høyere er bedre",
                "1.1",
                {2022: ("4,8", "4,7"), 2023: ("4,8", "4,9"), 2024: ("4,8", "Ikke målt"), 2025: ("5", "5,0")},
            ),
            (
                "Hjemmetjenesten",
                "Tjenestekvalitet",
                "Responstid ved trygghetsalarm",
                "min",
                "lavere er bedre",
                "1.1",
                {
                    2022: ("15 min", "22 min"),
                    2023: ("15 min", "18 min"),
                    2024: ("15 min", "14 min"),
                    2025: ("12 min", "12 min"),
                },
            ),
            (
                "Hjemmetjenesten",
                "Tjenestekvalitet",
                "Brukere med elektronisk medisindispenser",
                "%",
                None,
                "1.1",
                {
                    2022: (">20 %", "12 %"),
                    2023: (">30 %", "27 %"),
                    2024: (">40 %", "44 %"),
                    2025: (">50 %", "58 %"),
                },
            ),
            (
                "Hjemmetjenesten",
                "Økonomi",
                "Netto driftsutgifter per innbygger 67 år og over",
                "kr",
                None,
                "2",
                {
                    2022: ("<39 000", "39 083"),
                    2023: ("<39 000", "38 540"),
                    2024: ("<38 500", "37 950"),
                    2025: ("<38 500", "Ikke målt"),
                },
            ),
            (
                "Hjemmetjenesten",
                "Medarbeider",
                "Andel heltidsstillinger",
                "%",
                "høyere er bedre",
                "4.1",
                {
                    2022: ("45 %", "38 %"),
                    2023: ("50 %", "44 %"),
                    2024: ("55 %", "52 %"),
                    2025: ("60 %", "58 %"),
                },
            ),
            (
                "Hjemmetjenesten",
                "Medarbeider",
                "Sykefravær",
                "%",
                None,
                "4.2",
                {
                    2022: ("<8 %", "10,4 %"),
                    2023: ("<8 %", "9,8 %"),
                    2024: ("<8 %", "8,9 %"),
                    2025: ("<8 %", "7,6 %"),
                },
            ),
            (
                "Hverdagsrehabilitering",
                "Samfunn",
                "Innbyggere over 80 år som bor hjemme",
                "%",
                None,
                "1.1",
                {
                    2022: ("≥92 %", "90 %"),
                    2023: ("≥92 %", "91 %"),
                    2024: ("≥92 %", "92,5 %"),
                    2025: ("≥92 %", "93 %"),
                },
            ),
            (
                "Hverdagsrehabilitering",
                "Tjenestekvalitet",
                "Brukere som klarer seg uten hjemmetjeneste etter rehabilitering",
                "%",
                "høyere er bedre",
                "1.1",
                {
                    2022: ("50 %", "Ikke målt"),
                    2023: ("50 %", "41 %"),
                    2024: ("50 %", "48 %"),
                    2025: ("50 %", "55 %"),
                },
            ),
        ),
    },
    {
        "title": "121/130: Eiendom og administrasjonslokaler",
        "service_area": "Eiendomsforvaltning",
        "function_code": "121/130",
        "owner": "morten.strand",
        "description": "Kommunens bygg: kostnader, arealbruk, energi og tilstand.",
        "rows": (
            (
                "Eiendom",
                "Økonomi",
                "Energikostnad per kvadratmeter",
                "kr per m²",
                None,
                "3.2",
                {2022: ("<205", "226"), 2023: ("<205", "212"), 2024: ("<205", "194"), 2025: ("<200", "188")},
            ),
            (
                "Eiendom",
                "Økonomi",
                "Administrasjonsareal per innbygger",
                "m²",
                None,
                "2.2",
                {
                    2022: ("<0,7", "0,82"),
                    2023: ("<0,7", "0,79"),
                    2024: ("<0,7", "0,71"),
                    2025: ("<0,7", "0,66"),
                },
            ),
            (
                "Eiendom",
                "Samfunn",
                "Bookinger av kommunale lokaler per uke",
                "antall",
                None,
                "",
                {
                    2022: (">170", "120"),
                    2023: (">170", "148"),
                    2024: (">170", "175"),
                    2025: (">170", "Ikke målt"),
                },
            ),
            (
                "Eiendom",
                "Tjenestekvalitet",
                "Tilstandsgrad for formålsbygg",
                "skala 0–3",
                None,
                "",
                {2022: ("≤1,5", "1,8"), 2023: ("≤1,5", "1,7"), 2024: ("≤1,5", "1,6"), 2025: ("≤1,5", "1,5")},
            ),
            (
                "Eiendom",
                "Tjenestekvalitet",
                "Oppetid for sentral driftskontroll",
                "%",
                "høyere er bedre",
                "3.2",
                {
                    2022: ("", ""),
                    2023: ("99,9 %", "99,7 %"),
                    2024: ("99,9 %", "99,9 %"),
                    2025: ("99,9 %", "99,95 %"),
                },
            ),
            (
                "Eiendom",
                "Medarbeider",
                "Sykefravær i drift og vedlikehold",
                "%",
                "lavere er bedre",
                "4.2",
                {
                    2022: ("7 %", "8,1 %"),
                    2023: ("7 %", "7,4 %"),
                    2024: ("7 %", "6,9 %"),
                    2025: ("7 %", "6,5 %"),
                },
            ),
        ),
    },
)


def parsed_rows(rows: tuple[Row, ...]) -> ParsedScorecard:
    """The demo rows as the Excel import would read them (directions left out are inferred the same way)."""
    parsed = ParsedScorecard()
    for number, (area, perspective, name, unit, direction, _goal, by_year) in enumerate(rows, start=2):
        item = IndicatorRow(number, area, perspective, name, unit, Direction.HIGHER)
        for year, (target, result) in by_year.items():
            item.covered |= {(TARGET, year), (RESULT, year)}
            for text, into in ((target, item.targets), (result, item.results)):
                value = values.parse_value(text)
                if value is not None:
                    into[year] = ParsedCell(text, value)
        if direction:
            item.direction = Direction.LOWER if direction.startswith("lav") else Direction.HIGHER
        else:
            item.direction, item.direction_inferred = values.infer_direction(
                *(c.value for c in item.targets.values()), *(c.value for c in item.results.values())
            )
        parsed.rows.append(item)
    return parsed


def seed_goals(demo: ProgrammeDemo, tally: Tally) -> dict[str, Goal]:
    goals: dict[str, Goal] = {}
    admin = demo.users["admin"]
    for position, (code, title, description, children) in enumerate(GOALS, start=1):
        goal = upsert(
            Goal,
            match={"programme": demo.programme, "code": code},
            values={
                "programme": demo.programme,
                "code": code,
                "title": title,
                "description": description,
                "parent": None,
                "position": position * 10,
            },
            tally=tally,
            label=_("master-plan goals"),
            created_by=admin,
        )
        goals[code] = goal
        for sub_position, (sub_code, sub_title, sub_description) in enumerate(children, start=1):
            goals[sub_code] = upsert(
                Goal,
                match={"programme": demo.programme, "code": sub_code},
                values={
                    "programme": demo.programme,
                    "code": sub_code,
                    "title": sub_title,
                    "description": sub_description,
                    "parent": goal,
                    "position": position * 10 + sub_position,
                },
                tally=tally,
                label=_("master-plan goals"),
                created_by=admin,
            )
    return goals


def seed_scorecards(demo: ProgrammeDemo, tally: Tally) -> list[Scorecard]:
    """Goals, project links and scorecards of the demo programme; running it again changes nothing."""
    goals = seed_goals(demo, tally)
    for project_name, links in PROJECT_GOALS.items():
        project = demo.projects[project_name]
        for code, strength, statement in links:
            upsert(
                ProjectGoal,
                match={"project": project, "goal": goals[code]},
                values={
                    "project": project,
                    "goal": goals[code],
                    "statement": statement,
                    "strength": strength,
                },
                tally=tally,
                label=_("project goals"),
                created_by=project.leader,
            )
    scorecards = []
    for spec in SCORECARDS:
        owner = demo.users[spec["owner"]]
        years = sorted({year for row in spec["rows"] for year in row[6]})
        scorecard = upsert(
            Scorecard,
            match={"title__iexact": spec["title"]},
            values={
                "title": spec["title"],
                "service_area": spec["service_area"],
                "function_code": spec["function_code"],
                "description": spec["description"],
                "owner": owner,
                "first_year": years[0],
                "last_year": years[-1],
            },
            tally=tally,
            label=_("scorecards"),
            created_by=owner,
        )
        summary = services.scorecard_import(scorecard=scorecard, parsed=parsed_rows(spec["rows"]), user=owner)
        for outcome, count in (
            ("created", summary.created),
            ("updated", summary.updated),
            ("unchanged", summary.unchanged),
        ):
            for _row in range(count):
                tally.add(_("indicators"), outcome)
        for outcome, count in (
            ("created", summary.values_created),
            ("updated", summary.values_updated),
            ("unchanged", summary.values_unchanged),
        ):
            for _row in range(count):
                tally.add(_("indicator values"), outcome)
        by_name = {i.name: i for i in scorecard.indicators.all()}
        for _area, _perspective, name, _unit, _direction, code, _years in spec["rows"]:
            indicator = by_name.get(name)
            goal = goals.get(code)
            if indicator is not None and indicator.goal_id != (goal.pk if goal else None):
                indicator.goal = goal
                indicator._history_user = owner
                indicator.save(update_fields=["goal"])
        scorecards.append(scorecard)
    return scorecards
