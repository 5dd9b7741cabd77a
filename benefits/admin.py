from django.contrib import admin
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import PeopleByName, person_column
from core.people import person_name

from .models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget


class PlanYearInline(admin.TabularInline):
    model = BenefitPlanYear
    extra = 0


@admin.register(Benefit)
class BenefitAdmin(PeopleByName, SimpleHistoryAdmin):
    list_display = [
        "title",
        "project",
        "kind",
        person_column(Benefit, "owner", person_name),
    ]
    list_filter = ["kind", "project__sub_programme"]
    search_fields = ["title", "project__name"]
    list_select_related = ["project", "owner"]
    raw_id_fields = ["project"]
    autocomplete_fields = ["owner"]
    inlines = [PlanYearInline]

    # A change here bumps the version like every other write, so a benefit form opened before it notices.
    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and not form.has_changed() and any(f.has_changed() for f in formsets):
            Benefit.objects.filter(pk=form.instance.pk).update(version=F("version") + 1)


@admin.register(EconomicPlan)
class EconomicPlanAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "start_year", "years", "horizon_years"]


@admin.register(SavingsTarget)
class SavingsTargetAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "sub_programme", "year", "amount"]
    list_filter = ["programme", "year"]
