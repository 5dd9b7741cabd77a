"""E-mail notifications: what each user wants to receive, and every message recorded before it is sent.

A message is one row per (kind, recipient, event), so running a schedule or a worker twice finds the row
and sends nothing more. The row is written (pending) before the message is sent, marked sending while the
mail server is spoken to, and sent or failed after; only a failed message is tried again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_DUE = "report_due", _("A status report is due soon")
    REPORT_OVERDUE = "report_overdue", _("A status report is overdue")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest of my sub-programme")
    DECISION = "decision", _("A portfolio decision on my project")
    REPORT_FINISHED = "report_finished", _("A PDF report is finished or failed")
    GAINS_DUE = "gains_due", _("Realised gains to report for benefits I own")


KIND_HELP = {
    Kind.REPORT_DUE: _("To project leaders, a few days before the deadline of the period's status report."),
    Kind.REPORT_OVERDUE: _("To project leaders, when the deadline of the period's status report has passed."),
    Kind.WEEKLY_DIGEST: _(
        "To sub-programme leaders, every Monday: missing status reports, new reds, milestones and gains."
    ),
    Kind.DECISION: _("To the project's leader and owner, with the reason for the decision."),
    Kind.REPORT_FINISHED: _("To the kommunedirektør, when a PDF status report is made or could not be made."),
    Kind.GAINS_DUE: _(
        "To benefit owners, once a month: the gains of projects in realisation or closed whose realised "
        "figure for a year that has begun is missing."
    ),
}


class Preference(models.Model):
    """A user's choice for one kind of message; without a row the user receives it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    enabled = models.BooleanField(_("receive"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    """One e-mail to one person about one event, rendered when it was recorded."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_messages",
        verbose_name=_("recipient"),
    )
    # What the message is about, e.g. "project:12:2026-T2", "decision:40" or "week:2026-W49".
    event = models.CharField(_("event"), max_length=100)
    to_address = models.EmailField(_("address"))
    subject = models.CharField(_("subject"), max_length=200)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "event"], name="notification_message_once")
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="notification_status_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address}"
