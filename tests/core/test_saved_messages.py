"""The one message of a save that kept someone else's changes, as every edit page says it."""

import pytest
from django.utils import translation

from core.versioning import Saved, kept_text, saved_text
from programmes.models import Project


@pytest.mark.parametrize(
    ("who", "fields", "said"),
    [
        ("Kari Nordmann", [], "Lagret."),
        (
            "Kari Nordmann",
            ["vekt"],
            "Lagret. Kari Nordmann hadde også endret vekt – de endringene er beholdt.",
        ),
        ("", ["mål", "behov"], "Lagret. Noen andre hadde også endret mål, behov – de endringene er beholdt."),
        ("kari", ["vekt"], "Lagret. kari hadde også endret vekt – de endringene er beholdt."),
    ],
)
def test_a_save_says_which_changes_of_whom_it_kept(who, fields, said):
    with translation.override("nb"):
        assert kept_text(translation.gettext("Saved."), who=who, fields=fields) == said


def test_a_save_names_kept_fields_by_the_pages_labels_or_else_the_models():
    project = Project(name="Digitalt tilsyn")
    kept = Saved(instance=project, kept_from="Kari Nordmann", kept_fields=("goal", "need"))
    with translation.override("nb"):
        assert saved_text(Saved(instance=project)) == "Endringene er lagret."
        assert saved_text(kept, labels={"need": "Behovet"}) == (
            "Endringene dine er lagret. Kari Nordmann hadde også endret prosjektmål, Behovet – de endringene er "
            "beholdt."
        )
