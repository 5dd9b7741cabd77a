"""Who may do what with gains (django-rules predicates), built on the programme's own project rules.

- Reading gains and the overviews, and exporting them: every signed-in user, as for projects.
- Editing a project's benefits and plan: whoever may edit the project (programmes.change_project).
- Importing a benefit plan from Excel: Administrator, Kommunedirektør and Programleder may open the
  import; each row must then be a project the user may import for (`may_import_for_project`):
  Administrator and Kommunedirektør any project, a Programleder the projects of the sub-programmes they
  lead. Project leaders enter their figures in the grid instead.
- Setting the economic-plan period and the savings targets: Administrator and Kommunedirektør.
"""

import rules

from core import roles
from programmes.rules import can_edit_project, is_administrator, is_executive, leads_projects_sub_programme


@rules.predicate
def is_programme_leader(user) -> bool:
    return roles.has_role(user, roles.PROGRAMME_LEADER)


can_edit_benefits = can_edit_project
can_import_benefits = is_administrator | is_executive | is_programme_leader
may_import_for_project = is_administrator | is_executive | leads_projects_sub_programme
can_set_targets = is_administrator | is_executive

rules.add_perm("benefits.view_benefits", rules.is_authenticated)
rules.add_perm("benefits.change_project_benefits", can_edit_benefits)
rules.add_perm("benefits.import_benefits", can_import_benefits)
rules.add_perm("benefits.import_project_benefits", may_import_for_project)
rules.add_perm("benefits.change_targets", can_set_targets)


# --- Measurements of non-financial gains --------------------------------------------------------------------


@rules.predicate
def owns_benefit(user, benefit) -> bool:
    return benefit is not None and user.is_authenticated and benefit.owner_id == user.pk


@rules.predicate
def may_enter_realised(user, benefit) -> bool:
    """The rule for a benefit's realised figures, asked through its permission's name so that measurements
    follow any change to it."""
    return benefit is not None and rules.has_perm("benefits.change_project_benefits", user, benefit.project)


# Measurements are a non-financial benefit's realised figures: whoever may enter those, and its owner.
can_record_measurements = may_enter_realised | owns_benefit

rules.add_perm("benefits.record_measurements", can_record_measurements)
