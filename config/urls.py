"""Top-level URLs: authentication, the apps, and the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from accounts import views as account_views
from config import views as config_views
from programmes.forms import LoginForm

urlpatterns = [
    path("", config_views.home, name="home"),
    # Sign-in: the password form as LOCAL_LOGIN allows, and the municipality's account (OpenID Connect).
    path("logg-inn/", account_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logg-ut/", account_views.LogoutView.as_view(), name="logout"),
    path("oidc/", include("accounts.urls")),
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
