from django.urls import path

from . import import_views, views, views_ledger

app_name = "benefits"

urlpatterns = [
    path("", views.overview_index, name="overview"),
    path("program/<int:programme_id>/", views.programme_overview, name="programme_overview"),
    path("program/<int:programme_id>/gevinstplan/", views_ledger.programme_ledger, name="ledger"),
    path("program/<int:programme_id>/eksport.xlsx", views.benefit_export, name="benefit_export"),
    path("import/<int:plan_import_id>/", views.import_job, name="import_job"),
    path("import/<int:plan_import_id>/igjen/", views.import_retry, name="import_retry"),
    path("eksport/<int:plan_export_id>/", views.export_job, name="export_job"),
    path("eksport/<int:plan_export_id>/fil/", views.export_file, name="export_file"),
    path("program/<int:programme_id>/mal.xlsx", views.benefit_template, name="benefit_template"),
    path("program/<int:programme_id>/import/", views.benefit_import, name="benefit_import"),
    path(
        "program/<int:programme_id>/opplasting/<int:gains_upload_id>/kolonner/",
        import_views.upload_columns,
        name="upload_columns",
    ),
    path(
        "program/<int:programme_id>/opplasting/<int:gains_upload_id>/forhandsvisning/",
        import_views.upload_preview,
        name="upload_preview",
    ),
    path("program/<int:programme_id>/maal/", views.targets_edit, name="targets_edit"),
    path("delprogram/<int:sub_programme_id>/", views.sub_programme_overview, name="sub_programme_overview"),
    path("prosjekt/<int:project_id>/", views.project_benefits, name="project_benefits"),
    path("prosjekt/<int:project_id>/ny/", views.benefit_create, name="benefit_create"),
    path("prosjekt/<int:project_id>/gevinst/<int:benefit_id>/", views.benefit_edit, name="benefit_edit"),
    path(
        "prosjekt/<int:project_id>/gevinst/<int:benefit_id>/slett/",
        views.benefit_delete,
        name="benefit_delete",
    ),
]
