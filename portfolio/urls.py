from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("", views.board, name="board"),
    path("rekkefolge/", views.reorder, name="reorder"),
    path("flytt/", views.move, name="move"),
    path("ranger-etter-prioritet/", views.rank_by_priority, name="rank_by_priority"),
    path("angre-rangering/", views.undo_rank, name="undo_rank"),
    path("kapasitet/", views.capacity, name="capacity"),
    path("oversikt/", views.overview, name="overview"),
    path("oversikt/eksport.xlsx", views.overview_export, name="overview_export"),
    path("prosjekt/<int:project_id>/", views.project, name="project"),
    path("prosjekt/<int:project_id>/vurdering/", views.assess, name="assess"),
    path("prosjekt/<int:project_id>/beslutning/", views.decide, name="decide"),
    path("scenarier/ny/", views.scenario_create, name="scenario_create"),
    path("scenarier/forslag/", views.scenario_suggest, name="scenario_suggest"),
    path("scenarier/<int:scenario_id>/", views.scenario, name="scenario"),
    path("kriterier/", views.criteria, name="criteria"),
    path("kriterier/<int:criterion_id>/", views.criterion_edit, name="criterion_edit"),
]
