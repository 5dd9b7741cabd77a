"""The apps' events that become e-mail: a worker records and sends the messages."""

from django.dispatch import receiver

from portfolio.reports.signals import report_finished
from portfolio.signals import decision_recorded

from . import tasks


@receiver(decision_recorded, dispatch_uid="notifications.decision")
def on_decision_recorded(sender, decision_id: int, **kwargs) -> None:
    tasks.notify_decision.delay(decision_id)


@receiver(report_finished, dispatch_uid="notifications.report")
def on_report_finished(sender, report_id: int, **kwargs) -> None:
    tasks.notify_report.delay(report_id)
