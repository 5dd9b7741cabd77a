"""Who may do what in the portfolio: the kommunedirektør (and Administrator) prioritises and decides;
every signed-in role may read the board and the overview; only Administrator edits the criteria."""

import rules

from programmes.rules import is_administrator, is_executive

can_prioritise = is_administrator | is_executive

rules.add_perm("portfolio.view_board", rules.is_authenticated)
rules.add_perm("portfolio.view_overview", rules.is_authenticated)
# Ranking, assessing, deciding, setting capacity and working with what-if scenarios.
rules.add_perm("portfolio.prioritise", can_prioritise)
rules.add_perm("portfolio.change_criterion", is_administrator)
