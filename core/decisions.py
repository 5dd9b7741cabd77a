"""The outcomes of a portfolio decision, kept here because the project register (programmes) filters on
them while the decisions themselves belong to portfolio, which programmes may not import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    INCLUDE = "include", _("Include in portfolio")
    WAIT = "wait", _("Wait")
    REJECT = "reject", _("Reject")
    CLOSE = "close", _("Close")
