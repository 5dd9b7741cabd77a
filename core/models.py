"""Abstract models every app may build on. core has no tables of its own."""

from django.db import models


class Versioned(models.Model):
    """Optimistic locking: `version` grows with every save, whatever path saves (services, admin, commands).

    A form carries the version it was opened at; a save made on an older version is merged field by field
    with what was saved meanwhile (core.merge), so no change is lost without the user choosing it.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)
