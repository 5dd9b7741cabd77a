from django.urls import path

from .views import board, criteria, overview, project, scenarios

app_name = "portfolio"

urlpatterns = [
    path("", board.board, name="board"),
    path("rekkefolge/", board.reorder, name="reorder"),
    path("flytt/", board.move, name="move"),
    path("ranger-etter-prioritet/", board.rank_by_priority, name="rank_by_priority"),
    path("angre-rangering/", board.undo_rank, name="undo_rank"),
    path("kapasitet/", board.capacity, name="capacity"),
    path("oversikt/", overview.overview, name="overview"),
    path("oversikt/eksport.xlsx", overview.overview_export, name="overview_export"),
    path("prosjekt/<int:project_id>/", project.project, name="project"),
    path("prosjekt/<int:project_id>/vurdering/", project.assess, name="assess"),
    path("prosjekt/<int:project_id>/beslutning/", project.decide, name="decide"),
    path("scenarier/ny/", scenarios.scenario_create, name="scenario_create"),
    path("scenarier/forslag/", scenarios.scenario_suggest, name="scenario_suggest"),
    path("scenarier/<int:scenario_id>/", scenarios.scenario, name="scenario"),
    path("kriterier/", criteria.criteria, name="criteria"),
    path("kriterier/<int:criterion_id>/", criteria.criterion_edit, name="criterion_edit"),
]
