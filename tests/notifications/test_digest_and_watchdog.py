"""The weekly digest is read in a fixed number of queries however many projects a leader has; the watchdog
queues messages whose task never reached the queue and fails messages left «being sent» by a dead worker."""

import datetime

import pytest
from django.utils import timezone

from notifications import selectors, services
from notifications.models import Kind, Message, MessageStatus
from programmes.models import Phase
from tests.factories import (
    BenefitPlanYearFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusReportFactory,
    SubProgrammeFactory,
    UserFactory,
)

TODAY = datetime.date(2026, 9, 21)


def projects_with_a_week(sub_programme, count: int) -> None:
    for _n in range(count):
        project = ProjectFactory(sub_programme=sub_programme, phase=Phase.EXECUTION)
        StatusReportFactory(project=project, period_key="2026-T2", overall="red")
        MilestoneFactory(project=project, planned_date=TODAY - datetime.timedelta(days=2))
        BenefitPlanYearFactory(benefit__project=project)


@pytest.mark.parametrize("projects", [1, 6])
def test_the_weekly_digest_is_read_in_a_fixed_number_of_queries(db, django_assert_num_queries, projects):
    leader = UserFactory(email="per@kommune.no")
    sub_programme = SubProgrammeFactory(leader=leader)
    projects_with_a_week(sub_programme, projects)
    # Sub-programmes, missing reports of the one sub-programme, new reds, milestones reached and missed,
    # and the gains (project ids, projects, benefits, plan years).
    with django_assert_num_queries(9):
        digest = selectors.weekly_digest(leader=leader, today=TODAY)
        assert len(digest.milestones_missed) == projects
        assert len(digest.gains) == projects


def test_the_watchdog_sends_a_message_never_queued_and_fails_one_left_being_sent(
    db, eager, smtp_server, django_capture_on_commit_callbacks
):
    user = UserFactory(email="kari@kommune.no")
    fields = {
        "recipient": user,
        "to_address": user.email,
        "subject": "Emne",
        "body_text": "t",
        "body_html": "h",
    }
    never_queued = Message.objects.create(kind=Kind.DECISION, event="decision:1", **fields)
    left_sending = Message.objects.create(
        kind=Kind.DECISION, event="decision:2", status=MessageStatus.SENDING, attempts=1, **fields
    )
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Message.objects.update(created_at=long_ago, attempted_at=long_ago)
    fresh = Message.objects.create(kind=Kind.DECISION, event="decision:3", **fields)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.messages_watch() == {"queued": 1, "failed": 1}

    never_queued.refresh_from_db()
    left_sending.refresh_from_db()
    fresh.refresh_from_db()
    assert never_queued.status == MessageStatus.SENT
    assert [m.envelope_to for m in smtp_server.messages] == [["kari@kommune.no"]]
    assert left_sending.status == MessageStatus.FAILED
    assert "kanskje ikke levert" in left_sending.error
    assert fresh.status == MessageStatus.PENDING  # its own task is still on its way
