"""Who may do what with gains (django-rules predicates), built on the programme's own project rules.

- Reading gains and the overviews, and exporting them: every signed-in user, as for projects.
- Editing a project's benefits and their plan (expected, low and high figures, operating costs, budget
  withdrawals, the range): whoever may edit the project (programmes.change_project).
- Reporting a benefit's realised figures (and its measurements): the gains follow the benefit, not the
  project. While the project is being prepared and carried out, whoever may edit the project reports them,
  and the benefit's owner (gevinsteier) may too. Once the project is in the realisation phase or closed, the
  benefit's owner reports them: the project's leader and owner may read them but no longer change them; the
  sub-programme's leader and the administrator may, as before.
- Importing a benefit plan from Excel: Administrator, Kommunedirektør and Programleder may open the
  import; each row must then be a project the user may import for (`may_import_for_project`):
  Administrator and Kommunedirektør any project, a Programleder the projects of the sub-programmes they
  lead. Project leaders enter their figures in the grid instead.
- Setting the economic-plan period, the ledger's horizon and the savings targets: Administrator and
  Kommunedirektør.
"""

import rules

from core import roles
from programmes.models import Phase
from programmes.rules import (
    can_edit_project,
    is_administrator,
    is_executive,
    leads_or_owns_project,
    leads_projects_sub_programme,
)

# The phases in which the project has delivered and the gain owners report what the change gives.
REALISATION_PHASES = frozenset({Phase.REALISATION, Phase.CLOSED})


def in_realisation(project) -> bool:
    """Is the project in the realisation phase or closed, when the gain owners report the realisation?"""
    return project is not None and project.phase in REALISATION_PHASES


@rules.predicate
def is_programme_leader(user) -> bool:
    return roles.has_role(user, roles.PROGRAMME_LEADER)


@rules.predicate
def owns_benefit(user, benefit) -> bool:
    return benefit is not None and user.is_authenticated and benefit.owner_id == user.pk


@rules.predicate
def benefit_project_delivering(user, benefit) -> bool:
    """The benefit's project is not yet in realisation: its editors still report the realised figures."""
    return benefit is not None and not in_realisation(benefit.project)


@rules.predicate
def leads_benefits_sub_programme(user, benefit) -> bool:
    return benefit is not None and leads_projects_sub_programme(user, benefit.project)


@rules.predicate
def leads_or_owns_benefits_project(user, benefit) -> bool:
    return benefit is not None and leads_or_owns_project(user, benefit.project)


@rules.predicate
def owns_a_benefit_of(user, project) -> bool:
    """The user owns at least one of the project's benefits (one query)."""
    return (
        project is not None and user.is_authenticated and project.benefits.filter(owner_id=user.pk).exists()
    )


can_edit_benefits = can_edit_project
can_report_realisation = (
    is_administrator
    | leads_benefits_sub_programme
    | owns_benefit
    | (leads_or_owns_benefits_project & benefit_project_delivering)
)
# May open the project's gains for writing at all: edit its plan, or report the realisation of a benefit.
can_write_project_gains = can_edit_project | owns_a_benefit_of
can_import_benefits = is_administrator | is_executive | is_programme_leader
may_import_for_project = is_administrator | is_executive | leads_projects_sub_programme
can_set_targets = is_administrator | is_executive

rules.add_perm("benefits.view_benefits", rules.is_authenticated)
rules.add_perm("benefits.change_project_benefits", can_edit_benefits)
rules.add_perm("benefits.report_realisation", can_report_realisation)
rules.add_perm("benefits.write_project_gains", can_write_project_gains)
rules.add_perm("benefits.import_benefits", can_import_benefits)
rules.add_perm("benefits.import_project_benefits", may_import_for_project)
rules.add_perm("benefits.change_targets", can_set_targets)


# --- Measurements of non-financial gains --------------------------------------------------------------------

# Measurements are a non-financial benefit's realised figures: whoever reports its realisation records them
# (its owner always; the project's leader and owner only until the project reaches realisation).
can_record_measurements = can_report_realisation

rules.add_perm("benefits.record_measurements", can_record_measurements)
