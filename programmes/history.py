"""The 'Endringslogg' of a project: who changed what and when, on the project and everything under it."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.numbers import format_number
from core.people import person_name
from core.periods import Period

from .models import Milestone, Project, Risk, StatusReport, SubProgramme

HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "project", "submitted_at", "submitted_by"}
HISTORY_LIMIT = 200


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str  # e.g. "Milepæl «Pilot ferdig»"
    action: str  # created, changed, deleted
    changes: list[Change] = field(default_factory=list)


def _records(model, **filters):
    return list(
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def _subject(model, record) -> str:
    """What a history entry is about; built from the record alone, so it costs no query."""
    if model is Project:
        return _("Project")
    name = Period.from_key(record.period_key).label if model is StatusReport else record.title
    return f"{str(model._meta.verbose_name).capitalize()} «{name}»"


def project_history(*, project: Project, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Every recorded change to the project, its milestones, risks and status reports, newest first."""
    groups = [
        (Project, _records(Project, id=project.pk)),
        (Milestone, _records(Milestone, project_id=project.pk)),
        (Risk, _records(Risk, project_id=project.pk)),
        (StatusReport, _records(StatusReport, project_id=project.pk)),
    ]
    user_ids, sub_ids = set(), set()
    for model, records in groups:
        for record in records:
            for f in model._meta.concrete_fields:
                if f.is_relation and f.name not in HIDDEN_FIELDS:
                    value = getattr(record, f.attname)
                    if value is not None:
                        (sub_ids if f.related_model is SubProgramme else user_ids).add(value)
    names = {u.pk: person_name(u) for u in get_user_model().objects.filter(pk__in=user_ids)}
    sub_names = dict(SubProgramme.objects.filter(pk__in=sub_ids).values_list("pk", "name"))

    def show(model, record, f) -> str:
        value = getattr(record, f.attname)
        if value in (None, ""):
            return "–"
        if f.is_relation:
            return (sub_names if f.related_model is SubProgramme else names).get(value, "?")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, int | Decimal):  # kroner and person-years: no year is an integer field here
            return format_number(value)
        return str(value)

    entries = []
    for model, records in groups:
        fields = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
        previous = None
        for record in records:
            if previous is not None and previous.id != record.id:
                previous = None
            who = person_name(record.history_user) if record.history_user else _("system")
            subject = _subject(model, record)
            if record.history_type == "+":
                entry = HistoryEntry(record.history_date, who, subject, _("created"))
            elif record.history_type == "-":
                entry = HistoryEntry(record.history_date, who, subject, _("deleted"))
            else:
                entry = HistoryEntry(record.history_date, who, subject, _("changed"))
            if previous is not None and record.history_type == "~":
                entry.changes = [
                    Change(str(f.verbose_name).capitalize(), show(model, previous, f), show(model, record, f))
                    for f in fields
                    if getattr(previous, f.attname) != getattr(record, f.attname)
                ]
                if not entry.changes:
                    previous = record
                    continue
            entries.append(entry)
            previous = record
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
