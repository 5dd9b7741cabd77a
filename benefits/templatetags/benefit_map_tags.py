"""`{% benefit_map_section project %}`: the project's benefit map (benefits.benefit_map) on the project page,
whose view belongs to programmes (which may not import this app)."""

from django import template

from core import access

from ..benefit_map import project_map

register = template.Library()


@register.inclusion_tag("benefits/includes/map_section.html", takes_context=True)
def benefit_map_section(context, project) -> dict:
    user = context["request"].user
    return {
        "map": project_map(project_id=project.pk),
        "project": project,
        "can_edit_map": access.has_perm(user, "benefits.change_project_benefits", project),
    }
