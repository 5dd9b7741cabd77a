"""Writes the demo programme: the demo users and their roles, the programme, its sub-programmes and projects,
and the projects' status reports, milestones and risks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser, Group
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.periods import Period
from demo.story.follow_up import MILESTONES, RISKS, STATUS_REPORTS
from demo.story.people import DEMO_PASSWORD, LINE_LEADERS, USERS
from demo.story.programme import PROGRAMME, PROJECTS, SUB_PROGRAMMES
from programmes.models import (
    STATUS_DIMENSIONS,
    Milestone,
    Programme,
    Project,
    Rating,
    Risk,
    StatusReport,
    SubProgramme,
)

from .rows import Tally, sync, upsert

DEMO_PASSWORD_SALT = "omstillingdemo"

RATING_LETTERS = {"G": Rating.GREEN, "Y": Rating.YELLOW, "R": Rating.RED}


@dataclass
class ProgrammeDemo:
    """The seeded objects that the rest of the engine builds on, keyed the way the story names them."""

    users: dict[str, AbstractUser]
    programme: Programme
    sub_programmes: dict[str, SubProgramme]
    projects: dict[str, Project]


def seed_users(*, tally: Tally) -> dict[str, AbstractUser]:
    user_model = get_user_model()
    # One hash with a fixed salt for every demo user: hashing is slow on purpose, and a stable hash lets a
    # re-run see that a password is still "demo" by comparing strings instead of hashing 21 times.
    demo_hash = make_password(DEMO_PASSWORD, salt=DEMO_PASSWORD_SALT)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL_ROLES}
    users = {}
    for spec in USERS:
        values = {
            "username": spec.username,
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            # A reserved domain (RFC 2606): the demo's reminders are seen in the console, never delivered.
            "email": f"{spec.username}@kommune.example",
            "is_active": True,
            "is_staff": spec.superuser,
            "is_superuser": spec.superuser,
        }
        user = user_model._default_manager.filter(username=spec.username).first()
        if user is None:
            user = user_model(**values, password=demo_hash)
            outcome = "created"
        else:
            changed = [name for name, value in values.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, values[name])
            # A password set to "demo" some other way has another salt: keep it rather than rewrite it.
            if user.password != demo_hash and not user.check_password(DEMO_PASSWORD):
                user.password = demo_hash
                changed.append("password")
            outcome = "updated" if changed else "unchanged"
        if outcome != "unchanged":
            user.full_clean()
            user.save()
        if _set_role(user, groups[spec.role]) and outcome == "unchanged":
            outcome = "updated"
        tally.add(_("users"), outcome)
        users[spec.username] = user
    return users


def _set_role(user: AbstractUser, role: Group) -> bool:
    """Give the user exactly this one role group (other groups are left alone); True if anything changed."""
    current = set(user.groups.filter(name__in=roles.ALL_ROLES))
    if current == {role}:
        return False
    user.groups.remove(*(current - {role}))
    user.groups.add(role)
    return True


def seed_programme_structure(*, tally: Tally | None = None) -> ProgrammeDemo:
    """Create or update the demo programme, its sub-programmes, projects and users, and the projects' status
    reports, milestones and risks; safe to run again."""
    tally = tally if tally is not None else Tally()
    users = seed_users(tally=tally)
    programme = upsert(
        Programme,
        match={"name__iexact": PROGRAMME["name"]},
        values=PROGRAMME,
        tally=tally,
        label=_("programmes"),
    )
    sub_programmes = {}
    for position, spec in enumerate(SUB_PROGRAMMES, start=1):
        sub_programmes[spec["name"]] = upsert(
            SubProgramme,
            match={"programme": programme, "name__iexact": spec["name"]},
            values={
                "programme": programme,
                "name": spec["name"],
                "description": spec["description"],
                "leader": users[spec["leader"]],
                "position": position,
            },
            tally=tally,
            label=_("sub-programmes"),
        )
    projects = {}
    for spec in PROJECTS:
        sub_programme = sub_programmes[spec["sub_programme"]]
        projects[spec["name"]] = upsert(
            Project,
            match={"sub_programme": sub_programme, "name__iexact": spec["name"]},
            values={
                **spec,
                "sub_programme": sub_programme,
                "owner": users[LINE_LEADERS[spec["owner"]]],
                "leader": users[spec["leader"]],
            },
            tally=tally,
            label=_("projects"),
        )
        # Proposed well before the planned start: a report about an earlier period leaves out projects
        # registered after it ended (programmes.selectors.existed_by), so "now" would empty them.
        proposed = project_proposed_at(spec)
        Project.objects.filter(pk=projects[spec["name"]].pk, created_at__gt=proposed).update(
            created_at=proposed
        )
    seed_project_follow_up(projects=projects, tally=tally)
    return ProgrammeDemo(users=users, programme=programme, sub_programmes=sub_programmes, projects=projects)


def seed_project_follow_up(*, projects: dict[str, Project], tally: Tally) -> None:
    """Status reports, milestones and risks of the projects under way, registered by their leaders."""
    for name, specs in STATUS_REPORTS.items():
        for spec in specs:
            _seed_status_report(projects[name], spec, tally=tally)
    for name, milestones in MILESTONES.items():
        project = projects[name]
        for milestone in milestones:
            upsert(
                Milestone,
                match={"project": project, "title": milestone.title},
                values={
                    "project": project,
                    "title": milestone.title,
                    "planned_date": milestone.planned,
                    "forecast_date": milestone.forecast,
                    "done_date": milestone.done,
                },
                tally=tally,
                label=_("milestones"),
                created_by=project.leader,
            )
    for name, risks in RISKS.items():
        project = projects[name]
        for risk in risks:
            upsert(
                Risk,
                match={"project": project, "title": risk.title},
                values={
                    "project": project,
                    "title": risk.title,
                    "probability": risk.probability,
                    "consequence": risk.consequence,
                    "mitigation": risk.mitigation,
                    "owner": project.leader if risk.owner == "leader" else project.owner,
                    "status": risk.status,
                },
                tally=tally,
                label=_("risks"),
                created_by=project.leader,
            )


def status_report_values(project: Project, spec: dict[str, Any]) -> dict[str, Any]:
    """The field values of one report spec; refuses a yellow or red dimension without a comment."""
    ratings = dict(
        zip(STATUS_DIMENSIONS, (RATING_LETTERS[letter] for letter in spec["ratings"]), strict=True)
    )
    comments = spec.get("comments", {})
    missing = [name for name, rating in ratings.items() if rating != Rating.GREEN and not comments.get(name)]
    if missing:
        raise ValueError(f"{project.name} {spec['period']}: no comment on {', '.join(missing)}")
    return {
        "project": project,
        "period_key": spec["period"],
        "version": spec.get("version", 1),
        **ratings,
        **{f"{name}_comment": comments.get(name, "") for name in STATUS_DIMENSIONS},
        "achieved": spec["achieved"],
        "next_steps": spec["next_steps"],
        "risks": spec.get("risks", ""),
        "decisions_needed": spec.get("decisions_needed", ""),
        "submitted_by": project.leader,
    }


def project_proposed_at(spec: dict[str, Any]) -> datetime:
    """When the project was proposed: three months before its planned start, or when the programme began."""
    day = (spec.get("start_date") or PROGRAMME["start_date"]) - timedelta(days=90)
    return timezone.make_aware(datetime.combine(day, time(10)))


def status_report_submitted_at(spec: dict[str, Any]) -> datetime:
    """When the report came in: some days after its period ended, on a working day, in working hours."""
    days = spec["submitted"]
    day = Period.from_key(spec["period"]).end + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(9 + days % 7, (days * 13) % 60)))


def _seed_status_report(project: Project, spec: dict[str, Any], *, tally: Tally) -> StatusReport:
    values = status_report_values(project, spec)
    submitted_at = status_report_submitted_at(spec)
    report, outcome = sync(
        StatusReport,
        match={"project": project, "period_key": values["period_key"], "version": values["version"]},
        values=values,
        created_by=project.leader,
        created_at=submitted_at,
    )
    # submitted_at is auto_now_add, so a new report gets "now"; date it back, and write no history for that.
    if (
        StatusReport.objects.filter(pk=report.pk)
        .exclude(submitted_at=submitted_at)
        .update(submitted_at=submitted_at)
    ):
        if outcome == "created":
            StatusReport.history.filter(id=report.pk, history_type="+").update(submitted_at=submitted_at)
        else:
            outcome = "updated"
    report.submitted_at = submitted_at
    tally.add(_("status reports"), outcome)
    return report
