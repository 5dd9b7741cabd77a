"""The 'Endringslogg' of a project: who changed what and when, on the project and everything under it."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.history import HistoryEntry, Tracked, change_log, records
from core.periods import Period
from core.templatetags.formatting import nok

from .models import DecisionPoint, Milestone, Project, Risk, StatusReport

HIDDEN_FIELDS = frozenset({"project", "version", "submitted_by"})
MONEY = {"cost_estimate": nok, "estimated_annual_gain": nok}
HISTORY_LIMIT = 200
# A decision point's entry says what was decided, why and by whom; its basis is shown in full in the
# project's «Beslutningspunkt» section, so the change log leaves the texts out.
DECISION_HIDDEN = HIDDEN_FIELDS | {
    "from_phase",
    "to_phase",
    "need",
    "goals",
    "gains",
    "cost",
    "risk",
    "checklist",
    "prepared_by",
    "decided_at",
}


def _decision_subject(record) -> str:
    return _("Decision point «%(from)s → %(to)s»") % {
        "from": record.get_from_phase_display(),
        "to": record.get_to_phase_display(),
    }


def _named(model):
    """A record's subject: the kind of thing and its name («title», or the report's period)."""

    def subject(record) -> str:
        name = Period.from_key(record.period_key).label if model is StatusReport else record.title
        return f"{capfirst(model._meta.verbose_name)} «{name}»"

    return subject


def project_history(*, project: Project, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Every recorded change to the project, its milestones, risks, status reports and decision points,
    newest first."""
    return change_log(
        [
            Tracked(
                Project,
                records(Project, id=project.pk),
                subject=lambda record: _("Project"),
                hidden=HIDDEN_FIELDS,
                formats=MONEY,
            ),
            *(
                Tracked(
                    model, records(model, project_id=project.pk), subject=_named(model), hidden=HIDDEN_FIELDS
                )
                for model in (Milestone, Risk, StatusReport)
            ),
            Tracked(
                DecisionPoint,
                records(DecisionPoint, project_id=project.pk),
                subject=_decision_subject,
                hidden=DECISION_HIDDEN,
                created_values=True,
            ),
        ],
        limit=limit,
    )
