"""Who may order, see, publish and retry PDF status reports (django-rules predicates).

Kommunedirektør and Administrator order reports of any scope and publish them. A Programleder may order
reports of their own sub-programme and its projects (to prepare the sub-programme's part), but not
publish: publishing speaks for the whole administration. A published report is read by every signed-in
role; an unpublished one (a draft, a failure) only by those who may publish it or order its scope
(`sees_unpublished`, and `visible_reports` for lists, which say the same). Those who publish also correct a
published report, by ordering a corrected version of it (the newest one).
"""

import rules
from django.db.models import Q, QuerySet

from core import access, roles
from programmes.models import Programme, Project, SubProgramme
from programmes.rules import is_administrator, is_executive

from .models import Report, Scope
from .versions import replaced_by


def can_order_for(user, scope_object) -> bool:
    """May the user order a report of this programme, sub-programme or project?"""
    if roles.has_role(user, roles.ADMINISTRATOR, roles.EXECUTIVE):
        return True
    if not roles.has_role(user, roles.PROGRAMME_LEADER):
        return False
    if isinstance(scope_object, SubProgramme):
        return scope_object.leader_id == user.pk
    if isinstance(scope_object, Project):
        return scope_object.sub_programme.leader_id == user.pk
    return False


@rules.predicate
def may_order_reports(user) -> bool:
    """Has some scope to order: the page with the order form is open to these roles."""
    if roles.has_role(user, roles.ADMINISTRATOR, roles.EXECUTIVE):
        return True
    return roles.has_role(user, roles.PROGRAMME_LEADER) and SubProgramme.objects.filter(leader=user).exists()


@rules.predicate
def may_order_scope(user, scope_object) -> bool:
    return (
        scope_object is not None
        and isinstance(scope_object, (Programme, SubProgramme, Project))
        and (can_order_for(user, scope_object))
    )


@rules.predicate
def is_published(user, report: Report) -> bool:
    return report is not None and report.is_published


@rules.predicate
def is_publishable(user, report: Report) -> bool:
    return report is not None and report.is_publishable


@rules.predicate
def is_replaced(user, report: Report) -> bool:
    """A published correction of the report exists: the report is no longer the one to correct."""
    return report is not None and replaced_by(report) is not None


@rules.predicate
def is_failed(user, report: Report) -> bool:
    return report is not None and report.status == "failed"


@rules.predicate
def may_order_report_scope(user, report: Report) -> bool:
    return report is not None and can_order_for(user, report.scope_object)


@rules.predicate
def sees_unpublished(user, report: Report) -> bool:
    """May the user read this report before it is published (a draft, or see that it failed)? Those who may
    publish it, and those who may order a report of its scope."""
    return report is not None and can_order_for(user, report.scope_object)


def visible_reports(user, reports: QuerySet[Report]) -> QuerySet[Report]:
    """The reports of `reports` the user may read: `reports.view_report` as a filter, for the archive and
    the front pages' latest report. Each branch is `can_order_for` said as a query."""
    if not user.is_authenticated:
        return reports.none()
    if (user.is_active and user.is_superuser) or roles.has_role(user, roles.ADMINISTRATOR, roles.EXECUTIVE):
        return reports
    unpublished = Q(pk__in=[])
    if roles.has_role(user, roles.PROGRAMME_LEADER):
        unpublished = Q(scope=Scope.SUB_PROGRAMME, sub_programme__leader=user) | Q(
            scope=Scope.PROJECT, project__sub_programme__leader=user
        )
    return reports.filter(Q(published_at__isnull=False) | unpublished)


rules.add_perm("reports.view_report", is_published | sees_unpublished)
rules.add_perm("reports.add_report", may_order_reports)
rules.add_perm("reports.order_scope", may_order_scope)
rules.add_perm("reports.publish_report", (is_administrator | is_executive) & is_publishable)
rules.add_perm("reports.retry_report", may_order_report_scope & is_failed)
# A correction speaks for the whole administration as publishing does; only the newest version is corrected.
rules.add_perm("reports.correct_reports", is_administrator | is_executive)  # the role, before any report
rules.add_perm("reports.correct_report", (is_administrator | is_executive) & is_published & ~is_replaced)


def may_publish(user, report: Report) -> bool:
    """May the user publish this report now? A superuser passes every permission predicate, so the
    report's own state is asked here as well: a published report is never offered for publishing again."""
    return report.is_publishable and access.has_perm(user, "reports.publish_report", report)


def may_correct(user, report: Report) -> bool:
    """May the user order a corrected version of this report (the «Lag rettet versjon» button)? As
    `may_publish`, the state is asked apart from the permission, which a superuser always has."""
    return (
        report.is_published
        and replaced_by(report) is None
        and access.has_perm(user, "reports.correct_report", report)
    )


def may_retry(user, report: Report) -> bool:
    """May the user queue this failed report again (the «Prøv igjen» button)? As `may_publish`, the state
    is asked apart from the permission, which a superuser always has."""
    return report.status == "failed" and access.has_perm(user, "reports.retry_report", report)
