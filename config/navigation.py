"""The navigation that links the apps together: the main menu, fitted to the signed-in user's roles (a
template context processor), and a project's tabs (one page per app).

It lives in config because it names pages of every app; an app's own templates link only to its own pages
and those of the apps below it (tests/core/test_import_graph.py).
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core import roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...] | None = None  # None: every signed-in user


NAV_ITEMS = (
    NavItem(_("My projects"), "programmes:my_projects", (roles.PROJECT_LEADER, roles.PROGRAMME_LEADER)),
    NavItem(_("Programme"), "programmes:programme_list"),
    NavItem(_("Projects"), "programmes:project_list"),
    NavItem(_("Gains"), "benefits:overview"),
    NavItem(_("Goals and scorecards"), "scorecards:index"),
    # The kommunedirektør works on the board; everyone else reads the overview (which links to the board).
    NavItem(_("Portfolio"), "portfolio:board", (roles.ADMINISTRATOR, roles.EXECUTIVE)),
    NavItem(
        _("Portfolio"),
        "portfolio:overview",
        (roles.PROGRAMME_LEADER, roles.PROJECT_LEADER, roles.POLITICIAN),
    ),
    NavItem(_("Reports"), "reports:archive"),
    NavItem(_("Administration"), "admin:index", (roles.ADMINISTRATOR,)),
    NavItem(_("Help"), "help"),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": []}
    user_roles = roles.role_names(user)
    items = []
    for item in NAV_ITEMS:
        if item.roles is not None and not (user_roles & set(item.roles)):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return {"nav_items": items, "user_roles": sorted(user_roles)}


@dataclass(frozen=True)
class ProjectTab:
    key: str  # what a page passes as `active`
    label: str
    url_name: str  # takes the project's id


PROJECT_TABS = (
    ProjectTab("overview", _("Overview"), "programmes:project_detail"),
    ProjectTab("goals", _("Goals"), "scorecards:project_goals"),
    ProjectTab("benefits", _("Gains"), "benefits:project_benefits"),
    ProjectTab("prioritisation", _("Prioritisation"), "portfolio:project"),
)


def project_tabs(*, project_id: int, active: str) -> list[dict]:
    """The tabs of one project, `active` marked as the current page."""
    if active not in {tab.key for tab in PROJECT_TABS}:
        raise ValueError(f"No project tab {active!r}")
    return [
        {"label": tab.label, "url": reverse(tab.url_name, args=[project_id]), "current": tab.key == active}
        for tab in PROJECT_TABS
    ]
