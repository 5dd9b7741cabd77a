"""The demo story's programme: «Utvikling og bærekraft», its five sub-programmes and their projects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from programmes.models import Phase

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

# "owner" is a key of demo.story.people.LINE_LEADERS, "leader" a username.
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
