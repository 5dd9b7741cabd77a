"""Top-level URLs: authentication, the apps, and the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from programmes.forms import LoginForm
from programmes.views import programmes as programme_views

urlpatterns = [
    path("", programme_views.home, name="home"),
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("programmes.urls")),
    path("gevinster/", include("benefits.urls")),
    path("portefolje/", include("portfolio.urls")),
    path("rapporter/", include("portfolio.reports.urls")),
    path("mal/", include("scorecards.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
