"""Who may change goals, scorecards and projects' goal links (django-rules predicates)."""

import rules

from programmes.rules import is_administrator, is_employee


@rules.predicate
def owns_scorecard(user, scorecard) -> bool:
    return scorecard is not None and scorecard.owner_id == user.pk


can_edit_scorecard = is_administrator | owns_scorecard

rules.add_perm("scorecards.view_scorecard", rules.is_authenticated)
rules.add_perm("scorecards.view_goal", rules.is_authenticated)
# Any employee may start a scorecard (and owns it); elected members change nothing.
rules.add_perm("scorecards.add_scorecard", is_employee)
rules.add_perm("scorecards.change_scorecard", can_edit_scorecard)
# The master plan's goals are decided by the council; administrators keep them (in the admin).
rules.add_perm("scorecards.change_goal", is_administrator)
