"""Loading the whole demo: what the database already holds, emptying it for `--reset`, and writing every part
of the story in order."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.translation import ngettext

from programmes.models import Programme, Project
from scorecards.models import Goal, Scorecard

from .benefit_map import seed_benefit_map
from .benefits import seed_benefits
from .decisions import seed_decisions
from .indicators import seed_indicator_gains
from .portfolio import seed_portfolio
from .programmes import seed_programme_structure
from .rows import Tally
from .scorecards import seed_scorecards

# The demo goes only into an empty database: loading it over a user's work would put back demo values they
# changed and add demo projects again beside the ones they moved or renamed.


def existing_data() -> list[str]:
    """What the database already holds that the demo must not load over, as Norwegian counts ("24 prosjekter");
    empty when the demo may be loaded. The role groups and criteria made by the migrations do not count."""
    counts = (
        (Programme, lambda n: ngettext("%(count)d programme", "%(count)d programmes", n)),
        (Project, lambda n: ngettext("%(count)d project", "%(count)d projects", n)),
        (Goal, lambda n: ngettext("%(count)d master-plan goal", "%(count)d master-plan goals", n)),
        (Scorecard, lambda n: ngettext("%(count)d scorecard", "%(count)d scorecards", n)),
        (get_user_model(), lambda n: ngettext("%(count)d user", "%(count)d users", n)),
    )
    found = []
    for model, words in counts:
        count = model._default_manager.count()
        if count:
            found.append(words(count) % {"count": count})
    return found


def demo_clear() -> None:
    """Empty every table the demo writes to, and the users' sessions and sign-in logs; keeps the role groups,
    the prioritisation criteria, the decision points' checklists and the permissions that came with the
    migrations. Only for `--reset`.

    Plain DELETEs in any order: Django makes foreign keys deferrable, so they are checked at commit, and
    unlike TRUNCATE this also works in a transaction that has already written (as in the tests).
    """
    keep = {
        "contenttypes",
        "auth.Permission",
        "auth.Group",
        "auth.Group_permissions",
        "portfolio.Criterion",
        "programmes.DecisionChecklistItem",
    }
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.app_label in keep or meta.label in keep or not meta.managed:
                continue
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(meta.db_table)}")


def demo_load(tally: Tally) -> None:
    """Load the whole demo: programme, users, follow-up, gains, goals and scorecards, the portfolio, and the
    decision points between phases."""
    demo = seed_programme_structure(tally=tally)
    seed_benefits(demo, tally)
    seed_scorecards(demo, tally)
    seed_benefit_map(demo, tally)
    seed_indicator_gains(demo, tally)
    seed_portfolio(demo, tally)
    seed_decisions(demo, tally)
