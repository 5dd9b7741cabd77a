from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.adminkit import PeopleByName, person_column, yes_no_column
from programmes.people import person_name

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
        yes_no_column(Benefit, "budget_withdrawal"),
    ]
    list_filter = ["kind", "budget_withdrawal", "project__sub_programme"]
    search_fields = ["title", "project__name"]
    list_select_related = ["project", "owner"]
    raw_id_fields = ["project"]
    autocomplete_fields = ["owner"]
    inlines = [PlanYearInline]


@admin.register(EconomicPlan)
class EconomicPlanAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "start_year", "years"]


@admin.register(SavingsTarget)
class SavingsTargetAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "sub_programme", "year", "amount"]
    list_filter = ["programme", "year"]
