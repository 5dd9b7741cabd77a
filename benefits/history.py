"""The gains change log of a project: who changed which benefit or plan figure, and when."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.numbers import format_number
from core.people import person_name
from programmes.history import Change, HistoryEntry

from .models import Benefit, BenefitPlanYear
from .selectors import benefit_history_records

HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "project", "benefit", "year"}
HISTORY_LIMIT = 100


def _who(record) -> str:
    user = record.history_user
    return person_name(user) if user else _("system")


def benefit_history(*, project_id: int, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Every recorded change to the project's benefits and their plan years, newest first (3 queries)."""
    benefit_records, year_records = benefit_history_records(project_id=project_id)
    titles = {}
    for record in benefit_records:
        titles[record.id] = record.title
    owner_ids = {r.owner_id for r in benefit_records if r.owner_id}
    names = {u.pk: person_name(u) for u in get_user_model().objects.filter(pk__in=owner_ids)}

    def show(record, f) -> str:
        value = getattr(record, f.attname)
        if value in (None, ""):
            return "–"
        if f.is_relation:
            return names.get(value, "?")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if f.get_internal_type() == "DecimalField":
            return format_number(value)
        return str(value)

    def subject(model, record) -> str:
        if model is Benefit:
            return _("Benefit «%(title)s»") % {"title": record.title}
        return _("Plan %(year)s for «%(title)s»") % {
            "year": record.year,
            "title": titles.get(record.benefit_id, "?"),
        }

    entries = []
    for model, records in ((Benefit, benefit_records), (BenefitPlanYear, year_records)):
        fields = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
        previous = None
        for record in records:
            if previous is not None and previous.id != record.id:
                previous = None
            action = {"+": _("created"), "-": _("deleted")}.get(record.history_type, _("changed"))
            entry = HistoryEntry(record.history_date, _who(record), subject(model, record), action)
            if previous is not None and record.history_type == "~":
                entry.changes = [
                    Change(str(f.verbose_name).capitalize(), show(previous, f), show(record, f))
                    for f in fields
                    if getattr(previous, f.attname) != getattr(record, f.attname)
                ]
                if not entry.changes:
                    previous = record
                    continue
            elif record.history_type == "+" and model is BenefitPlanYear:
                entry.changes = [
                    Change(str(f.verbose_name).capitalize(), "–", show(record, f))
                    for f in fields
                    if getattr(record, f.attname) not in (None, "")
                ]
            entries.append(entry)
            previous = record
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
