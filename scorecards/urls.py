from django.urls import path

from . import import_views, views

app_name = "scorecards"

urlpatterns = [
    path("", views.index, name="index"),
    path("kommuneplanmal/<int:goal_id>/", views.goal_detail, name="goal_detail"),
    path("malekort/ny/", views.scorecard_create, name="scorecard_create"),
    path("malekort/mal.xlsx", views.import_template, name="import_template"),
    path("malekort/<int:scorecard_id>/", views.scorecard_detail, name="scorecard_detail"),
    path("malekort/<int:scorecard_id>/import/", import_views.scorecard_import, name="scorecard_import"),
    path("malekort/<int:scorecard_id>/eksport/", views.scorecard_export, name="scorecard_export"),
    path("import/<int:import_id>/", import_views.import_job, name="import_job"),
    path("import/<int:import_id>/igjen/", import_views.import_retry, name="import_retry"),
    path(
        "malekort/<int:scorecard_id>/opplasting/<int:upload_id>/kolonner/",
        import_views.upload_columns,
        name="upload_columns",
    ),
    path(
        "malekort/<int:scorecard_id>/opplasting/<int:upload_id>/forhandsvisning/",
        import_views.upload_preview,
        name="upload_preview",
    ),
    path("eksport/<int:export_id>/", views.export_job, name="export_job"),
    path("eksport/<int:export_id>/fil/", views.export_file, name="export_file"),
    path("indikatorer/<int:indicator_id>/verdi/", views.value_edit, name="value_edit"),
    path("indikatorer/<int:indicator_id>/retning/", views.direction_confirm, name="direction_confirm"),
    path("prosjekter/<int:project_id>/", views.project_goals, name="project_goals"),
    path(
        "prosjekter/<int:project_id>/koblinger/<int:link_id>/",
        views.project_goal_edit,
        name="project_goal_edit",
    ),
]
