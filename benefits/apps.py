from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Gains")

    def ready(self):
        # programmes shows a project's expected gain but may not import this app: hand it the selector.
        from programmes import gains

        from . import selectors

        gains.register(lambda project_ids: selectors.expected_gains(project_ids=project_ids))
