"""Top-level URLs: authentication, the apps, and the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from config import views as config_views
from programmes.forms import LoginForm

urlpatterns = [
    path("", config_views.home, name="home"),
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("programmes.urls")),
    path("mal/", include("scorecards.urls")),
    path("gevinster/", include("benefits.urls")),
    path("portefolje/", include("portfolio.urls")),
    path("rapporter/", include("portfolio.reports.urls")),
    # «Hjelp»: one page per role (config/help.py).
    path("hjelp/", include("config.help")),
    path("varsler/", include("notifications.urls")),
    # The admin signs in through the same (throttled, Norwegian) login page as everything else.
    path("admin/login/", config_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
