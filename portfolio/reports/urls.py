from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("bestill/", views.order, name="order"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/les/", views.read, name="read"),
    path("<int:report_id>/pdf/", views.download, name="download"),
    path("<int:report_id>/publiser/", views.publish, name="publish"),
    path("<int:report_id>/prov-igjen/", views.retry, name="retry"),
    path("<int:report_id>/rett/", views.correct, name="correct"),
]
