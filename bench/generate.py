"""Deterministic synthetic portfolio data for benchmarks: one programme, five sub-programmes, N projects.

Usage (in a configured Django process, inside a throwaway database):

    from bench.generate import generate
    data = generate(2_000, seed=0)
    data.programme.get_absolute_url()

The same `n_projects` and `seed` always give the same names, phases, people, dates and amounts (database
ids and timestamps aside). Rows are written with `bulk_create`, so 2,000 projects take well under a second,
and no historical records are written unless `history=True`.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction

from programmes.models import Phase, Programme, Project, SubProgramme

PROGRAMME_NAME = "Omstillingsprogrammet"
PROGRAMME_DESCRIPTION = (
    "Helhetlig og bærekraftig omstilling av kommunens tjenester: bedre tjenester for innbyggerne, "
    "gode arbeidsplasser og en økonomi i balanse."
)

# (name, share of the projects, topics its projects are about)
SUB_PROGRAMMES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    (
        "Innbyggerløftet",
        0.26,
        (
            "Digital innbyggerdialog",
            "Selvbetjening for byggesak",
            "Chatbot for servicetorget",
            "Klart språk i vedtaksbrev",
            "Min side for innbyggere",
            "Digitale skjema",
            "Innbyggerpanel",
            "Frivillighetsportal",
            "Kanalstrategi",
            "Timebestilling på nett",
        ),
    ),
    (
        "Ansattløftet",
        0.14,
        (
            "Heltidskultur",
            "Lederutvikling",
            "Kompetanseløft i digitale verktøy",
            "Nærværsarbeid",
            "Rekruttering av sykepleiere",
            "Felles onboarding",
            "Turnusplanlegging",
            "Medarbeiderundersøkelse",
        ),
    ),
    (
        "Velferd og teknologi",
        0.31,
        (
            "Digitalt tilsyn",
            "Medisindispensere",
            "Lokaliseringsteknologi",
            "Elektronisk dørlås",
            "Digital hjemmeoppfølging",
            "Hverdagsrehabilitering",
            "Responssenter",
            "Sensorteknologi i sykehjem",
            "Velferdsteknologisk knutepunkt",
            "Digitale tilsynsrunder",
            "Samhandling med fastlegene",
        ),
    ),
    (
        "Smarte areal og bygg",
        0.11,
        (
            "Arealeffektivisering",
            "Energisparing",
            "Felles møteromsbooking",
            "Sambruk av skolebygg",
            "Solceller på tak",
            "Digital tvilling av bygningsmassen",
            "Avhending av eiendom",
        ),
    ),
    (
        "Oppvekstløftet",
        0.18,
        (
            "Tidlig innsats",
            "Digital skolehverdag",
            "Helsestasjon for ungdom",
            "Barnehageopptak",
            "Tverrfaglig oppfølging av barn",
            "Fritidskortet",
            "Leksehjelp",
            "Skolevegring",
        ),
    ),
)

# Where a project works and what stage of the work it is: a topic, an area and a qualifier make a name.
AREAS: tuple[str, ...] = (
    "i hjemmetjenesten",
    "i sone nord",
    "i sone sør",
    "i sentrum",
    "på rådhuset",
    "i skolene",
    "i barnehagene",
    "i sykehjemmene",
    "i NAV",
    "i teknisk drift",
    "for eldre",
    "for ungdom",
    "for næringslivet",
)
QUALIFIERS: tuple[str, ...] = (
    "",
    " – forprosjekt",
    " – utredning",
    " – pilot",
    " – innføring",
    " – fase 2",
    " – anskaffelse",
    " – gevinstrealisering",
)

# Share of the projects in each phase: most are being planned or carried out, few are closed.
PHASE_WEIGHTS: tuple[tuple[Phase, float], ...] = (
    (Phase.IDEA, 0.14),
    (Phase.CONCEPT, 0.14),
    (Phase.PLANNING, 0.20),
    (Phase.EXECUTION, 0.30),
    (Phase.REALISATION, 0.13),
    (Phase.CLOSED, 0.09),
)

FIRST_NAMES: tuple[str, ...] = (
    "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg", "Hilde",
    "Nora", "Emma", "Sofie", "Ida", "Silje", "Camilla", "Åse", "Solveig", "Randi",
    "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Hans", "Geir",
    "Jonas", "Magnus", "Håkon", "Sindre", "Øystein", "Tor", "Morten", "Espen", "Trond",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen",
    "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen",
    "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen",
    "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen",
    "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Kristensen", "Fredriksen",
    "Holm", "Lien", "Hauge", "Christensen", "Andresen", "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas",
    "Myhre", "Hanssen", "Ahmed", "Haugland", "Thomassen", "Sivertsen", "Simonsen", "Danielsen", "Berntsen",
    "Sandvik", "Rønning", "Arnesen", "Antonsen", "Næss", "Vik", "Haug", "Ellingsen", "Thorsen", "Edvardsen",
    "Birkeland", "Isaksen", "Gulbrandsen", "Ruud", "Aasen", "Strøm", "Myklebust", "Tangen", "Ødegård",
    "Eliassen", "Helland", "Bøe", "Jenssen", "Aune", "Mikkelsen", "Tveit", "Brekke", "Abrahamsen", "Madsen",
)  # fmt: skip

NEEDS: tuple[str, ...] = (
    "Innbyggerne venter for lenge på svar, og saksbehandlerne bruker tid på manuelle oppslag.",
    "Flere eldre skal kunne bo trygt hjemme lenger, men hjemmetjenesten har ikke flere hender.",
    "Sykefraværet er høyt, og vikarbruken koster mer enn budsjettert.",
    "Byggene brukes lite utenom kontortid, mens nye behov meldes hvert år.",
    "Barn og unge som trenger hjelp, fanges for sent opp fordi tjenestene ikke snakker sammen.",
    "Energikostnadene har økt kraftig, og vedlikeholdsetterslepet vokser.",
    "Det er vanskelig å rekruttere fagfolk, og mange ansatte jobber ufrivillig deltid.",
)
GOALS: tuple[str, ...] = (
    "Halvere saksbehandlingstiden innen utgangen av 2026.",
    "Frigjøre 10 årsverk i hjemmetjenesten til direkte brukerrettet arbeid.",
    "Redusere sykefraværet med to prosentpoeng.",
    "Redusere arealbruken med 15 prosent.",
    "Øke andelen heltidsstillinger til 70 prosent.",
    "",
)

# Planned start dates fall in this window; the programme started at its beginning.
PROGRAMME_START = datetime.date(2023, 1, 1)
START_WINDOW_DAYS = 4 * 365
BATCH_SIZE = 500


@dataclass(frozen=True)
class GeneratedPortfolio:
    """What `generate` made: the programme, its sub-programmes in order, and the pool of people."""

    programme: Programme
    sub_programmes: list[SubProgramme]
    users: list
    n_projects: int


def user_pool_size(n_projects: int) -> int:
    """About 30 people for a small portfolio, growing with it up to 100 (≈ 33 at 100, 96 at 2,000)."""
    return max(30, min(100, 30 + n_projects // 30))


def _weighted(rng: random.Random, pairs: Sequence[tuple[object, float]], k: int) -> list:
    return rng.choices([item for item, _ in pairs], weights=[weight for _, weight in pairs], k=k)


def _skewed_weights(rng: random.Random, size: int, exponent: float) -> list[float]:
    """Zipf-like weights in a shuffled order: some people carry several times as many projects as others."""
    weights = [1 / (rank + 1) ** exponent for rank in range(size)]
    rng.shuffle(weights)
    return weights


def _dates(rng: random.Random, phase: str) -> tuple[datetime.date | None, datetime.date | None]:
    """Planned start and end, consistent with the phase: ideas often have none, closed ones are past."""
    if phase in (Phase.IDEA, Phase.CONCEPT) and rng.random() < 0.5:
        return None, None
    if phase == Phase.CLOSED:
        offset = rng.randrange(0, START_WINDOW_DAYS // 2)
    elif phase in (Phase.IDEA, Phase.CONCEPT):
        offset = rng.randrange(START_WINDOW_DAYS // 2, START_WINDOW_DAYS)
    else:
        offset = rng.randrange(0, START_WINDOW_DAYS)
    start = PROGRAMME_START + datetime.timedelta(days=offset)
    end = start + datetime.timedelta(days=rng.randrange(90, 3 * 365))
    return start, end


def _cost(rng: random.Random, phase: str) -> int:
    """Whole kroner, log-normal around 1.5 million, rounded to thousands; early ideas may have no estimate."""
    if phase == Phase.IDEA and rng.random() < 0.4:
        return 0
    return int(round(rng.lognormvariate(14.2, 1.1), -3))


def _resource_need(rng: random.Random) -> Decimal:
    """Person-years with one decimal, mostly between 0.2 and 5."""
    return Decimal(f"{min(max(rng.gammavariate(1.6, 1.1), 0.1), 999.9):.1f}")


def _make_users(rng: random.Random, count: int, prefix: str) -> list:
    user_model = get_user_model()
    names = rng.sample([(first, last) for first in FIRST_NAMES for last in LAST_NAMES], count)
    user_model.objects.bulk_create(
        [
            user_model(
                username=f"{prefix}{index:03d}",
                first_name=first,
                last_name=last,
                email=f"{prefix}{index:03d}@kommune.example",
                password=f"{UNUSABLE_PASSWORD_PREFIX}bench",
            )
            for index, (first, last) in enumerate(names)
        ],
        batch_size=BATCH_SIZE,
    )
    # Re-read so that every user has its primary key whatever the backend returns from bulk inserts.
    return list(user_model.objects.filter(username__startswith=prefix).order_by("username"))


def _project_names(rng: random.Random, topics: Sequence[str], count: int) -> list[str]:
    """`count` names unique within the sub-programme (case-insensitively), as the model requires.

    Names are drawn without repetition from topic × area × qualifier; only a portfolio larger than that
    (over a thousand projects in one sub-programme) gets numbered duplicates such as `… (2)`.
    """
    combinations = [
        f"{topic} {area}{qualifier}" for topic in topics for area in AREAS for qualifier in QUALIFIERS
    ]
    names = rng.sample(combinations, min(count, len(combinations)))
    round_number = 2
    while len(names) < count:
        extra = rng.sample(combinations, min(count - len(names), len(combinations)))
        names += [f"{name} ({round_number})" for name in extra]
        round_number += 1
    return names


@transaction.atomic
def generate(
    n_projects: int, *, seed: int = 0, programme_name: str = PROGRAMME_NAME, history: bool = False
) -> GeneratedPortfolio:
    """Create one programme with five sub-programmes and `n_projects` projects spread over them.

    Projects are spread unevenly over the sub-programmes (Velferd og teknologi and Innbyggerløftet are
    the largest) and over all phases; leaders and owners come from a pool of `user_pool_size(n)` people,
    some carrying several times as many projects as others. Pass another `programme_name` to make more
    than one programme in the same database; `history=True` also writes django-simple-history records
    (slower).
    """
    if n_projects < 0:
        raise ValueError("n_projects cannot be negative")
    rng = random.Random(seed)

    programme = Programme.objects.create(
        name=programme_name,
        description=PROGRAMME_DESCRIPTION,
        start_date=PROGRAMME_START,
        end_date=datetime.date(2027, 12, 31),
    )
    users = _make_users(rng, user_pool_size(n_projects), prefix=f"bench-{programme.pk}-")

    # The first five people lead the sub-programmes; the next third of the pool are the line leaders
    # who own projects; anyone may lead a project.
    SubProgramme.objects.bulk_create(
        [
            SubProgramme(
                programme=programme,
                name=name,
                description=f"Delprogram i {programme_name.lower()}.",
                leader=users[position],
                position=position + 1,
            )
            for position, (name, _share, _topics) in enumerate(SUB_PROGRAMMES)
        ]
    )
    sub_programmes = list(programme.sub_programmes.order_by("position"))

    owners = users[5 : 5 + max(5, len(users) // 3)]
    owner_weights = _skewed_weights(rng, len(owners), 0.4)
    leader_weights = _skewed_weights(rng, len(users), 0.5)

    assigned = _weighted(
        rng, [(index, share) for index, (_name, share, _topics) in enumerate(SUB_PROGRAMMES)], n_projects
    )
    counts = [assigned.count(index) for index in range(len(SUB_PROGRAMMES))]
    names_by_sub = [
        _project_names(rng, topics, count)
        for (_name, _share, topics), count in zip(SUB_PROGRAMMES, counts, strict=True)
    ]
    next_name = [0] * len(SUB_PROGRAMMES)

    projects = []
    for index, phase in zip(assigned, _weighted(rng, PHASE_WEIGHTS, n_projects), strict=True):
        name = names_by_sub[index][next_name[index]]
        next_name[index] += 1
        start, end = _dates(rng, phase)
        owner = rng.choices(owners, weights=owner_weights)[0]
        leader = rng.choices(users, weights=leader_weights)[0]
        projects.append(
            Project(
                sub_programme=sub_programmes[index],
                name=name,
                need=rng.choice(NEEDS),
                description=f"{name}. {rng.choice(NEEDS)}",
                goal=rng.choice(GOALS),
                owner=owner,
                leader=leader,
                phase=phase,
                start_date=start,
                end_date=end,
                cost_estimate=_cost(rng, phase),
                resource_need=_resource_need(rng),
            )
        )
    if history:
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(projects, Project, batch_size=BATCH_SIZE)
    else:
        Project.objects.bulk_create(projects, batch_size=BATCH_SIZE)

    return GeneratedPortfolio(
        programme=programme, sub_programmes=sub_programmes, users=users, n_projects=n_projects
    )
