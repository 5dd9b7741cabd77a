"""Seeds the checklists of the decision points between phases, after the questions Digdir's
Prosjektveiviseren asks at each beslutningspunkt, in our own words. The administrator edits them in the
admin; the texts are data, so they are Norwegian."""

from django.db import migrations

# (from phase, [(question, guidance), …]); the decision point leads to the next phase.
CHECKLISTS = [
    (
        "idea",
        [
            ("Behovet er beskrevet, og det er klart hvem som har behovet.", "Skriv behovet før løsningen."),
            ("Idéen støtter mål i kommuneplanen eller programmets mål.", ""),
            ("Det er anslått hva konseptfasen vil kreve av tid og folk.", ""),
            ("Prosjekteieren er utpekt og har sagt ja til rollen.", ""),
        ],
    ),
    (
        "concept",
        [
            (
                "Flere løsninger er vurdert, også å gjøre minst mulig.",
                "Nullalternativet er en del av sammenligningen.",
            ),
            ("Det anbefalte konseptet er begrunnet med nytte, kostnad og risiko.", ""),
            ("Gevinstene er beskrevet og anslått, og hver gevinst har en gevinsteier.", ""),
            ("Brukere og berørte tjenester er tatt med i arbeidet.", ""),
            (
                "Det er avklart om anskaffelse, personvern eller informasjonssikkerhet krever egne vurderinger.",
                "",
            ),
        ],
    ),
    (
        "planning",
        [
            ("Prosjektplanen har omfang, milepæler, organisering og budsjett.", ""),
            ("Gevinstrealiseringsplanen er laget, og gevinsteierne har godtatt den.", ""),
            ("Risikoene er vurdert, og hvert tiltak har en eier.", ""),
            ("Folkene prosjektet trenger, er avklart med linjelederne.", ""),
            ("Kostnaden er innenfor rammen, eller avviket er begrunnet.", ""),
        ],
    ),
    (
        "execution",
        [
            ("Leveransene er ferdige og tatt i bruk av linjen.", ""),
            ("Opplæring og endringer i arbeidsmåter er gjennomført.", ""),
            ("Gevinsteierne har bekreftet hvordan og når gevinstene tas ut.", ""),
            ("Åpne risikoer og restarbeid har fått en eier i linjen.", ""),
        ],
    ),
    (
        "realisation",
        [
            ("Gevinstene er målt og rapportert mot planen.", ""),
            ("Erfaringene fra prosjektet er samlet og delt.", ""),
            ("Det er avklart hvem som følger opp gevinster som ennå ikke er tatt ut.", ""),
        ],
    ),
]


def seed(apps, schema_editor):
    Item = apps.get_model("programmes", "DecisionChecklistItem")
    for from_phase, questions in CHECKLISTS:
        for position, (text, guidance) in enumerate(questions, start=1):
            Item.objects.get_or_create(
                from_phase=from_phase, text=text, defaults={"guidance": guidance, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0009_decision_points")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
