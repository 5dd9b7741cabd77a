"""The change log: saving a history-tracked object with who did it, and showing its history on a page.

Every app records writes with django-simple-history. A service saves or deletes through
`save_with_history` / `delete_with_history`, so the record names the acting user also where there is no
request (a Celery task, a management command). A page builds its change log with `change_log` from one
`Tracked` per model: each entry says who created, changed or deleted what and when, and for a change each
field's old and new value, read as on the pages (people by name, choices by label, Norwegian dates and
numbers).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, models, router
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .numbers import MISSING, format_date, format_number
from .people import person_name

EMPTY = MISSING


# --- Saving with history ---------------------------------------------------------------------------------


def _record_as(obj: models.Model, user: AbstractBaseUser | None, reason: str | None) -> None:
    # simple-history reads these attributes when it writes the record. Without `_history_user` it falls
    # back to the request's user, which a Celery task or a management command does not have.
    obj._history_user = user
    if reason is not None:
        obj._change_reason = reason


def save_with_history(
    obj: models.Model,
    *,
    user: AbstractBaseUser | None,
    reason: str | None = None,
    when: datetime | None = None,
    **save_options: Any,
) -> None:
    """Saves `obj`; its history record names `user` (None: the system), `reason` and, if given, `when`."""
    _record_as(obj, user, reason)
    if when is not None:
        obj._history_date = when
    obj.save(**save_options)


def delete_with_history(
    obj: models.Model, *, user: AbstractBaseUser | None, reason: str | None = None
) -> None:
    """Deletes `obj`; the record of the deletion names `user` (None: the system) and `reason`."""
    _record_as(obj, user, reason)
    obj.delete()


def bulk_create_with_records(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    user: AbstractBaseUser | None,
    when: datetime,
    batch_size: int = 1000,
) -> list[models.Model]:
    """Inserts `objs` in bulk and records each as created by `user` (None: the system) at `when`; returns them
    with their ids.

    The records are those simple_history's `bulk_create_with_history(objs, model, default_user=user,
    default_date=when)` writes, but the database copies the new rows into the history table (one INSERT …
    SELECT per batch) instead of Python building and inserting a historical object per row, which was half
    the time of writing a 5,000-row gains file. An object's own `_history_user`, `_history_date` and
    `_change_reason` are not read. Where the database cannot return the new ids, or the history table has
    more than simple_history's own fields, bulk_create_with_history writes them.
    """
    history = model.history.model
    db = router.db_for_write(model)
    connection = connections[db]
    if not _copyable(model, history, connection):
        return bulk_create_with_history(
            objs, model, batch_size=batch_size, default_user=user, default_date=when
        )
    created = model._default_manager.using(db).bulk_create(objs, batch_size=batch_size)
    if not created:
        return created
    if user is None:  # as simple_history: the user of the request being served, if any
        user = history.get_default_history_user(created[0])
    quote = connection.ops.quote_name
    meta = history._meta
    tracked = history.tracked_fields
    stamp = [meta.get_field(name).column for name in _RECORD_FIELDS]
    columns = ", ".join(quote(column) for column in [meta.get_field(f.name).column for f in tracked] + stamp)
    values = ", ".join(quote(f.column) for f in tracked)
    pk = quote(model._meta.pk.column)
    date = meta.get_field("history_date").get_db_prep_value(when, connection)
    if connection.features.max_query_params:
        batch_size = min(batch_size, connection.features.max_query_params - 3)
    ids = [obj.pk for obj in created]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "
                f"SELECT {values}, %s, NULL, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {pk} IN ({', '.join(['%s'] * len(batch))}) ORDER BY {pk}",
                [date, "+", user.pk if user is not None else None, *batch],
            )
    return created


# The fields of a history record besides the tracked ones, in the order the copy above writes them; its id
# is the table's own.
_RECORD_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user")


def _copyable(model: type[models.Model], history: type[models.Model], connection) -> bool:
    """Whether the database can return new ids from a bulk insert and the history table holds only the
    tracked fields and simple_history's own, so that a record is a copy of its row."""
    fields = {f.name for f in history._meta.concrete_fields}
    expected = {f.name for f in history.tracked_fields} | {"history_id", *_RECORD_FIELDS}
    return (
        connection.features.can_return_rows_from_bulk_insert
        and fields == expected
        and isinstance(history._meta.pk, models.AutoField)
        and history._meta.get_field("history_change_reason").null
    )


# --- Who saved last --------------------------------------------------------------------------------------


def last_editor(*record_sets: models.QuerySet) -> str:
    """The name of whoever saved the newest record of these sets of history records ("" when unknown);
    one query per set."""
    firsts = [
        records.select_related("history_user").order_by("-history_date", "-history_id").first()
        for records in record_sets
    ]
    newest = [record for record in firsts if record is not None]
    if not newest:
        return ""
    last = max(newest, key=lambda record: record.history_date)
    return person_name(last.history_user) if last.history_user else ""


# --- Showing values --------------------------------------------------------------------------------------


def related_text(obj: models.Model) -> str:
    """A related object as a person reads it: a person by name, anything else as itself."""
    return person_name(obj) if hasattr(obj, "get_full_name") else str(obj)


def value_text(model_field: models.Field, value: Any) -> str:
    """A stored value of a (non-relation) field as a person reads it: a choice by its label, yes or no,
    and dates and numbers the Norwegian way."""
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int | Decimal):
        return format_number(value)
    return str(value)


# --- The change log --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of a change-log entry: its label and its value before and after, as shown."""

    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One line of a change log: when, who, what it is about (e.g. `Milepæl «Pilot ferdig»`), the action
    (created, changed, deleted) and, for a change, the fields that changed."""

    when: datetime
    who: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class Tracked:
    """One model's history records in a change log, and how to show them.

    `records` come ordered by object, then time (as `records()` gives them); `subject` says what a record
    is about without a query; `hidden` fields are never listed (primary keys and fields no form edits,
    such as `version` and `created_at`, never are); `formats` show a field's value where the default is
    not right (e.g. money in kroner), by field name; `created_values` lists the first version's values.
    """

    model: type[models.Model]
    records: Sequence[Any]
    subject: Callable[[Any], str]
    hidden: frozenset[str] = frozenset()
    formats: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    created_values: bool = False

    def fields(self) -> list[models.Field]:
        tracked = self.model.history.model.tracked_fields
        return [f for f in tracked if f.editable and not f.primary_key and f.name not in self.hidden]


def records(model: type[models.Model], **filters: Any) -> list:
    """A model's history records matching `filters`, with who saved each, by object and then time."""
    return list(
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by(model._meta.pk.attname, "history_date", "history_id")
    )


@dataclass
class _Draft:
    """An entry before its values are shown: the changed fields with their stored values."""

    entry: HistoryEntry
    source: Tracked
    changes: list[tuple[models.Field, Any, Any]]


def _drafts(source: Tracked) -> list[_Draft]:
    fields = source.fields()
    pk = source.model._meta.pk.attname
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    drafts, previous = [], None
    for record in source.records:
        if previous is not None and getattr(previous, pk) != getattr(record, pk):
            previous = None
        changes = []
        if record.history_type == "~" and previous is not None:
            changes = [
                (f, getattr(previous, f.attname), getattr(record, f.attname))
                for f in fields
                if getattr(previous, f.attname) != getattr(record, f.attname)
            ]
            if not changes:  # only hidden fields changed
                previous = record
                continue
        elif record.history_type == "+" and source.created_values:
            changes = [(f, None, getattr(record, f.attname)) for f in fields]
            changes = [(f, old, new) for f, old, new in changes if new not in (None, "")]
        who = person_name(record.history_user) if record.history_user else _("system")
        entry = HistoryEntry(record.history_date, who, source.subject(record), actions[record.history_type])
        drafts.append(_Draft(entry, source, changes))
        previous = record
    return drafts


def _related_names(drafts: list[_Draft]) -> dict[type[models.Model], dict[Any, str]]:
    """The names of the related objects the changes show: one query per related model."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for draft in drafts:
        for f, old, new in draft.changes:
            if f.is_relation and f.name not in draft.source.formats:
                wanted[f.related_model].update(value for value in (old, new) if value is not None)
    return {
        model: {obj.pk: related_text(obj) for obj in model._default_manager.filter(pk__in=ids)}
        for model, ids in wanted.items()
    }


def change_log(tracked: Iterable[Tracked], *, limit: int) -> list[HistoryEntry]:
    """The change-log entries of the tracked records, newest first, at most `limit`.

    Each version is compared with the one before it; a version that changed only hidden fields is left
    out. People and other related objects are named with one query per related model the shown changes
    name; one deleted since is shown as such.
    """
    drafts = [draft for source in tracked for draft in _drafts(source)]
    drafts.sort(key=lambda draft: draft.entry.when, reverse=True)
    drafts = drafts[:limit]
    names = _related_names(drafts)

    def shown(source: Tracked, f: models.Field, value: Any) -> str:
        if value is None or value == "":
            return EMPTY
        if f.name in source.formats:
            return source.formats[f.name](value)
        if f.is_relation:
            return names[f.related_model].get(value, _("(deleted)"))
        return value_text(f, value)

    for draft in drafts:
        draft.entry.changes = [
            Change(capfirst(str(f.verbose_name)), shown(draft.source, f, old), shown(draft.source, f, new))
            for f, old, new in draft.changes
        ]
    return [draft.entry for draft in drafts]
