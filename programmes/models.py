"""The programme structure: a restructuring programme, its sub-programmes and their projects."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Either date may be unknown; when both are known the end is not before the start.
END_NOT_BEFORE_START = (
    Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date"))
)


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("purpose"), blank=True)
    start_date = models.DateField(_("started"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="programme_name_unique",
                violation_error_message=_("A programme with this name already exists."),
            ),
            models.CheckConstraint(
                condition=END_NOT_BEFORE_START,
                name="programme_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme_detail", args=[self.pk])


class SubProgramme(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sub_programmes", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_sub_programmes",
        verbose_name=_("sub-programme leader"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sub-programme")
        verbose_name_plural = _("sub-programmes")
        ordering = ["programme", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                "programme",
                Lower("name"),
                name="sub_programme_name_unique_in_programme",
                violation_error_message=_("The programme already has a sub-programme with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Phase(models.TextChoices):
    """Prosjektveiviseren's phases, from idea to closed."""

    IDEA = "idea", _("Idea")
    CONCEPT = "concept", _("Concept")
    PLANNING = "planning", _("Planning")
    EXECUTION = "execution", _("Execution")
    REALISATION = "realisation", _("Realisation of gains")
    CLOSED = "closed", _("Closed")


class Project(models.Model):
    sub_programme = models.ForeignKey(
        SubProgramme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("sub-programme")
    )
    name = models.CharField(_("name"), max_length=200)
    need = models.TextField(
        _("need"), help_text=_("The need the project answers, written before any solution.")
    )
    description = models.TextField(_("description"), blank=True)
    goal = models.TextField(_("project goal"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("project owner"),
        help_text=_("The accountable line leader."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("project leader"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.IDEA)
    start_date = models.DateField(_("planned start"), null=True, blank=True)
    end_date = models.DateField(_("planned end"), null=True, blank=True)
    cost_estimate = models.PositiveBigIntegerField(
        _("cost (NOK)"), default=0, help_text=_("Total expected cost in whole kroner.")
    )
    resource_need = models.DecimalField(
        _("resource need (person-years)"),
        max_digits=6,
        decimal_places=1,
        default=0,
        help_text=_("Internal capacity the project needs, in person-years."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "sub_programme",
                Lower("name"),
                name="project_name_unique_in_sub_programme",
                violation_error_message=_("The sub-programme already has a project with this name."),
            ),
            models.CheckConstraint(
                condition=END_NOT_BEFORE_START,
                name="project_end_not_before_start",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(resource_need__gte=0),
                name="project_resource_need_not_negative",
                violation_error_message=_("The resource need cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
