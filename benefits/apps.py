from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Gains")

    def ready(self):
        # programmes shows a project's expected gain but may not import this app: hand it the selector.
        from programmes import gains, page_sections

        from . import selectors

        gains.register(lambda project_ids: selectors.expected_gains(project_ids=project_ids))
        # The project's benefit map on the project page (benefits.benefit_map).
        page_sections.register("benefits/includes/project_page_map.html")

        # Django names a many-to-many field's own table «benefit-goal relationship» in English whatever the
        # language; the admin's delete confirmation lists its rows. Name them as a user reads them.
        from .models import Benefit, ProjectChange

        for through, name, plural in (
            (Benefit.goals.through, _("goal a benefit serves"), _("goals benefits serve")),
            (ProjectChange.benefits.through, _("benefit a change gives"), _("benefits changes give")),
        ):
            through._meta.verbose_name = name
            through._meta.verbose_name_plural = plural
