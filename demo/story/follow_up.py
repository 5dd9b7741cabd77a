"""The demo story's follow-up of the projects under way: status reports, milestones and risks as their leaders
registered them by November 2026."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from programmes.models import RiskStatus

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
