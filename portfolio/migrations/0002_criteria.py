"""Seeds the four assessment criteria; the two heaviest are financial gain and the master-plan goals."""

from django.db import migrations

CRITERIA = [
    {
        "name": "Økonomisk gevinstpotensial",
        "description": "Hvor stor økonomisk gevinst prosjektet kan gi i økonomiplanperioden, sett mot kostnaden.",
        "weight": 35,
        "kind": "financial",
        "position": 1,
        "steps": (
            "Ingen eller ubetydelig økonomisk gevinst",
            "Gevinsten dekker under halvparten av kostnaden",
            "Gevinsten dekker omtrent kostnaden",
            "Gevinsten er to ganger kostnaden eller mer",
            "Gevinsten er tre ganger kostnaden eller mer",
        ),
    },
    {
        "name": "Bidrag til kommuneplanens mål",
        "description": "Hvor mye prosjektet hjelper kommunen å nå målene i kommuneplanens samfunnsdel.",
        "weight": 35,
        "kind": "goals",
        "position": 2,
        "steps": (
            "Bidrar ikke til noe mål",
            "Svakt bidrag til ett mål",
            "Middels bidrag til ett eller flere mål",
            "Sterkt bidrag til ett mål",
            "Sterkt bidrag til flere mål",
        ),
    },
    {
        "name": "Gjennomførbarhet og risiko",
        "description": "Hvor sannsynlig det er at prosjektet lykkes: kompetanse, kapasitet, avhengigheter og risiko.",
        "weight": 20,
        "kind": "other",
        "position": 3,
        "steps": (
            "Svært usikker, høy risiko og store avhengigheter",
            "Usikker, flere høye risikoer",
            "Gjennomførbar med kjente risikoer",
            "God gjennomførbarhet, risikoene er håndterbare",
            "Svært god gjennomførbarhet, lav risiko",
        ),
    },
    {
        "name": "Hast",
        "description": "Hvor viktig det er å starte nå: lovkrav, frister, økende behov eller tapte muligheter.",
        "weight": 10,
        "kind": "other",
        "position": 4,
        "steps": (
            "Kan vente flere år uten ulempe",
            "Kan vente et par år",
            "Bør starte innen ett til to år",
            "Bør starte i år",
            "Må starte nå (lovkrav, frist eller akutt behov)",
        ),
    },
]


def seed_criteria(apps, schema_editor):
    Criterion = apps.get_model("portfolio", "Criterion")
    for spec in CRITERIA:
        values = {k: v for k, v in spec.items() if k != "steps"}
        values.update({f"step_{n}": text for n, text in enumerate(spec["steps"], start=1)})
        Criterion.objects.update_or_create(name=spec["name"], defaults=values)


def remove_criteria(apps, schema_editor):
    apps.get_model("portfolio", "Criterion").objects.filter(name__in=[c["name"] for c in CRITERIA]).delete()


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(seed_criteria, remove_criteria)]
