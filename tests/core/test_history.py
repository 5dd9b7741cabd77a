"""The change-log engine: saves record who made them, and the log reads each change as a person would."""

import datetime

import pytest
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.history import (
    Tracked,
    change_log,
    delete_with_history,
    last_editor,
    records,
    save_with_history,
)
from programmes.models import Milestone, Risk, RiskStatus
from tests.factories import MilestoneFactory, ProjectFactory, RiskFactory, UserFactory

pytestmark = pytest.mark.django_db


def label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def risk_log(risk: Risk, **options) -> list:
    tracked = Tracked(Risk, records(Risk, id=risk.pk), subject=lambda record: record.title, **options)
    return change_log([tracked], limit=50)


def test_a_change_shows_who_made_it_and_the_old_and_new_value():
    kari = UserFactory(first_name="Kari", last_name="Nordmann")
    risk = RiskFactory(title="Leverandøren leverer sent")
    risk.title = "Leverandøren leverer for sent"
    save_with_history(risk, user=kari)

    newest = risk_log(risk, hidden=frozenset({"project"}))[0]
    assert (newest.who, newest.subject, newest.action) == ("Kari Nordmann", risk.title, _("changed"))
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        (label(Risk, "title"), "Leverandøren leverer sent", "Leverandøren leverer for sent")
    ]


def test_a_choice_shows_its_label_not_its_stored_value():
    risk = RiskFactory(status=RiskStatus.OPEN)
    risk.status = RiskStatus.CLOSED
    save_with_history(risk, user=UserFactory())

    changes = {c.label: (c.old, c.new) for c in risk_log(risk)[0].changes}
    assert changes[label(Risk, "status")] == (str(RiskStatus.OPEN.label), str(RiskStatus.CLOSED.label))


def test_a_person_is_named_and_one_deleted_since_is_shown_as_deleted(django_assert_num_queries):
    before, after = (
        UserFactory(first_name="Per", last_name="Hansen"),
        UserFactory(first_name="Ola", last_name=""),
    )
    risk = RiskFactory(owner=before)
    risk.owner = after
    save_with_history(risk, user=after)
    assert [(c.old, c.new) for c in risk_log(risk)[0].changes] == [("Per Hansen", "Ola")]

    before.delete()
    tracked = Tracked(Risk, records(Risk, id=risk.pk), subject=lambda record: record.title)
    with django_assert_num_queries(1):  # the people the changes name, in one query
        newest = change_log([tracked], limit=50)[0]
    assert [(c.old, c.new) for c in newest.changes] == [(_("(deleted)"), "Ola")]


def test_the_first_version_is_created_and_the_last_deleted():
    kari, per = UserFactory(), UserFactory()
    milestone = Milestone(
        project=ProjectFactory(), title="Pilot ferdig", planned_date=datetime.date(2027, 1, 1)
    )
    save_with_history(milestone, user=kari)
    delete_with_history(milestone, user=per)

    log = change_log(
        [Tracked(Milestone, records(Milestone, title="Pilot ferdig"), subject=lambda record: record.title)],
        limit=50,
    )
    assert [(entry.action, entry.changes) for entry in log] == [(_("deleted"), []), (_("created"), [])]
    assert [record.history_user for record in Milestone.history.order_by("history_id")] == [kari, per]


def test_created_values_lists_what_the_first_version_holds():
    milestone = MilestoneFactory(planned_date=datetime.date(2027, 3, 1))
    tracked = Tracked(
        Milestone,
        records(Milestone, id=milestone.pk),
        subject=lambda record: record.title,
        hidden=frozenset({"project", "title"}),
        created_values=True,
    )
    (created,) = change_log([tracked], limit=50)
    assert [(c.label, c.old, c.new) for c in created.changes] == [
        (label(Milestone, "planned_date"), "–", "01.03.2027")
    ]


def test_a_version_that_changed_only_hidden_fields_is_left_out_and_a_format_applies():
    risk = RiskFactory(title="Før", description="")
    risk.description = "Bare beskrivelsen"
    save_with_history(risk, user=None)
    risk.title = "Etter"
    save_with_history(risk, user=None)

    log = risk_log(risk, hidden=frozenset({"description"}), formats={"title": str.upper})
    assert [entry.action for entry in log] == [_("changed"), _("created")]
    assert log[0].who == _("system")
    assert [(c.old, c.new) for c in log[0].changes] == [("FØR", "ETTER")]


def test_the_log_is_newest_first_across_models_and_cut_at_the_limit():
    project = ProjectFactory()
    risk = RiskFactory(project=project, title="Før")
    MilestoneFactory(project=project)
    risk.title = "Etter"
    save_with_history(risk, user=None)
    log = change_log(
        [
            Tracked(Risk, records(Risk, project_id=project.pk), subject=lambda record: "risk"),
            Tracked(Milestone, records(Milestone, project_id=project.pk), subject=lambda record: "milestone"),
        ],
        limit=2,
    )
    assert [(entry.subject, entry.action) for entry in log] == [
        ("risk", _("changed")),
        ("milestone", _("created")),
    ]


def test_save_with_history_records_the_reason_and_the_date():
    when = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
    milestone = Milestone(project=ProjectFactory(), title="Fra demo", planned_date=datetime.date(2027, 1, 1))
    save_with_history(milestone, user=None, reason="Demodata", when=when)
    record = milestone.history.get()
    assert (record.history_change_reason, record.history_date, record.history_user) == (
        "Demodata",
        when,
        None,
    )


def test_last_editor_names_who_saved_the_newest_of_several_sets_of_records():
    kari = UserFactory(first_name="Kari", last_name="Nordmann")
    per = UserFactory(first_name="Per", last_name="Hansen")
    project = ProjectFactory()
    risk = RiskFactory(project=project)
    save_with_history(risk, user=kari)
    milestone = MilestoneFactory(project=project)
    save_with_history(milestone, user=per)
    assert last_editor(risk.history.all()) == "Kari Nordmann"
    assert last_editor(risk.history.all(), milestone.history.all()) == "Per Hansen"
    assert last_editor(Risk.history.none()) == ""
