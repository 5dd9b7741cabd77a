"""`{% status_trend project %}`: the project's status trend (programmes.trends) as the project page shows
it; the page's view stays as it is."""

from django import template

from ..trends import status_trends

register = template.Library()


@register.inclusion_tag("programmes/includes/status_trend.html")
def status_trend(project) -> dict:
    return {"trend": status_trends(project_ids=[project.pk])[project.pk], "project": project}
