from django.apps import AppConfig
from django.db.backends.signals import connection_created

from .sqlite import fold_case_on_sqlite


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Felles"

    def ready(self) -> None:
        connection_created.connect(fold_case_on_sqlite, dispatch_uid="core.sqlite.fold_case_on_sqlite")
