"""The log of role changes made at sign-in with the municipality's account (OpenID Connect)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoleChange(models.Model):
    """A role given or taken away because of the groups a person's identity provider sent at sign-in."""

    class Action(models.TextChoices):
        ADDED = "added", _("Given")
        REMOVED = "removed", _("Taken away")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_changes",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=150)
    action = models.CharField(_("change"), max_length=10, choices=Action.choices)
    groups = models.JSONField(
        _("groups in the sign-in"),
        default=list,
        help_text=_("The mapped group ids the identity provider sent with the sign-in that made the change."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_action_display()} {self.role}"
