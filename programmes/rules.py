"""Object permissions for programmes and projects (django-rules predicates, DESIGN.md's roles).

Views, templates (through a context flag) and services ask them by name through core.access.
"""

import rules

from core import access, roles


@rules.predicate
def is_administrator(user) -> bool:
    return roles.has_role(user, roles.ADMINISTRATOR)


@rules.predicate
def is_executive(user) -> bool:
    return roles.has_role(user, roles.EXECUTIVE)


@rules.predicate
def is_employee(user) -> bool:
    """Any signed-in role that works in the administration (everyone but elected members)."""
    return roles.has_role(user, *roles.EMPLOYEE_ROLES)


@rules.predicate
def leads_projects_sub_programme(user, project) -> bool:
    return (
        project is not None
        and roles.has_role(user, roles.PROGRAMME_LEADER)
        and project.sub_programme.leader_id == user.pk
    )


@rules.predicate
def leads_or_owns_project(user, project) -> bool:
    return (
        project is not None
        and roles.has_role(user, roles.PROJECT_LEADER, roles.PROGRAMME_LEADER)
        and user.pk in (project.leader_id, project.owner_id)
    )


@rules.predicate
def leads_both_sub_programmes(user, move) -> bool:
    """`move` is (project, target sub-programme): the user leads the project's and the target's."""
    project, target = move
    return roles.has_role(user, roles.PROGRAMME_LEADER) and user.pk == project.sub_programme.leader_id == (
        target.leader_id
    )


@rules.predicate
def owns_project(user, project) -> bool:
    """The project's owner, in a role of the administration (an owner who has left every role decides no
    more)."""
    return project is not None and user.pk == project.owner_id and roles.has_role(user, *roles.EMPLOYEE_ROLES)


can_edit_project = is_administrator | leads_projects_sub_programme | leads_or_owns_project
can_move_project = is_administrator | is_executive | leads_both_sub_programmes
# Prosjektveiviseren's decision points: the project's editors prepare the basis, the owner or the
# kommunedirektør decides; only the administrator moves a phase without a decision (recorded as skipped).
can_prepare_decision = can_edit_project
can_decide = is_administrator | is_executive | owns_project

rules.add_perm("programmes.view_programme", rules.is_authenticated)
rules.add_perm("programmes.view_project", rules.is_authenticated)
rules.add_perm("programmes.add_project", is_employee)
rules.add_perm("programmes.change_project", can_edit_project)
rules.add_perm("programmes.move_project", can_move_project)
rules.add_perm("programmes.prepare_decision_point", can_prepare_decision)
rules.add_perm("programmes.decide_decision_point", can_decide)
rules.add_perm("programmes.skip_decision_point", is_administrator)


def may_move_project(user, project, target) -> bool:
    """May the user put the project in `target`? Keeping its sub-programme is no move; moving it needs
    rights in both sub-programmes (or the portfolio owner's)."""
    return target.pk == project.sub_programme_id or access.has_perm(
        user, "programmes.move_project", (project, target)
    )
