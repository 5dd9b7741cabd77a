"""The demo story's programme: the demo users, the programme «Utvikling og bærekraft», its sub-programmes and
projects, and the projects' status reports, milestones and risks as their leaders registered them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from core import roles
from programmes.models import Phase, RiskStatus

# Every demo user's password; `make run` prints the logins.
DEMO_PASSWORD = "demo"


class DemoUser(NamedTuple):
    username: str
    first_name: str
    last_name: str
    role: str
    superuser: bool = False


# The six logins that `make run` prints, then the people the demo programme needs around them.
USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Ingrid", "Haugen", roles.ADMINISTRATOR, superuser=True),
    DemoUser("direktor", "Eva", "Sandvik", roles.EXECUTIVE),
    DemoUser("programleder", "Lars", "Berntsen", roles.PROGRAMME_LEADER),
    DemoUser("prosjektleder", "Kari", "Solheim", roles.PROJECT_LEADER),
    DemoUser("prosjektleder2", "Ole Martin", "Haugland", roles.PROJECT_LEADER),
    DemoUser("politiker", "Sigrid", "Lunde", roles.POLITICIAN),
    DemoUser("hanne.rasmussen", "Hanne", "Rasmussen", roles.PROGRAMME_LEADER),
    DemoUser("anders.myhre", "Anders", "Myhre", roles.PROGRAMME_LEADER),
    DemoUser("tor.inge.bakken", "Tor Inge", "Bakken", roles.PROGRAMME_LEADER),
    DemoUser("marianne.eide", "Marianne", "Eide", roles.PROGRAMME_LEADER),
    DemoUser("jonas.berg", "Jonas", "Berg", roles.PROJECT_LEADER),
    DemoUser("camilla.olsen", "Camilla", "Olsen", roles.PROJECT_LEADER),
    DemoUser("nina.aune", "Nina", "Aune", roles.PROJECT_LEADER),
    # Line leaders own projects; the Prosjektleder role is what lets an owner edit the projects they own.
    DemoUser("randi.kristiansen", "Randi", "Kristiansen", roles.PROJECT_LEADER),
    DemoUser("geir.pedersen", "Geir", "Pedersen", roles.PROJECT_LEADER),
    DemoUser("bjorn.aasen", "Bjørn", "Aasen", roles.PROJECT_LEADER),
    DemoUser("linda.johansen", "Linda", "Johansen", roles.PROJECT_LEADER),
    DemoUser("trine.halvorsen", "Trine", "Halvorsen", roles.PROJECT_LEADER),
    DemoUser("espen.dahl", "Espen", "Dahl", roles.PROJECT_LEADER),
    DemoUser("morten.strand", "Morten", "Strand", roles.PROJECT_LEADER),
    DemoUser("silje.nygard", "Silje", "Nygård", roles.PROJECT_LEADER),
)

# The user model has no job title, so the line leaders' titles live here: the project data below names
# owners by title, and the gains (demo.story.benefits) name benefit owners the same way.
LINE_LEADERS: dict[str, str] = {
    "kommunalsjef helse og velferd": "randi.kristiansen",
    "kommunalsjef oppvekst og kultur": "geir.pedersen",
    "kommunalsjef samfunnsutvikling": "bjorn.aasen",
    "økonomisjef": "linda.johansen",
    "HR-sjef": "trine.halvorsen",
    "digitaliseringssjef": "espen.dahl",
    "eiendomssjef": "morten.strand",
    "kommunikasjons- og servicesjef": "silje.nygard",
}

PROGRAMME: dict[str, Any] = {
    "name": "Utvikling og bærekraft",
    "description": (
        "Utvikling og bærekraft er kommunens omstillingsprogram, startet sommeren 2021. Programmet skal gi "
        "en helhetlig og bærekraftig effektivisering og omstilling av kommunens tjenester, med felles "
        "prioriteringer og god gjennomføring, slik at økonomien gir handlingsrom i årene som kommer."
    ),
    "start_date": date(2021, 6, 1),
}

# In programme order; position follows from it.
SUB_PROGRAMMES: tuple[dict[str, str], ...] = (
    {
        "name": "Innbyggerløftet",
        "leader": "hanne.rasmussen",
        "description": (
            "Enklere, raskere og mer digital kontakt mellom innbyggerne og kommunen. Delprogrammet samler "
            "prosjekter som gir innbyggerne selvbetjening, tydelige svar og mulighet til å medvirke, og som "
            "frigjør tid i tjenestene."
        ),
    },
    {
        "name": "Ansattløftet",
        "leader": "anders.myhre",
        "description": (
            "Riktig kompetanse, heltidskultur og et godt arbeidsmiljø. Delprogrammet skal gjøre kommunen til "
            "en attraktiv arbeidsgiver, redusere sykefraværet og sikre nok ansatte med riktig kompetanse i "
            "årene framover."
        ),
    },
    {
        "name": "Velferd og teknologi",
        "leader": "programleder",
        "description": (
            "Tjenester som lar innbyggerne bo trygt hjemme lenger. Delprogrammet tar i bruk velferdsteknologi "
            "og nye arbeidsformer i helse og velferd for å møte flere eldre med like mange ansatte."
        ),
    },
    {
        "name": "Smarte areal og bygg",
        "leader": "tor.inge.bakken",
        "description": (
            "Færre, bedre og mer energieffektive kvadratmeter. Delprogrammet skal redusere kommunens "
            "arealbruk og driftskostnader for bygg, og kutte energiforbruk og klimagassutslipp."
        ),
    },
    {
        "name": "Oppvekstløftet",
        "leader": "marianne.eide",
        "description": (
            "Tidlig innsats og en framtidsrettet struktur for barnehage og skole. Delprogrammet skal gi barn "
            "og unge et godt tilbud, og bruke ressursene der de gir størst effekt."
        ),
    },
)

# "owner" is a key of LINE_LEADERS, "leader" a username.
PROJECTS: tuple[dict[str, Any], ...] = (
    # Innbyggerløftet
    {
        "sub_programme": "Innbyggerløftet",
        "name": "Digital innbyggerdialog med chatbot",
        "need": (
            "Servicetorget får rundt 40 000 henvendelser i året, og om lag halvparten er enkle spørsmål om "
            "åpningstider, avgifter og søknadsfrister. Innbyggerne venter i telefonkø, og saksbehandlerne får "
            "for lite tid til sakene som krever skjønn."
        ),
        "description": (
            "Innføre en chatbot på kommunens nettsider som svarer på de vanligste spørsmålene hele døgnet, og "
            "som sender samtalen videre til en saksbehandler når den ikke kan svare. Svarene bygger på et "
            "felles kunnskapsgrunnlag som fagområdene selv vedlikeholder."
        ),
        "goal": (
            "Minst 30 % av henvendelsene til servicetorget besvares digitalt innen utgangen av 2023, uten at "
            "innbyggertilfredsheten går ned."
        ),
        "phase": Phase.REALISATION,
        "start_date": date(2021, 9, 1),
        "end_date": date(2023, 6, 30),
        "cost_estimate": 1_800_000,
        "resource_need": Decimal("1.5"),
        "owner": "kommunikasjons- og servicesjef",
        "leader": "prosjektleder",
    },
    {
        "sub_programme": "Innbyggerløftet",
        "name": "Selvbetjening i byggesak",
        "need": (
            "Nesten halvparten av byggesøknadene kommer inn med mangler, og gjennomsnittlig saksbehandlingstid "
            "er ni uker. Søkerne vet ikke hva som kreves, og saksbehandlerne bruker mye tid på å etterspørre "
            "dokumentasjon."
        ),
        "description": (
            "Innføre en digital søknadsveiviser med kartoppslag, sjekklister og automatisk kontroll av "
            "vedlegg, og koble den til fagsystemet slik at komplette søknader kan behandles uten manuell "
            "registrering."
        ),
        "goal": (
            "Andelen komplette søknader øker til 80 %, og saksbehandlingstiden for enkle tiltak er halvert "
            "innen 2026."
        ),
        "phase": Phase.EXECUTION,
        "start_date": date(2022, 3, 1),
        "end_date": date(2026, 3, 31),
        "cost_estimate": 3_200_000,
        "resource_need": Decimal("2.5"),
        "owner": "kommunalsjef samfunnsutvikling",
        "leader": "jonas.berg",
    },
    {
        "sub_programme": "Innbyggerløftet",
        "name": "Min side for innbyggere",
        "need": (
            "Innbyggerne må logge inn i mange ulike løsninger for å se status på søknader, fakturaer og "
            "vedtak, og ringer kommunen for å spørre om saker de ikke finner. Det finnes ikke ett sted der "
            "innbyggeren får oversikt over sitt forhold til kommunen."
        ),
        "description": (
            "Utrede en felles innbyggerportal med innlogging via ID-porten, der status på saker, fakturaer, "
            "avtaler og vedtak fra fagsystemene samles. Konseptfasen vurderer egenutvikling, felles løsning "
            "med nabokommunene og kjøp av standardløsning."
        ),
        "goal": "Et anbefalt konsept med kostnader og gevinster er klart til beslutning i 2026.",
        "phase": Phase.CONCEPT,
        "start_date": date(2025, 1, 1),
        "end_date": date(2026, 12, 31),
        "cost_estimate": 2_500_000,
        "resource_need": Decimal("2.0"),
        "owner": "digitaliseringssjef",
        "leader": "camilla.olsen",
    },
    {
        "sub_programme": "Innbyggerløftet",
        "name": "Klart språk i vedtaksbrev",
        "need": (
            "Mange innbyggere forstår ikke vedtakene de får fra kommunen, og ringer eller klager for å få dem "
            "forklart. Uklare brev gir unødvendige klagesaker og merarbeid i tjenestene."
        ),
        "description": (
            "Skrive om de 40 mest brukte brevmalene i klart språk sammen med brukere, og gi saksbehandlerne "
            "kurs og skriveveiledning."
        ),
        "goal": (
            "De mest brukte brevmalene er skrevet om, og henvendelser om vedtak som ikke er forstått, er "
            "redusert med 25 %."
        ),
        "phase": Phase.CLOSED,
        "start_date": date(2021, 10, 1),
        "end_date": date(2022, 12, 31),
        "cost_estimate": 450_000,
        "resource_need": Decimal("0.8"),
        "owner": "kommunikasjons- og servicesjef",
        "leader": "camilla.olsen",
    },
    {
        "sub_programme": "Innbyggerløftet",
        "name": "Digital medvirkning i planarbeid",
        "need": (
            "Det er stort sett de samme innbyggerne som møter opp på folkemøter om reguleringsplaner, og unge "
            "og barnefamilier er lite representert. Innspill kommer ofte sent i prosessen, når endringer er "
            "dyre."
        ),
        "description": (
            "Prøve ut kartbaserte innspill og digitale spørreundersøkelser tidlig i planprosessene, der "
            "innbyggerne kan følge hvordan innspillene deres er brukt."
        ),
        "goal": "Flere og bredere innspill tidlig i planprosessene, og færre innsigelser sent i behandlingen.",
        "phase": Phase.IDEA,
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 6, 30),
        "cost_estimate": 650_000,
        "resource_need": Decimal("0.6"),
        "owner": "kommunalsjef samfunnsutvikling",
        "leader": "nina.aune",
    },
    # Ansattløftet
    {
        "sub_programme": "Ansattløftet",
        "name": "Heltidskultur i helse og velferd",
        "need": (
            "Under 40 % av de ansatte i helse og velferd har hel stilling, og mange små stillinger gir mye "
            "innleie, overtid og lite kontinuitet for brukerne. Det er vanskelig å rekruttere sykepleiere og "
            "helsefagarbeidere til deltidsstillinger."
        ),
        "description": (
            "Innføre nye turnusmodeller med langvakter og årsturnus, lyse ut hele stillinger som hovedregel og "
            "gi deltidsansatte tilbud om større stilling, i samarbeid med de tillitsvalgte."
        ),
        "goal": (
            "Andelen heltidsansatte i helse og velferd er økt til 60 %, og utgiftene til innleie og overtid "
            "er redusert med 3 mill. kr i året."
        ),
        "phase": Phase.EXECUTION,
        "start_date": date(2022, 1, 1),
        "end_date": date(2026, 6, 30),
        "cost_estimate": 2_400_000,
        "resource_need": Decimal("3.0"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "prosjektleder",
    },
    {
        "sub_programme": "Ansattløftet",
        "name": "Systematisk sykefraværsoppfølging",
        "need": (
            "Sykefraværet i kommunen er 9,8 %, godt over landsgjennomsnittet for kommunene. Lederne følger opp "
            "sykmeldte ulikt, og det går mye penger til vikarer."
        ),
        "description": (
            "Innføre felles rutiner og et digitalt verktøy for oppfølging av sykmeldte, tettere samarbeid med "
            "NAV Arbeidslivssenter og bedriftshelsetjenesten, og opplæring av alle ledere."
        ),
        "goal": "Sykefraværet er redusert til 8,0 % innen 2025, og vikarutgiftene er redusert tilsvarende.",
        "phase": Phase.REALISATION,
        "start_date": date(2021, 11, 1),
        "end_date": date(2023, 12, 31),
        "cost_estimate": 900_000,
        "resource_need": Decimal("1.2"),
        "owner": "HR-sjef",
        "leader": "nina.aune",
    },
    {
        "sub_programme": "Ansattløftet",
        "name": "Digital rekruttering og onboarding",
        "need": (
            "Det tar i snitt ti uker fra en stilling blir ledig til en ny medarbeider er på plass, og mange "
            "nyansatte opplever de første ukene som uoversiktlige. Kommunen mister kandidater til "
            "nabokommuner som svarer raskere."
        ),
        "description": (
            "Ta i bruk ett rekrutteringssystem for hele kommunen, med maler, digital signering av "
            "arbeidsavtaler og et fast introduksjonsløp for nyansatte."
        ),
        "goal": (
            "Tiden fra ledig stilling til tilsetting er redusert til seks uker, og flere nyansatte blir "
            "værende det første året."
        ),
        "phase": Phase.PLANNING,
        "start_date": date(2025, 9, 1),
        "end_date": date(2027, 6, 30),
        "cost_estimate": 1_200_000,
        "resource_need": Decimal("1.0"),
        "owner": "HR-sjef",
        "leader": "jonas.berg",
    },
    {
        "sub_programme": "Ansattløftet",
        "name": "Lederutvikling for førstelinjeledere",
        "need": (
            "Mange førstelinjeledere har et stort kontrollspenn og lite opplæring i økonomi, "
            "personaloppfølging og endringsledelse. De skal lede omstillingen i egen enhet uten å ha "
            "verktøyene til det."
        ),
        "description": (
            "Et felles lederutviklingsprogram over tre semestre med samlinger, veiledning i grupper og "
            "praktiske oppgaver knyttet til omstillingsprosjekter i egen enhet."
        ),
        "goal": (
            "Alle førstelinjeledere har gjennomført programmet, og medarbeiderundersøkelsen viser bedre skår "
            "på ledelse."
        ),
        "phase": Phase.CLOSED,
        "start_date": date(2021, 9, 1),
        "end_date": date(2023, 6, 30),
        "cost_estimate": 1_100_000,
        "resource_need": Decimal("0.8"),
        "owner": "HR-sjef",
        "leader": "nina.aune",
    },
    {
        "sub_programme": "Ansattløftet",
        "name": "Fagbrev på jobb i helse og velferd",
        "need": (
            "Hver fjerde ansatt i hjemmetjenesten og på sykehjemmene er ufaglært, samtidig som behovet for "
            "helsefagarbeidere vil øke kraftig fram mot 2030. Kommunen klarer ikke å dekke behovet gjennom "
            "vanlig rekruttering."
        ),
        "description": (
            "Utrede en modell der ufaglærte ansatte tar fagbrev som helsefagarbeider mens de er i jobb, med "
            "praksiskandidatordning, faste veiledere og tilrettelagt turnus."
        ),
        "goal": "Minst 30 ansatte har tatt fagbrev innen 2028, og andelen ufaglærte i helse og velferd er halvert.",
        "phase": Phase.CONCEPT,
        "start_date": date(2025, 8, 1),
        "end_date": date(2028, 6, 30),
        "cost_estimate": 1_600_000,
        "resource_need": Decimal("1.5"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "camilla.olsen",
    },
    # Velferd og teknologi
    {
        "sub_programme": "Velferd og teknologi",
        "name": "Digitalt tilsyn på natt",
        "need": (
            "Hjemmetjenesten gjør mange fysiske tilsyn om natten som forstyrrer søvnen til brukerne, og som "
            "for det meste viser at alt er i orden. Nattpatruljen rekker ikke raskt nok fram til dem som "
            "faktisk trenger hjelp."
        ),
        "description": (
            "Ta i bruk sensorer og kamera med anonymisert bilde hos brukere som samtykker, slik at tilsyn kan "
            "gjøres digitalt og personalet rykker ut ved varsel."
        ),
        "goal": "Halvparten av de fysiske nattilsynene er erstattet av digitalt tilsyn, og brukerne sover bedre.",
        "phase": Phase.REALISATION,
        "start_date": date(2022, 2, 1),
        "end_date": date(2024, 3, 31),
        "cost_estimate": 2_800_000,
        "resource_need": Decimal("2.0"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "prosjektleder",
    },
    {
        "sub_programme": "Velferd og teknologi",
        "name": "Elektroniske medisindispensere i hjemmetjenesten",
        "need": (
            "Hjemmetjenesten bruker en stor del av arbeidstiden på besøk der oppgaven bare er å gi brukeren "
            "medisiner. Mange brukere kunne klart dette selv med riktig hjelpemiddel, og ville fått mer "
            "selvstendighet."
        ),
        "description": (
            "Innføre elektroniske medisindispensere som varsler brukeren og gir beskjed til hjemmetjenesten "
            "når en dose ikke blir tatt, med rutiner for kartlegging, opplæring og oppfølging."
        ),
        "goal": "150 brukere har medisindispenser, og antall medisinbesøk er redusert med 20 000 i året.",
        "phase": Phase.EXECUTION,
        "start_date": date(2023, 1, 1),
        "end_date": date(2026, 6, 30),
        "cost_estimate": 3_500_000,
        "resource_need": Decimal("2.5"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "prosjektleder",
    },
    {
        "sub_programme": "Velferd og teknologi",
        "name": "Ruteoptimalisering i hjemmetjenesten",
        "need": (
            "Kjørelistene i hjemmetjenesten settes opp for hånd hver dag, og de ansatte bruker mye tid på "
            "kjøring og omplanlegging ved sykdom. Brukerne vet ofte ikke når hjelpen kommer."
        ),
        "description": (
            "Ta i bruk et planleggingsverktøy som setter opp ruter og bemanning ut fra vedtakstid, kompetanse "
            "og kjøretid, koblet til fagsystemet."
        ),
        "goal": "Andelen direkte brukertid øker fra 45 % til 55 %, og kjørelengden er redusert med 15 %.",
        "phase": Phase.PLANNING,
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 6, 30),
        "cost_estimate": 1_400_000,
        "resource_need": Decimal("1.0"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "jonas.berg",
    },
    {
        "sub_programme": "Velferd og teknologi",
        "name": "Felles responssenter for trygghetsalarmer",
        "need": (
            "Alarmer fra trygghetsalarmer og sensorer går i dag direkte til hjemmetjenesten, som må avbryte "
            "planlagt arbeid for å svare. Mange alarmer er utløst ved et uhell og kunne vært avklart på "
            "telefon."
        ),
        "description": (
            "Utrede et felles responssenter med nabokommunene som tar imot og vurderer alle alarmer fra "
            "velferdsteknologi hele døgnet, og som bare sender ut personell når det trengs."
        ),
        "goal": (
            "Et beslutningsgrunnlag for et interkommunalt responssenter med avtaleutkast, kostnadsfordeling "
            "og gevinster."
        ),
        "phase": Phase.CONCEPT,
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 12, 31),
        "cost_estimate": 4_800_000,
        "resource_need": Decimal("2.0"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "nina.aune",
    },
    {
        "sub_programme": "Velferd og teknologi",
        "name": "Hverdagsrehabilitering",
        "need": (
            "Mange eldre får hjemmetjenester etter et fall eller en sykdomsperiode uten at noen har vurdert om "
            "de kunne klart seg selv med trening. Tjenestene blir varige, og hjelpebehovet øker over tid."
        ),
        "description": (
            "Etablere et tverrfaglig team med fysioterapeut, ergoterapeut og helsefagarbeidere som gir "
            "tidsavgrenset og intensiv trening i hjemmet før varige tjenester blir tildelt."
        ),
        "goal": (
            "Minst 60 % av dem som får hverdagsrehabilitering, klarer seg uten eller med mindre hjemmetjenester "
            "etter tre måneder."
        ),
        "phase": Phase.CLOSED,
        "start_date": date(2021, 8, 16),
        "end_date": date(2023, 6, 30),
        "cost_estimate": 1_900_000,
        "resource_need": Decimal("2.0"),
        "owner": "kommunalsjef helse og velferd",
        "leader": "camilla.olsen",
    },
    # Smarte areal og bygg
    {
        "sub_programme": "Smarte areal og bygg",
        "name": "Arealeffektivisering av administrasjonsbygg",
        "need": (
            "Kommunen eier og leier om lag 14 000 m² kontorareal fordelt på sju bygg, og målinger viser at "
            "under halvparten av arbeidsplassene er i bruk samtidig. Spredt lokalisering gjør samarbeid på "
            "tvers vanskelig."
        ),
        "description": (
            "Samle administrasjonen i rådhuset og ett annet bygg med aktivitetsbaserte arbeidsplasser, si opp "
            "leide lokaler og selge eller leie ut frigjort areal."
        ),
        "goal": (
            "Kontorarealet er redusert med 5 000 m², og husleie og driftskostnader med 6 mill. kr i året fra "
            "2027."
        ),
        "phase": Phase.EXECUTION,
        "start_date": date(2022, 9, 1),
        "end_date": date(2026, 12, 31),
        "cost_estimate": 12_000_000,
        "resource_need": Decimal("3.0"),
        "owner": "eiendomssjef",
        "leader": "prosjektleder2",
    },
    {
        "sub_programme": "Smarte areal og bygg",
        "name": "Energisparing i formålsbygg",
        "need": (
            "Energikostnadene i skoler, barnehager og sykehjem har mer enn doblet seg, og mange bygg har "
            "utdatert ventilasjon, belysning og styring. Kommunen har forpliktet seg i klimaplanen til å kutte "
            "klimagassutslippene."
        ),
        "description": (
            "Energikartlegge 40 formålsbygg og gjennomføre tiltakene med kortest nedbetalingstid: "
            "LED-belysning, behovsstyrt ventilasjon, varmepumper og etterisolering."
        ),
        "goal": "Energibruken i formålsbyggene er redusert med 20 % (om lag 6 GWh i året) fra 2021-nivå.",
        "phase": Phase.REALISATION,
        "start_date": date(2021, 10, 1),
        "end_date": date(2024, 12, 31),
        "cost_estimate": 9_500_000,
        "resource_need": Decimal("2.0"),
        "owner": "eiendomssjef",
        "leader": "prosjektleder2",
    },
    {
        "sub_programme": "Smarte areal og bygg",
        "name": "Sentral driftskontroll for kommunale bygg",
        "need": (
            "Byggene har tekniske anlegg fra mange leverandører uten felles overvåking, så feil oppdages sent "
            "og driftsteknikerne må kjøre ut for å justere anlegg. Det er vanskelig å se hvor energien går."
        ),
        "description": (
            "Koble de 30 største byggene til ett leverandøruavhengig system for sentral driftskontroll med "
            "energioppfølging og alarmhåndtering."
        ),
        "goal": "De største byggene overvåkes fra ett system, og uplanlagt vedlikehold og energibruk går ned.",
        "phase": Phase.PLANNING,
        "start_date": date(2026, 2, 1),
        "end_date": date(2027, 12, 31),
        "cost_estimate": 6_800_000,
        "resource_need": Decimal("1.5"),
        "owner": "eiendomssjef",
        "leader": "prosjektleder2",
    },
    {
        "sub_programme": "Smarte areal og bygg",
        "name": "Avhending av lite brukte eiendommer",
        "need": (
            "Kommunen eier en rekke tomter, boliger og mindre bygg som ikke brukes til tjenester, men som "
            "koster penger i drift og vedlikehold. Det mangler en samlet oversikt og en plan for hva som skal "
            "beholdes."
        ),
        "description": (
            "Kartlegge alle eiendommer uten tjenestebehov, vurdere dem etter strategisk verdi og selge dem "
            "kommunen ikke trenger."
        ),
        "goal": "Salgsinntekter på minst 25 mill. kr og 1,5 mill. kr lavere driftskostnader i året.",
        "phase": Phase.CLOSED,
        "start_date": date(2021, 9, 1),
        "end_date": date(2023, 12, 31),
        "cost_estimate": 350_000,
        "resource_need": Decimal("0.5"),
        "owner": "økonomisjef",
        "leader": "jonas.berg",
    },
    {
        "sub_programme": "Smarte areal og bygg",
        "name": "Digital booking av kommunale lokaler",
        "need": (
            "Lag, foreninger og innbyggere må ringe eller sende e-post for å leie gymsaler og møterom, og "
            "lokalene står ofte tomme på kveldstid fordi ingen vet at de er ledige."
        ),
        "description": (
            "Gjøre kommunale lokaler søkbare og mulige å booke på nett, med digital adgangskontroll og "
            "betaling."
        ),
        "goal": "Lokalene brukes mer på kveldstid, og utleien krever mindre manuelt arbeid.",
        "phase": Phase.IDEA,
        "start_date": date(2026, 3, 1),
        "end_date": date(2027, 3, 31),
        "cost_estimate": 600_000,
        "resource_need": Decimal("0.5"),
        "owner": "eiendomssjef",
        "leader": "camilla.olsen",
    },
    # Oppvekstløftet
    {
        "sub_programme": "Oppvekstløftet",
        "name": "Framtidig skolestruktur",
        "need": (
            "Elevtallet går ned i flere skolekretser, og fire av skolene har under 100 elever og store "
            "vedlikeholdsbehov. Små skoler gir høye kostnader per elev og gjør det vanskelig å sikre "
            "fagkompetanse i alle fag."
        ),
        "description": (
            "Utrede alternative skolestrukturer med konsekvenser for elever, skolevei, kvalitet, bygg og "
            "økonomi, med bred medvirkning fra foreldre, ansatte og lokalsamfunn."
        ),
        "goal": "Et politisk vedtak om en skolestruktur som gir god kvalitet og lavere kostnad per elev.",
        "phase": Phase.CONCEPT,
        "start_date": date(2024, 1, 1),
        "end_date": date(2028, 8, 15),
        "cost_estimate": 2_200_000,
        "resource_need": Decimal("2.0"),
        "owner": "kommunalsjef oppvekst og kultur",
        "leader": "prosjektleder2",
    },
    {
        "sub_programme": "Oppvekstløftet",
        "name": "Tidlig innsats i barnehagen",
        "need": (
            "Mange barn med språkvansker eller vanskelige forhold hjemme blir ikke fanget opp før de begynner "
            "på skolen, og da er tiltakene dyrere og virker dårligere. Barnehagene mangler felles verktøy og "
            "rask tilgang til PPT og helsestasjon."
        ),
        "description": (
            "Innføre felles kartlegging av språk og trivsel, tverrfaglige team med PPT, helsestasjon og "
            "barnevern, og kompetanseheving for de ansatte i alle barnehager."
        ),
        "goal": (
            "Flere barn får hjelp før skolestart, og andelen elever med spesialundervisning på 1.–4. trinn "
            "går ned."
        ),
        "phase": Phase.EXECUTION,
        "start_date": date(2023, 8, 1),
        "end_date": date(2026, 7, 31),
        "cost_estimate": 1_300_000,
        "resource_need": Decimal("1.5"),
        "owner": "kommunalsjef oppvekst og kultur",
        "leader": "nina.aune",
    },
    {
        "sub_programme": "Oppvekstløftet",
        "name": "Digitalt skole-hjem-samarbeid",
        "need": (
            "Skolene bruker fem ulike løsninger for meldinger, fravær og informasjon til foresatte. Foresatte "
            "med barn på flere skoler går glipp av viktig informasjon, og lærerne bruker tid på å si det "
            "samme i flere kanaler."
        ),
        "description": (
            "Velge og innføre én felles løsning for kommunikasjon mellom skole og hjem, med fraværsmelding, "
            "meldinger og oversettelse til de vanligste språkene."
        ),
        "goal": "Alle skoler bruker samme løsning fra skoleåret 2026/27, og foresatte finner alt på ett sted.",
        "phase": Phase.PLANNING,
        "start_date": date(2026, 1, 5),
        "end_date": date(2027, 6, 30),
        "cost_estimate": 800_000,
        "resource_need": Decimal("0.7"),
        "owner": "kommunalsjef oppvekst og kultur",
        "leader": "prosjektleder2",
    },
    {
        "sub_programme": "Oppvekstløftet",
        "name": "Kapasitetsplanlegging i barnehagene",
        "need": (
            "Kommunen har ledige barnehageplasser i noen områder og ventelister i andre, og prognosene for "
            "barnetall brukes lite i planleggingen. Det gir dyre midlertidige løsninger på kort varsel."
        ),
        "description": (
            "Bruke befolkningsprognoser og opptaksdata til å planlegge kapasiteten per område, og samordne "
            "opptaket mellom kommunale og private barnehager."
        ),
        "goal": "Bedre samsvar mellom plasser og behov i alle områder, og færre midlertidige løsninger.",
        "phase": Phase.IDEA,
        "start_date": date(2026, 8, 1),
        "end_date": date(2027, 12, 31),
        "cost_estimate": 500_000,
        "resource_need": Decimal("0.4"),
        "owner": "kommunalsjef oppvekst og kultur",
        "leader": "camilla.olsen",
    },
)


# Follow-up of the projects under way (planning, execution, realisation), as their leaders would have
# registered it by November 2026. A report's "ratings" are the letters G(reen), Y(ellow) and R(ed) for
# overall, schedule, cost, scope and gains, in that order; every Y or R has a comment, as the form requires.
# "submitted" is how many days after the period's end the report came in (the deadline is 14 days).
# Three projects have no report for 2. tertial 2026 and so are overdue: one led by `prosjektleder`
# (medication dispensers), one by `prosjektleder2` (building automation) and one by Jonas Berg.
STATUS_REPORTS: dict[str, tuple[dict[str, Any], ...]] = {
    "Digital innbyggerdialog med chatbot": (
        {
            "period": "2025-T3",
            "ratings": "GGGGY",
            "comments": {
                "gains": (
                    "Chatboten besvarte 26 % av henvendelsene i 3. tertial, målet er 30 %. Mange spørsmål om "
                    "eiendomsskatt fikk ikke svar fordi svarene ikke var oppdatert."
                ),
            },
            "achieved": (
                "Kunnskapsgrunnlaget er utvidet med 60 nye svar om renovasjon og eiendomsskatt. Chatboten er "
                "flyttet over til de nye nettsidene uten nedetid."
            ),
            "next_steps": (
                "Gå gjennom samtalene uten svar sammen med fagområdene, og innføre en fast rutine for "
                "oppdatering av svarene."
            ),
            "risks": "Fagområdene prioriterer ikke vedlikehold av svarene sine.",
            "submitted": 8,
        },
        {
            "period": "2026-T1",
            "ratings": "GGGGY",
            "comments": {
                "gains": "Andelen digitale svar økte til 28 %. Målet på 30 % nås trolig i løpet av høsten.",
            },
            "achieved": (
                "Gevinstmålingen for 2025 er lagt fram for prosjekteier. Alle fagområder har nå en fast "
                "kontaktperson for svarene sine."
            ),
            "next_steps": "Utrede kobling mot sak- og arkivsystemet, slik at chatten kan gi status på innsendte saker.",
            "submitted": 6,
        },
        {
            "period": "2026-T2",
            "ratings": "GGGGG",
            "achieved": (
                "31 % av henvendelsene ble besvart digitalt i 2. tertial, og målet er nådd for første gang. "
                "Innbyggerne gir chatten 4,3 av 5 i snitt."
            ),
            "next_steps": "Bestille koblingen mot sak- og arkivsystemet og teste den med byggesak og renovasjon.",
            "risks": "Koblingen mot arkivet kan bli dyrere enn antatt.",
            "submitted": 10,
        },
    ),
    "Selvbetjening i byggesak": (
        {
            "period": "2025-T3",
            "ratings": "YYGGY",
            "comments": {
                "overall": "Integrasjonen mot fagsystemet er forsinket; resten av leveransen går etter planen.",
                "schedule": "Leverandøren av fagsystemet har utsatt det nye API-et fra januar til april 2026.",
                "gains": (
                    "Andelen komplette søknader har økt fra 52 % til 64 %, men kortere saksbehandlingstid kommer "
                    "først når integrasjonen er på plass."
                ),
            },
            "achieved": (
                "Søknadsveiviseren er i bruk for alle enkle tiltak, og 64 % av søknadene kommer nå inn "
                "komplette. Den automatiske vedleggskontrollen er testet med gode resultater."
            ),
            "next_steps": "Teste integrasjonen når API-et kommer, og planlegge opplæring av saksbehandlerne.",
            "risks": "Ny forsinkelse hos leverandøren av fagsystemet.",
            "submitted": 9,
        },
        {
            "period": "2026-T1",
            "ratings": "RRYGY",
            "comments": {
                "overall": "Prosjektet når ikke planlagt sluttdato 31. mars 2026. Ny sluttdato må vedtas.",
                "schedule": (
                    "API-et kom ikke i april som lovet. Integrasjonen kan tidligst settes i produksjon i "
                    "desember 2026."
                ),
                "cost": "Den lengre prosjektperioden gir om lag 400 000 kr i merkostnader til innleid utvikler.",
                "gains": "Gevinsten i kortere saksbehandlingstid er utsatt til 2027.",
            },
            "achieved": (
                "Den automatiske vedleggskontrollen er satt i produksjon. Saksbehandlerne har fått opplæring i "
                "den nye arbeidsflyten."
            ),
            "next_steps": (
                "Forhandle fram en bindende leveranseplan med leverandøren, og legge fram forslag til ny "
                "sluttdato for prosjekteier."
            ),
            "risks": (
                "Trenger leverandøren enda mer tid, må vi vurdere manuell overføring av søknader i en "
                "overgangsperiode."
            ),
            "decisions_needed": (
                "Prosjekteier må godkjenne ny sluttdato 30. april 2027 og en budsjettøkning på 400 000 kr."
            ),
            "submitted": 11,
        },
    ),
    "Heltidskultur i helse og velferd": (
        {
            "period": "2025-T3",
            "ratings": "YGGYG",
            "comments": {
                "overall": (
                    "Årsturnus er innført på to sykehjem, men langvakter i hjemmetjenesten er ikke avklart med "
                    "de tillitsvalgte."
                ),
                "scope": (
                    "Langvakter i hjemmetjenesten er tatt ut av første fase etter innspill fra de tillitsvalgte, "
                    "og vurderes på nytt i 2026."
                ),
            },
            "achieved": (
                "Årsturnus er innført på Solbakken og Lindely sykehjem. 34 deltidsansatte har fått tilbud om "
                "større stilling, og 27 har takket ja. Andelen heltidsansatte har økt fra 38 % til 46 %."
            ),
            "next_steps": (
                "Evaluere årsturnus på de to sykehjemmene, og starte dialogen med de tillitsvalgte om "
                "langvakter i hjemmetjenesten."
            ),
            "risks": "Uten enighet om langvakter blir det vanskelig å nå målet om 60 % heltid.",
            "submitted": 7,
        },
        {
            "period": "2026-T1",
            "ratings": "YYGGG",
            "comments": {
                "overall": "Prosjektet trenger lengre tid enn planlagt for å innføre langvakter.",
                "schedule": (
                    "Planlagt sluttdato 30. juni 2026 holder ikke. Vi foreslår å forlenge prosjektet til 30. juni "
                    "2027."
                ),
            },
            "achieved": (
                "Evalueringen av årsturnus viser færre ubesatte vakter og mindre overtid. Alle ledige stillinger "
                "lyses nå ut som hele stillinger."
            ),
            "next_steps": "Lage forslag til langvaktsturnus i hjemmetjenesten sammen med de tillitsvalgte.",
            "decisions_needed": "Prosjekteier bes godkjenne at prosjektet forlenges til 30. juni 2027.",
            "submitted": 5,
        },
        {
            "period": "2026-T2",
            "ratings": "YYGGG",
            "comments": {
                "overall": "Langvakter i hjemmetjenesten er forsinket; ellers går prosjektet etter planen.",
                "schedule": (
                    "Forlengelsen til 30. juni 2027 er godkjent. Langvakter innføres fra januar 2027, ikke fra "
                    "september 2026."
                ),
            },
            "achieved": (
                "Andelen heltidsansatte er 52 %. Sommerferien ble avviklet med mindre innleie enn i fjor."
            ),
            "next_steps": "Pilot med langvakter i hjemmetjenesten, sone nord, fra januar 2027.",
            "risks": "De tillitsvalgte har ikke sluttet seg til piloten ennå.",
            "submitted": 4,
        },
        # A correction: the August payroll figures arrived after version 1 was submitted.
        {
            "period": "2026-T2",
            "version": 2,
            "ratings": "YYYGY",
            "comments": {
                "overall": "Langvakter i hjemmetjenesten er forsinket; ellers går prosjektet etter planen.",
                "schedule": (
                    "Forlengelsen til 30. juni 2027 er godkjent. Langvakter innføres fra januar 2027, ikke fra "
                    "september 2026."
                ),
                "cost": (
                    "Korrigert: lønnstallene for august viser at overtid og innleie i sommer ble 0,6 mill. kr "
                    "høyere enn vi la til grunn i versjon 1."
                ),
                "gains": (
                    "Korrigert: innsparingen på innleie og overtid i 2026 blir om lag 2,1 mill. kr, ikke 3 mill. "
                    "kr som planlagt."
                ),
            },
            "achieved": (
                "Andelen heltidsansatte er 52 %. Sommerferien krevde mer innleie enn planlagt; se de korrigerte "
                "vurderingene av kostnad og gevinst."
            ),
            "next_steps": (
                "Pilot med langvakter i hjemmetjenesten, sone nord, fra januar 2027. Ferieplanleggingen for "
                "2027 starter allerede i januar."
            ),
            "risks": "De tillitsvalgte har ikke sluttet seg til piloten ennå.",
            "submitted": 18,
        },
    ),
    "Systematisk sykefraværsoppfølging": (
        {
            "period": "2025-T3",
            "ratings": "YGGGR",
            "comments": {
                "overall": "Sykefraværet går ned, men langt saktere enn målet.",
                "gains": (
                    "Sykefraværet var 9,1 % i 2025. Målet på 8,0 % er ikke nådd, og vikarutgiftene er bare "
                    "redusert med 0,8 mill. kr."
                ),
            },
            "achieved": (
                "Alle nye ledere har fått opplæring i oppfølgingsrutinen. Samarbeidet med NAV Arbeidslivssenter "
                "omfatter nå også hjemmetjenesten."
            ),
            "next_steps": (
                "Analysere fraværet per enhet og sette inn ekstra tiltak i de fem enhetene med høyest fravær."
            ),
            "risks": "Høyt fravær i noen få store enheter trekker snittet opp.",
            "decisions_needed": "Prosjekteier må avgjøre om gevinstmålet for 2026 skal justeres.",
            "submitted": 12,
        },
        {
            "period": "2026-T1",
            "ratings": "YGGGY",
            "comments": {
                "overall": "Ekstra tiltak i enhetene med høyest fravær kom i gang en måned senere enn planlagt.",
                "gains": "Sykefraværet i 1. tertial var 8,7 %, ned fra 9,4 % i samme periode i fjor.",
            },
            "achieved": (
                "De fem enhetene med høyest fravær har fått egne handlingsplaner og tett oppfølging fra HR og "
                "bedriftshelsetjenesten."
            ),
            "next_steps": "Følge opp handlingsplanene månedlig og dele erfaringene i ledermøtene.",
            "submitted": 9,
        },
        {
            "period": "2026-T2",
            "ratings": "GGGGY",
            "comments": {
                "gains": (
                    "Sykefraværet i 2. tertial var 8,3 %. Vikarutgiftene er 1,4 mill. kr lavere enn i samme "
                    "periode i fjor, men fortsatt under gevinstmålet."
                ),
            },
            "achieved": "Fraværet har gått ned i fire av de fem enhetene med ekstra tiltak.",
            "next_steps": "Fornye avtalen med NAV Arbeidslivssenter for 2027–2028.",
            "submitted": 8,
        },
    ),
    "Digital rekruttering og onboarding": (
        {
            "period": "2025-T3",
            "ratings": "GGGGG",
            "achieved": (
                "Prosjektet er etablert med styringsgruppe. Behovsanalysen er gjennomført med ledere, "
                "tillitsvalgte og nyansatte, og er godkjent av prosjekteier."
            ),
            "next_steps": "Skrive kravspesifikasjonen og kunngjøre anskaffelsen av rekrutteringssystem.",
            "submitted": 10,
        },
        {
            "period": "2026-T1",
            "ratings": "YYGGG",
            "comments": {
                "overall": "Anskaffelsen er forsinket, men sluttdatoen er ikke truet ennå.",
                "schedule": (
                    "Kunngjøringen ble utsatt seks uker fordi kravspesifikasjonen måtte avklares med "
                    "personvernombudet."
                ),
            },
            "achieved": "Kravspesifikasjonen er ferdig, anskaffelsen er kunngjort og personvernet er vurdert.",
            "next_steps": "Evaluere tilbudene og tildele kontrakten.",
            "submitted": 7,
        },
        {
            "period": "2026-T2",
            "ratings": "GYGGG",
            "comments": {
                "schedule": (
                    "Kontrakten ble tildelt i august og signeres i september, tre måneder senere enn planlagt. "
                    "Piloten flyttes fra november til januar."
                ),
            },
            "achieved": "Tre tilbud er evaluert, og kontrakten er tildelt. Ingen klage kom inn i klagefristen.",
            "next_steps": "Sette opp systemet og velge to enheter til piloten.",
            "submitted": 9,
        },
    ),
    "Digitalt tilsyn på natt": (
        {
            "period": "2025-T3",
            "ratings": "GGGGG",
            "achieved": (
                "Digitalt tilsyn brukes hos 68 brukere. Nattpatruljen er omorganisert, og én av tre biler er "
                "tatt ut av drift om natten."
            ),
            "next_steps": "Måle gevinstene for 2025 og legge dem fram for prosjekteier.",
            "submitted": 6,
        },
        {
            "period": "2026-T1",
            "ratings": "GGGYG",
            "comments": {
                "scope": (
                    "Sju brukere har trukket samtykket, de fleste fordi de opplevde kameraet som inngripende. "
                    "Vi tilbyr nå sensorer uten kamera som alternativ."
                ),
            },
            "achieved": (
                "Gevinstmålingen for 2025 viser 52 % færre fysiske nattilsyn og 1,1 mill. kr lavere kostnader "
                "til nattpatruljen."
            ),
            "next_steps": "Ta i bruk sensorer uten kamera for brukere som ikke ønsker kamera.",
            "submitted": 4,
        },
        {
            "period": "2026-T2",
            "ratings": "GGGGG",
            "achieved": "Sensorer uten kamera er tatt i bruk hos 11 brukere. Digitalt tilsyn brukes nå hos 81 brukere.",
            "next_steps": "Overføre ansvaret for utstyr og rutiner fra prosjektet til hjemmetjenesten.",
            "submitted": 7,
        },
    ),
    # No report for 2. tertial 2026: overdue.
    "Elektroniske medisindispensere i hjemmetjenesten": (
        {
            "period": "2025-T3",
            "ratings": "YYGGY",
            "comments": {
                "overall": "Utrullingen går saktere enn planlagt, men antall brukere øker jevnt.",
                "schedule": (
                    "Kartleggingen av hver bruker tar lengre tid enn antatt. 64 brukere har dispenser, planen "
                    "var 80."
                ),
                "gains": "Antall medisinbesøk er redusert med om lag 7 000 i året; planen var 10 000.",
            },
            "achieved": (
                "Piloten i to soner er evaluert og utvidet til hele hjemmetjenesten. 64 brukere har fått "
                "medisindispenser."
            ),
            "next_steps": "Forenkle kartleggingen sammen med apoteket, og lære opp flere superbrukere i sonene.",
            "risks": "Flere brukere med kognitiv svikt enn antatt kan ikke bruke dispenseren alene.",
            "submitted": 8,
        },
        {
            "period": "2026-T1",
            "ratings": "YRGYY",
            "comments": {
                "overall": "Prosjektet når ikke 150 brukere innen planlagt sluttdato 30. juni 2026.",
                "schedule": "Med dagens tempo når vi 150 brukere først i mars 2027. Prosjektet må forlenges.",
                "scope": (
                    "Om lag 15 % av de kartlagte brukerne egner seg ikke for dispenser, og målet om 150 brukere "
                    "kan være for høyt."
                ),
                "gains": "Medisinbesøkene er redusert med om lag 11 000 i året; målet er 20 000.",
            },
            "achieved": "91 brukere har dispenser. En ny og enklere kartleggingsrutine er tatt i bruk.",
            "next_steps": "Legge fram forslag om forlengelse og justert mål for prosjekteier.",
            "risks": "Apoteket har hatt to forsinkede leveranser av multidose.",
            "decisions_needed": (
                "Prosjekteier bes ta stilling til forlengelse til 31. mars 2027, og til om målet skal justeres "
                "til 130 brukere."
            ),
            "submitted": 10,
        },
    ),
    "Ruteoptimalisering i hjemmetjenesten": (
        {
            "period": "2026-T1",
            "ratings": "GGGGG",
            "achieved": (
                "Prosjektgruppen er på plass. Behovsanalysen er gjennomført med observasjon i tre soner og "
                "arbeidsmøter med planleggerne."
            ),
            "next_steps": "Få behovsanalysen godkjent og starte arbeidet med kravspesifikasjonen.",
            "submitted": 5,
        },
        {
            "period": "2026-T2",
            "ratings": "GYGGG",
            "comments": {
                "schedule": (
                    "Behovsanalysen ble godkjent 12. mai, to uker etter planen, fordi styringsgruppemøtet ble "
                    "flyttet. Kravspesifikasjonen er likevel i rute til 30. september."
                ),
            },
            "achieved": "Behovsanalysen er godkjent, og vi har hatt markedsdialog med fire leverandører.",
            "next_steps": "Ferdigstille kravspesifikasjonen og kunngjøre anskaffelsen.",
            "submitted": 9,
        },
    ),
    "Arealeffektivisering av administrasjonsbygg": (
        {
            "period": "2025-T3",
            "ratings": "GGYGG",
            "comments": {
                "cost": "Tilbudene på ombyggingen av rådhuset kom inn 8 % over kostnadsoverslaget.",
            },
            "achieved": (
                "Leieavtalen for Storgata 12 er sagt opp med virkning fra 1. januar 2027. Kontrakten for "
                "ombygging av rådhuset er signert."
            ),
            "next_steps": "Starte ombyggingen av 3. og 4. etasje i rådhuset, og planlegge flytting for 180 ansatte.",
            "submitted": 8,
        },
        {
            "period": "2026-T1",
            "ratings": "RYRGG",
            "comments": {
                "overall": "Prosjektet holder ikke budsjettet uten tiltak.",
                "schedule": "Funn av asbest i 3. etasje stanset ombyggingen i fem uker.",
                "cost": "Asbestsanering og prisstigning gir en ventet overskridelse på 1,3 mill. kr (11 %).",
            },
            "achieved": "Ombyggingen er i gang, og asbesten i 3. etasje er sanert.",
            "next_steps": "Legge fram forslag til kostnadsreduksjoner i interiør og møbler.",
            "risks": "Det kan være flere miljøgifter i 4. etasje.",
            "decisions_needed": (
                "Prosjekteier må avgjøre om overskridelsen skal dekkes av programmets reserve eller ved å "
                "kjøpe færre nye møbler."
            ),
            "submitted": 11,
        },
        {
            "period": "2026-T2",
            "ratings": "YYYGG",
            "comments": {
                "overall": "Kostnadene er under kontroll etter de vedtatte kuttene, men ferdigstillelsen er utsatt.",
                "schedule": (
                    "Ombyggingen blir ferdig i februar 2027, ikke i oktober 2026. Innflyttingen og "
                    "fraflyttingen av Storgata 12 skjer i april 2027."
                ),
                "cost": (
                    "Overskridelsen er redusert til 0,5 mill. kr etter at møbelinnkjøpet er skalert ned og flere "
                    "møbler gjenbrukes."
                ),
            },
            "achieved": "4. etasje er miljøkartlagt uten nye funn. Ombyggingen av 3. etasje er ferdig.",
            "next_steps": "Ferdigstille 4. etasje og planlegge flyttingen etappevis.",
            "decisions_needed": (
                "Prosjekteier må godkjenne at leieavtalen for Storgata 12 forlenges til 30. april 2027."
            ),
            "submitted": 10,
        },
    ),
    "Energisparing i formålsbygg": (
        {
            "period": "2025-T3",
            "ratings": "GGGGG",
            "achieved": (
                "Energibruken i formålsbyggene var 17 % lavere i 2025 enn i 2021, korrigert for temperatur. "
                "Varmepumpen på Solbakken sykehjem er i drift."
            ),
            "next_steps": "Rapportere energibruken for 2025 og følge opp byggene der forbruket har økt.",
            "submitted": 9,
        },
        {
            "period": "2026-T1",
            "ratings": "GGGGY",
            "comments": {
                "gains": (
                    "Energibruken er redusert med 18 %, men lavere strømpriser gjør at besparelsen i kroner "
                    "blir om lag 1 mill. kr lavere enn beregnet."
                ),
            },
            "achieved": "Energibruken for 2025 er rapportert til kommunedirektørens ledergruppe.",
            "next_steps": "Gå gjennom innstillingene i de ti byggene med høyest forbruk.",
            "submitted": 6,
        },
        {
            "period": "2026-T2",
            "ratings": "GGGGY",
            "comments": {
                "gains": (
                    "Målet om 20 % lavere energibruk er ennå ikke nådd (18,5 %). Tre skoler bruker mer energi "
                    "etter at de er tatt mer i bruk på kveldstid."
                ),
            },
            "achieved": "Driftsteknikerne har gått gjennom innstillingene i de ti byggene med høyest forbruk.",
            "next_steps": "Innføre tidsstyring av ventilasjon og lys ved kveldsutleie på de tre skolene.",
            "submitted": 8,
        },
    ),
    # No report for 2. tertial 2026: overdue.
    "Sentral driftskontroll for kommunale bygg": (
        {
            "period": "2026-T1",
            "ratings": "GGGGG",
            "achieved": "Prosjektet er startet. Alle de 30 byggene er befart, og de tekniske anleggene er registrert.",
            "next_steps": (
                "Fullføre behovsanalysen og avklare om anskaffelsen skal gjøres sammen med nabokommunen."
            ),
            "risks": "Mange eldre anlegg mangler dokumentasjon.",
            "submitted": 7,
        },
    ),
    "Tidlig innsats i barnehagen": (
        {
            "period": "2025-T3",
            "ratings": "YGGYG",
            "comments": {
                "overall": "De tverrfaglige teamene er i gang i alle områder, men ventetiden i PPT er fortsatt lang.",
                "scope": "PPT deltar ikke fast i teamene i to av fire områder fordi stillinger står ledige.",
            },
            "achieved": (
                "Alle fire områder har tverrfaglige team med helsestasjon og barnevern. 96 % av barna er "
                "kartlagt med det felles verktøyet."
            ),
            "next_steps": (
                "Rekruttere to PP-rådgivere og lage en felles rutine for oppfølging etter kartleggingen."
            ),
            "submitted": 9,
        },
        {
            "period": "2026-T1",
            "ratings": "GGGYG",
            "comments": {
                "scope": "Én PP-rådgiver er ansatt; den andre stillingen er fortsatt ledig.",
            },
            "achieved": "Kompetansehevingen i språkarbeid er gjennomført i alle barnehager.",
            "next_steps": "Evaluere første barnehageår med de tverrfaglige teamene.",
            "submitted": 8,
        },
        {
            "period": "2026-T2",
            "ratings": "YYGGG",
            "comments": {
                "overall": "Prosjektet avsluttes senere enn planlagt.",
                "schedule": (
                    "Overleveringen til drift er flyttet fra 31. juli til 31. desember 2026, for å gi tid til å "
                    "etablere teamene som en fast tjeneste."
                ),
            },
            "achieved": (
                "Evalueringen etter første barnehageår viser at 38 barn fikk hjelp før skolestart, mot 21 året "
                "før."
            ),
            "next_steps": "Lage driftsmodell og budsjett for teamene fra 2027.",
            "decisions_needed": (
                "Oppvekst må avklare hvem som har lederansvaret for de tverrfaglige teamene etter prosjektet."
            ),
            "submitted": 11,
        },
    ),
    "Digitalt skole-hjem-samarbeid": (
        {
            "period": "2026-T1",
            "ratings": "GGGGG",
            "achieved": "Behovsanalysen er godkjent. Foresatte, elever og lærere fra fem skoler har deltatt.",
            "next_steps": "Gjennomføre anskaffelsen, slik at løsningen kan tas i bruk fra skolestart i august.",
            "submitted": 6,
        },
        {
            "period": "2026-T2",
            "ratings": "RRGGY",
            "comments": {
                "overall": "Løsningen blir ikke klar til skolestart som planlagt.",
                "schedule": (
                    "Anskaffelsen ble klaget inn, og kontrakten kunne ikke signeres før 1. september. "
                    "Løsningen innføres fra januar 2027."
                ),
                "gains": "Gevinsten for lærere og foresatte kommer et halvt år senere enn planlagt.",
            },
            "achieved": "Kommunen har avvist klagen, og kontrakten med leverandøren er signert.",
            "next_steps": "Lære opp en superbruker på hver skole og forberede innføringen i januar.",
            "decisions_needed": (
                "Prosjekteier må godkjenne at innføringen flyttes til januar 2027, og at skolene bruker dagens "
                "løsninger ut 2026."
            ),
            "submitted": 8,
        },
    ),
}


class DemoMilestone(NamedTuple):
    title: str
    planned: date
    forecast: date | None = None
    done: date | None = None


# Per project under way: done milestones (some late), late ones with a later forecast, and upcoming ones.
MILESTONES: dict[str, tuple[DemoMilestone, ...]] = {
    "Digital innbyggerdialog med chatbot": (
        DemoMilestone(
            "Svar om renovasjon og eiendomsskatt lagt inn", date(2025, 10, 1), done=date(2025, 11, 20)
        ),
        DemoMilestone("Gevinstmåling for 2025 lagt fram", date(2026, 2, 15), done=date(2026, 2, 10)),
        DemoMilestone("Chat koblet til sak- og arkivsystemet", date(2026, 11, 1), forecast=date(2027, 2, 1)),
        DemoMilestone("Sluttevaluering av gevinstene", date(2027, 6, 30)),
    ),
    "Selvbetjening i byggesak": (
        DemoMilestone("Søknadsveiviser lansert for enkle tiltak", date(2025, 6, 1), done=date(2025, 9, 15)),
        DemoMilestone(
            "Integrasjon mot fagsystemet i produksjon", date(2026, 2, 1), forecast=date(2026, 12, 15)
        ),
        DemoMilestone("Automatisk vedleggskontroll i produksjon", date(2026, 3, 1), done=date(2026, 4, 20)),
        DemoMilestone("Prosjektet overlevert til linjen", date(2026, 3, 31), forecast=date(2027, 4, 30)),
    ),
    "Heltidskultur i helse og velferd": (
        DemoMilestone(
            "Ny turnusmodell behandlet i arbeidsmiljøutvalget", date(2025, 3, 1), done=date(2025, 2, 20)
        ),
        DemoMilestone("Årsturnus innført på to sykehjem", date(2025, 9, 1), done=date(2025, 11, 10)),
        DemoMilestone("Alle ledige stillinger lyses ut som hele", date(2026, 1, 1), done=date(2025, 12, 15)),
        DemoMilestone("Pilot med langvakter i hjemmetjenesten", date(2026, 9, 1), forecast=date(2027, 1, 11)),
        DemoMilestone("Gevinstrealiseringsplan vedtatt", date(2027, 3, 1)),
    ),
    "Systematisk sykefraværsoppfølging": (
        DemoMilestone(
            "Oppfølgingsrutinen innført i hjemmetjenesten", date(2025, 9, 1), done=date(2025, 9, 1)
        ),
        DemoMilestone(
            "Ekstra tiltak i de fem enhetene med høyest fravær", date(2026, 2, 1), done=date(2026, 3, 2)
        ),
        DemoMilestone("Ny avtale med NAV Arbeidslivssenter", date(2026, 12, 31)),
        DemoMilestone("Sluttevaluering av gevinstene", date(2027, 6, 30)),
    ),
    "Digital rekruttering og onboarding": (
        DemoMilestone("Behovsanalyse godkjent", date(2025, 12, 15), done=date(2025, 12, 10)),
        DemoMilestone("Anskaffelse avsluttet", date(2026, 6, 30), done=date(2026, 9, 15)),
        DemoMilestone("Pilot i to enheter", date(2026, 11, 1), forecast=date(2027, 1, 15)),
        DemoMilestone("Introduksjonsløp for nyansatte vedtatt", date(2027, 3, 1)),
    ),
    "Digitalt tilsyn på natt": (
        DemoMilestone("Digitalt tilsyn hos 50 brukere", date(2025, 4, 1), done=date(2025, 3, 20)),
        DemoMilestone("Nattpatruljen omorganisert", date(2025, 10, 1), done=date(2025, 10, 1)),
        DemoMilestone("Gevinstmåling for 2025 lagt fram", date(2026, 3, 1), done=date(2026, 2, 26)),
        DemoMilestone("Ansvaret overført til hjemmetjenesten", date(2026, 12, 31)),
        DemoMilestone("Gevinstmåling for 2026 lagt fram", date(2027, 3, 1)),
    ),
    "Elektroniske medisindispensere i hjemmetjenesten": (
        DemoMilestone("Anskaffelse avsluttet", date(2025, 2, 1), done=date(2025, 1, 28)),
        DemoMilestone("Pilot i to soner", date(2025, 6, 1), done=date(2025, 8, 25)),
        DemoMilestone("100 brukere har medisindispenser", date(2026, 6, 30), forecast=date(2026, 12, 15)),
        DemoMilestone("Gevinstrealiseringsplan vedtatt", date(2026, 9, 30), forecast=date(2027, 1, 31)),
        DemoMilestone("150 brukere har medisindispenser", date(2027, 3, 31)),
    ),
    "Ruteoptimalisering i hjemmetjenesten": (
        DemoMilestone("Behovsanalyse godkjent", date(2026, 4, 28), done=date(2026, 5, 12)),
        DemoMilestone("Kravspesifikasjon ferdig", date(2026, 9, 30), done=date(2026, 9, 28)),
        DemoMilestone("Anskaffelse avsluttet", date(2027, 1, 31)),
        DemoMilestone("Pilot i to soner", date(2027, 4, 30)),
    ),
    "Arealeffektivisering av administrasjonsbygg": (
        DemoMilestone(
            "Kontrakt for ombygging av rådhuset signert", date(2025, 11, 1), done=date(2025, 11, 1)
        ),
        DemoMilestone("Leieavtalen for Storgata 12 sagt opp", date(2025, 12, 31), done=date(2025, 12, 15)),
        DemoMilestone("Ombyggingen av rådhuset ferdig", date(2026, 10, 31), forecast=date(2027, 2, 28)),
        DemoMilestone("Storgata 12 fraflyttet", date(2026, 12, 31), forecast=date(2027, 4, 30)),
    ),
    "Energisparing i formålsbygg": (
        DemoMilestone("Varmepumpe på Solbakken sykehjem i drift", date(2025, 10, 1), done=date(2025, 12, 1)),
        DemoMilestone("Energibruken for 2025 rapportert", date(2026, 3, 1), done=date(2026, 2, 20)),
        DemoMilestone(
            "Innstillinger gjennomgått i de ti største byggene", date(2026, 8, 31), done=date(2026, 8, 28)
        ),
        DemoMilestone("Sluttrapport for gevinstene", date(2027, 3, 31)),
    ),
    "Sentral driftskontroll for kommunale bygg": (
        DemoMilestone("De 30 største byggene befart", date(2026, 4, 15), done=date(2026, 4, 10)),
        DemoMilestone("Behovsanalyse godkjent", date(2026, 5, 31), done=date(2026, 6, 10)),
        DemoMilestone("Anskaffelse avsluttet", date(2026, 12, 15)),
        DemoMilestone("De ti første byggene tilkoblet", date(2027, 6, 30)),
    ),
    "Tidlig innsats i barnehagen": (
        DemoMilestone(
            "Felles kartleggingsverktøy i alle barnehager", date(2025, 1, 15), done=date(2025, 1, 15)
        ),
        DemoMilestone("Tverrfaglige team i alle fire områder", date(2025, 8, 15), done=date(2025, 10, 1)),
        DemoMilestone("Evaluering etter første barnehageår", date(2026, 6, 30), done=date(2026, 6, 25)),
        DemoMilestone("Overlevert til drift", date(2026, 7, 31), forecast=date(2026, 12, 31)),
    ),
    "Digitalt skole-hjem-samarbeid": (
        DemoMilestone("Behovsanalyse godkjent", date(2026, 2, 28), done=date(2026, 3, 5)),
        DemoMilestone("Anskaffelse avsluttet", date(2026, 6, 15), done=date(2026, 9, 1)),
        DemoMilestone("Innført på alle skoler", date(2026, 8, 17), forecast=date(2027, 1, 4)),
        DemoMilestone("Gevinstrealiseringsplan vedtatt", date(2027, 3, 1)),
    ),
}


class DemoRisk(NamedTuple):
    title: str
    probability: int
    consequence: int
    mitigation: str
    owner: str = "leader"  # "leader" or "owner": the project's leader or owner
    status: str = RiskStatus.OPEN


# Scores spread over the 5×5 matrix: low (1–5), medium (6–14) and high (15–25).
RISKS: dict[str, tuple[DemoRisk, ...]] = {
    "Digital innbyggerdialog med chatbot": (
        DemoRisk(
            "Svarene i kunnskapsgrunnlaget blir utdaterte",
            3,
            3,
            "Hvert fagområde går gjennom sine svar hvert tertial; servicetorget følger opp.",
        ),
        DemoRisk(
            "Leverandøren endrer lisensmodellen ved fornyelse",
            2,
            4,
            "Opsjonen på fast pris i tre år tas ut før avtalen fornyes.",
            owner="owner",
        ),
        DemoRisk(
            "Innbyggerne velger telefon likevel",
            2,
            2,
            "Chatten vises øverst på nettsidene og nevnes i velkomstmeldingen i telefonkøen.",
            owner="owner",
            status=RiskStatus.MITIGATED,
        ),
    ),
    "Selvbetjening i byggesak": (
        DemoRisk(
            "Leverandøren av fagsystemet leverer ikke API i tide",
            5,
            4,
            "Ukentlige møter med leverandøren og en bindende leveranseplan; manuell overføring som reserve.",
            status=RiskStatus.OCCURRED,
        ),
        DemoRisk(
            "Budsjettet til innleid utvikler er brukt opp",
            4,
            3,
            "Forslag om budsjettøkning er lagt fram for prosjekteier.",
            owner="owner",
        ),
        DemoRisk(
            "Saksbehandlerne tar ikke i bruk den nye arbeidsflyten",
            2,
            3,
            "Superbrukere i hver faggruppe, og opplæring før integrasjonen settes i produksjon.",
        ),
    ),
    "Heltidskultur i helse og velferd": (
        DemoRisk(
            "Innleie og overtid øker i ferieavviklingen",
            4,
            4,
            "Ferieplanlegging fra januar og en egen sommerpool med faste vikarer.",
            owner="owner",
        ),
        DemoRisk(
            "De tillitsvalgte sier nei til langvakter",
            3,
            4,
            "Partssammensatt arbeidsgruppe, og pilot i én sone før videre innføring.",
        ),
        DemoRisk(
            "Deltidsansatte ønsker ikke større stilling",
            2,
            2,
            "Samtaler med alle deltidsansatte viste at de fleste ønsker større stilling.",
            status=RiskStatus.CLOSED,
        ),
    ),
    "Systematisk sykefraværsoppfølging": (
        DemoRisk(
            "Sykefraværet øker igjen når oppmerksomheten går ned",
            3,
            4,
            "Sykefravær er fast tema i ledermøtene og i medarbeidersamtalene.",
            owner="owner",
        ),
        DemoRisk(
            "Vikarutgiftene registreres ikke riktig i regnskapet",
            2,
            2,
            "Egne koder for vikarutgifter er tatt i bruk fra 2025.",
            status=RiskStatus.CLOSED,
        ),
    ),
    "Digital rekruttering og onboarding": (
        DemoRisk(
            "Lav kapasitet i HR under innføringen",
            3,
            3,
            "To HR-rådgivere fritas fra andre oppgaver i pilotperioden.",
            owner="owner",
        ),
        DemoRisk(
            "Anskaffelsen blir klaget inn",
            2,
            4,
            "Konkurransegrunnlaget ble kvalitetssikret av innkjøpsavdelingen; klagefristen er ute.",
            status=RiskStatus.CLOSED,
        ),
    ),
    "Digitalt tilsyn på natt": (
        DemoRisk(
            "Brukere trekker samtykket til kameratilsyn",
            3,
            2,
            "Sensorer uten kamera tilbys som alternativ.",
            status=RiskStatus.MITIGATED,
        ),
        DemoRisk(
            "Nettverksbrudd gir tapte varsler",
            1,
            5,
            "Reserveløsning over mobilnett, og varsel til nattpatruljen ved brudd.",
            status=RiskStatus.MITIGATED,
        ),
    ),
    "Elektroniske medisindispensere i hjemmetjenesten": (
        DemoRisk(
            "Kartleggingen av brukerne tar lengre tid enn planlagt",
            5,
            3,
            "Ny og enklere kartleggingsrutine sammen med apoteket.",
            status=RiskStatus.OCCURRED,
        ),
        DemoRisk(
            "Brukere med kognitiv svikt klarer ikke å bruke dispenseren alene",
            3,
            4,
            "Kartlegging før tildeling, og varsel til pårørende der det er avtalt.",
        ),
        DemoRisk(
            "Apoteket leverer ikke multidose i tide",
            2,
            5,
            "Avtale med apoteket om leveringsfrist, og et beredskapslager i hjemmetjenesten.",
            owner="owner",
        ),
    ),
    "Ruteoptimalisering i hjemmetjenesten": (
        DemoRisk(
            "Integrasjonen mot fagsystemet blir dyrere enn antatt",
            3,
            3,
            "Integrasjonen prises som et eget punkt i anskaffelsen.",
        ),
        DemoRisk(
            "Planleggerne stoler ikke på forslagene fra verktøyet",
            2,
            3,
            "Planleggerne deltar i testingen og kan overstyre forslagene i piloten.",
        ),
    ),
    "Arealeffektivisering av administrasjonsbygg": (
        DemoRisk(
            "Byggekostnadene øker mer enn budsjettert",
            4,
            4,
            "Kutt i interiør og nye møbler, og gjenbruk av eksisterende møbler.",
            owner="owner",
        ),
        DemoRisk(
            "Storgata 12 kan ikke fraflyttes før leieavtalen går ut",
            4,
            3,
            "Forhandle med utleier om fire måneders forlengelse.",
            owner="owner",
        ),
        DemoRisk(
            "Miljøgifter i 4. etasje",
            3,
            4,
            "Miljøkartlegging av 4. etasje før riving; ingen nye funn.",
            status=RiskStatus.MITIGATED,
        ),
        DemoRisk(
            "Ansatte er misfornøyde med aktivitetsbaserte arbeidsplasser",
            3,
            2,
            "Medvirkning i innredningen og tydelige regler for stillesoner.",
        ),
    ),
    "Energisparing i formålsbygg": (
        DemoRisk(
            "Besparelsen spises opp av at byggene brukes mer",
            3,
            3,
            "Månedlig energioppfølging per bygg, med varsel ved avvik.",
        ),
        DemoRisk(
            "Lave strømpriser gir mindre besparelse i kroner",
            4,
            2,
            "Gevinsten rapporteres både i kWh og i kroner.",
            owner="owner",
        ),
        DemoRisk(
            "Mangel på varmepumper hos leverandørene",
            1,
            3,
            "Alle varmepumpene er levert og installert.",
            status=RiskStatus.CLOSED,
        ),
    ),
    "Sentral driftskontroll for kommunale bygg": (
        DemoRisk(
            "Eldre anlegg kan ikke kobles til uten å skiftes ut",
            3,
            4,
            "Befaringen kartla anleggene; kostnaden ved utskifting tas med i beslutningsgrunnlaget.",
        ),
        DemoRisk(
            "Få leverandører gir svak konkurranse",
            2,
            2,
            "Markedsdialog før kunngjøring, og krav om åpne protokoller.",
        ),
    ),
    "Tidlig innsats i barnehagen": (
        DemoRisk(
            "Teamene faller bort når prosjektmidlene tar slutt",
            3,
            5,
            "Driftsmodell og budsjett for 2027 legges fram før overleveringen.",
            owner="owner",
        ),
        DemoRisk(
            "Lang ventetid i PPT",
            4,
            3,
            "Én ny PP-rådgiver er ansatt; den siste stillingen lyses ut på nytt.",
            owner="owner",
        ),
        DemoRisk(
            "Stor utskifting av barnehagelærere",
            2,
            2,
            "Kartleggingsverktøyet og rutinene er med i opplæringen av alle nyansatte.",
        ),
    ),
    "Digitalt skole-hjem-samarbeid": (
        DemoRisk(
            "Lærerne bruker de gamle kanalene ved siden av",
            4,
            2,
            "Felles retningslinje for kommunikasjon, og de gamle løsningene avvikles fra januar.",
        ),
        DemoRisk(
            "Foresatte uten BankID får ikke tilgang",
            2,
            3,
            "Alternativ innlogging, og hjelp på skolens kontor.",
        ),
        DemoRisk(
            "Anskaffelsen blir klaget inn",
            4,
            3,
            "Klagen er behandlet og avvist, og kontrakten er signert.",
            status=RiskStatus.CLOSED,
        ),
    ),
}
