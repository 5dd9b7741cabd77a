"""The demo story's gains: benefits with four-year plans for every demo project, realised figures for 2026
(some behind plan), the economic-plan period 2026–2029 followed by the gains ledger until 2031, and the
savings targets.

The ledger's figures are as a municipality would set them: the budget withdrawal (uttak i budsjett) is
what the finance department took out of the unit's budget in the annual budget, usually the planned gain
(one where the gain came later than budgeted, so the withdrawal exceeds what is realised and the page warns);
the operating cost is the licence or service agreement the change brings; the range is the owner's own
estimate of how far the gain may go either way."""

from __future__ import annotations

from typing import NamedTuple

from benefits.models import BenefitKind

K = BenefitKind
PLAN_START = 2026
PLAN_YEARS = 4
HORIZON_YEARS = 6  # the ledger follows the gains two years beyond the economic plan
PROGRAMME_TARGET = 25_000_000  # «minst 25 mill. kr» a year, as the council asked for
SUB_PROGRAMME_TARGETS = {"Velferd og teknologi": 9_000_000, "Smarte areal og bygg": 8_000_000}


class DemoBenefit(NamedTuple):
    title: str
    kind: str
    owner: str  # a key of demo.story.people.LINE_LEADERS
    unit: str
    plan: tuple[int | str, ...]  # 2026–2029; str for non-financial values with decimals
    realised_2026: int | str | None = None
    # The budget withdrawal per year from 2026 (financial gains only); None: nothing taken out.
    withdrawal: tuple[int | None, ...] | None = None
    unit_of_measure: str = ""
    measurement: str = ""
    operating_cost: tuple[int | None, ...] | None = None  # per year from 2026
    range_percent: tuple[int, int] | None = None  # (low, high) in % of expected
    later: tuple[int | str, ...] = ()  # planned for the ledger's years after the economic plan


# By project name. Realised 2026 is what the owners have registered by November; a figure below the plan
# puts the benefit behind plan in the overviews.
BENEFITS: dict[str, tuple[DemoBenefit, ...]] = {
    "Digital innbyggerdialog med chatbot": (
        DemoBenefit(
            "Færre telefonhenvendelser til servicetorget",
            K.REDUCED_COST,
            "kommunikasjons- og servicesjef",
            "Servicetorget",
            (1_200_000, 1_400_000, 1_500_000, 1_500_000),
            1_050_000,
            (1_200_000, 1_400_000, 1_500_000, 1_500_000),
            operating_cost=(250_000, 250_000, 250_000, 250_000),
            range_percent=(70, 110),
            later=(1_500_000, 1_500_000),
            measurement="Antall samtaler i telefonsystemet per måned mot 2021-nivå.",
        ),
        DemoBenefit(
            "Svar hele døgnet",
            K.QUALITY,
            "kommunikasjons- og servicesjef",
            "Servicetorget",
            ("30", "35", "40", "40"),
            "26",
            unit_of_measure="% besvart digitalt",
        ),
    ),
    "Selvbetjening i byggesak": (
        DemoBenefit(
            "Mindre manuell registrering i byggesak",
            K.REDUCED_COST,
            "kommunalsjef samfunnsutvikling",
            "Byggesak",
            (600_000, 900_000, 1_000_000, 1_000_000),
            350_000,
        ),
        DemoBenefit(
            "Kortere saksbehandlingstid",
            K.TIME_SAVED,
            "kommunalsjef samfunnsutvikling",
            "Byggesak",
            ("2000", "3500", "4000", "4000"),
            "1200",
            unit_of_measure="timer",
        ),
    ),
    "Min side for innbyggere": (
        DemoBenefit(
            "Færre henvendelser om status i saker",
            K.AVOIDED_COST,
            "digitaliseringssjef",
            "Servicetorget",
            (0, 400_000, 800_000, 900_000),
        ),
    ),
    "Klart språk i vedtaksbrev": (
        DemoBenefit(
            "Færre klagesaker på uklare vedtak",
            K.REDUCED_COST,
            "kommunikasjons- og servicesjef",
            "Alle tjenester",
            (300_000, 300_000, 300_000, 300_000),
            300_000,
            (300_000, 300_000, 300_000, 300_000),
        ),
    ),
    "Digital medvirkning i planarbeid": (
        DemoBenefit(
            "Færre innsigelser sent i planprosessen",
            K.AVOIDED_COST,
            "kommunalsjef samfunnsutvikling",
            "Plan",
            (0, 150_000, 250_000, 250_000),
        ),
    ),
    "Heltidskultur i helse og velferd": (
        DemoBenefit(
            "Mindre innleie og overtid",
            K.REDUCED_COST,
            "kommunalsjef helse og velferd",
            "Helse og velferd",
            (2_000_000, 3_000_000, 3_000_000, 3_000_000),
            1_400_000,
            (1_400_000, 2_500_000, 3_000_000, 3_000_000),
            range_percent=(60, 115),
            later=(3_000_000, 3_000_000),
            measurement="Regnskapsført innleie og overtid mot 2021.",
        ),
        DemoBenefit(
            "Flere ansatte i hel stilling",
            K.QUALITY,
            "kommunalsjef helse og velferd",
            "Helse og velferd",
            ("50", "55", "60", "60"),
            "47",
            unit_of_measure="% heltid",
        ),
    ),
    "Systematisk sykefraværsoppfølging": (
        DemoBenefit(
            "Lavere vikarutgifter ved sykefravær",
            K.REDUCED_COST,
            "HR-sjef",
            "Alle enheter",
            (2_500_000, 2_500_000, 2_500_000, 2_500_000),
            2_650_000,
            (2_500_000, 2_500_000, 2_500_000, 2_500_000),
        ),
    ),
    "Digital rekruttering og onboarding": (
        DemoBenefit(
            "Mindre tid brukt på rekruttering",
            K.TIME_SAVED,
            "HR-sjef",
            "HR",
            ("0", "1500", "2500", "2500"),
            unit_of_measure="timer",
        ),
        DemoBenefit(
            "Lavere annonsekostnader", K.REDUCED_COST, "HR-sjef", "HR", (0, 250_000, 300_000, 300_000)
        ),
    ),
    "Lederutvikling for førstelinjeledere": (
        DemoBenefit(
            "Bedre skår på ledelse i medarbeiderundersøkelsen",
            K.QUALITY,
            "HR-sjef",
            "Alle enheter",
            ("4,3", "4,4", "4,5", "4,5"),
            "4,4",
            unit_of_measure="skår 1–6",
        ),
    ),
    "Fagbrev på jobb i helse og velferd": (
        DemoBenefit(
            "Mindre innleie av helsefagarbeidere",
            K.AVOIDED_COST,
            "kommunalsjef helse og velferd",
            "Helse og velferd",
            (0, 500_000, 1_000_000, 1_200_000),
        ),
    ),
    "Digitalt tilsyn på natt": (
        DemoBenefit(
            "Færre fysiske nattilsyn",
            K.REDUCED_COST,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            (1_800_000, 1_800_000, 1_800_000, 1_800_000),
            1_800_000,
            (1_800_000, 1_800_000, 1_800_000, 1_800_000),
            operating_cost=(350_000, 350_000, 350_000, 350_000),
            range_percent=(85, 105),
        ),
        DemoBenefit(
            "Bedre søvn for brukerne",
            K.QUALITY,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            ("80", "85", "85", "85"),
            "82",
            unit_of_measure="% som sover bedre",
        ),
    ),
    "Elektroniske medisindispensere i hjemmetjenesten": (
        DemoBenefit(
            "Færre medisinbesøk",
            K.REDUCED_COST,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            (2_400_000, 4_000_000, 4_500_000, 4_500_000),
            1_600_000,
            None,
            operating_cost=(600_000, 900_000, 1_000_000, 1_000_000),
            range_percent=(70, 110),
            later=(4_500_000, 4_500_000),
            measurement="Antall medisinbesøk i fagsystemet mot 2022.",
        ),
        DemoBenefit(
            "Unngått vekst i hjemmetjenesten",
            K.AVOIDED_COST,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            (1_000_000, 2_000_000, 2_500_000, 3_000_000),
            600_000,
        ),
    ),
    "Ruteoptimalisering i hjemmetjenesten": (
        DemoBenefit(
            "Mindre kjøring i hjemmetjenesten",
            K.REDUCED_COST,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            (0, 700_000, 1_100_000, 1_100_000),
        ),
        DemoBenefit(
            "Lavere utslipp fra tjenestebiler",
            K.ENVIRONMENT,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            ("0", "12", "18", "18"),
            unit_of_measure="tonn CO₂",
        ),
    ),
    "Felles responssenter for trygghetsalarmer": (
        DemoBenefit(
            "Færre utrykninger på falske alarmer",
            K.AVOIDED_COST,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            (0, 0, 1_200_000, 1_500_000),
        ),
    ),
    "Hverdagsrehabilitering": (
        DemoBenefit(
            "Færre varige hjemmetjenester",
            K.AVOIDED_COST,
            "kommunalsjef helse og velferd",
            "Hjemmetjenesten",
            (3_000_000, 3_000_000, 3_000_000, 3_000_000),
            2_200_000,
            (3_000_000, 3_000_000, 3_000_000, 3_000_000),
        ),
    ),
    "Arealeffektivisering av administrasjonsbygg": (
        DemoBenefit(
            "Oppsagte leiekontrakter",
            K.REDUCED_COST,
            "eiendomssjef",
            "Eiendom",
            (1_500_000, 4_000_000, 4_000_000, 4_000_000),
            1_500_000,
            (1_500_000, 4_000_000, 4_000_000, 4_000_000),
            later=(4_000_000, 4_000_000),
        ),
        DemoBenefit(
            "Lavere driftskostnader for kontorbygg",
            K.REDUCED_COST,
            "eiendomssjef",
            "Eiendom",
            (500_000, 2_000_000, 2_000_000, 2_000_000),
            300_000,
        ),
        DemoBenefit(
            "Utleie av frigjort areal",
            K.MORE_INCOME,
            "eiendomssjef",
            "Eiendom",
            (0, 800_000, 1_200_000, 1_200_000),
        ),
    ),
    "Energisparing i formålsbygg": (
        DemoBenefit(
            "Lavere energikostnader",
            K.REDUCED_COST,
            "eiendomssjef",
            "Eiendom",
            (4_500_000, 4_500_000, 4_800_000, 4_800_000),
            3_900_000,
            (4_000_000, 4_500_000, 4_800_000, 4_800_000),
            operating_cost=(150_000, 150_000, 150_000, 150_000),
            range_percent=(75, 120),
            measurement="Målt energibruk i EOS mot 2021, ganget med gjennomsnittlig strømpris.",
        ),
        DemoBenefit(
            "Redusert energibruk",
            K.ENVIRONMENT,
            "eiendomssjef",
            "Eiendom",
            ("5500", "6000", "6000", "6000"),
            "5100",
            unit_of_measure="MWh",
        ),
    ),
    "Sentral driftskontroll for kommunale bygg": (
        DemoBenefit(
            "Mindre uplanlagt vedlikehold",
            K.AVOIDED_COST,
            "eiendomssjef",
            "Eiendom",
            (0, 600_000, 900_000, 1_000_000),
        ),
    ),
    "Avhending av lite brukte eiendommer": (
        DemoBenefit(
            "Lavere driftskostnader for eiendommer",
            K.REDUCED_COST,
            "økonomisjef",
            "Eiendom",
            (1_500_000, 1_500_000, 1_500_000, 1_500_000),
            1_500_000,
            (1_500_000, 1_500_000, 1_500_000, 1_500_000),
        ),
    ),
    "Digital booking av kommunale lokaler": (
        DemoBenefit(
            "Økte leieinntekter på kveldstid",
            K.MORE_INCOME,
            "eiendomssjef",
            "Kultur",
            (0, 150_000, 250_000, 300_000),
        ),
    ),
    "Framtidig skolestruktur": (
        DemoBenefit(
            "Lavere kostnad per elev",
            K.REDUCED_COST,
            "kommunalsjef oppvekst og kultur",
            "Skole",
            (0, 0, 3_000_000, 6_000_000),
            range_percent=(50, 120),
            later=(6_000_000, 6_000_000),
        ),
    ),
    "Tidlig innsats i barnehagen": (
        DemoBenefit(
            "Mindre spesialundervisning på 1.–4. trinn",
            K.AVOIDED_COST,
            "kommunalsjef oppvekst og kultur",
            "Skole",
            (500_000, 1_000_000, 1_500_000, 1_500_000),
            200_000,
        ),
        DemoBenefit(
            "Flere barn får hjelp før skolestart",
            K.QUALITY,
            "kommunalsjef oppvekst og kultur",
            "Barnehage",
            ("40", "60", "80", "80"),
            unit_of_measure="barn",
        ),
    ),
    "Digitalt skole-hjem-samarbeid": (
        DemoBenefit(
            "Færre lisenser for meldingsløsninger",
            K.REDUCED_COST,
            "kommunalsjef oppvekst og kultur",
            "Skole",
            (150_000, 350_000, 350_000, 350_000),
        ),
        DemoBenefit(
            "Spart lærertid",
            K.TIME_SAVED,
            "kommunalsjef oppvekst og kultur",
            "Skole",
            ("1000", "3000", "3000", "3000"),
            unit_of_measure="timer",
        ),
    ),
    "Kapasitetsplanlegging i barnehagene": (
        DemoBenefit(
            "Færre midlertidige barnehageløsninger",
            K.AVOIDED_COST,
            "kommunalsjef oppvekst og kultur",
            "Barnehage",
            (0, 500_000, 800_000, 800_000),
        ),
    ),
}
