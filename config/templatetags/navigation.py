"""Template tags for the navigation between apps: `{% load navigation %}{% project_tabs project "goals" %}`."""

from django import template

from config import navigation

register = template.Library()


@register.inclusion_tag("includes/project_tabs.html")
def project_tabs(project, active: str) -> dict:
    return {"tabs": navigation.project_tabs(project_id=project.pk, active=active)}
