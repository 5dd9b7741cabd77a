from django.urls import path

from . import excel_views, import_views, views, views_indicators, views_map

app_name = "benefits"

urlpatterns = [
    path("", views.overview_index, name="overview"),
    path("program/<int:programme_id>/", views.programme_overview, name="programme_overview"),
    path("program/<int:programme_id>/eksport.xlsx", excel_views.benefit_export, name="benefit_export"),
    path("import/<int:plan_import_id>/", views.import_job, name="import_job"),
    path("import/<int:plan_import_id>/igjen/", views.import_retry, name="import_retry"),
    path("eksport/<int:plan_export_id>/", views.export_job, name="export_job"),
    path("eksport/<int:plan_export_id>/fil/", views.export_file, name="export_file"),
    path("program/<int:programme_id>/mal.xlsx", excel_views.benefit_template, name="benefit_template"),
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

# The benefit map (benefits.views_map).
urlpatterns += [
    path("prosjekt/<int:project_id>/gevinstkart/", views_map.project_map_edit, name="project_map"),
    path(
        "prosjekt/<int:project_id>/gevinstkart/endring/<int:change_id>/",
        views_map.change_edit,
        name="map_change_edit",
    ),
    path(
        "prosjekt/<int:project_id>/gevinstkart/endring/<int:change_id>/slett/",
        views_map.change_delete,
        name="map_change_delete",
    ),
    path(
        "prosjekt/<int:project_id>/gevinstkart/gevinst/<int:benefit_id>/mal/",
        views_map.benefit_goals,
        name="map_benefit_goals",
    ),
    path("program/<int:programme_id>/mal-og-gevinster/", views_map.programme_goals, name="programme_goals"),
]

# Non-financial gains as indicators: measurements, target and scorecard indicator (views_indicators).
urlpatterns += [
    path(
        "prosjekt/<int:project_id>/gevinst/<int:benefit_id>/malinger/",
        views_indicators.measurements,
        name="indicator_measurements",
    ),
    path(
        "prosjekt/<int:project_id>/gevinst/<int:benefit_id>/malinger/<int:measurement_id>/",
        views_indicators.measurement_edit,
        name="indicator_measurement_edit",
    ),
    path(
        "prosjekt/<int:project_id>/gevinst/<int:benefit_id>/malinger/<int:measurement_id>/slett/",
        views_indicators.measurement_delete,
        name="indicator_measurement_delete",
    ),
    path(
        "prosjekt/<int:project_id>/gevinst/<int:benefit_id>/mal-og-indikator/",
        views_indicators.indicator_settings,
        name="indicator_settings",
    ),
]
