"""The «Hjelp» pages: one short page per role on what the role does here, how the tertial cycle works, what
the statuses mean and how gains are counted (the rules of programmes.selectors and benefits.selectors).

It lives in config because the pages speak of every app."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core import roles


@dataclass(frozen=True)
class HelpPage:
    url_name: str
    slug: str  # the page's path under /hjelp/
    role: str
    title: str
    template: str  # the role's own part; the shared parts are in templates/help/page.html


# In the order /hjelp/ picks a page for someone with several roles: the most hands-on role first.
HELP_PAGES = (
    HelpPage(
        "help_project_leader",
        "prosjektleder",
        roles.PROJECT_LEADER,
        _("Help for project leaders"),
        "help/project_leader.html",
    ),
    HelpPage(
        "help_programme_leader",
        "programleder",
        roles.PROGRAMME_LEADER,
        _("Help for sub-programme leaders"),
        "help/programme_leader.html",
    ),
    HelpPage(
        "help_executive",
        "kommunedirektor",
        roles.EXECUTIVE,
        _("Help for the chief municipal executive"),
        "help/executive.html",
    ),
    HelpPage(
        "help_politician",
        "politiker",
        roles.POLITICIAN,
        _("Help for elected members"),
        "help/politician.html",
    ),
    HelpPage(
        "help_administrator",
        "administrator",
        roles.ADMINISTRATOR,
        _("Help for administrators"),
        "help/administrator.html",
    ),
)


def help_index(request: HttpRequest) -> HttpResponse:
    """/hjelp/: the page of the user's own role; a user without a role chooses from the list."""
    user_roles = roles.role_names(request.user)
    for page in HELP_PAGES:
        if page.role in user_roles:
            return redirect(page.url_name)
    return render(request, "help/index.html", {"pages": HELP_PAGES})


def help_page(request: HttpRequest, *, page: HelpPage) -> HttpResponse:
    others = [other for other in HELP_PAGES if other != page]
    return render(request, "help/page.html", {"page": page, "others": others})


urlpatterns = [
    path("", help_index, name="help"),
    *(path(f"{page.slug}/", help_page, {"page": page}, name=page.url_name) for page in HELP_PAGES),
]
