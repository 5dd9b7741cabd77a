from django.urls import path

from .views import decisions, programmes, projects, register, status

app_name = "programmes"

urlpatterns = [
    path("program/", programmes.programme_list, name="programme_list"),
    path("program/<int:programme_id>/", programmes.programme_detail, name="programme_detail"),
    path("mine-prosjekter/", projects.my_projects, name="my_projects"),
    path("prosjekter/", register.project_list, name="project_list"),
    path("prosjekter/eksport.xlsx", register.project_export, name="project_export"),
    path("prosjekter/ny/", projects.project_create, name="project_create"),
    path("prosjekter/<int:project_id>/", projects.project_detail, name="project_detail"),
    path("prosjekter/<int:project_id>/endre/", projects.project_edit, name="project_edit"),
    path(
        "prosjekter/<int:project_id>/beslutningspunkt/forbered/",
        decisions.decision_prepare,
        name="decision_prepare",
    ),
    path(
        "prosjekter/<int:project_id>/beslutningspunkt/<int:decision_point_id>/beslutt/",
        decisions.decision_decide,
        name="decision_decide",
    ),
    path("prosjekter/<int:project_id>/status/ny/", status.status_report_create, name="status_report_create"),
    path("prosjekter/<int:project_id>/milepaeler/ny/", projects.milestone_edit, name="milestone_create"),
    path(
        "prosjekter/<int:project_id>/milepaeler/<int:milestone_id>/",
        projects.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "prosjekter/<int:project_id>/milepaeler/<int:milestone_id>/slett/",
        projects.milestone_delete,
        name="milestone_delete",
    ),
    path("prosjekter/<int:project_id>/risikoer/ny/", projects.risk_edit, name="risk_create"),
    path("prosjekter/<int:project_id>/risikoer/<int:risk_id>/", projects.risk_edit, name="risk_edit"),
    path(
        "prosjekter/<int:project_id>/risikoer/<int:risk_id>/slett/", projects.risk_delete, name="risk_delete"
    ),
]
